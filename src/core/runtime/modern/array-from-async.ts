/**
 * Array.fromAsync (Node 22+; ES2026 §23.1.2.2): a built-in async function. Its body is the
 * spec's fromAsyncClosure written as a generator run by the runtime's async-function driver
 * (drivers/async-function.ts), so each Await costs exactly what an `await` costs (one job for a
 * settled native promise, two more for a thenable) and the result promise settles on the tick V8
 * settles it. Iterator closing follows AsyncIteratorClose / IfAbruptCloseAsyncIterator.
 */
import { awaitRequest } from '../drivers/common';
import { runAsync } from '../drivers/async-function';
import { createAsyncFromSyncIterator } from '../drivers/async-iteration';
import { isConstructor } from '../promise-api';
import { isAbort } from '../state';
import { callBuiltin, isObject, notAFunction } from './v8-messages';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;


/** GetMethod (§7.3.11) with V8's wording for Array.fromAsync's iterator methods. */
function getIteratorMethod(items: unknown, key: symbol, name: string): ((this: unknown) => unknown) | undefined {
  const m = (items as Record<symbol, unknown>)[key]; // throws V8's "Cannot read properties of null …"
  if (m === undefined || m === null) return undefined;
  if (typeof m !== 'function') throw new TypeError(`Array.fromAsync requires that the property of the first argument, items[${name}], when exists, be a function`);
  return m as (this: unknown) => unknown;
}

/** CreateDataPropertyOrThrow(A, key, value) (§7.3.7). */
function createDataProperty(a: object, key: string, value: unknown): void {
  if (!Reflect.defineProperty(a, key, { value, writable: true, enumerable: true, configurable: true })) {
    throw new TypeError(`Cannot add property ${key}, object is not extensible`);
  }
}

/** Set(A, "length", len, true) (§7.3.4). */
function setLength(a: object, len: number): void {
  if (!Reflect.set(a, 'length', len, a)) throw new TypeError(`Cannot assign to read only property 'length' of object '${Object.prototype.toString.call(a)}'`);
}

function* fromAsyncClosure(C: unknown, items: unknown, mapfn: unknown, thisArg: unknown): Generator<unknown, unknown, unknown> {
  const mapping = mapfn !== undefined;
  if (mapping && typeof mapfn !== 'function') throw notAFunction(mapfn);
  const usingAsyncIterator = getIteratorMethod(items, Symbol.asyncIterator, 'Symbol.asyncIterator');
  const usingSyncIterator = usingAsyncIterator === undefined ? getIteratorMethod(items, Symbol.iterator, 'Symbol.iterator') : undefined;
  let record: { iterator: object; next: unknown } | undefined;
  if (usingAsyncIterator !== undefined) {
    const it = Reflect.apply(usingAsyncIterator, items, []);
    // V8's wording names Symbol.iterator for the async method too.
    if (!isObject(it)) throw new TypeError('Result of the Symbol.iterator method is not an object');
    record = { iterator: it, next: (it as { next: unknown }).next };
  } else if (usingSyncIterator !== undefined) {
    const it = Reflect.apply(usingSyncIterator, items, []);
    if (!isObject(it)) throw new TypeError('Result of the Symbol.iterator method is not an object');
    record = createAsyncFromSyncIterator(it);
  }
  if (record !== undefined) {
    const A: object = isConstructor(C) ? Reflect.construct(C as new () => object, []) : [];
    /** AsyncIteratorClose(record, throw completion): the original error wins. */
    const closeAndThrow = function* (error: unknown): Generator<unknown, never, unknown> {
      let ret: unknown;
      try {
        ret = (record!.iterator as { return?: unknown }).return;
        if (ret !== undefined && ret !== null) {
          const inner = callBuiltin(ret, record!.iterator);
          yield awaitRequest(inner, 0);
        }
      } catch (e) {
        if (isAbort(e)) throw e;
      }
      throw error;
    };
    for (let k = 0; ; k++) {
      if (k >= MAX_SAFE) return yield* closeAndThrow(new TypeError('Invalid array length'));
      let nextResult = callBuiltin(record.next, record.iterator);
      nextResult = yield awaitRequest(nextResult, 0);
      if (!isObject(nextResult)) throw new TypeError('Iterator result Array.fromAsync is not an object');
      if ((nextResult as { done?: unknown }).done) {
        setLength(A, k);
        return A;
      }
      const nextValue = (nextResult as { value?: unknown }).value;
      let mappedValue: unknown = nextValue;
      if (mapping) {
        try {
          mappedValue = Reflect.apply(mapfn as (v: unknown, k: number) => unknown, thisArg, [nextValue, k]);
          mappedValue = yield awaitRequest(mappedValue, 0);
        } catch (e) {
          if (isAbort(e)) throw e;
          return yield* closeAndThrow(e);
        }
      }
      try {
        createDataProperty(A, String(k), mappedValue);
      } catch (e) {
        if (isAbort(e)) throw e;
        return yield* closeAndThrow(e);
      }
    }
  }
  // An array-like: ToObject, LengthOfArrayLike, each element awaited.
  const arrayLike = Object(items) as Record<string, unknown>;
  const lenValue = +(arrayLike.length as number); // ToLength: a BigInt or a Symbol throws
  const len = Number.isNaN(lenValue) || lenValue <= 0 ? 0 : Math.min(Math.trunc(lenValue), MAX_SAFE);
  const A: object = isConstructor(C) ? Reflect.construct(C as new (n: number) => object, [len]) : new Array(len);
  for (let k = 0; k < len; k++) {
    const key = String(k);
    let kValue = arrayLike[key];
    kValue = yield awaitRequest(kValue, 0);
    if (mapping) {
      kValue = Reflect.apply(mapfn as (v: unknown, k: number) => unknown, thisArg, [kValue, k]);
      kValue = yield awaitRequest(kValue, 0);
    }
    createDataProperty(A, key, kValue);
  }
  setLength(A, len);
  return A;
}

const methods = {
  fromAsync(this: unknown, asyncItems: unknown, mapfn?: unknown, thisArg?: unknown): unknown {
    return runAsync(fromAsyncClosure as never, undefined, [this, asyncItems, mapfn, thisArg], 0, 'Array.fromAsync');
  },
};

Object.defineProperty(methods.fromAsync, 'length', { value: 1 });

export function installArrayFromAsync(ArrayCtor: object): void {
  Object.defineProperty(ArrayCtor, 'fromAsync', { value: methods.fromAsync, writable: true, enumerable: false, configurable: true });
}
