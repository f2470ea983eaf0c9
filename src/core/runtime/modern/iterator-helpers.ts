/**
 * The `Iterator` global and the iterator helpers (ES2025 §27.1.3-27.1.4), for a target that has
 * them (Node 22+) when the host V8 does not (the CLI's Node 20). Synchronous: no promise and no
 * tick involved, so only the spec's observable steps matter — the order of `next`/`return`
 * calls, IteratorClose on an abrupt completion, the helper object's generator states (a
 * generator runs each helper's body, so re-entering it is V8's "already running" TypeError).
 * Messages are V8's, per line where they differ (v8-messages.ts).
 */
import {
  callBuiltin, calledOnNonObject, incompatibleReceiver, isObject, iteratorResultNotAnObject, lineDifferences,
  noSideEffectsToString, notIterable, propertyNotFunction,
} from './v8-messages';

const DONE = Symbol('done');

interface IteratorRecord { iterator: object; next: unknown }

function requireObjectThis(o: unknown, method: string): asserts o is object {
  if (!isObject(o)) throw calledOnNonObject(`Iterator.prototype.${method}`);
}

/** The callback of an iterator helper (map's mapper, reduce's reducer, …): V8's message differs per line. */
function requireCallback(f: unknown, method: string): void {
  if (typeof f !== 'function') throw lineDifferences().helperCallbackNotCallable(method, f);
}

/** GetIteratorDirect(obj) (§7.4.2). */
function direct(o: object): IteratorRecord {
  return { iterator: o, next: (o as { next: unknown }).next };
}

/** IteratorStepValue (§7.4.8). */
function stepValue(rec: IteratorRecord): unknown {
  const result = callBuiltin(rec.next, rec.iterator);
  if (!isObject(result)) throw iteratorResultNotAnObject(result);
  if ((result as { done?: unknown }).done) return DONE;
  return (result as { value?: unknown }).value;
}

/** IteratorClose(rec, normal completion) (§7.4.10): an error of `return` is thrown. */
function closeNormal(iterator: object): void {
  const ret = (iterator as { return?: unknown }).return;
  if (ret === undefined || ret === null) return;
  const result = callBuiltin(ret, iterator);
  if (!isObject(result)) throw calledOnNonObject('return');
}

/** IteratorClose(rec, throw completion): the original error wins. */
function closeAndThrow(iterator: object, error: unknown): never {
  try {
    const ret = (iterator as { return?: unknown }).return;
    if (ret !== undefined && ret !== null) callBuiltin(ret, iterator);
  } catch {
    // the original error is thrown
  }
  throw error;
}

/**
 * The ToNumber / ToIntegerOrInfinity checks of take/drop: ToNumber throws for a BigInt or a
 * Symbol (unary plus, where Number() would convert a BigInt); V8 names the argument as given.
 */
function limitOf(limit: unknown): number {
  const n = +(limit as number);
  if (Number.isNaN(n)) throw new RangeError(`${noSideEffectsToString(limit)} must be positive`);
  const int = Number.isFinite(n) ? Math.trunc(n) : n;
  if (int < 0) throw new RangeError(`${noSideEffectsToString(limit)} must be positive`);
  return int;
}

/**
 * Whether an argument that fails validation closes the iterator (the 2024 spec change V8 12.x
 * shipped in Node 24; Node 22 throws without closing).
 */
let closeOnBadArgument = true;

/** An argument check of a prototype method: throws, closing `iterator` first where the target does. */
function validate(iterator: object, check: () => void): void {
  try {
    check();
  } catch (e) {
    if (closeOnBadArgument) closeAndThrow(iterator, e);
    throw e;
  }
}

// ---------------------------------------------------------------- helper objects

interface HelperSlots { gen: Generator<unknown, undefined, unknown>; underlying: object; started: boolean; done: boolean }
const helperSlots = new WeakMap<object, HelperSlots>();

function helperOf(o: unknown, method: string): HelperSlots {
  const s = isObject(o) ? helperSlots.get(o) : undefined;
  if (s === undefined) throw incompatibleReceiver(`Iterator Helper.prototype.${method}`, o);
  return s;
}

