// A nextTick scheduled from a promise job runs only after the whole microtask queue drains.
const log = (s) => console.log(s);
Promise.resolve().then(() => {
  log('promise A');
  process.nextTick(() => log('nextTick from A'));
  Promise.resolve().then(() => log('promise from A'));
});
Promise.resolve().then(() => log('promise B'));
process.nextTick(() => {
  log('nextTick 1');
  Promise.resolve().then(() => log('promise from nextTick 1'));
  process.nextTick(() => log('nextTick from nextTick 1'));
});
process.nextTick(() => log('nextTick 2'));
