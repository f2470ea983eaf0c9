// Which loop phase each event of a connection: close exchange lands in (immediates mark the check phase).
const http = require('http');
const log = (...a) => console.log(...a);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.on('finish', () => { log('server res finish'); setImmediate(() => log('imm after finish')); });
    res.end('ok');
    setImmediate(() => log('imm after end'));
    process.nextTick(() => log('tick after end'));
  });
});
server.on('connection', (s) => {
  s.on('end', () => log('server socket end'));
  s.on('finish', () => { log('server socket finish'); setImmediate(() => log('imm after sock finish')); });
  s.on('close', () => log('server socket close'));
});
server.listen(0, () => {
  const req = http.request({ port: server.address().port, method: 'POST', headers: { connection: 'close' } });
  req.on('response', (res) => {
    log('client response');
    res.on('data', (c) => log('client res data'));
    res.on('end', () => log('client res end'));
  });
  req.on('socket', (s) => { s.on('end', () => log('client sock end')); s.on('close', () => { log('client socket close'); server.close(); }); });
  req.end('body!');
});
