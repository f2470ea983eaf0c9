'use strict';
// Async Timeline: `internalBinding(name)` for the webstreams files of lib/: what they need of
// Node's native bindings, made of the sandbox (its promises' state, its ArrayBuffers) or the
// host (zlib constants, DOMException); everything else is the http port's (http/bindings.ts).
const { internalBinding: httpBinding } = require('../../http/bindings.ts');
const { host, real } = require('../../host.ts');
const { ArrayBufferPrototypeTransfer } = require('./primordials.js');

const kPending = 0;
const kFulfilled = 1;
const kRejected = 2;
const STATES = { pending: kPending, fulfilled: kFulfilled, rejected: kRejected };

const made = new Map();

function make(name) {
  switch (name) {
    case 'messaging':
      return {
        DOMException: globalThis.DOMException,
        structuredClone: (value, options) => globalThis.structuredClone(value, options),
      };
    case 'buffer':
      return {
        // Node's detachArrayBuffer: the bytes in a new buffer, the old one detached.
        detachArrayBuffer: (buffer) => ArrayBufferPrototypeTransfer(buffer),
        copyArrayBuffer(destination, destinationOffset, source, sourceOffset, bytesToCopy) {
          new Uint8Array(destination, destinationOffset, bytesToCopy).set(new Uint8Array(source, sourceOffset, bytesToCopy));
        },
        kMaxLength: real('buffer').kMaxLength,
      };
    case 'util':
      return {
        constants: { kPending, kFulfilled, kRejected },
        // The runtime's promises keep their state in private slots; the run hands an accessor over.
        getPromiseDetails(promise) {
          const state = host.promiseState?.(promise);
          return state === undefined ? undefined : [STATES[state]];
        },
        getSharedArrayBufferGrowable: (sab) => sab.growable === true,
      };
    case 'blob':
      return require('./blob-data.js');
    case 'constants':
      return { zlib: real('zlib').constants, os: real('os').constants };
    default:
      return httpBinding(name);
  }
}

function internalBinding(name) {
  if (!made.has(name)) made.set(name, make(name));
  return made.get(name);
}

module.exports = { internalBinding };