let IteratorHelperPrototype: object;

/** CreateIteratorFromClosure(body, "Iterator Helper", %IteratorHelperPrototype%). */
function helper(underlying: object, body: Generator<unknown, undefined, unknown>): object {
  const o = Object.create(IteratorHelperPrototype);
  helperSlots.set(o, { gen: body, underlying, started: false, done: false });
  return o;
}

/** `yield v` of a helper body: a return() while suspended here closes the underlying iterator. */
function* yielding(underlying: object, value: unknown): Generator<unknown, void, unknown> {
  let returned = true;
  try {
    yield value;
    returned = false;
  } finally {
    if (returned) closeNormal(underlying);
  }
}

const helperMethods = {
  next(this: unknown): unknown {
    const s = helperOf(this, 'next');
    s.started = true;
    const r = s.gen.next();
    if (r.done) s.done = true;
    return { value: r.value, done: r.done === true };
  },
  return(this: unknown): unknown {
    const s = helperOf(this, 'return');
    if (!s.started) {
      s.started = true;
      s.done = true;
      s.gen.return(undefined);
      closeNormal(s.underlying);
      return { value: undefined, done: true };
    }
    const r = s.gen.return(undefined);
    s.done = true;
    return { value: r.value, done: true };
  },
};

// ---------------------------------------------------------------- Iterator.prototype methods

function* mapBody(rec: IteratorRecord, mapper: (v: unknown, i: number) => unknown): Generator<unknown, undefined, unknown> {
  for (let counter = 0; ; counter++) {
    const value = stepValue(rec);
    if (value === DONE) return undefined;
    let mapped: unknown;
    try {
      mapped = mapper(value, counter);
    } catch (e) {
      closeAndThrow(rec.iterator, e);
    }
    yield* yielding(rec.iterator, mapped);
  }
}

function* filterBody(rec: IteratorRecord, predicate: (v: unknown, i: number) => unknown): Generator<unknown, undefined, unknown> {
  for (let counter = 0; ; counter++) {
    const value = stepValue(rec);
    if (value === DONE) return undefined;
    let selected: unknown;
    try {
      selected = predicate(value, counter);
    } catch (e) {
      closeAndThrow(rec.iterator, e);
    }
    if (selected) yield* yielding(rec.iterator, value);
  }
}

function* takeBody(rec: IteratorRecord, limit: number): Generator<unknown, undefined, unknown> {
  let remaining = limit;
  while (true) {
    if (remaining === 0) {
      closeNormal(rec.iterator);
      return undefined;
    }
    if (remaining !== Infinity) remaining--;
    const value = stepValue(rec);
    if (value === DONE) return undefined;
    yield* yielding(rec.iterator, value);
  }
}

function* dropBody(rec: IteratorRecord, limit: number): Generator<unknown, undefined, unknown> {
  let remaining = limit;
  while (remaining > 0) {
    if (remaining !== Infinity) remaining--;
    if (stepValue(rec) === DONE) return undefined;
  }
  while (true) {
    const value = stepValue(rec);
    if (value === DONE) return undefined;
    yield* yielding(rec.iterator, value);
  }
}

/**
 * GetIteratorFlattenable(obj, …) (§7.4.x). The caller has refused what it must (flatMap: a
 * non-object; Iterator.from: a primitive other than a string) with its own message.
 */
function flattenable(obj: object | string): IteratorRecord {
  const method = (obj as Record<symbol, unknown>)[Symbol.iterator];
  let iterator: unknown;
  if (method === undefined || method === null) iterator = obj;
  else {
    if (typeof method !== 'function') throw propertyNotFunction(method, Symbol.iterator, obj);
    iterator = Reflect.apply(method, obj, []);
  }
  if (!isObject(iterator)) throw notIterable(obj);
  return direct(iterator);
}

