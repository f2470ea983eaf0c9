// A bounded recursive nextTick loop starves promises and timers until it ends.
const log = (s) => console.log(s);
let n = 0;
function spin() {
  n++;
  if (n % 250 === 0) log('nextTick #' + n);
  if (n < 1000) process.nextTick(spin);
}
process.nextTick(spin);
Promise.resolve().then(() => log('promise after ' + n + ' ticks'));
setTimeout(() => log('timeout after ' + n + ' ticks'), 0);
