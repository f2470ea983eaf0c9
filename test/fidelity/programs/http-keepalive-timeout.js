// server.keepAliveTimeout: the server closes an idle keep-alive connection; the agent drops the socket.
const http = require('http');

const agent = new http.Agent({ keepAlive: true });
const server = http.createServer((req, res) => res.end('ok'));
server.keepAliveTimeout = 100;
server.on('connection', (s) => s.on('close', () => console.log('server socket closed')));
server.listen(0, () => {
  const req = http.get({ port: server.address().port, agent }, (res) => {
    console.log('keep-alive header', res.headers['keep-alive']);
    res.resume();
    res.on('end', () => {
      const sock = req.socket;
      sock.on('close', () => {
        console.log('client socket closed, free sockets left', Object.keys(agent.freeSockets).length);
        server.close(() => console.log('server closed'));
      });
    });
  });
});
