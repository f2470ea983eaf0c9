'use strict';
// Async Timeline: monitorEventLoopDelay samples the real loop with a native timer in Node; the
// host's is used. It never calls back into the program; its numbers are the host's real time,
// not the simulation's (docs/io-model.md, "Not simulated yet").
const { host } = require('../../../../host');

module.exports = function monitorEventLoopDelay(...args) {
  return host.require('perf_hooks').monitorEventLoopDelay(...args);
};
