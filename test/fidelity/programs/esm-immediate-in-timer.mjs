// ESM: inside a timer callback, immediates still beat setTimeout(0); nextTick order is CJS-like there.
const log = (s) => console.log(s);
setTimeout(() => {
  log('timer');
  setTimeout(() => log('timeout 0'), 0);
  setImmediate(() => log('immediate'));
  Promise.resolve().then(() => log('promise'));
  process.nextTick(() => log('nextTick'));
}, 5);
