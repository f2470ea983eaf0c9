// A client timeout destroying the request: server EOF in the same iteration, close callbacks after the check phase.
const http = require('http');
const log = (...a) => console.log(...a);
const server = http.createServer((req, res) => {
  res.on('close', () => log('server res close'));
  req.socket.on('end', () => { log('server sock end'); setImmediate(() => log('imm after server end')); });
  req.socket.on('close', () => log('server sock close'));
});
server.listen(0, () => {
  const req = http.get({ port: server.address().port, path: '/slow' });
  req.setTimeout(100, () => {
    log('timeout');
    setImmediate(() => log('imm after timeout'));
    req.destroy(new Error('x'));
  });
  req.on('error', (err) => log('error', err.message));
  req.on('close', () => { log('client close'); setTimeout(() => server.close(), 20); });
  req.on('socket', (s) => s.on('close', () => log('client sock close')));
});
