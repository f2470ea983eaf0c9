// An 'exit' listener throws after process.exitCode was set: Node prints the error and exits
// with process.exitCode (3), not 1.
const log = (s) => console.log(s);
process.exitCode = 3;
process.on('exit', (code) => {
  log('exit listener, code ' + code);
  throw new Error('boom in exit');
});
setImmediate(() => log('immediate'));
