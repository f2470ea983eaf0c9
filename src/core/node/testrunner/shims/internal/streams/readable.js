'use strict';
// Async Timeline: the sandbox's stream Readable (src/core/node/stream.ts).
module.exports = require('stream').Readable;
