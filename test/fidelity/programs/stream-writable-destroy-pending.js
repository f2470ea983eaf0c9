// destroy() while a _write is in flight and more writes are buffered: the buffered writes'
// callbacks get ERR_STREAM_DESTROYED, the in-flight callback arrives later; 'close' order;
// end() callback after destroy.
const { Writable } = require('stream');
const log = (s) => console.log(s);
let pending;
const w = new Writable({
  write(c, e, cb) { log('_write ' + c); pending = cb; },
  destroy(err, cb) { log('_destroy'); cb(err); },
});
w.on('close', () => log('close'));
w.on('error', (e) => log('error (unexpected) ' + e.message));
w.write('a', (e) => log('cb a ' + (e ? e.code : 'ok')));
w.write('b', (e) => log('cb b ' + (e ? e.code : 'ok')));
w.write('c', (e) => log('cb c ' + (e ? e.code : 'ok')));
process.nextTick(() => {
  log('destroying');
  w.destroy();
  w.end((e) => log('end cb ' + (e ? e.code : 'ok')));
  process.nextTick(() => log('nextTick after destroy'));
  setImmediate(() => { log('completing in-flight write'); pending(); });
});
