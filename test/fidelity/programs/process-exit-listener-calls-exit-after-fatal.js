// process.exit(2) inside the 'exit' listener of a fatal exception: the process ends at once
// with code 2 and the uncaught error is never printed.
const log = (s) => console.log(s);
process.on('exit', (code) => {
  log('exit listener, code ' + code);
  process.exit(2);
});
setTimeout(() => {
  throw new Error('never printed');
}, 1);
