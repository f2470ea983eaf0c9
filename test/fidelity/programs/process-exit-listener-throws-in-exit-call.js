// process.exit(6) whose 'exit' listener throws: the error comes out of process.exit() (the
// caller catches it and goes on), the process keeps running with _exiting true, and at the
// natural end 'exit' is emitted again; the second throw reaches the 'uncaughtException'
// listener and the exit code is 6.
const log = (s) => console.log(s);
process.on('uncaughtException', (e) => log('handler: ' + e.message + ', _exiting ' + process._exiting));
let n = 0;
process.on('exit', (code) => {
  log('exit listener #' + ++n + ', code ' + code);
  throw new Error('boom in exit #' + n);
});
setTimeout(() => {
  log('calling process.exit(6)');
  try {
    process.exit(6);
  } catch (e) {
    log('caught: ' + e.message);
  }
  log('after process.exit: _exiting ' + process._exiting + ', exitCode ' + process.exitCode);
}, 1);
setTimeout(() => log('later timer'), 5);
