// requestTimeout: a client that sends headers but never finishes its body gets 408 and a closed connection.
const http = require('http');

const server = http.createServer({ requestTimeout: 200, connectionsCheckingInterval: 50 }, (req, res) => {
  console.log('request', req.method, req.url);
  req.on('data', (c) => console.log('server data', c.length));
  req.on('end', () => res.end('complete'));
});
server.listen(0, () => {
  const req = http.request({ port: server.address().port, method: 'POST', path: '/slow-body', headers: { 'Content-Length': 100 } }, (res) => {
    console.log('status', res.statusCode, res.headers.connection);
    res.resume();
    res.on('end', () => console.log('response end'));
  });
  req.on('error', (err) => console.log('client error', err.code));
  req.on('close', () => {
    console.log('client close');
    server.close(() => console.log('server closed'));
  });
  req.write('x'.repeat(10));
});
