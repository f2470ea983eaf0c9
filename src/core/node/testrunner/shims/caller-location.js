'use strict';
// Async Timeline: Node's `internalBinding('util').getCallerLocation()` (src/node_util.cc): the
// position of the code that called `test()`/`it()`/`t.test()`/a hook — [line, column, file],
// 1-based, the file an absolute path. Node reads V8's stack; here the sandbox's own stack
// (mapped to the program's source by the run's prepareStackTrace) is read, and the first frame
// of the program's own files is the caller: the runner's frames are this bundle's, and the
// runtime's are not files of the program.

const FRAME = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

function getCallerLocation() {
  // V8's CurrentStackTrace, which Node reads, does not depend on the program's Error.stackTraceLimit.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Infinity;
  let stack;
  try {
    stack = new Error().stack;
  } finally {
    Error.stackTraceLimit = limit;
  }
  if (typeof stack !== 'string') return undefined;
  for (const line of stack.split('\n').slice(1)) {
    const m = FRAME.exec(line);
    if (m === null) continue;
    const file = m[1];
    if (!isProgramFile(file)) continue;
    return [Number(m[2]), Number(m[3]), file];
  }
  return undefined;
}

function isProgramFile(file) {
  if (file.startsWith('node:')) return false;
  if (!(file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file) || file.startsWith('file://'))) return false;
  return !/[\\/]dist[\\/](nodelib|runtime|testrunner)\.js$/.test(file);
}

module.exports = { getCallerLocation };
