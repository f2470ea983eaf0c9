// Expect: 100-continue: the server's checkContinue, the client's 'continue', then the body.
const http = require('http');

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => res.end(`got ${body}`));
});
server.on('checkContinue', (req, res) => {
  console.log('checkContinue', req.headers.expect);
  res.writeContinue();
  server.emit('request', req, res);
});
server.listen(0, () => {
  const req = http.request({ port: server.address().port, method: 'POST', headers: { Expect: '100-continue' } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (d) => console.log('response', res.statusCode, d));
    res.on('end', () => server.close());
  });
  req.on('continue', () => {
    console.log('continue');
    req.end('the body');
  });
});
