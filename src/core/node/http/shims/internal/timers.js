'use strict';
// Async Timeline: lib/internal/timers.js' pieces net/http use, on the sandbox's timers.
// setUnrefTimeout is Node's `new Timeout(…, isRefed = false)`: here a setTimeout made unref'd.
const { validateFunction, validateNumber } = require('internal/validators');
const { codes: { ERR_OUT_OF_RANGE } } = require('internal/errors');
const TIMEOUT_MAX = 2 ** 31 - 1;
const kTimeout = Symbol('timeout');
function setUnrefTimeout(callback, after) {
  validateFunction(callback, 'callback');
  const timer = setTimeout(callback, after);
  timer.unref();
  return timer;
}
function getTimerDuration(msecs, name) {
  validateNumber(msecs, name);
  if (msecs < 0 || !Number.isFinite(msecs)) {
    throw new ERR_OUT_OF_RANGE(name, 'a non-negative finite number', msecs);
  }
  if (msecs > TIMEOUT_MAX) {
    process.emitWarning(`${msecs} does not fit into a 32-bit signed integer.` +
                        `\nTimer duration was truncated to ${TIMEOUT_MAX}.`,
                        'TimeoutOverflowWarning');
    return TIMEOUT_MAX;
  }
  return msecs;
}
module.exports = { kTimeout, setUnrefTimeout, getTimerDuration, TIMEOUT_MAX };
