// Three clients connect at once. libuv accepts one connection per readiness of the listening
// socket (strace: one accept4 per epoll_wait), so the server hears them in three successive loop
// iterations — what decides which request a server reads first, and how many connections a
// keep-alive client pool ends up opening.
const http = require('http');
let accepted = 0;
let iteration = 0;
const server = http.createServer((req, res) => res.end('ok ' + req.url));
server.on('connection', (socket) => {
  socket.n = ++accepted;
  console.log('connection', socket.n, 'in iteration', iteration);
});
function countIterations() {
  setImmediate(() => {
    iteration++;
    if (accepted < 3) countIterations();
  });
}
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const bodies = [];
  for (const path of ['/a', '/b', '/c']) {
    http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.setEncoding('utf8');
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        bodies.push(body);
        if (bodies.length === 3) server.close(() => console.log('bodies', bodies.sort().join(', ')));
      });
    });
  }
  countIterations();
});
