// Where a fetch's steps land against the loop: immediates, ticks and microtasks queued at each
// step (the call, the response's headers, the body read) run in Node's order around them. (No
// setTimeout 0 here: whether 1 ms of real time passes while undici works is the machine's speed.)
const http = require('http');

const server = http.createServer((req, res) => {
  console.log('server request', req.url);
  setImmediate(() => console.log('server immediate'));
  res.end('body text');
});
server.listen(0, async () => {
  const { port } = server.address();
  // From here on the code runs after an I/O callback (a setTimeout 0 / setImmediate pair queued
  // from the main module races in real Node).
  await (await fetch(`http://127.0.0.1:${port}/warm-up`)).text();
  const p = fetch(`http://127.0.0.1:${port}/`);
  setImmediate(() => console.log('immediate after fetch()'));
  process.nextTick(() => console.log('tick after fetch()'));
  const res = await p;
  console.log('headers', res.status);
  setImmediate(() => console.log('immediate after headers'));
  process.nextTick(() => console.log('tick after headers'));
  Promise.resolve().then(() => console.log('microtask after headers'));
  const text = await res.text();
  console.log('text', text);
  setImmediate(() => {
    console.log('immediate after text');
    server.close(() => console.log('closed'));
  });
});
