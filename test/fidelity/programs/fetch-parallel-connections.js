// Five fetches at once to one origin: undici opens a connection each (its pool has no limit), the
// server handles them as they come; once idle they are all reused by the next wave.
const http = require('http');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let connections = 0;
const server = http.createServer(async (req, res) => {
  await sleep(Number(req.url.slice(1)));
  res.end(req.url);
});
server.on('connection', () => connections++);
server.listen(0, async () => {
  const { port } = server.address();
  const wave = async (label) => {
    const results = await Promise.all([600, 10, 450, 150, 300].map(async (ms) => {
      const res = await fetch(`http://127.0.0.1:${port}/${ms}`);
      const text = await res.text();
      console.log(label, 'done', text);
      return text;
    }));
    console.log(label, results.join(','), 'connections so far', connections);
  };
  await wave('first');
  // Every connection is idle again once its response's end was seen (a moment later than the body's last byte).
  await sleep(300);
  await wave('second');
  server.close(() => console.log('closed'));
  server.closeIdleConnections();
});
