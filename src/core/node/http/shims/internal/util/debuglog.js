'use strict';
// Async Timeline: NODE_DEBUG logging is not simulated; debuglog() gives a function that does nothing.
function debuglog(_set, _cb) {
  const noop = () => {};
  noop.enabled = false;
  return noop;
}
module.exports = { debuglog, initializeDebugEnv() {} };
