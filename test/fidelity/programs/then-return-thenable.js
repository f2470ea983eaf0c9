// Returning a promise from a then handler costs 2 extra ticks; a thenable too.
const log = (s) => console.log(s);
Promise.resolve()
  .then(() => Promise.resolve('returned promise'))
  .then((v) => log('A ' + v));
Promise.resolve()
  .then(() => ({ then(r) { r('returned thenable'); } }))
  .then((v) => log('B ' + v));
Promise.resolve()
  .then(() => 'returned value')
  .then((v) => log('C ' + v));
let i = 0;
const tick = () => { log('tick ' + ++i); if (i < 5) Promise.resolve().then(tick); };
Promise.resolve().then(tick);
