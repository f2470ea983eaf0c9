// Exact nextTick position of Writable events: a nextTick counter runs alongside writes with
// sync and async (nextTick) callbacks, end(), 'prefinish'/'finish'/'close' and callbacks.
const { Writable } = require('stream');
const log = (s) => console.log(s);
let t = 0;
const tick = () => { t++; if (t < 25) process.nextTick(tick); };
process.nextTick(tick);
const w = new Writable({
  write(c, e, cb) {
    log('[' + t + '] _write ' + c);
    if (String(c) === 'async') process.nextTick(cb);
    else cb();
  },
  final(cb) { log('[' + t + '] _final'); cb(); },
});
for (const ev of ['drain', 'prefinish', 'finish', 'close']) w.on(ev, () => log('[' + t + '] ' + ev));
w.write('sync', () => log('[' + t + '] cb sync'));
w.write('async', () => log('[' + t + '] cb async'));
w.write('after', () => log('[' + t + '] cb after'));
w.end(() => log('[' + t + '] end cb'));
Promise.resolve().then(() => log('[' + t + '] first microtask'));
log('[' + t + '] sync end');
