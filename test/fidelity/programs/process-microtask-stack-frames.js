// The frames Node prints below a promise job or a queueMicrotask callback: none when V8 drains
// the microtask queue by itself (after the main script with no nextTick, after a timer), and
// `process.processTicksAndRejections` when the nextTick queue's processing drained it; a
// queueMicrotask callback adds Node's AsyncResource frames on 20 and 22 (not on 24/26).
// One timer at a time (each starts the next), so no drain happens between two callbacks.
const below = (label) => console.log(label + '\n' + new Error('x').stack.split('\n').slice(2).join('\n'));
Promise.resolve().then(() => below('then, main without ticks'));
queueMicrotask(() => below('queueMicrotask, main without ticks'));
setTimeout(() => {
  Promise.resolve().then(() => below('then in a timer'));
  queueMicrotask(() => below('queueMicrotask in a timer'));
  setTimeout(() => {
    process.nextTick(() => {
      Promise.resolve().then(() => below('then after a tick'));
      queueMicrotask(() => below('queueMicrotask after a tick'));
    });
    setTimeout(() => {
      (async () => {
        await null;
        below('async function after await, in a tick-drained queue');
      })();
      process.nextTick(() => {});
    }, 1);
  }, 1);
}, 1);