function* flatMapBody(rec: IteratorRecord, mapper: (v: unknown, i: number) => unknown): Generator<unknown, undefined, unknown> {
  for (let counter = 0; ; counter++) {
    const value = stepValue(rec);
    if (value === DONE) return undefined;
    let inner: IteratorRecord;
    try {
      const mapped = mapper(value, counter);
      if (!isObject(mapped)) throw calledOnNonObject('Iterator.prototype.flatMap');
      inner = flattenable(mapped);
    } catch (e) {
      closeAndThrow(rec.iterator, e);
    }
    while (true) {
      let innerValue: unknown;
      try {
        innerValue = stepValue(inner);
      } catch (e) {
        closeAndThrow(rec.iterator, e);
      }
      if (innerValue === DONE) break;
      let returned = true;
      try {
        yield innerValue;
        returned = false;
      } finally {
        if (returned) {
          // A return() while inside an inner iterator closes it, then the outer one.
          try {
            closeNormal(inner.iterator);
          } catch (e) {
            closeAndThrow(rec.iterator, e);
          }
          closeNormal(rec.iterator);
        }
      }
    }
  }
}

const protoMethods = {
  map(this: unknown, mapper: unknown): object {
    requireObjectThis(this, 'map');
    validate(this, () => requireCallback(mapper, 'map'));
    const rec = direct(this);
    return helper(this, mapBody(rec, mapper as never));
  },
  filter(this: unknown, predicate: unknown): object {
    requireObjectThis(this, 'filter');
    validate(this, () => requireCallback(predicate, 'filter'));
    const rec = direct(this);
    return helper(this, filterBody(rec, predicate as never));
  },
  take(this: unknown, limit: unknown): object {
    requireObjectThis(this, 'take');
    let n = 0;
    validate(this, () => (n = limitOf(limit)));
    const rec = direct(this);
    return helper(this, takeBody(rec, n));
  },
  drop(this: unknown, limit: unknown): object {
    requireObjectThis(this, 'drop');
    let n = 0;
    validate(this, () => (n = limitOf(limit)));
    const rec = direct(this);
    return helper(this, dropBody(rec, n));
  },
  flatMap(this: unknown, mapper: unknown): object {
    requireObjectThis(this, 'flatMap');
    validate(this, () => requireCallback(mapper, 'flatMap'));
    const rec = direct(this);
    return helper(this, flatMapBody(rec, mapper as never));
  },
  reduce(this: unknown, reducer: unknown, ...initial: unknown[]): unknown {
    requireObjectThis(this, 'reduce');
    validate(this, () => requireCallback(reducer, 'reduce'));
    const rec = direct(this);
    let accumulator: unknown;
    let counter = 0;
    if (initial.length === 0) {
      accumulator = stepValue(rec);
      if (accumulator === DONE) throw new TypeError('Reduce of a done iterator with no initial value');
      counter = 1;
    } else accumulator = initial[0];
    for (; ; counter++) {
      const value = stepValue(rec);
      if (value === DONE) return accumulator;
      try {
        accumulator = (reducer as (a: unknown, v: unknown, i: number) => unknown)(accumulator, value, counter);
      } catch (e) {
        closeAndThrow(rec.iterator, e);
      }
    }
  },
  toArray(this: unknown): unknown[] {
    requireObjectThis(this, 'toArray');
    const rec = direct(this);
    const items: unknown[] = [];
    for (let value = stepValue(rec); value !== DONE; value = stepValue(rec)) items.push(value);
    return items;
  },
  forEach(this: unknown, fn: unknown): undefined {
    requireObjectThis(this, 'forEach');
    validate(this, () => requireCallback(fn, 'forEach'));
    const rec = direct(this);
    for (let counter = 0; ; counter++) {
      const value = stepValue(rec);
      if (value === DONE) return undefined;
      try {
        (fn as (v: unknown, i: number) => unknown)(value, counter);
      } catch (e) {
        closeAndThrow(rec.iterator, e);
      }
    }
  },
  some(this: unknown, predicate: unknown): boolean {
    return search(this, 'some', predicate, (hit) => (hit ? { result: true } : undefined), false) as boolean;
  },
  every(this: unknown, predicate: unknown): boolean {
    return search(this, 'every', predicate, (hit) => (hit ? undefined : { result: false }), true) as boolean;
  },
  find(this: unknown, predicate: unknown): unknown {
    return search(this, 'find', predicate, (hit, value) => (hit ? { result: value } : undefined), undefined);
  },
};

