// Chunked bodies with trailers, both ways.
const http = require('http');

const server = http.createServer((req, res) => {
  let n = 0;
  req.on('data', (c) => (n += c.length));
  req.on('end', () => {
    console.log('server body', n, 'trailers', req.trailers);
    res.writeHead(200, { Trailer: 'X-Checksum' });
    res.write('abc');
    res.addTrailers({ 'X-Checksum': 'c0ffee' });
    res.end('def');
  });
});
server.listen(0, () => {
  const req = http.request({ port: server.address().port, method: 'POST', headers: { Trailer: 'X-Count' } }, (res) => {
    let body = '';
    res.on('data', (c) => (body += c));
    res.on('end', () => {
      console.log('client body', body, 'trailers', res.trailers, 'rawTrailers', res.rawTrailers);
      server.close();
    });
  });
  req.write('12345');
  req.addTrailers({ 'X-Count': '5' });
  req.end();
});
