// node: 20,22,24,26
// fidelity: normalize test durations
// A test that fails an assertion: the report prints the AssertionError as each line makes it
// (its message, actual/expected/operator, and on 22+ its own `diff: 'simple'`). The program's
// Error.stackTraceLimit = 0 holds for assert's errors as for its own (stack frames name Node's
// internal files, which the simulation's are not: src/core/node/testrunner/README.md).
Error.stackTraceLimit = 0;
const { test } = require('node:test');
const assert = require('node:assert');
const strict = require('node:assert/strict');

test('strictEqual', () => {
  assert.strictEqual(1 + 1, 3);
});
test('strictEqual with a message', () => {
  assert.strictEqual('hello world', 'hello there', 'greetings differ');
});
test('notStrictEqual', () => {
  assert.notStrictEqual(1, 1);
});
test('equal', () => {
  assert.equal(1, 2);
});
test('ok with a message', () => {
  assert.ok(false, 'must be true');
});
test('throws', () => {
  assert.throws(() => {});
});
test('match', () => {
  assert.match('abc', /x/);
});
test('deepStrictEqual', () => {
  assert.deepStrictEqual({ id: 7, tags: ['a', 'b'] }, { id: 7, tags: ['a', 'c'] });
});
test('assert/strict equal', () => {
  strict.equal(1, '1');
});
test('passes', () => {
  assert.strictEqual(2, 2);
});
