// node: 20,22,24,26
// fidelity: normalize test durations
// A failing test makes the run exit 1, after the summary and the "failing tests" list (with
// each one's location). The errors are the program's own, printed without stack frames
// (Error.stackTraceLimit = 0: frames name Node's internal files, which the simulation's are not).
Error.stackTraceLimit = 0;
const { test, describe, it } = require('node:test');

test('passes', () => {});
test('throws synchronously', () => {
  throw new Error('math is broken: 1 + 1 is 2, not 3');
});
test('rejects after an await', async () => {
  await null;
  throw new TypeError('expected a string');
});
test('rejects from a timer', () => new Promise((resolve, reject) => {
  setTimeout(() => reject(new RangeError('too late')), 5);
}));
describe('a suite with a failing test', () => {
  it('ok', () => {});
  it('fails', () => {
    throw new Error('inner failure');
  });
});
test('a subtest fails', async (t) => {
  await t.test('fine', () => {});
  await t.test('broken', () => {
    throw new Error('sub failure');
  });
});
test('after the failures', () => console.log('still runs'));
