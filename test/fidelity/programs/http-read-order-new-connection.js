// Three clients connect at once (agent: false, one connection each) and write their request at
// once. A connection just accepted starts reading, but libuv registers its watcher with epoll
// only when the next poll phase starts: data waiting on it is read after what arrived meanwhile
// on sockets already watched. Node: "response ok /a" before "request /b".
const http = require('http');
let n = 0;
const server = http.createServer((req, res) => {
  console.log('request', req.url, 'on connection', req.socket.n);
  res.end('ok ' + req.url);
});
server.on('connection', (s) => {
  s.n = ++n;
  console.log('connection', n);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  let done = 0;
  for (const path of ['/a', '/b', '/c']) {
    http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (d) => console.log('response', d));
      res.on('end', () => {
        if (++done === 3) server.close(() => console.log('closed'));
      });
    });
  }
  setImmediate(() => console.log('check 1'));
  setImmediate(() => setImmediate(() => console.log('check 2')));
});