/** some/every/find: stop (closing the iterator normally) when `decide` returns a result. */
function search(o: unknown, method: string, predicate: unknown, decide: (hit: boolean, value: unknown) => { result: unknown } | undefined, fallback: unknown): unknown {
  requireObjectThis(o, method);
  validate(o, () => requireCallback(predicate, method));
  const rec = direct(o);
  for (let counter = 0; ; counter++) {
    const value = stepValue(rec);
    if (value === DONE) return fallback;
    let hit: unknown;
    try {
      hit = (predicate as (v: unknown, i: number) => unknown)(value, counter);
    } catch (e) {
      closeAndThrow(rec.iterator, e);
    }
    const decided = decide(!!hit, value);
    if (decided) {
      closeNormal(rec.iterator);
      return decided.result;
    }
  }
}

// ---------------------------------------------------------------- Iterator and Iterator.from

const wrapSlots = new WeakMap<object, IteratorRecord>();
let WrapForValidIteratorPrototype: object;

const wrapMethods = {
  next(this: unknown): unknown {
    const rec = isObject(this) ? wrapSlots.get(this) : undefined;
    if (!rec) throw incompatibleReceiver('%WrapForValidIteratorPrototype%.next', this);
    return callBuiltin(rec.next, rec.iterator);
  },
  return(this: unknown): unknown {
    const rec = isObject(this) ? wrapSlots.get(this) : undefined;
    if (!rec) throw incompatibleReceiver('%WrapForValidIteratorPrototype%.return', this);
    const ret = (rec.iterator as { return?: unknown }).return;
    if (ret === undefined || ret === null) return { value: undefined, done: true };
    if (typeof ret !== 'function') throw propertyNotFunction(ret, 'return', rec.iterator);
    return Reflect.apply(ret, rec.iterator, []);
  },
};

function defineMethods(target: object, source: object, names: string[]): void {
  for (const name of names) {
    const d = Object.getOwnPropertyDescriptor(source, name)!;
    Object.defineProperty(target, name, { value: d.value, writable: true, enumerable: false, configurable: true });
  }
}

/** SetterThatIgnoresPrototypeProperties (§27.1.4.x): `constructor` and @@toStringTag of Iterator.prototype. */
function quirkyAccessor(home: object, key: PropertyKey, value: unknown, name: string): PropertyDescriptor {
  return {
    get: Object.defineProperty(function () { return value; }, 'name', { value: `get ${name}` }),
    set: Object.defineProperty(function (this: unknown, v: unknown) {
      if (!isObject(this)) throw calledOnNonObject(`set Iterator.prototype${typeof key === 'symbol' ? name : `.${name}`}`);
      if (this === home) throw new TypeError(`Cannot assign to read only property '${String(key)}' of object '[object Object]'`);
      if (Object.getOwnPropertyDescriptor(this, key) === undefined) Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
      else (this as Record<PropertyKey, unknown>)[key as string] = v;
    }, 'name', { value: `set ${name}` }),
    enumerable: false,
    configurable: true,
  };
}

