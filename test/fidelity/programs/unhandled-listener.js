// A process 'unhandledRejection' listener suppresses the crash; the process continues.
const log = (s) => console.log(s);
process.on('unhandledRejection', (reason, promise) => {
  log('unhandledRejection: ' + (reason instanceof Error ? reason.message : String(reason)) + ', promise is Promise: ' + (promise instanceof Promise));
});
Promise.reject(new Error('first'));
Promise.reject('second');
setTimeout(() => {
  log('timer still runs');
  Promise.reject(42);
}, 5);
setTimeout(() => log('exit code stays ' + process.exitCode), 20);
