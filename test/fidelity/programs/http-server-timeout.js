// server.setTimeout: an idle socket times out on the server; with a listener the app decides.
const http = require('http');

const server = http.createServer((req, res) => {
  console.log('request', req.url);
  // Never answers.
});
server.setTimeout(80, (socket) => {
  console.log('server timeout, destroying');
  socket.destroy();
});
server.listen(0, () => {
  const req = http.get({ port: server.address().port, path: '/hang' });
  req.on('error', (err) => console.log('client error', err.code, err.message));
  req.on('close', () => {
    console.log('client close');
    server.close(() => console.log('server closed'));
  });
});
