// node: 20,22,24,26
// fidelity: normalize test durations
// t.mock: a mocked function's calls, a mocked method restored after the test, and mocked timers
// (setTimeout/setInterval advanced by tick(), the real ones untouched for the runner).
const { test } = require('node:test');
const assert = require('node:assert');

test('mock.fn records calls', (t) => {
  const double = t.mock.fn((n) => n * 2);
  double(2);
  double(5);
  console.log(double.mock.callCount(), double.mock.calls.map((c) => [c.arguments, c.result]));
  double.mock.mockImplementationOnce(() => -1);
  console.log(double(7), double(7));
});

const clock = { now: () => 'real' };
test('mock.method is restored after the test', (t) => {
  t.mock.method(clock, 'now', () => 'mocked');
  console.log('inside', clock.now(), clock.now.mock.callCount());
});
test('after the mocked test', () => console.log('after', clock.now()));

test('mocked timers', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  const seen = [];
  setTimeout(() => seen.push('timeout 1000'), 1000);
  const id = setInterval(() => seen.push('interval 300'), 300);
  t.mock.timers.tick(700);
  console.log('after 700:', seen.join(', '));
  t.mock.timers.tick(300);
  clearInterval(id);
  console.log('after 1000:', seen.join(', '));
  // The program's real timers come back when the test ends; this one waits for real.
  t.mock.timers.reset();
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.strictEqual(seen.length, 4);
});
