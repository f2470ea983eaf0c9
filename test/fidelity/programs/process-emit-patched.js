// A program (or a library: signal-exit, which many CLIs use for cleanup) that replaces
// `process.emit` sees every event Node sends through it — 'warning', 'unhandledRejection',
// 'uncaughtExceptionMonitor' and 'uncaughtException', 'beforeExit', 'exit' — before the
// listeners; Node's own 'warning' printer is a listener too, so it prints after the wrapper.
const seen = [];
const original = process.emit;
process.emit = function (event, ...args) {
  if (typeof event === 'string' && event !== 'newListener' && event !== 'removeListener') {
    console.log('emit saw', event, args[0] instanceof Error ? args[0].message : args[0]);
    seen.push(event);
  }
  return original.call(this, event, ...args);
};
process.on('unhandledRejection', (reason) => console.log('unhandledRejection listener:', reason.message));
process.on('uncaughtException', (err, origin) => {
  console.log('uncaughtException listener:', err.message, origin);
  });
process.on('beforeExit', () => {
  if (seen.filter((e) => e === 'beforeExit').length === 1) setTimeout(() => console.log('work after beforeExit'), 1);
});
process.on('exit', (code) => console.log('exit listener', code, seen.join(' ')));
process.emitWarning('disk almost full', { code: 'APP_DISK' });
Promise.reject(new Error('nobody waits for this'));
setTimeout(() => { throw new Error('thrown in a timer'); }, 2);
