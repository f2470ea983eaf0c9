// A rejection handled later in the same macrotask (after some microtasks) is fine.
const log = (s) => console.log(s);
const p = Promise.reject(new Error('handled soon'));
Promise.resolve()
  .then(() => log('m1'))
  .then(() => log('m2'))
  .then(() => {
    p.catch((e) => log('handled: ' + e.message));
  });
process.nextTick(() => log('nextTick'));
log('sync end; exit code will be 0');
