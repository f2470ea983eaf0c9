// Exact tick positions of for await over a Readable: a promise-job counter and (after it) a
// nextTick counter run alongside; ticks per value of a buffered stream, and the loop's end,
// which waits for 'close' (a nextTick, so only after the promise counter stops).
const { Readable } = require('stream');
const log = (s) => console.log(s);
let t = 0;
let n = 0;
const tick = () => { t++; if (t < 12) Promise.resolve().then(tick); };
const ntick = () => { n++; if (n < 6) process.nextTick(ntick); };
const at = () => '[p' + t + ' n' + n + ']';
const r = new Readable({ objectMode: true, read() {} });
r.push('a');
r.push('b');
r.push(null);
(async () => {
  Promise.resolve().then(tick);
  process.nextTick(ntick);
  for await (const v of r) log(at() + ' got ' + v);
  log(at() + ' loop done');
})();
r.on('end', () => log(at() + ' end'));
r.on('close', () => log(at() + ' close'));
