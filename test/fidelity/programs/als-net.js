// A server's connections and their sockets' events run in the context of the listen() call; a
// client socket's in the context of the connect() call (Node's TCP handles are AsyncWraps).
const { AsyncLocalStorage } = require('async_hooks');
const net = require('net');
const als = new AsyncLocalStorage();
const lines = [];
const log = (s) => lines.push(`${s}: ${als.getStore()}`);

als.run('server', () => {
  const server = net.createServer((socket) => {
    log('server connection');
    socket.on('data', () => { log('server socket data'); socket.end('pong'); });
  });
  server.listen(0, () => {
    log('listening');
    als.run('client', () => {
      const c = net.connect(server.address().port, () => { log('client connected'); c.write('ping'); });
      c.on('data', () => log('client data'));
      c.on('close', () => {
        log('client close');
        server.close(() => {
          log('server closed');
          console.log(lines.join('\n'));
        });
      });
    });
  });
});
