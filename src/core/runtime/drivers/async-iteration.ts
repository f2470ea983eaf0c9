/**
 * `for await` and `yield*` in async generators:
 * - GetIterator(obj, async) (§7.4.3) and CreateAsyncFromSyncIterator (§27.1.4) with
 *   %AsyncFromSyncIteratorPrototype% next/return/throw and AsyncFromSyncIteratorContinuation:
 *   each step PromiseResolve()s the sync value and then()s it into the result promise, so a
 *   `for await` over a sync iterable costs the same ticks as in V8. The ES2025 change (V8 12.x,
 *   in Node 24 and 26, not in 20 and 22) closes the sync iterator when a value it yields rejects
 *   (from next and throw) and, when it has no `throw`, closes it and rejects with a TypeError:
 *   both follow the imitated line (`closesOnRejection`).
 * - yield* (§15.5.5 YieldExpression evaluation, async generator case): a sync generator the
 *   body delegates to with `yield*`; it awaits inner results (AWAIT), hands inner values out
 *   without awaiting them (RAW_YIELD) and receives every resumption mode through RESUMPTION.
 */
import { isPlainPromise } from '../promise-api';
import { performThen, PromiseImpl, ReactionKind, rejectPromise, resolvePromise } from '../promise';
import { isAbort, rt } from '../state';
import { AWAIT, Mode, RAW_YIELD, RESUMPTION, RETURN, awaitRequest } from './common';
import { callBuiltin } from '../modern/v8-messages';

interface SyncIteratorRecord { iterator: object; next: unknown }

function isObject(x: unknown): x is object {
  return x !== null && (typeof x === 'object' || typeof x === 'function');
}

/** GetMethod (§7.3.11). */
function getMethod(o: object, key: PropertyKey): ((...a: unknown[]) => unknown) | undefined {
  const f = (o as Record<PropertyKey, unknown>)[key];
  if (f === undefined || f === null) return undefined;
  if (typeof f !== 'function') throw new TypeError(`${String(f)} is not a function`);
  return f as (...a: unknown[]) => unknown;
}

/** The ES2025 close-on-rejection of %AsyncFromSyncIteratorPrototype% (V8 12.x: Node 24 and later). */
function closesOnRejection(): boolean {
  return (rt.host.options.nodeMajor ?? 20) >= 24;
}

/** IteratorClose (§7.4.11) with a throw completion: return() is called, its outcome ignored, `error` rethrown. */
function closeAndThrow(rec: SyncIteratorRecord, error: unknown): never {
  try {
    const ret = getMethod(rec.iterator, 'return');
    if (ret !== undefined) ret.call(rec.iterator);
  } catch (e) {
    if (isAbort(e)) throw e;
  }
  throw error;
}

/** IteratorClose (§7.4.11) with a normal completion: return()'s throw or a non-object result is the error. */
function closeNormally(rec: SyncIteratorRecord): void {
  const ret = getMethod(rec.iterator, 'return');
  if (ret === undefined) return;
  const result = ret.call(rec.iterator);
  if (!isObject(result)) throw new TypeError(`Iterator result ${String(result)} is not an object`);
}

/**
 * AsyncFromSyncIteratorContinuation (§27.1.4.4). `close`: the ES2025 closeOnRejection (next and
 * throw, in the lines that have it): a value that rejects, or cannot be resolved, closes `rec`.
 */
function continuation(result: unknown, promise: PromiseImpl, rec?: SyncIteratorRecord): PromiseImpl {
  let done = false;
  let wrapper: PromiseImpl;
  try {
    done = Boolean((result as { done?: unknown }).done);
    const value = (result as { value?: unknown }).value;
    try {
      if (isPlainPromise(value)) {
        wrapper = value;
      } else {
        wrapper = new PromiseImpl();
        resolvePromise(wrapper, value);
      }
    } catch (e) {
      if (rec !== undefined && !done && !isAbort(e)) closeAndThrow(rec, e);
      throw e;
    }
  } catch (e) {
    if (isAbort(e)) throw e;
    rejectPromise(promise, e);
    return promise;
  }
  const onRejected = rec !== undefined && !done ? [(error: unknown) => closeAndThrow(rec, error)][0] : undefined;
  performThen(wrapper, ReactionKind.Derived, [(v: unknown) => ({ value: v, done })][0], onRejected, promise);
  return promise;
}

