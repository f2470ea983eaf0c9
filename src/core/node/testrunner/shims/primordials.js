'use strict';
// Async Timeline: `primordials` for the test runner's files of lib/ (Node's, verbatim): the web
// streams port's (src/core/node/webstreams/shims/primordials.js) plus the promise combinators
// exactly as Node's lib/internal/per_context/primordials.js writes them. The runner waits on
// these (the build phase, the reporters, a test racing its timeout); their extra promise jobs
// decide where a test's end falls among the program's own ticks, so they are Node's, not
// Promise.all/race.

const base = require('../../webstreams/shims/primordials.js');

const PromisePrototypeThen = (promise, onFulfilled, onRejected) => Reflect.apply(Promise.prototype.then, promise, [onFulfilled, onRejected]);
const PromiseResolve = (value) => Reflect.apply(Promise.resolve, Promise, [value]);
class SafePromise extends Promise {}

const arrayToSafePromiseIterable = (promises, mapFn) =>
  Array.prototype.map.call(promises, (promise, i) =>
    new SafePromise((a, b) => PromisePrototypeThen(mapFn == null ? promise : mapFn(promise, i), a, b)));

const extra = {
  PromisePrototypeThen,
  PromiseResolve,
  SafePromise,
  SafePromisePrototypeFinally: (thisPromise, onFinally) =>
    new Promise((a, b) =>
      new SafePromise((a, b) => PromisePrototypeThen(thisPromise, a, b))
        .finally(onFinally)
        .then(a, b)),
  SafePromiseAll: (promises, mapFn) =>
    new Promise((a, b) => SafePromise.all(arrayToSafePromiseIterable(promises, mapFn)).then(a, b)),
  SafePromiseAllReturnArrayLike: (promises, mapFn) =>
    new Promise((resolve, reject) => {
      const { length } = promises;
      const returnVal = new Array(length);
      Object.setPrototypeOf(returnVal, null);
      if (length === 0) resolve(returnVal);
      let pendingPromises = length;
      for (let i = 0; i < length; i++) {
        const promise = mapFn != null ? mapFn(promises[i], i) : promises[i];
        PromisePrototypeThen(PromiseResolve(promise), (result) => {
          returnVal[i] = result;
          if (--pendingPromises === 0) resolve(returnVal);
        }, reject);
      }
    }),
  SafePromiseAllReturnVoid: (promises, mapFn) =>
    new Promise((resolve, reject) => {
      let pendingPromises = promises.length;
      if (pendingPromises === 0) resolve();
      const onFulfilled = () => {
        if (--pendingPromises === 0) resolve();
      };
      for (let i = 0; i < promises.length; i++) {
        const promise = mapFn != null ? mapFn(promises[i], i) : promises[i];
        PromisePrototypeThen(PromiseResolve(promise), onFulfilled, reject);
      }
    }),
  SafePromiseAllSettled: (promises, mapFn) =>
    new Promise((a, b) => SafePromise.allSettled(arrayToSafePromiseIterable(promises, mapFn)).then(a, b)),
  SafePromiseAllSettledReturnVoid: (promises, mapFn) => new Promise((resolve) => {
    let pendingPromises = promises.length;
    if (pendingPromises === 0) resolve();
    const onSettle = () => {
      if (--pendingPromises === 0) resolve();
    };
    for (let i = 0; i < promises.length; i++) {
      const promise = mapFn != null ? mapFn(promises[i], i) : promises[i];
      PromisePrototypeThen(PromiseResolve(promise), onSettle, onSettle);
    }
  }),
  SafePromiseAny: (promises, mapFn) =>
    new Promise((a, b) => SafePromise.any(arrayToSafePromiseIterable(promises, mapFn)).then(a, b)),
  SafePromiseRace: (promises, mapFn) =>
    new Promise((a, b) => SafePromise.race(arrayToSafePromiseIterable(promises, mapFn)).then(a, b)),
  // Set.prototype.union (V8 12.2; the host's V8 may be Node 20's): a new Set of both, in order.
  SetPrototypeUnion: (set, other) => {
    const out = new Set(set);
    for (const v of other.keys()) out.add(v);
    return out;
  },
};

module.exports = new Proxy(extra, {
  get(target, name) {
    if (typeof name !== 'string') return undefined;
    if (Object.prototype.hasOwnProperty.call(target, name)) return target[name];
    return base[name];
  },
});
