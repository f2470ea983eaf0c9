// finally passes the value/reason through, its return value is ignored, its promise awaited.
const log = (s) => console.log(s);
Promise.resolve('value')
  .finally(() => { log('f1'); return 'ignored'; })
  .then((v) => log('after f1: ' + v));
Promise.reject('reason')
  .finally(() => log('f2'))
  .catch((e) => log('after f2: ' + e));
Promise.resolve('v3')
  .finally(() => new Promise((r) => setTimeout(() => { log('f3 timer'); r('also ignored'); }, 5)))
  .then((v) => log('after f3: ' + v));
Promise.resolve('v4').finally().then((v) => log('finally() no arg: ' + v));
Promise.resolve('v5').finally(42).then((v) => log('finally(42): ' + v));
let i = 0;
const tick = () => { log('tick ' + ++i); if (i < 5) Promise.resolve().then(tick); };
Promise.resolve().then(tick);
