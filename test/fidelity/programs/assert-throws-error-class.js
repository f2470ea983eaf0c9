// node: 20,22,24,26
// assert.throws / doesNotThrow / rejects with an error class of the program (a built-in one or its
// own subclass of Error): a class that does not match fails with Node's "expected to be an
// instance of" message, never by calling the class as a validation function. The program's
// `Error` itself is a validation function for Node too. Error.stackTraceLimit = 0: the stacks
// name Node's lib/assert.js.
Error.stackTraceLimit = 0;
const assert = require('node:assert');
class MyError extends Error {}
class Frozen extends Error {}

const cases = [
  ['wrong built-in class', () => assert.throws(() => { throw new RangeError('r'); }, TypeError)],
  ['right built-in class', () => assert.throws(() => { throw new TypeError('t'); }, TypeError)],
  ['wrong own class', () => assert.throws(() => { throw new Error('e'); }, MyError)],
  ['right own class', () => assert.throws(() => { throw new MyError('m'); }, MyError)],
  ['own class, same name', () => assert.throws(() => { throw new (class MyError extends Error {})('x'); }, MyError)],
  ['own class, a string thrown', () => assert.throws(() => { throw 'str'; }, MyError)],
  ['Error for a string', () => assert.throws(() => { throw 'str'; }, Error)],
  ['Error for an error', () => assert.throws(() => { throw new RangeError('r'); }, Error)],
  ['with a message', () => assert.throws(() => { throw new RangeError('r'); }, TypeError, 'why')],
  ['doesNotThrow, other class', () => assert.doesNotThrow(() => { throw new RangeError('r'); }, MyError)],
  ['doesNotThrow, that class', () => assert.doesNotThrow(() => { throw new MyError('m'); }, MyError)],
  ['strict.throws, wrong class', () => assert.strict.throws(() => { throw new Error('e'); }, MyError)],
];
for (const [name, run] of cases) {
  try {
    run();
    console.log(name, 'passed');
  } catch (e) {
    console.log(name, e.code, e.operator, e.generatedMessage, JSON.stringify(e.message));
    if (e.code === 'ERR_ASSERTION') console.log('  expected is the class:', e.expected === MyError || e.expected === TypeError || e.expected === Error);
  }
}

async function main() {
  for (const [name, run] of [
    ['rejects, wrong own class', () => assert.rejects(Promise.reject(new Error('e')), MyError)],
    ['rejects, right own class', () => assert.rejects(Promise.reject(new MyError('m')), MyError)],
    ['doesNotReject, other class', () => assert.doesNotReject(Promise.reject(new RangeError('r')), MyError)],
  ]) {
    try {
      await run();
      console.log(name, 'resolved');
    } catch (e) {
      console.log(name, e.code, e.operator, JSON.stringify(e.message));
    }
  }
  Object.freeze(Frozen);
  try {
    assert.throws(() => { throw new Error('e'); }, Frozen);
  } catch (e) {
    console.log('a frozen class', e.code, JSON.stringify(e.message));
  }
}
main();
