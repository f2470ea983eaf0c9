// A keep-alive agent with one socket: three requests in sequence reuse one connection.
const http = require('http');

let connections = 0;
const server = http.createServer((req, res) => res.end(`hi ${req.url}`));
server.on('connection', () => console.log('connection', ++connections));
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ port: server.address().port, path, agent }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(`${body} reused=${req.reusedSocket} connection=${res.headers.connection}`));
    });
    req.on('error', reject);
  });
}

server.listen(0, async () => {
  for (const p of ['/1', '/2', '/3']) console.log(await get(p));
  console.log('free sockets', Object.values(agent.freeSockets).map((l) => l.length));
  agent.destroy();
  server.close(() => console.log('closed, connections', connections));
});
