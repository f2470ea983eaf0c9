'use strict';
// Async Timeline: Node's ES module loader is not in the sandbox (the program is bundled before
// the run). The test runner reaches it only for custom reporters and module mocks.
module.exports = {
  getOrInitializeCascadedLoader() {
    const err = new Error('Async Timeline does not simulate loading modules at run time (a custom --test-reporter, mock.module()).');
    err.code = 'ERR_ASYNC_TIMELINE_NOT_SIMULATED';
    throw err;
  },
};
