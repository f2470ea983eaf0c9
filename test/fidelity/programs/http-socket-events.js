// The server's view of a connection: socket events around two keep-alive requests and the end.
const http = require('http');

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const server = http.createServer((req, res) => {
  console.log('request', req.url, 'same socket', req.socket === first);
  res.end('x');
});
let first;
server.on('connection', (socket) => {
  first = first ?? socket;
  console.log('connection');
  socket.on('end', () => console.log('server socket end'));
  socket.on('close', (hadError) => console.log('server socket close', hadError));
});
server.listen(0, () => {
  const port = server.address().port;
  const get = (path) => new Promise((resolve) => http.get({ port, path, agent }, (res) => { res.resume(); res.on('end', resolve); }));
  get('/a').then(() => get('/b')).then(() => {
    console.log('destroying agent');
    agent.destroy();
    setTimeout(() => server.close(() => console.log('server closed')), 10);
  });
});
