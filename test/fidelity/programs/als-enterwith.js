// enterWith: it sets the store for the rest of the running callback and for everything that
// callback schedules — not for callbacks scheduled before it, not for unrelated callbacks. Inside
// an async function (before its first await) it leaks to the caller, which runs on synchronously.
const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
const log = (where) => console.log(`${where}: ${als.getStore()}`);

setTimeout(() => log('timer scheduled before enterWith'), 5);
als.enterWith('top');
log('top after enterWith');
setTimeout(() => {
  log('timer scheduled after enterWith');
  als.enterWith('inside-timer');
  log('same timer after its own enterWith');
  // A tick, not an immediate: the next timer of this list may be due a millisecond later (its
  // start was taken after more top-level work), and then an immediate would race it.
  process.nextTick(() => log('tick from that timer'));
}, 5);
setTimeout(() => log('next timer of the same list (unrelated)'), 5);
Promise.resolve().then(() => log('then scheduled at top'));
(async () => {
  als.enterWith('in-async-fn');
  await null;
  log('async fn after await');
})();
log('caller after the async fn returned');
als.run('run-store', () => {
  log('inside run');
  als.enterWith('entered-inside-run');
  log('after enterWith inside run');
  process.nextTick(() => log('tick scheduled inside run'));
});
log('after run (enterWith inside run does not escape)');
setTimeout(() => {
  als.run('r2', () => {
    setTimeout(() => log('timer from run inside a timer'), 1);
  });
  log('back in the timer after run');
  als.enterWith('late-timer');
  setImmediate(() => log('immediate from a timer after its enterWith'));
}, 60);
