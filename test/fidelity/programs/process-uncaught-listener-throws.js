// An 'uncaughtException' listener that throws: Node prints that error and exits with 7,
// without emitting 'exit'.
const log = (s) => console.log(s);
process.on('uncaughtException', (e, origin) => {
  log('listener: ' + e.message + ' ' + origin);
  throw new Error('from listener');
});
process.on('exit', (c) => log('never: exit ' + c));
setTimeout(() => {
  throw new Error('in timer');
}, 1);
setTimeout(() => log('never: later timer'), 5);
