// FormData: its API, sent as a multipart body (the server sees the parts) and as a
// URLSearchParams body; a urlencoded reply read back with res.formData().
const http = require('http');

const fd = new FormData();
fd.append('name', 'widget');
fd.append('tags', 'a');
fd.append('tags', 'b');
fd.set('qty', '2');
console.log([...fd], fd.getAll('tags'), fd.has('qty'), fd.get('missing'));
fd.delete('qty');
console.log([...fd.keys()]);

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const type = req.headers['content-type'];
    if (type.startsWith('multipart/form-data')) {
      const boundary = type.split('boundary=')[1];
      const parts = body.split(`--${boundary}`).slice(1, -1).map((p) => p.trim().replace(/\r\n/g, ' | '));
      console.log('server multipart', parts);
    } else {
      console.log('server', type, body);
    }
    res.setHeader('content-type', 'application/x-www-form-urlencoded');
    res.end('ok=1&list=x&list=y');
  });
});
server.listen(0, async () => {
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}/form`;
  let res = await fetch(url, { method: 'POST', body: fd });
  const back = await res.formData();
  console.log('formData reply', [...back], back.getAll('list'));
  res = await fetch(url, { method: 'POST', body: new URLSearchParams({ q: 'a b', n: '1' }) });
  console.log('text reply', await res.text());
  server.close(() => console.log('closed'));
});
