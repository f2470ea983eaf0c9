// Microtasks and nextTicks run after each timer callback, not after the whole timer list.
const log = (s) => console.log(s);
setTimeout(() => {
  log('T1');
  Promise.resolve().then(() => log('T1 promise'));
  process.nextTick(() => log('T1 nextTick'));
}, 5);
setTimeout(() => {
  log('T2');
  Promise.resolve().then(() => log('T2 promise'));
}, 5);
setTimeout(() => log('T3'), 5);
