'use strict';
// Async Timeline: the sandbox's stream Transform (src/core/node/stream.ts).
module.exports = require('stream').Transform;
