'use strict';
// Async Timeline: performance observers of net/http entries are not simulated.
module.exports = {
  hasObserver: () => false,
  startPerf() {},
  stopPerf() {},
};
