'use strict';
const { once, on, EventEmitter, addAbortListener } = require('events');
const log = (...a) => console.log(...a);

const ee = new EventEmitter({ captureRejections: true });
ee.on('error', (err) => log('error event', err.message));
ee.on('fail', async () => { throw new Error('async fail'); });

async function waiter(name) {
  const [v] = await once(ee, 'go');
  log(name, 'got', v);
}
async function reader() {
  for await (const [v] of on(ee, 'go')) {
    log('reader', v);
    if (v === 3) break;
  }
  log('reader done');
}
waiter('w1');
reader();
waiter('w2');
const ac = new AbortController();
addAbortListener(ac.signal, () => log('abort listener'));

setTimeout(() => {
  log('--- timer');
  process.nextTick(() => log('tick 1'));
  queueMicrotask(() => log('micro 1'));
  ee.emit('go', 1);
  ee.emit('fail');
  ee.emit('go', 2);
  Promise.resolve().then(() => log('then a')).then(() => log('then b')).then(() => log('then c')).then(() => log('then d'));
  process.nextTick(() => log('tick 2'));
  ee.emit('go', 3);
  ac.abort();
  setImmediate(() => log('immediate'));
  log('--- timer end');
}, 1);
