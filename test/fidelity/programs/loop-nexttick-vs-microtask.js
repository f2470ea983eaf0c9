// CommonJS main: the nextTick queue drains before promise jobs after the main script.
const log = (s) => console.log(s);
Promise.resolve().then(() => log('promise 1'));
queueMicrotask(() => log('queueMicrotask 1'));
process.nextTick(() => log('nextTick 1'));
Promise.resolve().then(() => log('promise 2'));
process.nextTick(() => log('nextTick 2'));
log('sync');
