// node: 20,22,24,26
// fidelity: normalize test durations
// node:test run as `node file.js`: top-level tests, describe/it with hooks, an async test with a timer, subtests awaited with t.test — the reports interleaved with the tests' own output.
const test = require('node:test');
const assert = require('node:assert');
const { describe, it, before, after, beforeEach, afterEach } = test;

test('adds', () => {
  assert.strictEqual(1 + 1, 2);
});

test('async with timer', async () => {
  await new Promise((r) => setTimeout(r, 50));
  console.log('timer done');
});

describe('outer', () => {
  before(() => console.log('before outer'));
  after(() => console.log('after outer'));
  beforeEach(() => console.log('beforeEach'));
  afterEach(() => console.log('afterEach'));
  it('one', () => { console.log('in one'); });
  describe('inner', () => {
    it('two', async () => { await null; console.log('in two'); });
  });
});

test('subtests', async (t) => {
  await t.test('sub a', () => {});
  await t.test('sub b', async () => { await new Promise((r) => setImmediate(r)); });
});
