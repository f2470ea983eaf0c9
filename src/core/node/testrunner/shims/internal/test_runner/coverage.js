'use strict';
// Async Timeline: code coverage (--experimental-test-coverage, off for `node <file>`) reads V8's
// coverage of the process; the simulation has none to read.
function setupCoverage() {
  throw new Error('code coverage is not simulated');
}
module.exports = { setupCoverage };
