// write() return value and 'drain' when _write completes synchronously: a 6-byte write into a
// 4-byte highWaterMark stream, writes with and without callbacks, and the nextTick position
// of 'drain', callbacks and 'finish' (a nextTick counter runs alongside).
const { Writable } = require('stream');
const log = (s) => console.log(s);
let t = 0;
const tick = () => { t++; if (t < 15) process.nextTick(tick); };
process.nextTick(tick);
const w = new Writable({ highWaterMark: 4, write(c, e, cb) { log('[' + t + '] _write ' + c); cb(); } });
for (const ev of ['drain', 'prefinish', 'finish', 'close']) w.on(ev, () => log('[' + t + '] ' + ev));
log('big write -> ' + w.write('abcdef') + ' needDrain=' + w.writableNeedDrain + ' length=' + w.writableLength);
log('small write -> ' + w.write('x') + ' needDrain=' + w.writableNeedDrain);
log('write with cb -> ' + w.write('yyyyy', (err) => log('[' + t + '] cb err=' + err)));
setTimeout(() => {
  t = 0;
  process.nextTick(tick);
  const v = new Writable({ write(c, e, cb) { cb(); } });
  for (const ev of ['prefinish', 'finish', 'close']) v.on(ev, () => log('[' + t + '] v ' + ev));
  v.write('no callback 1');
  v.write('no callback 2');
  v.end();
  log('[' + t + '] v sync end');
}, 20);
