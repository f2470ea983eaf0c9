'use strict';
// Async Timeline: the `perf_hooks` undici's fetch reads (lib/web/fetch/util.js, index.js): the
// sandbox's clock for its timing info, and no resource-timing entries — the host's
// `performance.markResourceTiming` would add them to the worker's own performance timeline.
module.exports = {
  performance: {
    now: () => globalThis.performance.now(),
    markResourceTiming() {},
  },
};
