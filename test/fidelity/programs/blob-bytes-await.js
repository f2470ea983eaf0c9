// Blob reads interleaved with the program's awaits: bytes() and arrayBuffer() of Blobs with
// different numbers of parts (each part is one more pull, two more ticks, in Node), racing
// in Promise.all and Promise.race against a plain await chain.
const log = (s) => console.log(s);
const parts = (n) => Array.from({ length: n }, (_, i) => 'p' + i);
(async () => {
  const blobs = [1, 3, 2, 0].map((n) => new Blob(parts(n)));
  const order = [];
  await Promise.all(blobs.map(async (b, i) => {
    const bytes = await b.bytes();
    order.push(i + ':' + bytes.length);
  }));
  log('all order ' + order.join(' '));
  const first = await Promise.race([new Blob(parts(3)).text().then(() => 'three'), new Blob(parts(2)).arrayBuffer().then(() => 'two')]);
  log('race ' + first);
  const b = new Blob(['x', new Blob(['y', 'z'])]);
  const t = b.text();
  await null;
  log('after one await');
  log('text ' + (await t) + ' ' + (b.slice(1).size));
})();
(async () => {
  for (let k = 0; k < 24; k++) { await null; log('plain ' + k); }
})();
