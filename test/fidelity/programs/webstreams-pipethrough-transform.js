// pipeThrough a TransformStream with start, an async transform, flush and a readable-side
// highWaterMark; the consumer reads with for await, interleaved with a promise chain.
const log = (s) => console.log(s);
const ts = new TransformStream({
  start() { log('t start'); },
  async transform(chunk, c) {
    log('t transform ' + chunk);
    await null;
    c.enqueue(chunk.toUpperCase());
    if (chunk === 'b') c.enqueue('b2');
  },
  flush(c) { log('t flush'); c.enqueue('END'); },
}, undefined, { highWaterMark: 1 });
let i = 0;
const words = ['a', 'b', 'c'];
const rs = new ReadableStream({
  pull(c) { if (i < words.length) c.enqueue(words[i++]); else c.close(); },
});
(async () => {
  for await (const out of rs.pipeThrough(ts)) log('out ' + out);
  log('done');
})();
let n = 0;
const spin = () => { if (n++ < 12) { log('spin ' + n); return Promise.resolve().then(spin); } };
spin();
