// closeAllConnections() while a request is in flight: the client sees 'socket hang up'.
const http = require('http');

const server = http.createServer((req) => {
  console.log('server got', req.url);
  setTimeout(() => {
    console.log('closing all');
    server.close(() => console.log('server closed'));
    server.closeAllConnections();
  }, 30);
});
server.listen(0, () => {
  const req = http.get({ port: server.address().port, path: '/wait' }, () => console.log('unexpected'));
  req.on('error', (err) => console.log('client error', err.code, err.message));
  req.on('close', () => console.log('client close'));
});
