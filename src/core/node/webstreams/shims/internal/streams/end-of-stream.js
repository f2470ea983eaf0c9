'use strict';
// Async Timeline: the sandbox's end-of-stream (src/core/node/streams/end-of-stream.js, Node 20's:
// the function itself, with .finished). Node 24+ export it as `{ eos, finished }`: both shapes.
const eos = require('readable-stream/lib/internal/streams/end-of-stream.js');
module.exports = Object.assign((...args) => eos(...args), { eos, finished: eos.finished });
