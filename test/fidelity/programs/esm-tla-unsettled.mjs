// A top-level await on a promise that never settles: Node exits with code 13; Node 22+ first
// prints "Warning: Detected unsettled top-level await at <url>:<line>", the line and a caret
// (after the exit listeners).
const log = (s) => console.log(s);
process.on('exit', (code) => log('exit listener, code ' + code + ', exitCode ' + process.exitCode));
log('waiting forever');
await new Promise(() => {});
log('never');
