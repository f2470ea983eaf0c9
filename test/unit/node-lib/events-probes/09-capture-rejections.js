'use strict';
const EventEmitter = require('events');
const log = (...a) => console.log(...a);

const ee = new EventEmitter({ captureRejections: true });
ee.on('work', async (n) => {
  log('listener start', n);
  await null;
  throw new Error(`failed ${n}`);
});
ee.on('work', (n) => ({ then(resolve, reject) { log('thenable then called', n); reject(new Error(`thenable ${n}`)); } }));
ee.on('error', (err) => log('error event:', err.message));

process.nextTick(() => log('tick 1'));
queueMicrotask(() => log('micro 1'));
Promise.resolve().then(() => log('then 1')).then(() => log('then 2')).then(() => log('then 3'));
ee.emit('work', 1);
process.nextTick(() => log('tick 2'));
queueMicrotask(() => log('micro 2'));
log('sync end');

// The Symbol.for('nodejs.rejection') method takes the rejection instead of 'error'.
class Resource extends EventEmitter {
  constructor() { super({ captureRejections: true }); }
  [EventEmitter.captureRejectionSymbol](err, event, ...args) {
    log('rejection method:', err.message, event, args);
  }
}
setTimeout(() => {
  const r = new Resource();
  r.on('go', async () => { throw new Error('in go'); });
  r.emit('go', 'x', 'y');
  log('emitted go');
}, 5);

// Global default.
setTimeout(() => {
  EventEmitter.captureRejections = true;
  log('captureRejections', EventEmitter.captureRejections);
  const g = new EventEmitter();
  g.on('error', (err) => log('global capture error:', err.message));
  g.on('e', () => Promise.reject(new Error('global')));
  g.emit('e');
  EventEmitter.captureRejections = false;
  const h = new EventEmitter();
  h.on('e', () => Promise.resolve(1));
  h.emit('e');
  // A `then` getter that throws: 'error' emitted synchronously.
  const k = new EventEmitter({ captureRejections: true });
  k.on('error', (err) => log('then getter threw:', err.message));
  k.on('e', () => ({ get then() { throw new Error('bad then'); } }));
  k.emit('e');
  log('after k');
  // An error listener that rejects does not loop.
  const m = new EventEmitter({ captureRejections: true });
  m.on('error', async (err) => { log('async error listener', err.message); throw new Error('second'); });
  m.on('e', async () => { throw new Error('first'); });
  m.emit('e');
}, 10);
process.on('unhandledRejection', (reason) => log('unhandledRejection', reason.message));
