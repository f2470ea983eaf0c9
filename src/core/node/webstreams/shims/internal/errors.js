'use strict';
// Async Timeline: lib/internal/errors.js for the webstreams files — Node 20's own (the http
// port's copy, src/core/node/http/lib/internal/errors.js), with one thing Node does elsewhere:
// Node's prepareStackTrace heads the stack of its own errors (`kIsNodeError in error`) with
// `${name} [${code}]: ${message}` (`TypeError [ERR_INVALID_STATE]: Invalid state: …`), and the
// sandbox's errors are formatted by the run's prepareStackTrace, which does not know them. So each
// error made from `codes` has its stack formatted at once, while `name` reads that way (as
// src/core/node/events.js does for its errors).
const errors = require('../../../http/lib/internal/errors.js');

function formatNodeErrorStack(error) {
  if (error === null || typeof error !== 'object' || typeof error.code !== 'string') return error;
  const own = Object.getOwnPropertyDescriptor(error, 'name');
  Object.defineProperty(error, 'name', { __proto__: null, value: `${error.name} [${error.code}]`, writable: true, enumerable: false, configurable: true });
  try {
    void error.stack;
  } finally {
    if (own === undefined) delete error.name;
    else Object.defineProperty(error, 'name', own);
  }
  return error;
}

const wrapped = new Map();
function wrap(make) {
  if (typeof make !== 'function') return make;
  let w = wrapped.get(make);
  if (w !== undefined) return w;
  w = function NodeError(...args) {
    return formatNodeErrorStack(Reflect.construct(make, args, make));
  };
  wrapped.set(make, w);
  // ERR_X.TypeError, ERR_X.RangeError, …: the same error code under another base class.
  for (const key of Reflect.ownKeys(make)) {
    if (key === 'length' || key === 'name' || key === 'prototype') continue;
    const d = Object.getOwnPropertyDescriptor(make, key);
    if (d && 'value' in d) Object.defineProperty(w, key, { ...d, value: wrap(d.value) });
  }
  return w;
}

const codes = new Proxy(errors.codes, {
  get: (target, name) => wrap(target[name]),
});

module.exports = { ...errors, codes };
