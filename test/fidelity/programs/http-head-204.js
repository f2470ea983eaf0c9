// A HEAD request and a 204 response: headers only, 'end' without any 'data'.
const http = require('http');

const server = http.createServer((req, res) => {
  if (req.url === '/empty') {
    res.statusCode = 204;
    res.end();
    return;
  }
  res.setHeader('Content-Length', 11);
  res.end(req.method === 'HEAD' ? undefined : 'hello world');
});

function request(port, method, path) {
  return new Promise((resolve) => {
    http.request({ port, method, path }, (res) => {
      let data = 0;
      res.on('data', (c) => (data += c.length));
      res.on('end', () => resolve(`${method} ${path}: ${res.statusCode} ${res.statusMessage} length=${res.headers['content-length']} data=${data}`));
    }).end();
  });
}

server.listen(0, async () => {
  const port = server.address().port;
  console.log(await request(port, 'HEAD', '/'));
  console.log(await request(port, 'GET', '/'));
  console.log(await request(port, 'GET', '/empty'));
  server.close();
});
