// A chunked response read with for await over res.body: each chunk the server writes after a
// delay arrives as its own Uint8Array, interleaved with the server's log lines.
const http = require('http');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = http.createServer(async (req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  for (let i = 1; i <= 3; i++) {
    console.log('server write', i);
    res.write(`part${i};`);
    await sleep(150);
  }
  console.log('server end');
  res.end();
});
server.listen(0, async () => {
  const { port } = server.address();
  const res = await fetch(`http://localhost:${port}/`);
  console.log('headers', res.status, res.headers.get('transfer-encoding'));
  const decoder = new TextDecoder();
  for await (const chunk of res.body) {
    console.log('chunk', chunk.constructor.name, chunk.length, decoder.decode(chunk));
  }
  console.log('body done');
  server.close(() => console.log('closed'));
});
