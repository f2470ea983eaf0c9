'use strict';
// Async Timeline: lib/internal/worker/js_transferable.js. Web streams are made transferable
// (postMessage(stream, [stream])) by marking them; transferring one between threads is not
// simulated, so the marks are kept as plain symbols and nothing is registered.
module.exports = {
  kDeserialize: Symbol('kDeserialize'),
  kTransfer: Symbol('kTransfer'),
  kTransferList: Symbol('kTransferList'),
  kClone: Symbol('kClone'),
  makeTransferable: (obj) => obj,
  markTransferMode: () => {},
  structuredClone: (value, options) => globalThis.structuredClone(value, options),
};
