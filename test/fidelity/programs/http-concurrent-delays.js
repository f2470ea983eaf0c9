// Three concurrent requests whose handlers await different delays: responses finish in delay order
// (200 ms apart: with 100 ms, a busy machine starting the requests late made real Node race).
const http = require('http');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = http.createServer(async (req, res) => {
  const ms = Number(new URL(req.url, 'http://x').searchParams.get('ms'));
  console.log('start', req.url);
  await sleep(ms);
  res.end(`slept ${ms}`);
  console.log('sent', req.url);
});

function get(port, path) {
  return new Promise((resolve, reject) => {
    http.get({ port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

server.listen(0, async () => {
  const { port } = server.address();
  const order = [];
  const results = await Promise.all([600, 200, 400].map((ms) => get(port, `/?ms=${ms}`).then((b) => { order.push(b); return b; })));
  console.log('results', results);
  console.log('order', order);
  server.close(() => console.log('closed'));
});
