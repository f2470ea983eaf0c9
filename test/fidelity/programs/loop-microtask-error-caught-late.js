// After an uncaught error in a nextTick (with an uncaughtException listener), the microtasks
// already queued are not lost: they run, in every line, before a 50 ms timer that
// is due. Errors inside them go to uncaughtException too. (The 1 ms timer form,
// loop-microtask-error-caught.js, races in Node 22+.)
const log = (s) => console.log(s);
process.on('uncaughtException', (e, origin) => log('uncaught: ' + e.message + ' origin=' + origin));
queueMicrotask(() => { throw new Error('from queueMicrotask'); });
queueMicrotask(() => log('next microtask still runs'));
process.nextTick(() => { throw new Error('from nextTick'); });
setTimeout(() => log('timer still runs'), 50);
