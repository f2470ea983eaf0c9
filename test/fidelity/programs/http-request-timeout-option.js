// The `timeout` option of http.request: 'timeout' fires, the program aborts with its own error.
const http = require('http');

const server = http.createServer((req, res) => {
  setTimeout(() => res.end('late'), 200);
});
server.listen(0, () => {
  const req = http.request({ port: server.address().port, timeout: 60 }, () => console.log('unexpected response'));
  req.on('timeout', () => {
    console.log('timeout event, socket timeout', req.socket.timeout);
    req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' }));
  });
  req.on('error', (err) => console.log('error', err.code, err.message));
  req.on('close', () => {
    console.log('closed');
    setTimeout(() => server.close(), 250);
  });
  req.end();
});
