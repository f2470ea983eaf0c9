'use strict';
// Async Timeline: the `worker_threads` undici requires: the host's module, with the
// `markAsUncloneable` of the imitated line. Node 22+ has it (lib/worker_threads.js: the object's
// transfer mode set to "neither clone nor transfer"), and undici marks its Headers, Request,
// Response and FormData with it, so `structuredClone(new Headers())` throws DataCloneError there;
// Node 20 has none, and they clone as plain objects ({}). The mark is the one the simulation's
// structured clone reads (src/core/node/webstreams/shims/internal/worker/js_transferable.js).
const { real, host } = require('../../host');
const { markTransferMode } = require('../../webstreams/shims/internal/worker/js_transferable.js');

const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(real('worker_threads')));
if (host.nodeMajor >= 22) {
  copy.markAsUncloneable = function markAsUncloneable(obj) {
    markTransferMode(obj, false, false);
  };
} else delete copy.markAsUncloneable;
module.exports = copy;
