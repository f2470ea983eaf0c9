// Nobody listens: the request fails with ECONNREFUSED.
const http = require('http');

const server = http.createServer();
server.listen(0, () => {
  const port = server.address().port;
  server.close(() => {
    const req = http.get({ port, host: '127.0.0.1' }, () => console.log('unexpected response'));
    req.on('error', (err) => {
      console.log(err.name, err.code, err.syscall, err.errno, err.address, err.port === port);
      console.log(err.message.replace(String(port), 'PORT'));
    });
    req.on('close', () => console.log('request close'));
  });
});
