/**
 * Promise.all / allSettled / any / race (§27.2.4.1-5), with the full iterator protocol:
 * GetIterator, IteratorStepValue (an abrupt step marks the record done so it is NOT closed),
 * IteratorClose on an abrupt completion elsewhere (promiseResolve or then throwing), and
 * IfAbruptRejectPromise turning every such error into a rejection of the result.
 *
 * Everything goes through the observable spec steps (C.resolve looked up once, `then` invoked on
 * each element), because programs that subclass Promise or patch `then` can see them.
 */
import { newPromiseCapability, SimPromise } from './promise-api';
import type { Capability } from './promise';
import { isAbort } from './state';
import { noteCombinatorElement } from './async-stack';

interface IteratorRecord {
  iterator: object;
  next: unknown;
  done: boolean;
}

const DONE = Symbol('done');

/**
 * The spec's values/errors lists are internal Lists: filling them must not run setters a
 * program put on Array.prototype (a plain `push` or `a[i] =` would).
 */
function setElement(list: unknown[], index: number, value: unknown): void {
  Object.defineProperty(list, index, { value, writable: true, enumerable: true, configurable: true });
}

/** GetIterator(obj, sync) (§7.4.3). */
function getIterator(obj: unknown): IteratorRecord {
  const method = obj === null || obj === undefined ? undefined : (obj as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof method !== 'function') {
    throw new TypeError(`${describeIterable(obj)} is not iterable (cannot read property Symbol(Symbol.iterator))`);
  }
  const iterator = method.call(obj);
  if (iterator === null || (typeof iterator !== 'object' && typeof iterator !== 'function')) {
    throw new TypeError('Result of the Symbol.iterator method is not an object');
  }
  return { iterator, next: (iterator as { next: unknown }).next, done: false };
}

/** V8's wording: "number 5", "undefined", "object null", "object", "function". */
function describeIterable(obj: unknown): string {
  if (obj === undefined) return 'undefined';
  if (obj === null) return 'object null';
  if (typeof obj === 'number' || typeof obj === 'boolean' || typeof obj === 'bigint') return `${typeof obj} ${String(obj)}`;
  return typeof obj;
}

/** IteratorStepValue (§7.4.8): any abrupt completion sets record.done. */
function stepValue(rec: IteratorRecord): unknown {
  let result: unknown;
  try {
    result = (rec.next as (this: object) => unknown).call(rec.iterator);
    if (result === null || (typeof result !== 'object' && typeof result !== 'function')) {
      throw new TypeError(`Iterator result ${String(result)} is not an object`);
    }
    if ((result as { done?: unknown }).done) {
      rec.done = true;
      return DONE;
    }
    return (result as { value?: unknown }).value;
  } catch (e) {
    rec.done = true;
    throw e;
  }
}

/** IteratorClose(rec, throw completion) (§7.4.10): errors from `return` lose to the original. */
function closeIterator(rec: IteratorRecord): void {
  try {
    const ret = (rec.iterator as { return?: unknown }).return;
    if (ret !== undefined && ret !== null) (ret as (this: object) => unknown).call(rec.iterator);
  } catch (e) {
    if (isAbort(e)) throw e;
  }
}

type Perform = (rec: IteratorRecord, C: unknown, cap: Capability, resolveFn: (this: unknown, x: unknown) => unknown) => unknown;

/** The shared outer algorithm of the four combinators (steps 1-9 of §27.2.4.1). */
function combinator(C: unknown, iterable: unknown, perform: Perform): unknown {
  const cap = newPromiseCapability(C);
  let resolveFn: unknown;
  try {
    // GetPromiseResolve (§27.2.4.1.1)
    resolveFn = (C as { resolve: unknown }).resolve;
    if (typeof resolveFn !== 'function') throw new TypeError('Promise resolve or reject function is not callable');
  } catch (e) {
    if (isAbort(e)) throw e;
    cap.reject.call(undefined, e);
    return cap.promise;
  }
  let rec: IteratorRecord;
  try {
    rec = getIterator(iterable);
  } catch (e) {
    if (isAbort(e)) throw e;
    cap.reject.call(undefined, e);
    return cap.promise;
  }
  try {
    return perform(rec, C, cap, resolveFn as (x: unknown) => unknown);
  } catch (e) {
    if (isAbort(e)) throw e;
    if (!rec.done) closeIterator(rec);
    cap.reject.call(undefined, e);
    return cap.promise;
  }
}

