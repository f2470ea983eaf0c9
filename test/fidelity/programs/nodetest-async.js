// node: 20,22,24,26
// fidelity: normalize test durations
// Tests whose bodies schedule ticks, microtasks and timers: what each prints, and
// where the runner's reports fall among them; tests started without await (concurrent subtests),
// and top-level code after the test() calls. (No setImmediate against a test's end: Node 22
// ran one from the second test after that test's 20 ms timer in 11 of 25 runs.)
const test = require('node:test');

console.log('top: before tests');
test('ticks and microtasks', () => {
  process.nextTick(() => console.log('tick from test 1'));
  Promise.resolve().then(() => console.log('microtask from test 1'));
  queueMicrotask(() => console.log('queueMicrotask from test 1'));
  console.log('test 1 body');
});
test('timers', async () => {
  setTimeout(() => console.log('timer 5 from test 2'), 5);
  await new Promise((r) => setTimeout(r, 20));
  console.log('test 2 after 20 ms');
});
test('concurrent subtests', async (t) => {
  const a = t.test('slow', async () => {
    await new Promise((r) => setTimeout(r, 30));
    console.log('slow done');
  });
  const b = t.test('fast', async () => {
    await new Promise((r) => setTimeout(r, 10));
    console.log('fast done');
  });
  await Promise.all([a, b]);
});
test('callback style', (t, done) => {
  setTimeout(() => {
    console.log('callback test done');
    done();
  }, 5);
});
console.log('top: after tests');
