// events.once with http: await 'listening', 'response' and 'end'.
const http = require('http');
const { once } = require('events');

async function main() {
  const server = http.createServer((req, res) => res.end(`${req.method} ${req.url}`));
  server.listen(0);
  await once(server, 'listening');
  console.log('listening');
  const req = http.get({ port: server.address().port, path: '/once' });
  const [res] = await once(req, 'response');
  console.log('status', res.statusCode);
  res.setEncoding('utf8');
  const chunks = [];
  res.on('data', (c) => chunks.push(c));
  await once(res, 'end');
  console.log('body', chunks.join(''));
  server.close();
  await once(server, 'close');
  console.log('closed');
}
main();
console.log('main started');
