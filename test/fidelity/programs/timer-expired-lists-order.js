// When the loop is blocked past several due times, the expired timers run in due-time order,
// with microtasks after each callback.
const log = (s) => console.log(s);
setTimeout(() => { log('30'); Promise.resolve().then(() => log('30 microtask')); }, 30);
setTimeout(() => { log('10'); Promise.resolve().then(() => log('10 microtask')); }, 10);
setTimeout(() => log('20'), 20);
const start = Date.now();
while (Date.now() - start < 60) {
  // busy wait: all three timers are overdue when the loop starts
}
log('busy wait over');
