// node: 20,22
// With an AsyncLocalStorage in use, Node 20 and 22 (AsyncLocalStorage on async_hooks) turn V8's
// promise hooks on: a promise reaction runs as its promise's async resource, so
// executionAsyncId() there is not 0, and promises take async ids. (Node 24+ keeps the store in
// an AsyncContextFrame: no hooks, promise jobs still run at 0 — als-execution-ids-acf.js.)
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
