// Two timers due together (the main script busy-waits past their due time, so both are
// overdue in the same timers phase): the nextTick of the first runs before the second timer;
// the immediate waits for the check phase.
const log = (s) => console.log(s);
setTimeout(() => {
  log('T1');
  process.nextTick(() => log('T1 tick'));
  Promise.resolve().then(() => log('T1 promise'));
  setImmediate(() => log('T1 immediate'));
}, 3);
setTimeout(() => {
  log('T2');
  process.nextTick(() => log('T2 tick'));
}, 3);
const start = Date.now();
while (Date.now() - start < 20) {
  // both timers are overdue when the loop starts
}
