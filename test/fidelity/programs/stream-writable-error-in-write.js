// _write failing with cb(err): the write callback gets the error, then 'error' and 'close';
// writes after that fail with ERR_STREAM_DESTROYED; write after end is ERR_STREAM_WRITE_AFTER_END.
const { Writable } = require('stream');
const log = (s) => console.log(s);
const w = new Writable({
  write(chunk, enc, cb) {
    log('_write ' + chunk);
    if (String(chunk) === 'bad') setImmediate(() => cb(new Error('disk full')));
    else cb();
  },
});
w.on('error', (e) => log('error event ' + e.message + ' errored=' + (w.errored && w.errored.message)));
w.on('close', () => {
  log('close destroyed=' + w.destroyed);
  w.write('late', (e) => log('late write cb ' + (e && e.code)));
  const w2 = new Writable({ write(c, e, cb) { cb(); } });
  w2.on('error', (e) => log('w2 error ' + e.code));
  w2.end('x');
  const ok = w2.write('y', (e) => log('w2 write-after-end cb ' + (e && e.code)));
  log('w2 write returned ' + ok);
});
w.write('good', (e) => log('cb good err=' + e));
w.write('bad', (e) => log('cb bad err=' + (e && e.message)));
w.write('never', (e) => log('cb never err=' + (e && (e.code || e.message))));
