// server.close() with an idle keep-alive connection: Node closes idle connections, the agent's free socket closes.
const http = require('http');

const agent = new http.Agent({ keepAlive: true });
const server = http.createServer((req, res) => res.end('ok'));
server.listen(0, () => {
  http.get({ port: server.address().port, agent }, (res) => {
    res.resume();
    res.on('end', () => {
      console.log('response done');
      setTimeout(() => {
        const [sock] = Object.values(agent.freeSockets)[0];
        sock.on('close', () => console.log('free socket closed'));
        server.close(() => console.log('server closed'));
        console.log('close called');
      }, 20);
    });
  });
});
