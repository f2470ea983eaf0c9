// 200 timers created in a loop with pseudo-random delays (multiples of 25) fire sorted by delay,
// creation order within a delay.
const log = (s) => console.log(s);
let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
const fired = [];
for (let i = 0; i < 200; i++) {
  const d = (rand() % 5) * 25;
  setTimeout(() => fired.push(d + ':' + i), d);
}
setTimeout(() => {
  log('fired ' + fired.length);
  for (let k = 0; k < fired.length; k += 20) log(fired.slice(k, k + 20).join(' '));
}, 250);
