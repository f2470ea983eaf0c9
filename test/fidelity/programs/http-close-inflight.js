// server.close() while a request is in flight: no new connections, the request still completes.
const http = require('http');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = http.createServer(async (req, res) => {
  console.log('handling', req.url);
  if (req.url === '/first') {
    server.close(() => console.log('server closed'));
    console.log('close called, listening', server.listening);
  }
  await sleep(50);
  res.end('done ' + req.url);
});
server.listen(0, () => {
  const port = server.address().port;
  http.get({ port, path: '/first', agent: false }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (d) => console.log('client', d));
    res.on('end', () => {
      http.get({ port, path: '/second', agent: false }).on('error', (err) => console.log('second request', err.code));
    });
  });
});
