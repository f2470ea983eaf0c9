// Binary bodies both ways (every byte value, and UTF-8 text split across chunks) arrive unchanged.
const http = require('http');
const crypto = require('crypto');

const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7) % 256));
const text = 'héllo wörld — ☃ ✓ 𝄞';
const digest = (b) => crypto.createHash('sha256').update(b).digest('hex').slice(0, 16);

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    console.log('server got', body.length, 'bytes', digest(body) === digest(bytes));
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    const t = Buffer.from(text);
    res.write(t.subarray(0, 7)); // cuts a multi-byte character in two
    res.end(t.subarray(7));
  });
});
server.listen(0, () => {
  const req = http.request({ port: server.address().port, method: 'POST' }, (res) => {
    res.setEncoding('utf8');
    let s = '';
    res.on('data', (c) => (s += c));
    res.on('end', () => {
      console.log('client got', JSON.stringify(s), s === text, Buffer.byteLength(s));
      server.close();
    });
  });
  req.end(bytes);
});
