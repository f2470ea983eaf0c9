'use strict';
// Async Timeline: Node's lib files require('timers'): the sandbox's timers (its globals), not the host's.
module.exports = {
  setTimeout: (...a) => setTimeout(...a),
  clearTimeout: (t) => clearTimeout(t),
  setInterval: (...a) => setInterval(...a),
  clearInterval: (t) => clearInterval(t),
  setImmediate: (...a) => setImmediate(...a),
  clearImmediate: (t) => clearImmediate(t),
};
