// An immediate scheduled from an immediate runs on the next loop iteration, after already
// queued immediates; microtasks run between immediates.
const log = (s) => console.log(s);
setTimeout(() => {
  setImmediate(() => {
    log('I1');
    setImmediate(() => log('I1 -> I3'));
    Promise.resolve().then(() => log('I1 microtask'));
    process.nextTick(() => log('I1 nextTick'));
  });
  setImmediate(() => log('I2'));
}, 1);
