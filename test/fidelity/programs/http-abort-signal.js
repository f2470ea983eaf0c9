// An AbortSignal cancels a request the server is slow to answer.
const http = require('http');

const server = http.createServer((req, res) => {
  console.log('server got', req.url);
  const t = setTimeout(() => res.end('too late'), 500);
  req.on('close', () => {
    console.log('server request closed');
    clearTimeout(t);
  });
});
server.listen(0, () => {
  const ac = new AbortController();
  const req = http.get({ port: server.address().port, path: '/slow', signal: ac.signal }, () => console.log('unexpected response'));
  req.on('error', (err) => console.log('error', err.name, err.code, err.message));
  req.on('close', () => {
    console.log('request close, destroyed', req.destroyed);
    setTimeout(() => server.close(() => console.log('server closed')), 10);
  });
  setTimeout(() => {
    console.log('aborting');
    ac.abort();
  }, 150);
});
