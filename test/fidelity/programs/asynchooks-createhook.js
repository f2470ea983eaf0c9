// createHook: init/before/after/destroy of Node's resources (Timeout, Immediate, TickObject,
// Microtask, an AsyncResource), with their types and triggers. destroy is batched and emitted
// later (Node's native immediate: at the check phase). The events are collected while the hook
// is enabled (no output meanwhile) and printed at the end; ids by order of first appearance.
const { createHook, executionAsyncId, AsyncResource } = require('async_hooks');
const names = new Map([[0, '0'], [1, '1']]);
const id = (n) => (names.has(n) || names.set(n, `#${names.size - 1}`), names.get(n));
const events = [];
// Everything starts in an immediate: ticks left by whatever ran before the program (the suite's
// warm-up writes to stdout) are done by then, so the trace is the program's own.
setImmediate(() => {
  const hook = createHook({
    init(asyncId, type, triggerAsyncId, resource) {
      events.push(`init ${id(asyncId)} ${type} trigger=${id(triggerAsyncId)} exec=${id(executionAsyncId())} ${typeof resource}`);
    },
    before(asyncId) { events.push(`before ${id(asyncId)}`); },
    after(asyncId) { events.push(`after ${id(asyncId)}`); },
    destroy(asyncId) { events.push(`destroy ${id(asyncId)}`); },
  }).enable();

  const note = (s) => events.push(`  ${s} (exec=${id(executionAsyncId())})`);
  setImmediate(() => {
    note('first immediate');
    process.nextTick(() => note('tick from the first immediate'));
    setTimeout(() => {
      note('timeout');
      const cleared = setTimeout(() => note('never'), 10);
      clearTimeout(cleared);
      let n = 0;
      const interval = setInterval(() => {
        note(`interval ${++n}`);
        if (n === 2) {
          clearInterval(interval);
          const r = new AsyncResource('Custom');
          r.runInAsyncScope(() => note('in Custom'));
          r.emitDestroy();
          setTimeout(() => {
            hook.disable();
            console.log(events.join('\n'));
          }, 20);
        }
      }, 20);
    }, 100);
  });
  queueMicrotask(() => note('microtask'));
  process.nextTick(() => note('tick'));
});
