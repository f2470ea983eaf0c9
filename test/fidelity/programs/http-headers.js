// Headers both ways: multi-valued set-cookie, duplicates joined, raw headers, a custom status message.
const http = require('http');

const server = http.createServer((req, res) => {
  console.log('accept', req.headers.accept, 'x-dup', req.headers['x-dup']);
  console.log('raw', req.rawHeaders.filter((_, i) => i % 2 === 0).join(','));
  res.setHeader('Set-Cookie', ['a=1', 'b=2']);
  res.setHeader('X-Powered-By', 'tests');
  console.log('names', res.getHeaderNames().join(','), res.hasHeader('x-powered-by'));
  res.writeHead(418, 'Short And Stout', { 'Content-Type': 'text/plain' });
  res.end('teapot');
});
server.listen(0, () => {
  const req = http.request({ port: server.address().port, headers: [['Accept', 'text/plain'], ['X-Dup', 'one'], ['X-Dup', 'two']] }, (res) => {
    console.log(res.statusCode, res.statusMessage);
    console.log('set-cookie', res.headers['set-cookie']);
    console.log('content-type', res.headers['content-type'], 'x-powered-by', res.headers['x-powered-by']);
    console.log('raw response names', res.rawHeaders.filter((_, i) => i % 2 === 0).join(','));
    res.resume();
    res.on('end', () => server.close());
  });
  req.end();
});
