// destroy() without an error on a flowing Readable: no 'end', only 'close'; an async
// _destroy delays 'close'; no further _read; destroy twice is a no-op.
const { Readable } = require('stream');
const log = (s) => console.log(s);
let i = 0;
const r = new Readable({
  read() { setImmediate(() => { i++; log('push ' + i + ' destroyed=' + this.destroyed); this.push('c' + i); }); },
  destroy(err, cb) {
    log('_destroy err=' + err);
    setTimeout(() => { log('_destroy done'); cb(err); }, 10);
  },
});
r.on('data', (c) => {
  log('data ' + c);
  if (c.toString() === 'c2') {
    r.destroy();
    log('destroyed=' + r.destroyed + ' closed=' + r.closed);
    r.destroy();
    process.nextTick(() => log('nextTick after destroy'));
  }
});
r.on('end', () => log('end (unexpected)'));
r.on('error', (e) => log('error ' + e.message));
r.on('close', () => log('close closed=' + r.closed + ' errored=' + r.errored));
