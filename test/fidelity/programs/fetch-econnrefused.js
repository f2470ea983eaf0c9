// fetch to a port nobody listens on: TypeError "fetch failed" whose cause is the connect error.
const http = require('http');

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  server.close(async () => {
    setImmediate(() => console.log('immediate'));
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      console.log('unexpected success');
    } catch (err) {
      console.log(err instanceof TypeError, err.name, err.message);
      const c = err.cause;
      console.log('cause', c.name, c.code, c.syscall, c.errno, c.address, c.port === port);
      console.log(c.message.replace(String(port), 'PORT'));
    }
  });
});
