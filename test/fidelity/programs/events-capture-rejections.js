// captureRejections: an async listener's rejection is routed to 'error' (via a nextTick after
// the promise rejects); Symbol.for('nodejs.rejection') overrides that; emit still returns
// true synchronously.
const { EventEmitter } = require('events');
const log = (s) => console.log(s);
const e = new EventEmitter({ captureRejections: true });
e.on('job', async (n) => {
  log('listener start ' + n);
  await null;
  throw new Error('job ' + n + ' failed');
});
e.on('error', (err) => log('error event: ' + err.message));
log('emit -> ' + e.emit('job', 1));
Promise.resolve().then(() => log('microtask 1')).then(() => log('microtask 2')).then(() => log('microtask 3'));
process.nextTick(() => log('nextTick 1'));
setTimeout(() => {
  class Custom extends EventEmitter {
    [Symbol.for('nodejs.rejection')](err, event, ...args) {
      log('custom rejection handler: ' + err.message + ' from ' + event + ' args=' + args.join(','));
    }
  }
  const c = new Custom({ captureRejections: true });
  c.on('go', async (a, b) => { throw new Error('sync-ish rejection'); });
  c.emit('go', 'x', 'y');
  log('after custom emit');
}, 20);
