// fetch GET of a JSON body from a server the program starts, against a tick and an immediate.
const http = require('http');

const server = http.createServer((req, res) => {
  console.log('server got', req.method, req.url, req.headers['user-agent'] === 'node', req.headers.accept);
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ items: [1, 2, 3], path: req.url }));
});
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  setImmediate(() => console.log('immediate'));
  process.nextTick(() => console.log('tick'));
  const res = await fetch(`http://127.0.0.1:${port}/list?x=1`);
  console.log('response', res.status, res.statusText, res.ok, res.redirected, res.type, res.url.replace(String(port), 'PORT'));
  console.log('content-type', res.headers.get('content-type'), 'length', res.headers.get('content-length'));
  console.log('bodyUsed before', res.bodyUsed);
  const data = await res.json();
  console.log('json', data, 'bodyUsed after', res.bodyUsed);
  server.close(() => console.log('server closed'));
});
