// for await over the request on the server and over the response on the client.
const http = require('http');

const server = http.createServer(async (req, res) => {
  let total = 0;
  for await (const chunk of req) total += chunk.length;
  console.log('server read', total, 'bytes');
  for (let i = 0; i < 3; i++) res.write(`line ${i}\n`);
  res.end();
});
server.listen(0, async () => {
  const res = await new Promise((resolve) => {
    const req = http.request({ port: server.address().port, method: 'POST' }, resolve);
    req.write('x'.repeat(1000));
    req.end('y'.repeat(500));
  });
  let text = '';
  for await (const chunk of res) text += chunk;
  console.log('client read', JSON.stringify(text));
  server.close();
});
