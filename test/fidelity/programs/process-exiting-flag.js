// process._exiting: false while the program runs (main, ticks, timers, beforeExit), true in
// 'exit' listeners, and set before process.exit() emits 'exit'.
const log = (s) => console.log(s);
log('main: ' + process._exiting + ', own enumerable: ' + Object.keys(process).includes('_exiting'));
process.nextTick(() => log('tick: ' + process._exiting));
setTimeout(() => log('timer: ' + process._exiting), 2);
let rounds = 0;
process.on('beforeExit', () => {
  log('beforeExit: ' + process._exiting);
  if (rounds++ === 0) setTimeout(() => {
    log('timer from beforeExit: ' + process._exiting);
    process.exit();
  }, 1);
});
process.on('exit', (code) => log('exit ' + code + ': ' + process._exiting));
