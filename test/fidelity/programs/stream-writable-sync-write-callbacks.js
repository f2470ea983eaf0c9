// A Writable whose _write calls back synchronously: write callbacks are deferred to a
// nextTick; with hwm 1 byte write() still returns true (the write already completed; no
// 'drain'); then end(), its callback and 'finish' relative to nextTicks queued around end().
const { Writable } = require('stream');
const log = (s) => console.log(s);
const w = new Writable({
  highWaterMark: 1,
  write(chunk, enc, cb) { log('_write ' + chunk); cb(); },
});
w.on('drain', () => log('drain'));
w.on('prefinish', () => log('prefinish'));
w.on('finish', () => log('finish'));
w.on('close', () => log('close'));
log('write 1 -> ' + w.write('1', () => log('cb 1')));
log('write 2 -> ' + w.write('2', () => log('cb 2')));
process.nextTick(() => log('nextTick A'));
Promise.resolve().then(() => log('promise A'));
w.end('3', () => log('end cb'));
process.nextTick(() => log('nextTick B'));
log('sync end; writableEnded=' + w.writableEnded + ' finished=' + w.writableFinished);
