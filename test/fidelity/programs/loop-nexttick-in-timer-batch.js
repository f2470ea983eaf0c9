// Two timers due together: the nextTick of the first runs before the second timer.
const log = (s) => console.log(s);
setTimeout(() => {
  log('T1');
  process.nextTick(() => log('T1 tick'));
  setImmediate(() => log('T1 immediate'));
}, 3);
setTimeout(() => {
  log('T2');
  process.nextTick(() => log('T2 tick'));
}, 3);
