// Sequential fetches to one origin reuse one kept-alive connection (the server sees one
// 'connection'); the response carries keep-alive; the server's close waits for idle sockets.
const http = require('http');

let connections = 0;
const server = http.createServer((req, res) => {
  console.log('server', req.url, 'on connection', req.socket.connId, req.headers.connection);
  res.end(`reply ${req.url}`);
});
server.on('connection', (socket) => {
  socket.connId = ++connections;
  console.log('connection', socket.connId);
  socket.on('close', () => console.log('socket closed', socket.connId));
});
server.listen(0, async () => {
  const { port } = server.address();
  for (const p of ['/a', '/b', '/c']) {
    const res = await fetch(`http://127.0.0.1:${port}${p}`);
    console.log('client', await res.text(), res.headers.get('connection'), res.headers.get('keep-alive'));
  }
  console.log('connections', connections);
  server.close(() => console.log('server closed'));
  server.closeIdleConnections();
});
