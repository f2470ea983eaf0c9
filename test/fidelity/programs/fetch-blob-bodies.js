// Blob and File through fetch: a Blob request body (its type becomes the content-type), a File
// in a FormData, and res.blob() read back with text() and arrayBuffer() against an immediate.
const http = require('http');

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const type = req.headers['content-type'];
    if (type.startsWith('multipart/form-data')) {
      const boundary = type.split('boundary=')[1];
      console.log('server multipart', body.split(`--${boundary}`).slice(1, -1).map((p) => p.trim().replace(/\r\n/g, ' | ')));
    } else {
      console.log('server', req.method, type, req.headers['content-length'], body);
    }
    res.setHeader('content-type', 'text/csv');
    res.end('a,b\n1,2\n');
  });
});
server.listen(0, async () => {
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}/`;
  await fetch(url, { method: 'POST', body: new Blob(['{"x":', '1}'], { type: 'application/json' }) }).then((r) => r.arrayBuffer());
  const fd = new FormData();
  fd.append('file', new File(['file contents'], 'notes.txt', { type: 'text/plain' }));
  fd.append('blob', new Blob(['raw']));
  const res = await fetch(url, { method: 'POST', body: fd });
  const blob = await res.blob();
  console.log('blob', blob instanceof Blob, blob.type, blob.size);
  setImmediate(() => console.log('immediate'));
  blob.text().then((t) => console.log('text', JSON.stringify(t)));
  blob.arrayBuffer().then((b) => console.log('bytes', b.byteLength));
  Promise.resolve().then(() => console.log('microtask'));
  const sliced = await blob.slice(0, 3).text();
  console.log('slice', JSON.stringify(sliced));
  server.close(() => console.log('closed'));
});
