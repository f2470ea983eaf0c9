// An exception thrown in a timer callback is uncaught: stderr + exit code 1.
const log = (s) => console.log(s);
setTimeout(() => {
  log('about to throw');
  throw new RangeError('thrown in timer');
}, 5);
setTimeout(() => log('never'), 20);
