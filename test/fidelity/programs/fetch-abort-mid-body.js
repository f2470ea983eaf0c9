// Aborting after the headers arrived, while the body streams: the reader's next read rejects
// with the AbortError, the server sees its request and socket close; an AbortSignal.timeout that
// fires during res.text() rejects it with the TimeoutError.
const http = require('http');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = http.createServer((req, res) => {
  console.log('server request', req.url);
  res.writeHead(200, { 'content-type': 'text/plain' });
  let i = 0;
  const timer = setInterval(() => res.write(`tick${++i};`), 100);
  res.on('close', () => {
    clearInterval(timer);
    console.log('server response close', req.url);
  });
});
server.listen(0, async () => {
  const { port } = server.address();
  const ac = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/stream`, { signal: ac.signal });
  console.log('headers', res.status);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const first = await reader.read();
  console.log('first chunk', decoder.decode(first.value), first.done);
  ac.abort();
  try {
    const next = await reader.read();
    console.log('unexpected read', next.done);
  } catch (err) {
    console.log('read after abort:', err.name, err.message);
  }
  await sleep(200);

  const res2 = await fetch(`http://127.0.0.1:${port}/text`, { signal: AbortSignal.timeout(500) });
  console.log('headers 2', res2.status);
  try {
    await res2.text();
    console.log('unexpected text');
  } catch (err) {
    console.log('text after timeout:', err.name, err.message);
  }
  await sleep(200);
  server.close(() => console.log('closed'));
});
