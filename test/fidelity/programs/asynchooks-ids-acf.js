// node: >=24
// executionAsyncId / triggerAsyncId in each kind of callback, without any hook or storage:
// the main script is 1 (triggered by 0); timers, immediates, ticks and queueMicrotask run as
// their own resource, triggered by what scheduled them; promise jobs run at 0 (no promise hooks).
// Ids are printed by order of first appearance (the stdio streams take ids too).
const { executionAsyncId, triggerAsyncId, executionAsyncResource } = require('async_hooks');
const names = new Map([[0, '0'], [1, '1']]);
const id = (n) => (names.has(n) || names.set(n, `#${names.size - 1}`), names.get(n));
const lines = [];
const here = (what) => lines.push(`${what}: exec=${id(executionAsyncId())} trigger=${id(triggerAsyncId())}`);
const top = executionAsyncResource();

here('top');
setImmediate(() => {
  here('immediate');
  lines.push(`resource is not the top-level one: ${executionAsyncResource() !== top}`);
  setTimeout(() => {
    here('timeout from immediate');
    process.nextTick(() => here('tick from timeout'));
    setImmediate(() => {
      here('immediate from timeout');
      const interval = setInterval(() => {
        here('interval');
        clearInterval(interval);
        console.log(lines.join('\n'));
      }, 2);
    });
    Promise.resolve().then(() => here('then in timeout'));
  }, 1);
});
process.nextTick(() => {
  here('tick');
  queueMicrotask(() => here('microtask from tick'));
});
queueMicrotask(() => here('microtask'));
Promise.resolve().then(() => here('then'));
(async () => {
  await null;
  here('after await');
})();
