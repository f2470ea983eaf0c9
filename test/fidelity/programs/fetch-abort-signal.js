// Aborting a fetch: before the call (already aborted), while the server has not answered
// (AbortController), and AbortSignal.timeout — each rejects with the signal's reason.
const http = require('http');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = http.createServer((req, res) => {
  console.log('server got', req.url);
  if (req.url === '/slow') setTimeout(() => res.end('late'), 1500);
  else res.end('fast');
  req.on('close', () => console.log('server request close', req.url));
});
server.listen(0, async () => {
  const { port } = server.address();
  const base = `http://127.0.0.1:${port}`;
  // A first fetch, so the aborts below measure requests on a warm client (real Node compiles
  // undici's llhttp on the first one).
  console.log('warm-up:', await (await fetch(`${base}/fast`)).text());
  await sleep(200);

  const pre = new AbortController();
  pre.abort();
  try {
    await fetch(`${base}/never`, { signal: pre.signal });
  } catch (err) {
    console.log('pre-aborted:', err.name, err.message);
  }

  const ac = new AbortController();
  setTimeout(() => ac.abort(), 300);
  try {
    await fetch(`${base}/slow`, { signal: ac.signal });
  } catch (err) {
    console.log('aborted:', err.name, err.message, err.code);
  }
  await sleep(200);

  const ac2 = new AbortController();
  setTimeout(() => ac2.abort(new Error('custom reason')), 300);
  try {
    await fetch(`${base}/slow`, { signal: ac2.signal });
  } catch (err) {
    console.log('custom reason:', err.name, err.message);
  }
  await sleep(200);

  try {
    await fetch(`${base}/slow`, { signal: AbortSignal.timeout(300) });
  } catch (err) {
    console.log('timeout:', err.name, err.message, err.code);
  }
  await sleep(200);

  const res = await fetch(`${base}/fast`, { signal: AbortSignal.timeout(1000) });
  console.log('fast:', await res.text());
  server.close(() => console.log('closed'));
  server.closeAllConnections();
});
