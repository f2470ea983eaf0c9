// A request body streamed over time (chunked): the server sees each piece as it comes.
const http = require('http');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = http.createServer((req, res) => {
  console.log('server request', req.method, req.headers['transfer-encoding']);
  let n = 0;
  req.setEncoding('utf8');
  req.on('data', (c) => console.log('server data', ++n, JSON.stringify(c)));
  req.on('end', () => {
    console.log('server end after', n, 'chunks');
    res.end(`got ${n}`);
  });
});
server.listen(0, async () => {
  const req = http.request({ port: server.address().port, method: 'PUT', path: '/upload' }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (c) => console.log('client response', c));
    res.on('end', () => server.close(() => console.log('closed')));
  });
  for (const word of ['alpha', 'beta', 'gamma']) {
    req.write(word);
    console.log('client wrote', word);
    await sleep(150);
  }
  req.end();
  console.log('client ended');
});
