// node: 20,22,24,26
// assert.rejects and assert.doesNotReject on the program's promises: they settle, in Node's
// ticks, with each line's AssertionError (message, operator, generatedMessage, actual/expected)
// and Node's argument errors. Error.stackTraceLimit = 0: the stacks name Node's lib/assert.js.
Error.stackTraceLimit = 0;
const assert = require('node:assert');
const strict = require('node:assert/strict');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function show(name, e) {
  if (typeof e !== 'object' || e === null) return console.log(name, 'rejected with', e);
  console.log(name, e.name, e.code, e.operator, e.generatedMessage, JSON.stringify(e.message), e instanceof assert.AssertionError);
  if (e.code === 'ERR_ASSERTION') console.log('  actual:', e.actual, 'expected:', e.expected);
}

async function main() {
  await assert.rejects(async () => { await sleep(5); throw new TypeError('boom'); }, TypeError);
  console.log('rejects a class: ok');
  await assert.rejects(sleep(1).then(() => { throw new Error('late'); }), /late/);
  console.log('rejects a regexp: ok');
  await assert.rejects(Promise.reject(new Error('abc')), { message: 'abc', name: 'Error' });
  console.log('rejects an object: ok');
  await strict.rejects(Promise.reject(new Error('abc')), (e) => e.message === 'abc');
  console.log('strict.rejects a validation function: ok');
  const value = await assert.doesNotReject(async () => { await sleep(2); return 1; });
  console.log('doesNotReject: ok', value);
  await assert.doesNotReject(Promise.reject(new RangeError('r')), TypeError).catch((e) => show('doesNotReject another class', e));

  const cases = [
    ['missing', () => assert.rejects(sleep(1))],
    ['missing with a message', () => assert.rejects(Promise.resolve(), 'custom message')],
    ['missing with a class', () => assert.rejects(Promise.resolve(), TypeError)],
    ['missing with a class and a message', () => assert.rejects(Promise.resolve(), TypeError, 'why')],
    ['wrong class', () => assert.rejects(Promise.reject(new RangeError('r')), TypeError)],
    ['regexp', () => assert.rejects(Promise.reject(new Error('abc')), /zzz/)],
    ['object', () => assert.rejects(Promise.reject(new Error('abc')), { message: 'abd' })],
    ['validation function', () => assert.rejects(Promise.reject(new Error('abc')), function check() { return false; })],
    ['not a promise returned', () => assert.rejects(() => 5)],
    ['not a function or promise', () => assert.rejects(5)],
    ['thenable without catch', () => assert.rejects({ then() {} })],
    ['sync throw', () => assert.rejects(() => { throw new Error('sync'); })],
    ['message identical', () => assert.rejects(Promise.reject(new Error('same')), 'same')],
    ['unwanted', () => assert.doesNotReject(Promise.reject(new Error('nope')))],
    ['unwanted with a message', () => assert.doesNotReject(Promise.reject(new Error('nope')), 'why')],
    ['unwanted of that class', () => assert.doesNotReject(Promise.reject(new TypeError('nope')), TypeError)],
    ['doesNotReject a non-promise', () => assert.doesNotReject(() => 'x')],
    ['strict missing', () => strict.rejects(Promise.resolve())],
    ['strict unwanted', () => strict.doesNotReject(Promise.reject(new Error('nope')))],
  ];
  for (const [name, make] of cases) {
    try {
      const result = await make();
      console.log(name, 'resolved', result);
    } catch (e) {
      show(name, e);
    }
  }

  // In Node's ticks: each settles after the same number of microtask turns as Node's.
  const log = [];
  const tick = (n) => Promise.resolve().then(() => { log.push(`tick ${n}`); if (n < 8) return tick(n + 1); });
  const a = assert.rejects(Promise.reject(new Error('e'))).then(() => log.push('rejects settled'));
  const b = assert.doesNotReject(Promise.resolve(1)).then(() => log.push('doesNotReject settled'));
  const c = assert.rejects(Promise.resolve(1)).catch(() => log.push('rejects failed'));
  const d = assert.doesNotReject(async () => {}).then(() => log.push('doesNotReject of a function settled'));
  await Promise.all([a, b, c, d, tick(1)]);
  console.log(log.join(', '));
  console.log('rejects.name', assert.rejects.name, assert.rejects.length, assert.doesNotReject.name, assert.doesNotReject.length, strict.rejects === assert.rejects);
}
main();
