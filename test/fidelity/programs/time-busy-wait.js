// A synchronous busy-wait on Date.now() blocks timers; the timer fires late, after the wait.
const log = (s) => console.log(s);
const start = Date.now();
setTimeout(() => log('timer 10 fired, late: ' + (Date.now() - start >= 50)), 10);
while (Date.now() - start < 50) {
  // spin
}
log('busy wait of 50 ms done');
