// A chunked response written over time: each write arrives as its own 'data' event.
const http = require('http');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = http.createServer(async (req, res) => {
  res.setHeader('Content-Type', 'text/plain');
  for (let i = 1; i <= 4; i++) {
    const ok = res.write(`part ${i}\n`);
    console.log('server wrote', i, ok);
    await sleep(100);
  }
  res.end('done\n');
  console.log('server ended');
});
server.listen(0, () => {
  http.get({ port: server.address().port }, (res) => {
    console.log('transfer-encoding', res.headers['transfer-encoding'], 'content-length', res.headers['content-length']);
    res.setEncoding('utf8');
    res.on('data', (c) => console.log('data', JSON.stringify(c)));
    res.on('end', () => {
      console.log('end', res.complete);
      server.close();
    });
  });
});
