// An 'uncaughtException' listener catches what an 'exit' listener throws: the exit code stays
// (process.exitCode), the later 'exit' listeners, ticks, timers and microtasks do not run.
const log = (s) => console.log(s);
process.exitCode = 4;
process.on('uncaughtException', (e, origin) => {
  log('handler: ' + e.message + ' ' + origin + ' exitCode=' + process.exitCode + ' _exiting=' + process._exiting);
  setTimeout(() => log('never: timer from the handler'));
  process.nextTick(() => log('never: tick from the handler'));
});
process.on('exit', (code) => {
  log('exit listener, code ' + code);
  Promise.resolve().then(() => log('never: microtask'));
  throw new Error('boom in exit');
});
process.on('exit', (code) => log('never: second exit listener ' + code));
Promise.resolve().then(() => log('main microtask'));
