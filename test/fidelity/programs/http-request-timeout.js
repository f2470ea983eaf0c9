// req.setTimeout fires while the server is still thinking; the client aborts the request.
const http = require('http');

const server = http.createServer((req, res) => {
  console.log('server got', req.url);
  const t = setTimeout(() => res.end('late'), 300);
  res.on('close', () => {
    console.log('server response close, finished', res.writableFinished);
    clearTimeout(t);
  });
});
server.listen(0, () => {
  const req = http.get({ port: server.address().port, path: '/slow' }, () => console.log('unexpected response'));
  req.setTimeout(100, () => {
    console.log('timeout');
    req.destroy(new Error('took too long'));
  });
  req.on('error', (err) => console.log('error', err.message));
  req.on('close', () => {
    console.log('client close');
    setTimeout(() => server.close(() => console.log('server closed')), 20);
  });
});
