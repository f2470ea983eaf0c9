// Blob.stream() read chunk by chunk, a File's name/lastModified, Blob of Blobs, and an empty
// Blob, each against a promise chain.
const log = (s) => console.log(s);
(async () => {
  const big = new Blob([new Uint8Array(70000).fill(1), 'tail']);
  const r = big.stream().getReader();
  let total = 0;
  let chunks = 0;
  for (;;) {
    const { value, done } = await r.read();
    if (done) break;
    chunks++;
    total += value.byteLength;
    log('chunk ' + value.constructor.name + ' ' + value.byteLength);
  }
  log('chunks ' + chunks + ' total ' + total);
  const f = new File(['file body'], 'a.txt', { type: 'text/plain', lastModified: 1234 });
  log('file ' + f.name + ' ' + f.size + ' ' + f.type + ' ' + f.lastModified + ' blob=' + (f instanceof Blob));
  log('file text ' + (await f.text()));
  const nested = new Blob([new Blob(['ab']), 'cd', new Blob(['ef']).slice(1)]);
  log('nested ' + (await nested.text()));
  log('empty ' + JSON.stringify(await new Blob([]).text()) + ' ' + (await new Blob().arrayBuffer()).byteLength);
  for await (const c of new Blob(['q']).stream()) log('iter ' + c.length);
})();
let k = 0;
const spin = () => { if (k++ < 10) { log('spin ' + k); return Promise.resolve().then(spin); } };
spin();
