// await of a native, already-resolved promise resumes after exactly one microtask tick.
const log = (s) => console.log(s);
const p = Promise.resolve('v');
(async () => {
  log('A: before await');
  const v = await p;
  log('A: resumed with ' + v);
})();
Promise.resolve()
  .then(() => log('tick 1'))
  .then(() => log('tick 2'))
  .then(() => log('tick 3'));
log('sync end');
