'use strict';
// Async Timeline: lib/internal/assert/utils.js' innerOk (Node 22+'s signature: the function the
// stack starts from, then assert.ok's own arguments), on the program's assert (the host's):
// `t.assert.ok` counts toward t.plan() and fails as assert.ok fails.
const assert = require('assert');
function innerOk(fn, ...args) {
  if (args[0]) return;
  if (args.length === 0) {
    const err = new assert.AssertionError({ actual: undefined, expected: true, message: 'No value argument passed to `assert.ok()`', operator: '==', stackStartFn: fn });
    err.generatedMessage = true;
    throw err;
  }
  if (args[1] instanceof Error) throw args[1];
  // The host's assert.ok writes its own message (from the source of the call) when none is given.
  if (args.length === 1 || args[1] == null) return assert.ok(args[0]);
  const err = new assert.AssertionError({ actual: args[0], expected: true, message: args[1], operator: '==', stackStartFn: fn });
  err.generatedMessage = false;
  throw err;
}
module.exports = { innerOk };
