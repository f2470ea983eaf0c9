// fetch POST with a JSON body: the server sees method, headers and body; the reply is read as text.
const http = require('http');

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString();
    console.log('server', req.method, req.url, req.headers['content-type'], req.headers['content-length'], body);
    res.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'abc' });
    res.end(JSON.stringify({ created: JSON.parse(body) }));
  });
});
server.listen(0, async () => {
  const { port } = server.address();
  const res = await fetch(`http://localhost:${port}/items`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'widget', qty: 2 }),
  });
  console.log('status', res.status, res.statusText, res.ok, res.headers.get('x-request-id'));
  const text = await res.text();
  console.log('text', text);
  try {
    await res.text();
  } catch (err) {
    console.log('second read:', err.name, err.message);
  }
  server.close(() => console.log('closed'));
});
