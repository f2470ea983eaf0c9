// Backpressure: write() returns false once writableLength reaches highWaterMark (8 bytes),
// _write completes asynchronously (setImmediate), 'drain' fires once the buffer empties,
// and write callbacks run in order relative to 'drain' and nextTick.
const { Writable } = require('stream');
const log = (s) => console.log(s);
const w = new Writable({
  highWaterMark: 8,
  write(chunk, enc, cb) {
    log('_write ' + chunk + ' pending=' + this.writableLength);
    setImmediate(() => { log('  done ' + chunk); cb(); });
  },
});
w.on('drain', () => { log('drain needDrain=' + w.writableNeedDrain); process.nextTick(() => log('nextTick after drain')); });
w.on('finish', () => log('finish'));
w.on('close', () => log('close'));
for (const s of ['aaa', 'bbb', 'cc', 'dddd']) {
  const ok = w.write(s, () => log('  cb ' + s));
  log('write ' + s + ' -> ' + ok + ' length=' + w.writableLength + ' needDrain=' + w.writableNeedDrain);
}
w.once('drain', () => {
  log('second drain listener: writing more');
  log('write e -> ' + w.write('e', () => log('  cb e')));
  w.end('f', () => log('end callback'));
});
log('sync end');
