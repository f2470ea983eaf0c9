// setInterval cleared after N runs; from inside its own callback.
const log = (s) => console.log(s);
let n = 0;
const id = setInterval(() => {
  n++;
  log('interval ' + n);
  Promise.resolve().then(() => log('  microtask after interval ' + n));
  if (n === 4) {
    clearInterval(id);
    log('cleared');
  }
}, 10);
setTimeout(() => log('timeout 300: n=' + n), 300);
