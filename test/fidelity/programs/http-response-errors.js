// Misuse of a response: headers after they were sent, write after end, a bad status code.
const http = require('http');

const server = http.createServer((req, res) => {
  try {
    res.writeHead(99);
  } catch (err) {
    console.log(err.code, err.message);
  }
  res.end('done');
  try {
    res.setHeader('X-Late', '1');
  } catch (err) {
    console.log(err.code, err.message);
  }
  res.write('more', (err) => console.log('write callback', err.code, err.message));
  res.on('error', (err) => console.log('response error event', err.code));
});
server.listen(0, () => {
  http.get({ port: server.address().port }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (d) => console.log('client got', d));
    res.on('end', () => setTimeout(() => server.close(), 10));
  });
});
