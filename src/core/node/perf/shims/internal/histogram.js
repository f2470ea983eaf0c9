'use strict';
// Async Timeline: histograms are native in Node (internal/histogram.js over the performance
// binding). They only record numbers and never call back into the program, so the host's are
// used: createHistogram, and what timerify records into.
const { host } = require('../../../host');

// The host's real perf_hooks (a bare require('perf_hooks') here is this layer's own).
const hostPerfHooks = () => host.require('perf_hooks');

function isHistogram(object) {
  if (object == null || typeof object !== 'object') return false;
  const HistogramPrototype = Object.getPrototypeOf(Object.getPrototypeOf(hostPerfHooks().createHistogram()));
  return HistogramPrototype.isPrototypeOf(object);
}

module.exports = {
  createHistogram: (...args) => hostPerfHooks().createHistogram(...args),
  isHistogram,
};