function invokeThen(p: unknown, onF: unknown, onR: unknown): void {
  (p as { then(a: unknown, b: unknown): unknown }).then(onF, onR);
}

/** PerformPromiseAll (§27.2.4.1.2); `settled` gives allSettled's element functions (§27.2.4.2.1). */
function performAll(settled: boolean): Perform {
  return (rec, C, cap, resolveFn) => {
    const values: unknown[] = [];
    let remaining = 1;
    let index = 0;
    while (true) {
      const next = stepValue(rec);
      if (next === DONE) {
        if (--remaining === 0) cap.resolve.call(undefined, values);
        return cap.promise;
      }
      setElement(values, index, undefined);
      const nextPromise = resolveFn.call(C, next);
      const i = index;
      let alreadyCalled = false;
      const element = (status: string | undefined) => [(x: unknown) => {
        if (alreadyCalled) return undefined;
        alreadyCalled = true;
        setElement(values, i, status === undefined ? x : status === 'fulfilled' ? { status, value: x } : { status, reason: x });
        if (--remaining === 0) cap.resolve.call(undefined, values);
        return undefined;
      }][0];
      remaining++;
      const onFulfilled = element(settled ? 'fulfilled' : undefined);
      // V8 names the element in async stack traces: `at async Promise.all (index 1)`.
      noteCombinatorElement(onFulfilled, settled ? 'allSettled' : 'all', i, cap.promise);
      if (settled) invokeThen(nextPromise, onFulfilled, element('rejected'));
      else invokeThen(nextPromise, onFulfilled, cap.reject);
      index++;
    }
  };
}

/** PerformPromiseAny (§27.2.4.3.1). */
const performAny: Perform = (rec, C, cap, resolveFn) => {
  const errors: unknown[] = [];
  let remaining = 1;
  let index = 0;
  const rejectAll = () => {
    const err = new AggregateError(errors, 'All promises were rejected');
    cap.reject.call(undefined, err);
  };
  while (true) {
    const next = stepValue(rec);
    if (next === DONE) {
      if (--remaining === 0) rejectAll();
      return cap.promise;
    }
    setElement(errors, index, undefined);
    const nextPromise = resolveFn.call(C, next);
    const i = index;
    let alreadyCalled = false;
    const onRejected = [(x: unknown) => {
      if (alreadyCalled) return undefined;
      alreadyCalled = true;
      setElement(errors, i, x);
      if (--remaining === 0) rejectAll();
      return undefined;
    }][0];
    remaining++;
    noteCombinatorElement(onRejected, 'any', i, cap.promise);
    invokeThen(nextPromise, cap.resolve, onRejected);
    index++;
  }
};

/** PerformPromiseRace (§27.2.4.5.1). */
const performRace: Perform = (rec, C, cap, resolveFn) => {
  while (true) {
    const next = stepValue(rec);
    if (next === DONE) return cap.promise;
    const nextPromise = resolveFn.call(C, next);
    invokeThen(nextPromise, cap.resolve, cap.reject);
  }
};

const all = performAll(false);
const allSettled = performAll(true);
const statics = {
  all(this: unknown, iterable: unknown) { return combinator(this, iterable, all); },
  allSettled(this: unknown, iterable: unknown) { return combinator(this, iterable, allSettled); },
  any(this: unknown, iterable: unknown) { return combinator(this, iterable, performAny); },
  race(this: unknown, iterable: unknown) { return combinator(this, iterable, performRace); },
};
for (const name of ['all', 'allSettled', 'any', 'race'] as const) {
  Object.defineProperty(SimPromise, name, { value: statics[name], writable: true, enumerable: false, configurable: true });
}
