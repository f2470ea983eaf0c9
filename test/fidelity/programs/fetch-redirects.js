// Redirects: followed (301/302/303 to GET, 307 keeps the method and body), res.redirected and
// res.url; redirect: 'manual' and 'error'.
const http = require('http');

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    console.log('server', req.method, req.url, JSON.stringify(body));
    if (req.url === '/old') return res.writeHead(301, { location: '/new' }).end();
    if (req.url === '/post-303') return res.writeHead(303, { location: '/new' }).end();
    if (req.url === '/post-307') return res.writeHead(307, { location: '/echo' }).end();
    if (req.url === '/loop') return res.writeHead(302, { location: '/loop2' }).end();
    if (req.url === '/loop2') return res.writeHead(302, { location: '/new' }).end();
    res.end(`${req.method} ${req.url} ${body}`);
  });
});
server.listen(0, async () => {
  const { port } = server.address();
  const base = `http://localhost:${port}`;
  const short = (u) => u.replace(String(port), 'PORT');
  let res = await fetch(`${base}/old`);
  console.log(res.status, res.redirected, short(res.url), await res.text());
  res = await fetch(`${base}/post-303`, { method: 'POST', body: 'a=1' });
  console.log(res.status, res.redirected, short(res.url), await res.text());
  res = await fetch(`${base}/post-307`, { method: 'POST', body: 'b=2' });
  console.log(res.status, res.redirected, short(res.url), await res.text());
  res = await fetch(`${base}/loop`);
  console.log(res.status, res.redirected, short(res.url), await res.text());
  res = await fetch(`${base}/old`, { redirect: 'manual' });
  console.log('manual', res.status, res.headers.get('location'), res.redirected);
  await res.arrayBuffer();
  try {
    await fetch(`${base}/old`, { redirect: 'error' });
  } catch (err) {
    console.log('error mode:', err.name, err.message, err.cause && err.cause.message);
  }
  server.close(() => console.log('closed'));
});