/** Installs `Iterator` and the helpers on the realm's %IteratorPrototype% (only when absent). */
export function installIteratorHelpers(g: Record<string, unknown>, closeIteratorOnBadArgument: boolean): void {
  if (g.Iterator !== undefined) return;
  closeOnBadArgument = closeIteratorOnBadArgument;
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object;
  const Iterator = function Iterator(this: unknown): void {
    if (new.target === undefined) throw new TypeError("Constructor Iterator requires 'new'");
    if (new.target === Iterator) throw new TypeError('Abstract class Iterator not directly constructable');
  } as unknown as { prototype: object };
  Object.defineProperty(Iterator, 'name', { value: 'Iterator', configurable: true });
  Object.defineProperty(Iterator, 'prototype', { value: IteratorPrototype, writable: false, enumerable: false, configurable: false });
  Object.defineProperty(IteratorPrototype, 'constructor', quirkyAccessor(IteratorPrototype, 'constructor', Iterator, 'constructor'));
  defineMethods(IteratorPrototype, protoMethods, ['reduce', 'toArray', 'forEach', 'some', 'every', 'find', 'map', 'filter', 'take', 'drop', 'flatMap']);
  Object.defineProperty(protoMethods.reduce, 'length', { value: 1 });
  Object.defineProperty(IteratorPrototype, Symbol.toStringTag, quirkyAccessor(IteratorPrototype, Symbol.toStringTag, 'Iterator', '[Symbol.toStringTag]'));

  IteratorHelperPrototype = Object.create(IteratorPrototype);
  defineMethods(IteratorHelperPrototype, helperMethods, ['next', 'return']);
  Object.defineProperty(IteratorHelperPrototype, Symbol.toStringTag, { value: 'Iterator Helper', writable: false, enumerable: false, configurable: true });

  WrapForValidIteratorPrototype = Object.create(IteratorPrototype);
  defineMethods(WrapForValidIteratorPrototype, wrapMethods, ['next', 'return']);
  const statics = {
    from(o: unknown): object {
      if (!isObject(o) && typeof o !== 'string') throw calledOnNonObject('Iterator.from');
      const rec = flattenable(o);
      if (Object.prototype.isPrototypeOf.call(IteratorPrototype, rec.iterator)) return rec.iterator;
      const wrapper = Object.create(WrapForValidIteratorPrototype);
      wrapSlots.set(wrapper, rec);
      return wrapper;
    },
  };
  defineMethods(Iterator, statics, ['from']);
  Object.defineProperty(g, 'Iterator', { value: Iterator, writable: true, enumerable: false, configurable: true });
}

/**
 * `Iterator.concat(...items)` (ES2026, Node 26) where the host lacks it. Every item is checked
 * (an object with a @@iterator method) before any is opened; the result is an Iterator Helper
 * whose `return()` closes the iterator it is in. On a host whose V8 has native helpers (whose
 * `next` checks a native slot) the result's prototype is our own child of the native
 * %IteratorHelperPrototype% (same toStringTag and chain; not the same object).
 */
export function installIteratorConcat(g: Record<string, unknown>): void {
  const IteratorCtor = g.Iterator as Record<string, unknown> | undefined;
  if (IteratorCtor === undefined || typeof IteratorCtor.concat === 'function') return;
  if ((IteratorHelperPrototype as object | undefined) === undefined) {
    const native = Object.getPrototypeOf((([] as unknown[]).values() as unknown as { map(f: (x: unknown) => unknown): object }).map((x) => x)) as object;
    IteratorHelperPrototype = Object.create(native);
    defineMethods(IteratorHelperPrototype, helperMethods, ['next', 'return']);
  }
  const statics = {
    concat(...items: unknown[]): object {
      const iterables: { open: unknown; iterable: object }[] = [];
      for (const item of items) {
        if (!isObject(item)) throw calledOnNonObject('Iterator.concat');
        const open = (item as Record<symbol, unknown>)[Symbol.iterator];
        if (open === undefined || open === null) throw notIterable(item);
        if (typeof open !== 'function') throw propertyNotFunction(open, Symbol.iterator, item);
        iterables.push({ open, iterable: item });
      }
      return helper({}, concatBody(iterables));
    },
  };
  defineMethods(IteratorCtor, statics, ['concat']);
  Object.defineProperty(statics.concat, 'length', { value: 0 });
}

function* concatBody(iterables: { open: unknown; iterable: object }[]): Generator<unknown, undefined, unknown> {
  for (const { open, iterable } of iterables) {
    const iterator = Reflect.apply(open as (this: object) => unknown, iterable, []);
    if (!isObject(iterator)) throw notIterable(iterator);
    const rec = direct(iterator);
    for (;;) {
      const value = stepValue(rec);
      if (value === DONE) break;
      yield* yielding(iterator, value);
    }
  }
  return undefined;
}
