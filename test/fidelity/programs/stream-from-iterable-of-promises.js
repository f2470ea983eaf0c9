// Readable.from over a sync iterable of promises and thenables: each value is awaited before
// being pushed; a rejected promise destroys the stream with that error; a generator source
// is closed (finally) when the stream is destroyed early.
const { Readable } = require('stream');
const log = (s) => console.log(s);
const later = (v, ms) => new Promise((r) => setTimeout(() => r(v), ms));
(async () => {
  const r = Readable.from([later('slow', 20), Promise.resolve('fast'), { then(res) { res('thenable'); } }, 'plain']);
  for await (const v of r) log('got ' + v);
  const bad = Readable.from([Promise.resolve(1), Promise.reject(new Error('element rejected')), 3]);
  bad.on('close', () => log('bad close'));
  try {
    for await (const v of bad) log('bad got ' + v);
  } catch (e) {
    log('caught ' + e.message);
  }
  function* gen() {
    try {
      yield 'g1';
      yield 'g2';
      yield 'g3';
    } finally {
      log('generator finally');
    }
  }
  const g = Readable.from(gen());
  g.on('data', (v) => {
    log('data ' + v);
    if (v === 'g1') g.destroy();
  });
  g.on('close', () => log('g close'));
})();
