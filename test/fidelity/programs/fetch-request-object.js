// fetch(new Request(...)): its method, headers and body reach the server; clone() and bodyUsed;
// a body with GET is refused at the call.
const http = require('http');

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    console.log('server', req.method, req.url, req.headers['x-token'], req.headers['content-type'], body);
    res.end('ok ' + req.method);
  });
});
server.listen(0, async () => {
  const { port } = server.address();
  const req = new Request(`http://127.0.0.1:${port}/r?x=1`, { method: 'PATCH', headers: { 'x-token': 't' }, body: 'payload' });
  console.log('request', req.method, req.url.replace(String(port), 'PORT'), req.headers.get('content-type'), req.bodyUsed, req.redirect, req.cache);
  const copy = req.clone();
  console.log('first', await (await fetch(req)).text(), req.bodyUsed);
  try {
    await fetch(req);
  } catch (err) {
    console.log('reuse:', err.name, err.message);
  }
  console.log('clone', await (await fetch(copy)).text());
  try {
    new Request(`http://127.0.0.1:${port}/`, { body: 'x' });
  } catch (err) {
    console.log('GET with body:', err.name, err.message);
  }
  const override = new Request(copy.url, { method: 'DELETE' });
  console.log('override', await (await fetch(override)).text());
  server.close(() => console.log('closed'));
});
