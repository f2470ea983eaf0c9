// One 256 KiB res.write: over the high-water mark (false) but taken by the kernel at once, so drain comes before the check phase.
const http = require('http');
const server = http.createServer((req, res) => {
  const big = Buffer.alloc(256 * 1024, 97);
  const ok = res.write(big);
  console.log('write returned', ok, 'writableLength', res.writableLength);
  res.once('drain', () => { console.log('drain'); res.end(); });
  setImmediate(() => console.log('immediate'));
});
server.listen(0, () => {
  http.get({ port: server.address().port }, (res) => {
    let n = 0;
    res.on('data', (c) => (n += c.length));
    res.on('end', () => { console.log('client got', n); server.close(); });
  });
});
