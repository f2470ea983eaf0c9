// An error thrown inside queueMicrotask goes to uncaughtException; a listener keeps the process alive.
// racy in Node 20, 22, 24, 26: the nextTick's error leaves the microtasks queued until some callback scope closes; the 1 ms timer's usually, but 1 in 8 runs (22, 26; both of 2 once on 24) drained them before it (Node 20: 0 of 10 idle, but 1 of 5 on a busy machine). loop-microtask-error-caught-late.js has the deterministic form.
const log = (s) => console.log(s);
process.on('uncaughtException', (e, origin) => log('uncaught: ' + e.message + ' origin=' + origin));
queueMicrotask(() => { throw new Error('from queueMicrotask'); });
queueMicrotask(() => log('next microtask still runs'));
process.nextTick(() => { throw new Error('from nextTick'); });
setTimeout(() => log('timer still runs'), 1);
