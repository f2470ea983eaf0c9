'use strict';
const { on, EventEmitter } = require('events');
const log = (...a) => console.log(...a);
const kWatermarkData = Symbol.for('nodejs.watermarkData');

class Pausable extends EventEmitter {
  pause() { log('  pause()'); }
  resume() { log('  resume()'); }
}

async function main() {
  const ee = new EventEmitter();
  setTimeout(() => {
    ee.emit('line', 'a');
    ee.emit('line', 'b');
    ee.emit('close');
    ee.emit('line', 'after close');
  }, 1);
  for await (const [line] of on(ee, 'line', { close: ['close', 'end'] })) log('line', line);
  log('closed; listeners', ee.listenerCount('line'), ee.listenerCount('close'), ee.listenerCount('end'), ee.listenerCount('error'));

  const p = new Pausable();
  const it = on(p, 'd', { highWaterMark: 3, lowWaterMark: 1 });
  const wm = it[kWatermarkData];
  log('wm', wm.size, wm.low, wm.high, wm.isPaused);
  for (let i = 0; i < 6; i++) { p.emit('d', i); log('emitted', i, 'size', wm.size, 'paused', wm.isPaused); }
  for (let i = 0; i < 6; i++) { const r = await it.next(); log('next', r.value, 'size', wm.size, 'paused', wm.isPaused); }
  await it.return();

  const it2 = on(p, 'd', { highWatermark: 2, lowWatermark: 2 });
  log('legacy names', it2[kWatermarkData].high, it2[kWatermarkData].low);
  p.emit('d', 1); p.emit('d', 2); p.emit('d', 3);
  await it2.next();
  await it2.next();
  log('paused?', it2[kWatermarkData].isPaused);
  await it2.return();

  // highWaterMark on an emitter without pause(): TypeError from eventHandler inside emit.
  const plain = new EventEmitter();
  on(plain, 'd', { highWaterMark: 1 });
  plain.emit('d', 1);
  try { plain.emit('d', 2); } catch (err) { log('no pause:', err.constructor.name, err.message); }
}
main().then(() => log('done'));
