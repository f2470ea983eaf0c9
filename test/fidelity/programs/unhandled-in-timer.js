// An unhandled rejection created inside a timer callback crashes after that timer's microtasks.
const log = (s) => console.log(s);
setTimeout(() => {
  log('timer 1');
  Promise.reject('from timer 1');
  Promise.resolve().then(() => log('timer 1 microtask'));
}, 5);
setTimeout(() => log('timer 2 (same list; never runs)'), 5);
setTimeout(() => log('timer 3 (never)'), 30);
