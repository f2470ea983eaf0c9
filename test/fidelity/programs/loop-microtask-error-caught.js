// An error thrown inside queueMicrotask goes to uncaughtException; a listener keeps the process alive.
const log = (s) => console.log(s);
process.on('uncaughtException', (e, origin) => log('uncaught: ' + e.message + ' origin=' + origin));
queueMicrotask(() => { throw new Error('from queueMicrotask'); });
queueMicrotask(() => log('next microtask still runs'));
process.nextTick(() => { throw new Error('from nextTick'); });
setTimeout(() => log('timer still runs'), 1);