class AsyncFromSyncIterator {
  #rec: SyncIteratorRecord;
  constructor(rec: SyncIteratorRecord) {
    this.#rec = rec;
  }

  static record(o: unknown): SyncIteratorRecord {
    return (o as AsyncFromSyncIterator).#rec;
  }

  next(...args: unknown[]): unknown {
    const rec = AsyncFromSyncIterator.record(this);
    const promise = new PromiseImpl();
    let result: unknown;
    try {
      // A builtin's Call: a non-callable `next` is V8's "object is not a function", and nothing is read off it.
      result = args.length > 0 ? callBuiltin(rec.next, rec.iterator, args[0]) : callBuiltin(rec.next, rec.iterator);
      if (!isObject(result)) throw new TypeError(`Iterator result ${String(result)} is not an object`);
    } catch (e) {
      if (isAbort(e)) throw e;
      rejectPromise(promise, e);
      return promise;
    }
    return continuation(result, promise, closesOnRejection() ? rec : undefined);
  }

  return(...args: unknown[]): unknown {
    const rec = AsyncFromSyncIterator.record(this);
    const promise = new PromiseImpl();
    let result: unknown;
    try {
      const ret = getMethod(rec.iterator, 'return');
      if (ret === undefined) {
        resolvePromise(promise, { value: args[0], done: true });
        return promise;
      }
      result = args.length > 0 ? ret.call(rec.iterator, args[0]) : ret.call(rec.iterator);
      if (!isObject(result)) throw new TypeError(`Iterator result ${String(result)} is not an object`);
    } catch (e) {
      if (isAbort(e)) throw e;
      rejectPromise(promise, e);
      return promise;
    }
    return continuation(result, promise);
  }

  throw(...args: unknown[]): unknown {
    const rec = AsyncFromSyncIterator.record(this);
    const promise = new PromiseImpl();
    let result: unknown;
    try {
      const thr = getMethod(rec.iterator, 'throw');
      if (thr === undefined) {
        if (closesOnRejection()) {
          // ES2025: a sync iterator without throw() is closed, and the caller gets a TypeError
          // (V8's message), not the value it threw in.
          closeNormally(rec);
          rejectPromise(promise, new TypeError("The iterator does not provide a 'throw' method."));
          return promise;
        }
        rejectPromise(promise, args[0]);
        return promise;
      }
      result = args.length > 0 ? thr.call(rec.iterator, args[0]) : thr.call(rec.iterator);
      if (!isObject(result)) throw new TypeError(`Iterator result ${String(result)} is not an object`);
    } catch (e) {
      if (isAbort(e)) throw e;
      rejectPromise(promise, e);
      return promise;
    }
    return continuation(result, promise, closesOnRejection() ? rec : undefined);
  }
}
Reflect.deleteProperty(AsyncFromSyncIterator.prototype, 'constructor');

function notIterable(obj: unknown): TypeError {
  const d = typeof obj === 'string' ? `"${obj}"` : isObject(obj) ? 'object' : String(obj);
  return new TypeError(`${d} is not async iterable`);
}

