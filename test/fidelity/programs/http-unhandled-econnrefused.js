// No error listener on the request: ECONNREFUSED is an unhandled error event, exit code 1.
const http = require('http');
const server = http.createServer();
server.listen(0, () => {
  const port = server.address().port;
  server.close(() => {
    http.get({ port: 1, host: '127.0.0.1' });
  });
});
