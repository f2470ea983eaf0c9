// stream.pipeline from an async generator into the response; the client collects it.
const http = require('http');
const { pipeline, Readable } = require('stream');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function* rows() {
  for (let i = 1; i <= 3; i++) {
    await sleep(20);
    yield JSON.stringify({ i }) + '\n';
  }
}

const server = http.createServer((req, res) => {
  res.setHeader('Content-Type', 'application/x-ndjson');
  pipeline(Readable.from(rows()), res, (err) => console.log('pipeline done', err ?? null));
});
server.listen(0, () => {
  http.get({ port: server.address().port }, (res) => {
    const got = [];
    res.setEncoding('utf8');
    res.on('data', (c) => got.push(c.trim()));
    res.on('end', () => {
      console.log('rows', got);
      server.close();
    });
  });
});
