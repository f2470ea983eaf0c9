// `return p` (resolve with a promise: +2 ticks) vs `return await p` (+1 tick) vs `return v`.
const log = (s) => console.log(s);
const p = Promise.resolve('x');
async function plain() { return p; }
async function awaited() { return await p; }
async function value() { return 'x'; }
plain().then(() => log('return p done'));
awaited().then(() => log('return await p done'));
value().then(() => log('return value done'));
let i = 0;
const tick = () => {
  log('tick ' + ++i);
  if (i < 5) Promise.resolve().then(tick);
};
Promise.resolve().then(tick);
