// The server destroys the socket without answering: the client gets 'socket hang up'.
const http = require('http');

const server = http.createServer((req) => {
  console.log('server got', req.url);
  req.socket.destroy();
});
server.listen(0, () => {
  const req = http.get({ port: server.address().port, path: '/x' }, () => console.log('unexpected response'));
  req.on('error', (err) => console.log('error', err.code, err.message));
  req.on('close', () => {
    console.log('close');
    server.close();
  });
});
