// timers/promises setImmediate vs setTimeout inside a timer callback, and their values.
const timersP = require('node:timers/promises');
const log = (s) => console.log(s);
setTimeout(() => {
  timersP.setTimeout(0, 'timeout').then(log);
  timersP.setImmediate('immediate').then(log);
  Promise.resolve('microtask').then(log);
}, 0);
