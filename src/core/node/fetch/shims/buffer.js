'use strict';
// Async Timeline: the `buffer` undici requires: the host's module with the sandbox's Blob and File
// (Node's lib/internal/blob.js in nodelib, src/core/node/webstreams), as in Node, where
// `require('buffer').Blob` is the global Blob: `res.blob()`, a Blob body and FormData's files are
// then the program's Blob, whose text()/arrayBuffer()/stream() settle on the simulated loop.
const { real, sandboxModule } = require('../../host');

const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(real('buffer')));
for (const name of ['Blob', 'File']) {
  Object.defineProperty(copy, name, { get: () => sandboxModule('internal/blob')[name], enumerable: true, configurable: true });
}
module.exports = copy;
