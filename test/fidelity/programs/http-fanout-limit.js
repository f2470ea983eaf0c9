// A small API and a client fetching 8 resources with at most 3 requests at a time.
const http = require('http');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Chosen so that no two requests finish within 120 ms of each other (real Node would race).
const delays = [180, 60, 300, 360, 360, 360, 420, 420];
const server = http.createServer(async (req, res) => {
  const id = Number(req.url.split('/').pop());
  await sleep(delays[id]);
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ id, name: `item-${id}` }));
});

function getJson(port, path) {
  return new Promise((resolve, reject) => {
    http.get({ port, path }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve(JSON.parse(text)));
    }).on('error', reject);
  });
}

async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  async function worker(w) {
    while (next < items.length) {
      const i = next++;
      console.log(`worker ${w} starts ${i}`);
      results[i] = await fn(items[i]);
      console.log(`worker ${w} done ${i}`);
    }
  }
  await Promise.all(Array.from({ length: limit }, (_, w) => worker(w)));
  return results;
}

server.listen(0, async () => {
  const port = server.address().port;
  const items = await mapLimit(delays.map((_, i) => i), 3, (i) => getJson(port, `/items/${i}`));
  console.log(items.map((x) => x.name).join(' '));
  server.close();
});
