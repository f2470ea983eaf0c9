// Inside a timer: sync, nextTick, microtasks, immediates, then the next timers; each with its
// own nested follow-ups.
const log = (s) => console.log(s);
setTimeout(() => {
  log('timer A');
  setImmediate(() => {
    log('immediate 1');
    process.nextTick(() => log('immediate 1 -> nextTick'));
    setTimeout(() => log('immediate 1 -> timeout'), 50);
  });
  setTimeout(() => {
    log('timer B');
    setImmediate(() => log('timer B -> immediate'));
  }, 0);
  Promise.resolve().then(() => {
    log('microtask');
    setImmediate(() => log('microtask -> immediate 2'));
  });
  process.nextTick(() => log('nextTick'));
}, 2);