/** GetIterator(obj, async) (§7.4.3); returns the iterator record. */
export function getAsyncIterator(obj: unknown): { iterator: object; next: unknown } {
  const o = obj as Record<PropertyKey, unknown> | null | undefined;
  if (o === null || o === undefined) throw notIterable(obj);
  const method = o[Symbol.asyncIterator];
  if (method === undefined || method === null) {
    const syncMethod = o[Symbol.iterator];
    if (syncMethod === undefined || syncMethod === null) throw notIterable(obj);
    if (typeof syncMethod !== 'function') throw new TypeError(`${String(syncMethod)} is not a function`);
    const it = syncMethod.call(obj);
    if (!isObject(it)) throw new TypeError('Result of the Symbol.iterator method is not an object');
    const wrapped = new AsyncFromSyncIterator({ iterator: it, next: (it as { next: unknown }).next });
    return { iterator: wrapped, next: AsyncFromSyncIterator.prototype.next };
  }
  if (typeof method !== 'function') throw new TypeError(`${String(method)} is not a function`);
  const it = method.call(obj);
  if (!isObject(it)) throw new TypeError('Result of the Symbol.asyncIterator method is not an object');
  return { iterator: it, next: (it as { next: unknown }).next };
}

/** CreateAsyncFromSyncIterator (§27.1.6.1) of a sync iterator already got (Array.fromAsync). */
export function createAsyncFromSyncIterator(it: object): { iterator: object; next: unknown } {
  return { iterator: new AsyncFromSyncIterator({ iterator: it, next: (it as { next: unknown }).next }), next: AsyncFromSyncIterator.prototype.next };
}

/** `$.asyncIterator(xs, site)`: the iterator `for await` steps with `it.next()`. */
export function asyncIterator(iterable: unknown, _site: number): object {
  return getAsyncIterator(iterable).iterator;
}

/** `yield* $.yieldStar(X, site)` inside an async generator body. */
export function* yieldStar(iterable: unknown, site: number): Generator<unknown, unknown, unknown> {
  const rec = getAsyncIterator(iterable);
  const iterator = rec.iterator;
  let mode = Mode.Next;
  let received: unknown = undefined;
  while (true) {
    let inner: unknown;
    if (mode === Mode.Next) {
      inner = yield awaitRequest((rec.next as (v: unknown) => unknown).call(iterator, received), site);
    } else if (mode === Mode.Throw) {
      const thr = getMethod(iterator, 'throw');
      if (thr === undefined) {
        // AsyncIteratorClose with a normal completion, then the protocol-violation TypeError.
        const ret = getMethod(iterator, 'return');
        if (ret !== undefined) {
          const r = yield awaitRequest(ret.call(iterator), site);
          if (!isObject(r)) throw new TypeError(`Iterator result ${String(r)} is not an object`);
        }
        throw new TypeError("The iterator does not provide a 'throw' method");
      }
      inner = yield awaitRequest(thr.call(iterator, received), site);
    } else {
      const ret = getMethod(iterator, 'return');
      if (ret === undefined) {
        const v = yield awaitRequest(received, site);
        RETURN.__await = v;
        yield RETURN;
        return undefined;
      }
      inner = yield awaitRequest(ret.call(iterator, received), site);
      if (!isObject(inner)) throw new TypeError(`Iterator result ${String(inner)} is not an object`);
      if ((inner as { done?: unknown }).done) {
        // No Await of the value here (§14.4.14 step 7.c.viii.2 says one): V8 returns it as is —
        // measured, the settlement after a delegated return() lands on V8's tick without it.
        RETURN.__await = (inner as { value?: unknown }).value;
        yield RETURN;
        return undefined;
      }
    }
    if (mode !== Mode.Return) {
      if (!isObject(inner)) throw new TypeError(`Iterator result ${String(inner)} is not an object`);
      if ((inner as { done?: unknown }).done) return (inner as { value?: unknown }).value;
    }
    RAW_YIELD.__await = (inner as { value?: unknown }).value;
    RAW_YIELD.site = site;
    yield RAW_YIELD;
    mode = RESUMPTION.mode;
    received = RESUMPTION.value;
    RESUMPTION.value = undefined;
  }
}

export { AWAIT };
