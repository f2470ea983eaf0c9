// node: <24
// (Node 24+ closes the request before the response here; the simulation runs Node 20's http, which does not: not modelled yet.)
// The order of every event of one request and its response, on both sides.
const http = require('http');
const log = (...a) => console.log(...a);

const server = http.createServer((req, res) => {
  log('server request');
  req.on('data', (c) => log('server req data', c.length));
  req.on('end', () => {
    log('server req end');
    res.on('finish', () => log('server res finish'));
    res.on('close', () => log('server res close'));
    res.end('ok');
    log('server res.end returned');
  });
  req.on('close', () => log('server req close'));
});
server.on('connection', (s) => {
  log('server connection');
  s.on('close', () => log('server socket close'));
});
server.listen(0, () => {
  log('listening');
  const req = http.request({ port: server.address().port, method: 'POST', headers: { connection: 'close' } });
  req.on('socket', (s) => {
    log('client socket');
    s.on('connect', () => log('client socket connect'));
    s.on('close', () => {
      log('client socket close');
      server.close(() => log('server closed'));
    });
  });
  req.on('finish', () => log('client req finish'));
  req.on('response', (res) => {
    log('client response', res.statusCode);
    res.on('data', (c) => log('client res data', c.toString()));
    res.on('end', () => log('client res end'));
    res.on('close', () => log('client res close'));
  });
  req.on('close', () => log('client req close'));
  req.end('body!');
  log('req.end returned');
});
