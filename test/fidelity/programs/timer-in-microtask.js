// Timers created from nextTick / microtasks / timers with the same delay keep creation order.
const log = (s) => console.log(s);
setTimeout(() => log('sync timer'), 5);
process.nextTick(() => setTimeout(() => log('nextTick timer'), 5));
Promise.resolve().then(() => setTimeout(() => log('microtask timer'), 5));
setTimeout(() => log('sync timer 2'), 5);
