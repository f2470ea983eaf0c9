// Non-2xx answers are responses, not errors: ok false, status, statusText, headers and body.
const http = require('http');

const server = http.createServer((req, res) => {
  if (req.url === '/missing') return res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
  if (req.url === '/boom') return res.writeHead(500, 'Kaboom', { 'x-trace': 't1' }).end(JSON.stringify({ error: 'boom' }));
  res.writeHead(204).end();
});
server.listen(0, async () => {
  const { port } = server.address();
  for (const p of ['/missing', '/boom', '/empty']) {
    const res = await fetch(`http://localhost:${port}${p}`);
    console.log(p, res.ok, res.status, JSON.stringify(res.statusText), res.headers.get('x-trace'), res.body === null);
    console.log('  body:', JSON.stringify(await res.text()));
  }
  const res = await fetch(`http://localhost:${port}/boom`);
  try {
    await res.json().then((j) => console.log('json', j));
    await res.json();
  } catch (err) {
    console.log(err.name, err.message);
  }
  server.close(() => console.log('closed'));
});
