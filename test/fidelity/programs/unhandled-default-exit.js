// An unhandled rejection with an Error: Node 20 prints the error to stderr and exits with 1.
// Output printed before the crash is kept; later timers never run.
const log = (s) => console.log(s);
log('start');
setTimeout(() => log('timer (never runs)'), 10);
Promise.reject(new Error('nobody handles me'));
process.nextTick(() => log('nextTick runs before the crash'));
Promise.resolve().then(() => log('microtask runs before the crash'));
