'use strict';
// Async Timeline: lib/internal/util/types.js — the host's util.types (they read V8's internal
// slots, so they answer for the sandbox's objects too) plus the two JS-defined ones.
const types = require('util').types;
module.exports = {
  ...types,
  isArrayBufferView: ArrayBuffer.isView,
  isUint8Array: (v) => types.isUint8Array(v),
};
