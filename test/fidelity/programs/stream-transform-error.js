// A Transform whose _transform calls back with an error: 'error' then 'close', no 'end' or
// 'finish'; the failing write's callback gets the error; a second Transform throws
// synchronously inside _transform (the throw escapes write()).
const { Transform } = require('stream');
const log = (s) => console.log(s);
const t = new Transform({
  objectMode: true,
  transform(n, enc, cb) {
    log('_transform ' + n);
    if (n === 2) return process.nextTick(cb, new Error('bad item 2'));
    cb(null, n * 10);
  },
});
t.on('data', (v) => log('data ' + v));
t.on('error', (e) => log('error ' + e.message + ' destroyed=' + t.destroyed));
t.on('end', () => log('end (unexpected)'));
t.on('finish', () => log('finish (unexpected)'));
t.on('close', () => log('close'));
for (const n of [1, 2, 3]) t.write(n, (e) => log('write cb ' + n + ' ' + (e ? e.message : 'ok')));
t.end();
setTimeout(() => {
  const t2 = new Transform({ transform() { throw new Error('sync throw'); } });
  t2.on('error', (e) => log('t2 error ' + e.message));
  t2.on('close', () => log('t2 close'));
  try {
    t2.write('x');
    log('write returned normally');
  } catch (e) {
    log('write threw ' + e.message);
  }
}, 20);
