'use strict';
// Async Timeline: lib/internal/test_runner/mock/loader.js installs module-loader hooks for
// `mock.module()` (behind --experimental-test-module-mocks, off for `node <file>`). The
// simulation's modules are bundled before the run, so there is no loader to hook: the names
// mock.js reads at load, and no hooks.
module.exports = {
  hooks: undefined,
  mocks: new Map(),
  constants: {
    __proto__: null,
    kBadExportsMessage: 'Cannot create mock because named exports cannot be applied to the provided default export.',
    kMockSearchParam: 'node-test-mock',
    kMockSuccess: 1,
    kMockExists: 2,
    kMockUnknownMessage: 3,
  },
};
