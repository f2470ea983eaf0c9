// Concurrent fetches whose handlers answer after different awaited delays: replies come in the
// order of the delays, and Promise.all keeps the order of the calls.
const http = require('http');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = http.createServer(async (req, res) => {
  const ms = Number(req.url.slice(1));
  if (ms === 0) return res.end('warm');
  console.log('server start', ms);
  await sleep(ms);
  console.log('server reply', ms);
  res.end(`slept ${ms}`);
});
server.listen(0, async () => {
  const { port } = server.address();
  // A first request warms the client up (real Node loads undici and compiles its parser on the
  // first fetch, which can take longer than the gaps below on a loaded machine).
  await (await fetch(`http://127.0.0.1:${port}/0`)).text();
  const started = Date.now();
  const delays = [1000, 10, 500];
  const texts = await Promise.all(
    delays.map(async (ms) => {
      const res = await fetch(`http://127.0.0.1:${port}/${ms}`);
      const text = await res.text();
      console.log('client got', text);
      return text;
    }),
  );
  console.log('all', texts, 'elapsed >= 1000:', Date.now() - started >= 1000);
  server.close(() => console.log('closed'));
});
