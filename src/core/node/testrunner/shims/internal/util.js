'use strict';
// Async Timeline: lib/internal/util.js for the test runner: the web streams port's stand-in plus
// what the runner's files use besides (Node 26's code).
const base = require('../../../webstreams/shims/internal/util.js');

function deprecateProperty(key, message, code, isPendingDeprecation) {
  let warned = false;
  return (options) => {
    if (key in options && !warned) {
      warned = true;
      process.emitWarning(message, 'DeprecationWarning', code);
    }
  };
}

// The call sites of the caller, as V8 gives them (mock.js reads a mocked module's caller).
function getStructuredStack() {
  const prepare = Error.prepareStackTrace;
  Error.prepareStackTrace = (_err, trace) => trace;
  const err = {};
  Error.captureStackTrace(err, getStructuredStack);
  const stack = err.stack;
  Error.prepareStackTrace = prepare;
  return stack;
}

// Node's emitExperimentalWarning (lib/internal/util.js): once per feature, on the sandbox's
// process (the MockTimers API warns on Node 20 and 22).
const experimentalWarnings = new Set();
function emitExperimentalWarning(feature, messagePrefix, code, ctor) {
  if (experimentalWarnings.has(feature)) return;
  experimentalWarnings.add(feature);
  let msg = `${feature} is an experimental feature and might change at any time`;
  if (messagePrefix) {
    msg = messagePrefix + msg;
  }
  process.emitWarning(msg, 'ExperimentalWarning', code, ctor);
}

module.exports = { ...base, deprecateProperty, getStructuredStack, emitExperimentalWarning };
