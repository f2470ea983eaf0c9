// _construct: an asynchronous construct delays _read/_write/_final until its callback;
// writes made meanwhile are buffered; a failing construct destroys the stream ('error', 'close').
const { Readable, Writable } = require('stream');
const log = (s) => console.log(s);
const w = new Writable({
  construct(cb) { log('w _construct'); setImmediate(() => { log('w construct done'); cb(); }); },
  write(c, e, cb) { log('w _write ' + c); cb(); },
  final(cb) { log('w _final'); cb(); },
});
w.on('finish', () => { log('w finish'); setTimeout(failing, 20); });
log('write a -> ' + w.write('a', () => log('w cb a')));
w.end('b');
log('w sync end pending=' + w.writableLength);
let i = 0;
const r = new Readable({
  construct(cb) { log('r _construct'); Promise.resolve().then(() => { log('r construct done'); cb(); }); },
  read() { i++; log('r _read ' + i); this.push(i < 3 ? 'v' + i : null); },
});
r.on('data', (c) => log('r data ' + c));
r.on('end', () => log('r end'));
process.nextTick(() => log('nextTick'));
function failing() {
  const bad = new Readable({
    construct(cb) { process.nextTick(cb, new Error('construct failed')); },
    read() { log('bad _read (unexpected)'); },
  });
  bad.on('error', (e) => log('bad error ' + e.message));
  bad.on('close', () => log('bad close'));
  bad.resume();
}
