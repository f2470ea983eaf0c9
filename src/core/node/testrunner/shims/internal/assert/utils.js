'use strict';
// Async Timeline: lib/internal/assert/utils.js' innerOk (the function the stack starts from,
// then assert.ok's own arguments, after their count before Node 26), on the program's assert:
// `t.assert.ok` counts toward t.plan() and fails as assert.ok fails.
const assert = require('assert');
// Node 26's runner calls innerOk(fn, ...args); 20, 22 and 24's innerOk(fn, argLen, value, message)
// (their test.js: `innerOk(ok, args.length, ...args)`). The sandbox's process is the line's.
const NEW_SIGNATURE = Number(process.versions.node.split('.')[0]) >= 26;
function innerOk(fn, ...rest) {
  const args = NEW_SIGNATURE ? rest : rest.slice(1);
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
