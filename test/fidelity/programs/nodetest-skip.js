// node: 20,22,24,26
// fidelity: normalize test durations
// skip, todo, only-less runs, t.skip()/t.todo() inside a test, diagnostics, a plan, and the counts
// in the summary.
const { test, describe, it } = require('node:test');

test('skipped by option', { skip: true }, () => console.log('never'));
test('skipped with a reason', { skip: 'not on this platform' }, () => console.log('never'));
test.skip('test.skip', () => console.log('never'));
test('todo by option', { todo: 'write it' }, () => console.log('todo body runs'));
test.todo('test.todo without a body');
test('skips itself', (t) => {
  t.skip('decided at run time');
  console.log('body goes on after t.skip');
});
test('diagnostics', (t) => {
  t.diagnostic('a note from the test');
  t.diagnostic('another');
});
test('a plan', (t) => {
  t.plan(2);
  t.assert.ok(true);
  t.assert.strictEqual(1, 1);
});
describe.skip('a skipped suite', () => {
  it('inside', () => console.log('never'));
});
describe('suite with todo', () => {
  it.todo('later');
  it('now', () => {});
});
