'use strict';
// Async Timeline: lib/internal/worker/js_transferable.js. Node marks its host objects (Blob,
// File, the web streams, …) with a transfer mode — Node 20's makeTransferable, 22+'s
// markTransferMode — and V8's serializer asks that mode what to do with them: clone through
// `[kClone]()` / `[kDeserialize](data)`, insist on the transfer list, or refuse. Here the mode is a
// hidden property under a registered symbol the simulation's structured clone reads
// (src/core/sim/clone.ts), and the symbols are the registered ones it calls; the
// deserializer (Node's setDeserializerCreateObjectFunction) is webstreams/index.ts's.
const kTransferMode = Symbol.for('async-timeline.node.transferMode');
const kClone = Symbol.for('async-timeline.node.kClone');
const kDeserialize = Symbol.for('async-timeline.node.kDeserialize');

// Node's constants (internalBinding('util').constants).
const kDisallowCloneAndTransfer = 0;
const kTransferable = 1;
const kCloneable = 2;

function setMode(obj, mode) {
  Object.defineProperty(obj, kTransferMode, { value: mode, writable: true, configurable: true, enumerable: false });
}

/** Node 22+: the object's mode, as given. */
function markTransferMode(obj, cloneable = false, transferable = false) {
  if ((typeof obj !== 'object' && typeof obj !== 'function') || obj === null) return;
  let mode = kDisallowCloneAndTransfer;
  if (cloneable) mode |= kCloneable;
  if (transferable) mode |= kTransferable;
  setMode(obj, mode);
}

/**
 * Node 20: a JSTransferable is cloned if it has `[kClone]`, transferred if it has `[kTransfer]`
 * (JSTransferable::Data in src/node_messaging.cc asks for the methods when serializing), so
 * the mode is read from the methods then ('dynamic').
 */
function makeTransferable(obj) {
  setMode(obj, 'dynamic');
  return obj;
}

module.exports = {
  kDeserialize,
  kTransfer: Symbol.for('async-timeline.node.kTransfer'),
  kTransferList: Symbol.for('async-timeline.node.kTransferList'),
  kClone,
  makeTransferable,
  markTransferMode,
  kDisallowCloneAndTransfer,
  kTransferable,
  kCloneable,
  structuredClone: (value, options) => globalThis.structuredClone(value, options),
};
