'use strict';
// Async Timeline: the sandbox's stream utils (src/core/node/streams/utils.js), so the symbols
// (kIsClosedPromise, kControllerErrorFunction, …) are the ones stream.finished() reads.
module.exports = require('readable-stream/lib/internal/streams/utils.js');
