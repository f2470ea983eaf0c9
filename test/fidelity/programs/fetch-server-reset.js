// The server dies mid-body: the headers arrived, reading the body rejects with
// "TypeError: terminated" whose cause is undici's SocketError.
const http = require('http');

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-length': '100' });
  res.write('partial');
  setTimeout(() => res.socket.destroy(), 20);
});
server.listen(0, async () => {
  const { port } = server.address();
  const res = await fetch(`http://127.0.0.1:${port}/`);
  console.log('headers', res.status, res.headers.get('content-length'));
  try {
    await res.text();
    console.log('unexpected');
  } catch (err) {
    console.log(err.name, err.message);
    console.log('cause', err.cause && err.cause.name, err.cause && err.cause.code, err.cause && err.cause.message);
  }
  server.close(() => console.log('closed'));
});
