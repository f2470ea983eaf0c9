// A request body that is a ReadableStream (duplex: 'half'): the server sees each chunk as the
// client's stream produces it after a delay, chunked, and answers once the body ended.
const http = require('http');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = http.createServer((req, res) => {
  console.log('server headers', req.method, req.headers['transfer-encoding'], req.headers['content-length']);
  let n = 0;
  req.on('data', (c) => console.log('server data', ++n, c.toString()));
  req.on('end', () => {
    console.log('server end');
    res.end(`got ${n} chunks`);
  });
});
server.listen(0, async () => {
  const { port } = server.address();
  let i = 0;
  const body = new ReadableStream({
    async pull(controller) {
      i++;
      if (i > 3) {
        console.log('client stream close');
        controller.close();
        return;
      }
      await sleep(150);
      console.log('client enqueue', i);
      controller.enqueue(new TextEncoder().encode(`chunk-${i}`));
    },
  });
  const res = await fetch(`http://127.0.0.1:${port}/upload`, { method: 'PUT', body, duplex: 'half' });
  console.log('client', res.status, await res.text());
  server.close(() => console.log('closed'));
});
