'use strict';
// Async Timeline: lib/internal/util/types.js for the test runner — the http port's, with
// `isPromise` true for the sandbox's promises too (they are the simulation's, not V8's).
const base = require('../../../../http/shims/internal/util/types.js');
const { host } = require('../../../../host');
module.exports = {
  ...base,
  isPromise: (value) => host.promiseState?.(value) !== undefined || base.isPromise(value),
};
