// An exception thrown by an 'exit' listener at the natural end is an uncaught exception: the
// monitor sees it, the listeners after it do not run, it is printed and the exit code is 1.
const log = (s) => console.log(s);
process.on('uncaughtExceptionMonitor', (e, origin) => log('monitor: ' + e.message + ' (' + origin + ')'));
process.on('exit', (code) => {
  log('exit listener 1, code ' + code + ', _exiting ' + process._exiting);
  Promise.resolve().then(() => log('never: microtask of a failed exit listener'));
  throw new Error('boom in exit');
});
process.on('exit', () => log('never: second exit listener'));
setTimeout(() => log('timer'), 5);
