// Transform: _transform pushing 0, 1 or 2 chunks per input, async _flush; the order of
// 'finish' (writable side), 'end' (readable side), 'close' and the callbacks of write/end.
const { Transform } = require('stream');
const log = (s) => console.log(s);
const t = new Transform({
  transform(chunk, enc, cb) {
    const s = chunk.toString();
    log('_transform ' + s);
    if (s === 'skip') return cb();
    if (s === 'dup') { this.push('dup1'); return cb(null, 'dup2'); }
    cb(null, s.toUpperCase());
  },
  flush(cb) {
    log('_flush');
    setImmediate(() => { this.push('tail'); log('flush pushed tail'); cb(); });
  },
});
t.on('data', (c) => log('data ' + c));
t.on('prefinish', () => log('prefinish'));
t.on('finish', () => log('finish'));
t.on('end', () => log('end'));
t.on('close', () => log('close'));
t.write('a', () => log('write cb a'));
t.write('skip', () => log('write cb skip'));
t.write('dup', () => log('write cb dup'));
t.end('z', () => log('end cb'));
process.nextTick(() => log('nextTick'));
Promise.resolve().then(() => log('promise'));
log('sync end');
