// Readable.prototype.map/filter/take/toArray/reduce/forEach (experimental in Node 20 but
// present): results and the interleaving of the mapper with concurrency 1 vs 2.
const { Readable } = require('stream');
const log = (s) => console.log(s);
log(['map', 'filter', 'toArray', 'forEach', 'reduce', 'take', 'drop', 'flatMap', 'some', 'every', 'find']
  .map((m) => m + ':' + typeof Readable.prototype[m]).join(' '));
(async () => {
  const out = await Readable.from([1, 2, 3, 4, 5, 6])
    .filter((x) => x % 2 === 0)
    .map(async (x) => { log('map ' + x); await null; return x * 10; })
    .toArray();
  log('toArray ' + JSON.stringify(out));
  const conc = await Readable.from([1, 2, 3, 4])
    .map(async (x) => {
      log('start ' + x);
      await new Promise((r) => setTimeout(r, x === 1 ? 60 : 10));
      log('finish ' + x);
      return x;
    }, { concurrency: 2 })
    .toArray();
  log('order kept ' + conc.join(','));
  const sum = await Readable.from([1, 2, 3]).reduce((a, b) => a + b, 0);
  log('reduce ' + sum);
  await Readable.from(['x', 'y', 'z']).take(2).forEach((v) => log('forEach ' + v));
  log('some ' + (await Readable.from([1, 2]).some((x) => x > 1)));
})();
