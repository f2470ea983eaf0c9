'use strict';
// Async Timeline: the parts of Node's lib/internal/util.js that net.js, the _http_ files,
// internal/errors and internal/validators use (Node v20's code where it matters).
const hostUtil = require('util');

const kEmptyObject = Object.freeze({ __proto__: null });
const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const kIsEncodingSymbol = Symbol('kIsEncodingSymbol');
const SymbolDispose = Symbol.dispose ?? Symbol.for('nodejs.dispose');
const SymbolAsyncDispose = Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose');

function once(callback, { preserveReturnValue = false } = kEmptyObject) {
  let called = false;
  let returnValue;
  return function(...args) {
    if (called) return returnValue;
    called = true;
    const result = Reflect.apply(callback, this, args);
    returnValue = preserveReturnValue ? result : undefined;
    return result;
  };
}

function normalizeEncoding(enc) {
  if (enc == null || enc === 'utf8' || enc === 'utf-8') return 'utf8';
  switch (`${enc}`.toLowerCase()) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': case 'ascii': case 'hex': case 'base64url': return `${enc}`.toLowerCase();
    default: return undefined;
  }
}

// promisify on the sandbox's Promise (the host's util.promisify would make host promises).
const kCustomPromisifiedSymbol = Symbol.for('nodejs.util.promisify.custom');
function promisify(original) {
  if (original[kCustomPromisifiedSymbol]) return original[kCustomPromisifiedSymbol];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      Reflect.apply(original, this, [...args, (err, ...values) => {
        if (err) return reject(err);
        resolve(values[0]);
      }]);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}

// The sandbox's util.deprecate (one per run, on the simulated process; node/host.ts).
function deprecate(fn, msg, code) {
  return require('../../../host').host.deprecate(fn, msg, code);
}

function getSystemErrorName(err) {
  return hostUtil.getSystemErrorName(err);
}

function guessHandleType() {
  return 'UNKNOWN';
}

function spliceOne(list, index) {
  for (; index + 1 < list.length; index++) list[index] = list[index + 1];
  list.pop();
}

function emitExperimentalWarning() {}

function isError(e) {
  return hostUtil.types.isNativeError(e) || e instanceof Error;
}

const SideEffectFreeRegExpPrototypeSymbolReplace = (re, s, r) => s.replace(re, r);

// Node's lib/internal/util.js: a property descriptor that makes an accessor enumerable, and the
// DOMException of the sandbox (its global: the host's class, as the runtime hands it over).
const kEnumerableProperty = { __proto__: null, enumerable: true };
Object.freeze(kEnumerableProperty);
function lazyDOMException(message, name) {
  return new DOMException(message, name);
}

module.exports = {
  kEmptyObject,
  kEnumerableProperty,
  lazyDOMException,
  customInspectSymbol,
  kIsEncodingSymbol,
  SymbolDispose,
  SymbolAsyncDispose,
  once,
  normalizeEncoding,
  promisify,
  deprecate,
  getSystemErrorName,
  guessHandleType,
  spliceOne,
  emitExperimentalWarning,
  isError,
  SideEffectFreeRegExpPrototypeSymbolReplace,
  getLazy: (init) => { let v; let done = false; return () => { if (!done) { v = init(); done = true; } return v; }; },
  isWindows: false,
  isMacOS: false,
};
