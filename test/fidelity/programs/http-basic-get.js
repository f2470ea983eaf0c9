const http = require('http');
const server = http.createServer((req, res) => {
  console.log('request', req.method, req.url, req.headers['x-a']);
  res.setHeader('Content-Type', 'text/plain');
  res.end('hello ' + req.url);
});
server.on('connection', () => console.log('connection'));
server.listen(0, () => {
  console.log('listening');
  const port = server.address().port;
  http.get({ port, path: '/a', headers: { 'x-a': '1' } }, (res) => {
    console.log('response', res.statusCode, res.headers['content-type'], res.headers['content-length']);
    res.setEncoding('utf8');
    res.on('data', (d) => console.log('data', d));
    res.on('end', () => { console.log('end'); server.close(() => console.log('closed')); });
  });
});
server.on('listening', () => console.log('listening event'));
