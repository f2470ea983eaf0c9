// An uncaught exception emits 'exit' (code 1); what an 'exit' listener throws then is ignored:
// the original error is printed, exit code 1.
const log = (s) => console.log(s);
process.on('exit', (code) => {
  log('exit listener, code ' + code + ', _exiting ' + process._exiting);
  throw new Error('ignored: thrown while exiting');
});
process.on('exit', () => log('never: second exit listener'));
setTimeout(() => {
  throw new Error('first');
}, 1);
