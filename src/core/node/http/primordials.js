'use strict';

// Async Timeline: Node's `primordials` (lib/internal/per_context/primordials.js) for the files of
// lib/ copied verbatim from Node. Node freezes copies of the built-ins before user code runs;
// here each name is derived from the sandbox's own built-ins the first time a file asks for it
// (`ArrayPrototypePush` → uncurried `Array.prototype.push`, `MathMin` → `Math.min`,
// `SafeMap` → `Map`, …), so `Promise`, `Error` and the timers are the sandbox's. The Safe*
// classes are the plain ones: Node hardens them against a user patching prototypes, which a
// program here could notice only by patching them.

const uncurry = (fn) => (self, ...args) => Reflect.apply(fn, self, args);
const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);

const special = {
  globalThis,
  SafeMap: Map,
  SafeSet: Set,
  SafeWeakMap: WeakMap,
  SafeWeakSet: WeakSet,
  SafeWeakRef: WeakRef,
  SafeFinalizationRegistry: FinalizationRegistry,
  SafePromise: Promise,
  SafeArrayIterator: class SafeArrayIterator {
    constructor(array) {
      this.it = array[Symbol.iterator]();
    }
    next() {
      return this.it.next();
    }
    [Symbol.iterator]() {
      return this;
    }
  },
  SafeStringIterator: class SafeStringIterator {
    constructor(s) {
      this.it = s[Symbol.iterator]();
    }
    next() {
      return this.it.next();
    }
    [Symbol.iterator]() {
      return this;
    }
  },
  SafePromiseAll: (promises, mapFn) => Promise.all(mapFn ? [...promises].map(mapFn) : promises),
  SafePromiseAllReturnVoid: (promises, mapFn) => Promise.all(mapFn ? [...promises].map(mapFn) : promises).then(() => undefined),
  SafePromiseAllSettled: (promises, mapFn) => Promise.allSettled(mapFn ? [...promises].map(mapFn) : promises),
  SafePromiseRace: (promises, mapFn) => Promise.race(mapFn ? [...promises].map(mapFn) : promises),
  PromisePrototypeThen: (p, a, b) => p.then(a, b),
  PromisePrototypeCatch: (p, b) => p.catch(b),
  PromisePrototypeFinally: (p, f) => p.finally(f),
  SafePromisePrototypeFinally: (p, f) => p.finally(f),
  PromiseResolve: (v) => Promise.resolve(v),
  PromiseReject: (e) => Promise.reject(e),
  TypedArrayPrototypeGetLength: (a) => a.length,
  TypedArrayPrototypeGetSymbolToStringTag: (a) =>
    ArrayBuffer.isView(a) && !(a instanceof DataView) ? Object.getPrototypeOf(Object.getPrototypeOf(a)).constructor.name === 'TypedArray' ? a[Symbol.toStringTag] : a[Symbol.toStringTag] : undefined,
  TypedArrayPrototypeSlice: (a, ...args) => a.slice(...args),
  TypedArrayPrototypeSubarray: (a, ...args) => a.subarray(...args),
  ArrayBufferPrototypeGetByteLength: (b) => b.byteLength,
  IteratorPrototype: Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
  AsyncIteratorPrototype: undefined,
  StringPrototypeReplaceAll: (s, a, b) => s.replaceAll(a, b),
  RegExpPrototypeSymbolReplace: (re, s, r) => re[Symbol.replace](s, r),
  RegExpPrototypeSymbolSplit: (re, s, l) => re[Symbol.split](s, l),
  ErrorCaptureStackTrace: (...args) => Error.captureStackTrace(...args),
  // By name it would read as `Function.prototype` + "Apply" (the apply form of nothing).
  FunctionPrototypeApply: (fn, thisArg, args) => Reflect.apply(fn, thisArg, args),
  FunctionPrototypeSymbolHasInstance: (f, v) => Function.prototype[Symbol.hasInstance].call(f, v),
  hardenRegExp: (re) => re,
};

const GLOBALS = Object.getOwnPropertyNames(globalThis)
  .filter((n) => /^[A-Z]/.test(n))
  .sort((a, b) => b.length - a.length);

function derive(name) {
  if (Object.prototype.hasOwnProperty.call(special, name)) return special[name];
  if (GLOBALS.includes(name)) return globalThis[name];
  for (const g of GLOBALS) {
    if (!name.startsWith(g)) continue;
    const base = globalThis[g];
    let rest = name.slice(g.length);
    if (rest === '') return base;
    let apply = false;
    if (rest.endsWith('Apply') && rest.length > 5) {
      apply = true;
      rest = rest.slice(0, -5);
    }
    if (rest.startsWith('Prototype')) {
      const proto = base.prototype;
      let key = rest.slice('Prototype'.length);
      if (key === '') return proto;
      let getter = false;
      if (key.startsWith('Symbol')) key = Symbol[lowerFirst(key.slice(6))];
      else if (key.startsWith('Get') && !(lowerFirst(key) in proto)) {
        key = lowerFirst(key.slice(3));
        getter = true;
      } else key = lowerFirst(key);
      if (getter) {
        const d = Object.getOwnPropertyDescriptor(proto, key);
        if (d?.get) return uncurry(d.get);
      }
      const fn = proto[key];
      if (typeof fn !== 'function') continue;
      if (apply) return (self, args) => Reflect.apply(fn, self, args);
      return uncurry(fn);
    }
    const key = rest.startsWith('Symbol') && g !== 'Symbol' ? Symbol[lowerFirst(rest.slice(6))] : /^[A-Z_]+$/.test(rest) ? rest : lowerFirst(rest);
    if (base == null || !(key in Object(base))) continue;
    const v = base[key];
    if (apply) return (args) => Reflect.apply(v, base, args);
    return typeof v === 'function' && g !== 'Symbol' ? v.bind(base) : v;
  }
  throw new Error(`primordials: no ${name}`);
}

const cache = Object.create(null);
module.exports = new Proxy(cache, {
  get(target, name) {
    if (typeof name !== 'string') return undefined;
    if (!(name in target)) target[name] = derive(name);
    return target[name];
  },
});
