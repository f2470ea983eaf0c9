// Exact nextTick position of every Readable event: a self-rescheduling nextTick counter runs
// alongside a Readable (sync pushes in _read) from on('data') to 'close', then in paused mode.
const { Readable } = require('stream');
const log = (s) => console.log(s);
let t = 0;
const tick = () => { t++; if (t < 25) process.nextTick(tick); };
process.nextTick(tick);
let i = 0;
const r = new Readable({ read() { i++; log('[' + t + '] _read ' + i); this.push(i <= 2 ? 'c' + i : null); } });
for (const ev of ['resume', 'end', 'close', 'pause']) r.on(ev, () => log('[' + t + '] ' + ev));
r.on('data', (c) => log('[' + t + '] data ' + c));
Promise.resolve().then(() => log('[' + t + '] first microtask'));
log('[' + t + '] sync end');
setTimeout(() => {
  // The same in paused mode with a 'readable' listener and a read() loop.
  t = 0;
  process.nextTick(tick);
  let j = 0;
  const p = new Readable({ read() { j++; log('[' + t + '] p _read ' + j); this.push(j <= 2 ? 'p' + j : null); } });
  p.on('readable', () => {
    log('[' + t + '] p readable');
    let c;
    while ((c = p.read()) !== null) log('[' + t + '] p read ' + c);
  });
  p.on('end', () => log('[' + t + '] p end'));
  p.on('close', () => log('[' + t + '] p close'));
}, 20);
