// node: 20,22,24,26
// fidelity: normalize test durations
// The test context's assert (t.assert) is the program's `assert`: its failures print
// as a plain assert's do (with Node 22+'s `diff: 'simple'`), and t.plan() counts them.
// Error.stackTraceLimit = 0: stack frames name Node's internal files (src/core/node/testrunner/README.md).
Error.stackTraceLimit = 0;
const { test } = require('node:test');

test('t.assert.strictEqual', (t) => {
  t.assert.strictEqual(1 + 1, 3);
});
test('t.assert.deepStrictEqual', (t) => {
  t.assert.deepStrictEqual({ id: 7, tags: ['a'] }, { id: 7, tags: ['b'] });
});
test('t.assert.ok with a message', (t) => {
  t.assert.ok(false, 'must be true');
});
test('a plan of two, both asserted', (t) => {
  t.plan(2);
  t.assert.equal(1, 1);
  t.assert.notStrictEqual(1, 2);
});
