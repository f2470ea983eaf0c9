// createHook with promises: every promise is a PROMISE resource (triggered by its parent: the
// promise then() was called on, await's operand), its reactions run between before/after of the
// derived promise (await: a throwaway promise), settling emits promiseResolve; a thenable job
// runs as the promise it resolves. Collected while enabled, printed at the end (ids by order of
// first appearance).
const { createHook, executionAsyncId, triggerAsyncId } = require('async_hooks');
const names = new Map([[0, '0'], [1, '1']]);
const id = (n) => (names.has(n) || names.set(n, `#${names.size - 1}`), names.get(n));
const events = [];
// Everything starts in an immediate: ticks left by whatever ran before the program (the suite's
// warm-up writes to stdout) are done by then, so the trace is the program's own.
setImmediate(() => {
  const hook = createHook({
    init(asyncId, type, triggerAsyncId) { events.push(`init ${id(asyncId)} ${type} trigger=${id(triggerAsyncId)}`); },
    before(asyncId) { events.push(`before ${id(asyncId)}`); },
    after(asyncId) { events.push(`after ${id(asyncId)}`); },
    promiseResolve(asyncId) { events.push(`resolve ${id(asyncId)}`); },
  }).enable();
  const note = (s) => events.push(`  ${s} (exec=${id(executionAsyncId())} trigger=${id(triggerAsyncId())})`);

  let resolveP;
  const p = new Promise((r) => { resolveP = r; });
  const q = new Promise((r) => r(p));
  note('q made');
  resolveP(5);
  p.then((v) => note(`then ${v}`)).then(() => note('second then'));
  Promise.reject(new Error('x')).catch(() => note('caught'));
  async function f() {
    note('f start');
    await 1;
    note('f after await 1');
    await q;
    note('f after await q');
    return 'done';
  }
  f().then((v) => {
    note(`f resolved ${v}`);
    setImmediate(() => {
      hook.disable();
      console.log(events.join('\n'));
    });
  });
});
