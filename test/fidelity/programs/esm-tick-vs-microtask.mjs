// In an ES module the body runs inside a promise job: microtasks drain before the nextTick
// queue (the opposite of CommonJS).
const log = (s) => console.log(s);
process.nextTick(() => log('nextTick 1'));
Promise.resolve().then(() => log('promise 1'));
queueMicrotask(() => log('queueMicrotask'));
process.nextTick(() => log('nextTick 2'));
Promise.resolve().then(() => log('promise 2'));
log('sync');
