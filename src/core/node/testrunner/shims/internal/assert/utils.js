'use strict';
// Async Timeline: lib/internal/assert/utils.js' innerOk, on the program's assert (the host's):
// a falsy value fails with the message given, or with assert.ok's own.
const assert = require('assert');
function innerOk(fn, argLen, value, message) {
  if (value) return;
  if (argLen === 0) {
    assert.ok(false, 'No value argument passed to `assert.ok()`');
  }
  if (message instanceof Error) throw message;
  const err = new assert.AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
  err.generatedMessage = message === undefined;
  throw err;
}
module.exports = { innerOk };
