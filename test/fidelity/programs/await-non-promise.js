// await of a plain value, of undefined, of null, of a function: one tick each.
const log = (s) => console.log(s);
(async () => {
  log('a0');
  log('a1 ' + (await 1));
  log('a2 ' + (await undefined));
  log('a3 ' + (await null));
  log('a4 ' + typeof (await function f() {}));
  log('a5 ' + (await { x: 1 }).x);
})();
let i = 0;
const tick = () => {
  log('tick ' + ++i);
  if (i < 6) Promise.resolve().then(tick);
};
Promise.resolve().then(tick);
log('sync end');
