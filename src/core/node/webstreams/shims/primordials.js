'use strict';

// Async Timeline: `primordials` for the webstreams files of lib/ (Node's, verbatim): the http
// port's derivation from the sandbox's built-ins (src/core/node/http/primordials.js), plus what
// Node 22+'s files use that the host's V8 may lack (the host may be Node 20: V8 11.3 has no
// Promise.withResolvers, ArrayBuffer.prototype.transfer or .detached) — made here with the same
// observable behaviour, on the sandbox's Promise and ArrayBuffer.

const base = require('../../http/primordials.js');
const { isArrayBufferDetached } = require('./internal/util.js');

const extra = {
  // Promise.withResolvers (§27.2.4.8): NewPromiseCapability(%Promise%), nothing queued.
  PromiseWithResolvers: () => {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  },
  ArrayBufferPrototypeGetDetached: (buffer) => isArrayBufferDetached(buffer),
  // ArrayBuffer.prototype.transfer(): the same bytes in a new buffer (of the sandbox's realm),
  // the old one detached. Without a native transfer, the host's structuredClone detaches it.
  ArrayBufferPrototypeTransfer: (buffer) => {
    if (typeof ArrayBuffer.prototype.transfer === 'function') return buffer.transfer();
    if (isArrayBufferDetached(buffer)) throw new TypeError('Cannot perform ArrayBuffer.prototype.transfer on a detached ArrayBuffer');
    const copy = new ArrayBuffer(buffer.byteLength);
    new Uint8Array(copy).set(new Uint8Array(buffer));
    globalThis.structuredClone(buffer, { transfer: [buffer] });
    return copy;
  },
  AsyncIteratorPrototype: Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype),
  SymbolDispose: Symbol.dispose ?? Symbol.for('nodejs.dispose'),
  SymbolAsyncDispose: Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose'),
};

// %TypedArray% is no global, so the http port cannot derive its methods by name.
const TypedArray = Object.getPrototypeOf(Uint8Array);
const uncurry = (fn) => (self, ...args) => Reflect.apply(fn, self, args);
function typedArrayPrimordial(name) {
  const key = name.slice('TypedArrayPrototype'.length);
  if (key.startsWith('Get')) {
    const prop = key[3].toLowerCase() + key.slice(4);
    const d = Object.getOwnPropertyDescriptor(TypedArray.prototype, prop);
    if (d?.get) return uncurry(d.get);
  }
  const fn = TypedArray.prototype[key[0].toLowerCase() + key.slice(1)];
  if (typeof fn === 'function') return uncurry(fn);
  return undefined;
}

module.exports = new Proxy(extra, {
  get(target, name) {
    if (typeof name !== 'string') return undefined;
    if (Object.prototype.hasOwnProperty.call(target, name)) return target[name];
    if (name === 'TypedArray') return TypedArray;
    if (name.startsWith('TypedArrayPrototype') && name !== 'TypedArrayPrototypeGetSymbolToStringTag') {
      const made = typedArrayPrimordial(name);
      if (made !== undefined) return (target[name] = made);
    }
    return base[name];
  },
});
