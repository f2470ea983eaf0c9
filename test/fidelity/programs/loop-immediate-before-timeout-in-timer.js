// Inside a timer callback (timers phase), setImmediate always runs before setTimeout(0).
const log = (s) => console.log(s);
setTimeout(() => {
  log('timer');
  setTimeout(() => log('timeout 0'), 0);
  setImmediate(() => log('immediate'));
  process.nextTick(() => log('nextTick'));
  Promise.resolve().then(() => log('promise'));
}, 0);
