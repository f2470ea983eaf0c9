// Writable end() edge cases: end() with no writes (finish tick position), end() twice (the
// second callback gets ERR_STREAM_ALREADY_FINISHED or runs after finish), end(cb) after
// 'finish', end(cb) on a destroyed stream (cb never runs), write(null)/write(42) throwing.
const { Writable } = require('stream');
const log = (s) => console.log(s);
const mk = (name) => {
  const w = new Writable({ write(c, e, cb) { cb(); } });
  for (const ev of ['prefinish', 'finish', 'close']) w.on(ev, () => log(name + ' ' + ev));
  w.on('error', (e) => log(name + ' error ' + e.code));
  return w;
};
const a = mk('a');
a.end(() => log('a end cb 1'));
a.end(() => log('a end cb 2'));
process.nextTick(() => log('nextTick 1'));
Promise.resolve().then(() => log('promise 1'));
log('sync: a.writableFinished=' + a.writableFinished);
setTimeout(() => {
  a.end((e) => log('a end after finish cb err=' + (e && e.code)));
  const b = mk('b');
  b.destroy();
  b.end((e) => log('b end on destroyed cb err=' + (e && e.code)));
  const c = mk('c');
  try {
    c.write(null);
  } catch (e) {
    log('write(null) threw ' + e.code);
  }
  try {
    c.write(42);
  } catch (e) {
    log('write(42) threw ' + e.code);
  }
}, 20);
