// queueMicrotask with a non-function: Node's TypeError [ERR_INVALID_ARG_TYPE] and its
// "Received ..." wording; the last one is uncaught.
const log = console.log;
class Thing {}
const values = [undefined, null, 1, -0, NaN, 'str', 'a string that is longer than twenty-eight', {}, [], Object.create(null),
  new Thing(), Symbol('s'), 10n, true, Promise.resolve()];
for (const bad of values) {
  try {
    queueMicrotask(bad);
  } catch (e) {
    log(e.name, e.code, e instanceof TypeError, Object.keys(e).join());
    log('  ' + e.message);
    log('  ' + e.stack.split('\n')[0]);
  }
}
queueMicrotask(42);
