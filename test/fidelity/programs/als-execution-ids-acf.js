// node: >=24
// Node 24+: AsyncLocalStorage keeps its store in an AsyncContextFrame (V8 carries it across
// promise jobs): no async_hooks, so promise reactions still run at executionAsyncId() 0 and
// promises take no ids; queueMicrotask makes its Microtask resource only while a store is set.
// (Node 20 and 22: als-execution-ids.js.)
const { AsyncLocalStorage, executionAsyncId, triggerAsyncId } = require('async_hooks');
const names = new Map([[0, '0'], [1, '1']]);
const id = (n) => (names.has(n) || names.set(n, `#${names.size - 1}`), names.get(n));
const lines = [];
const here = (what) => lines.push(`${what}: store=${als.getStore()} exec=${id(executionAsyncId())} trigger=${id(triggerAsyncId())}`);
const als = new AsyncLocalStorage();

here('top before run');
Promise.resolve().then(() => here('then before any run'));
als.run('s', () => {
  here('in run');
  Promise.resolve().then(() => here('then in run'));
  (async () => {
    await null;
    here('after await in run');
    await new Promise((r) => setTimeout(r, 1));
    here('after await of a timer');
  })();
  queueMicrotask(() => here('microtask in run'));
  process.nextTick(() => here('tick in run'));
});
setTimeout(() => {
  here('timer');
  setImmediate(() => console.log(lines.join('\n')));
}, 200);
