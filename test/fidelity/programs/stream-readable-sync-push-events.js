// Readable whose _read pushes synchronously: when 'data'/'end'/'close' fire relative to
// nextTick, queueMicrotask and promise jobs queued by the program around on('data').
const { Readable } = require('stream');
const log = (s) => console.log(s);
let n = 0;
const r = new Readable({
  read() {
    n++;
    log('_read ' + n);
    this.push(n <= 3 ? 'chunk' + n : null);
  },
});
r.on('end', () => log('end'));
r.on('close', () => log('close'));
r.on('resume', () => log('resume event'));
r.on('data', (c) => {
  log('data ' + c);
  process.nextTick(() => log('  nextTick after data ' + c));
  Promise.resolve().then(() => log('  promise after data ' + c));
});
log('flowing=' + r.readableFlowing);
process.nextTick(() => log('nextTick 1'));
queueMicrotask(() => log('microtask 1'));
Promise.resolve().then(() => log('promise 1')).then(() => log('promise 2'));
setImmediate(() => log('immediate'));
log('sync end');
