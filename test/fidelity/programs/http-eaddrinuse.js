// A second server on the same port: 'error' with EADDRINUSE.
const http = require('http');

const a = http.createServer();
a.listen(0, () => {
  const port = a.address().port;
  const b = http.createServer();
  b.on('error', (err) => {
    console.log(err.code, err.syscall, err.errno);
    console.log(err.message.replace(String(port), 'PORT'));
    console.log('b listening', b.listening);
    a.close(() => console.log('a closed'));
  });
  b.on('listening', () => console.log('unexpected listening'));
  b.listen(port);
  console.log('listen called');
});
