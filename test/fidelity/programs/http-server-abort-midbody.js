// The server destroys the socket in the middle of a response body: the client's response is aborted.
const http = require('http');

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Length': 100 });
  res.write('only part of it');
  setTimeout(() => res.destroy(), 30);
});
server.listen(0, () => {
  http.get({ port: server.address().port }, (res) => {
    let got = 0;
    res.on('data', (c) => (got += c.length));
    res.on('aborted', () => console.log('aborted event'));
    res.on('error', (err) => console.log('response error', err.code, err.message));
    res.on('end', () => console.log('end (unexpected)'));
    res.on('close', () => {
      console.log('response close, got', got, 'complete', res.complete);
      server.close();
    });
  }).on('error', (err) => console.log('request error', err.code));
});
