// Blob's text(), arrayBuffer(), bytes() and stream(): when each settles against the program's
// own promise chain, ticks and an immediate (Node reads a Blob's bytes off the main thread's
// queue in its own order), and slice().
const log = (s) => console.log(s);
const blob = new Blob(['hello ', new Uint8Array([119, 111, 114, 108, 100])], { type: 'text/plain' });
log('size ' + blob.size + ' type ' + blob.type);
blob.text().then((t) => log('text ' + t));
blob.arrayBuffer().then((b) => log('arrayBuffer ' + b.byteLength + ' ' + (b instanceof ArrayBuffer)));
blob.slice(1, 4).text().then((t) => log('slice ' + t));
Promise.resolve().then(() => log('p1')).then(() => log('p2')).then(() => log('p3')).then(() => log('p4')).then(() => log('p5')).then(() => log('p6'));
process.nextTick(() => log('tick'));
setImmediate(() => log('immediate'));
(async () => {
  const t = await new Blob(['a', 'b']).text();
  log('awaited ' + t);
  const s = await new Blob(['x'.repeat(10)]).slice(-3).text();
  log('awaited slice ' + s);
})();
