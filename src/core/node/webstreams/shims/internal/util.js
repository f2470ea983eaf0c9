'use strict';
// Async Timeline: lib/internal/util.js for the web streams — the http port's stand-in
// (src/core/node/http/shims/internal/util.js) plus what the webstreams files use besides.
const base = require('../../../http/shims/internal/util.js');

// Node's createDeferredPromise: a promise of the sandbox's realm with its resolving functions.
function createDeferredPromise() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const kEnumerableProperty = { __proto__: null, enumerable: true };
Object.freeze(kEnumerableProperty);

function setOwnProperty(obj, key, value) {
  return Object.defineProperty(obj, key, { __proto__: null, configurable: true, value });
}

// V8 answers "detached?" natively (ArrayBuffer.prototype.detached from V8 11.4); the host may be
// Node 20 (V8 11.3): there a detached buffer is the one of length 0 no view can be made on.
function isArrayBufferDetached(value) {
  if (value.byteLength !== 0) return false;
  const detached = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'detached');
  if (detached?.get) return Reflect.apply(detached.get, value, []);
  try {
    new Uint8Array(value);
    return false;
  } catch {
    return true;
  }
}

// Node warns once per code; the sandbox's process.emitWarning prints it in Node's format.
function getDeprecationWarningEmitter(code, msg, deprecated, useEmitSync, shouldEmitWarning = () => true) {
  let warned = false;
  return function() {
    if (!warned && shouldEmitWarning()) {
      warned = true;
      process.emitWarning(msg, 'DeprecationWarning', code, deprecated);
    }
  };
}

// Node makes the DOMException on first use; the sandbox's DOMException is the host's.
function lazyDOMException(message, name) {
  return new DOMException(message, name);
}

module.exports = {
  ...base,
  lazyDOMException,
  createDeferredPromise,
  kEnumerableProperty,
  setOwnProperty,
  isArrayBufferDetached,
  getDeprecationWarningEmitter,
};
