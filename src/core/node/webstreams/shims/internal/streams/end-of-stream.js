'use strict';
// Async Timeline: the sandbox's end-of-stream (src/core/node/streams/end-of-stream.js).
module.exports = require('readable-stream/lib/internal/streams/end-of-stream.js');
