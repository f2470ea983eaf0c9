/**
 * Synchronous standard built-ins of ES2024–ES2026 that a later Node line has and the host V8
 * may lack (the CLI's Node 20 has none of them): `Object.groupBy`/`Map.groupBy` and the `Set`
 * methods (Node 22), `Error.isError`, `RegExp.escape`, `Atomics.pause` (24),
 * `Map`/`WeakMap.prototype.getOrInsert(Computed)` (26). No promise is involved, so only the
 * spec's observable steps matter: which user functions are called, in which order, and the
 * errors (messages are V8's, the same on every line that has them; v8-messages.ts). Installed
 * per target by index.ts.
 */

import { callBuiltin, calledNonCallable, callSiteRendering, incompatibleReceiver, isObject, iteratorResultNotAnObject, lineDifferences, noSideEffectsToString } from './v8-messages';

type Fn = (...args: unknown[]) => unknown;

/** Defines methods the way built-ins are: writable, configurable, not enumerable, with the spec's `length`. */
function defineBuiltins(target: object, methods: Record<string, Fn>, lengths: Record<string, number>): void {
  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(fn, 'name', { value: name, configurable: true });
    Object.defineProperty(fn, 'length', { value: lengths[name] ?? 0, configurable: true });
    Object.defineProperty(target, name, { value: fn, writable: true, enumerable: false, configurable: true });
  }
}

/** `-0` → `+0` (CanonicalizeKeyedCollectionKey). */
const canonical = (k: unknown): unknown => (k === 0 ? 0 : k);

// ---------------------------------------------------------------------------- groupBy

/** GroupBy(items, callback, keyCoercion) (§7.3.35): the groups in first-seen key order. */
function groupBy(items: unknown, callback: unknown, property: boolean, method: string): Map<unknown, unknown[]> {
  if (items === undefined || items === null) throw new TypeError(`${method} called on null or undefined`);
  if (typeof callback !== 'function') throw new TypeError(`${noSideEffectsToString(callback)} is not a function`);
  const iteratorMethod = (items as Record<symbol, unknown>)[Symbol.iterator];
  if (typeof iteratorMethod !== 'function') throw new TypeError(`${callSiteRendering(items)} is not iterable (cannot read property Symbol(Symbol.iterator))`);
  const iterator = Reflect.apply(iteratorMethod, items, []) as Iterator<unknown>;
  if (!isObject(iterator)) throw new TypeError(`Result of the Symbol.iterator method is not an object`);
  const next = iterator.next;
  const groups = new Map<unknown, unknown[]>();
  for (let k = 0; ; k++) {
    const step = callBuiltin(next, iterator) as IteratorResult<unknown>;
    if (!isObject(step)) throw iteratorResultNotAnObject(step);
    if (step.done) return groups;
    const value = step.value;
    let key: unknown;
    try {
      key = Reflect.apply(callback, undefined, [value, k]);
      if (property) key = typeof key === 'symbol' ? key : String(key as string);
    } catch (error) {
      try {
        const ret = (iterator as { return?: unknown }).return;
        if (ret !== undefined && ret !== null) callBuiltin(ret, iterator);
      } catch { /* the callback's error wins (IteratorClose with a throw completion) */ }
      throw error;
    }
    key = canonical(key);
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
  }
}

const groupByStatics = {
  objectGroupBy(items: unknown, callback: unknown): unknown {
    const out = Object.create(null) as Record<PropertyKey, unknown>;
    for (const [key, values] of groupBy(items, callback, true, 'Object.groupBy')) {
      Object.defineProperty(out, key as PropertyKey, { value: values, writable: true, enumerable: true, configurable: true });
    }
    return out;
  },
  mapGroupBy(items: unknown, callback: unknown): unknown {
    const out = new Map<unknown, unknown[]>();
    for (const [key, values] of groupBy(items, callback, false, 'Map.groupBy')) MapSet.call(out, key, values);
    return out;
  },
};

// ---------------------------------------------------------------------------- Set methods

// The intrinsics, taken before user code can replace them (the spec reads [[SetData]], not `add`/`has`).
const SetHas = Set.prototype.has;
const SetAdd = Set.prototype.add;
const SetDelete = Set.prototype.delete;
const SetSize = Object.getOwnPropertyDescriptor(Set.prototype, 'size')!.get!;
const SetValues = Set.prototype.values;
const MapHas = Map.prototype.has;
const MapGet = Map.prototype.get;
const MapSet = Map.prototype.set;
const WeakMapHas = WeakMap.prototype.has;
const WeakMapGet = WeakMap.prototype.get;
const WeakMapSet = WeakMap.prototype.set;

interface SetRecord { set: object; size: number; has: Fn; keys: Fn }

/** RequireInternalSlot(O, [[SetData]]) with V8's message. */
function thisSet(o: unknown, method: string): Set<unknown> {
  try {
    SetSize.call(o);
  } catch {
    throw incompatibleReceiver(`Set.prototype.${method}`, o);
  }
  return o as Set<unknown>;
}

/** GetSetRecord(obj) (§24.2.1.2). */
function setRecord(other: unknown, method: string): SetRecord {
  if (!isObject(other)) throw new TypeError(`Set.prototype.${method} argument must be an object`);
  const rawSize = (other as { size?: unknown }).size;
  const numSize = +(rawSize as number); // ToNumber: a BigInt or a Symbol throws
  if (Number.isNaN(numSize)) throw new TypeError('The .size property is NaN');
  const intSize = Math.trunc(numSize) || 0;
  if (intSize < 0) throw new RangeError(`'${intSize}' is an invalid size`);
  const has = (other as { has?: unknown }).has;
  // V8 passes the property's name, not its value, to kCalledNonCallable: `string "has" is not a function`.
  if (typeof has !== 'function') throw calledNonCallable('has');
  const keys = (other as { keys?: unknown }).keys;
  if (typeof keys !== 'function') throw calledNonCallable('keys');
  return { set: other, size: lineDifferences().setLikeSizeForComparison(intSize), has: has as Fn, keys: keys as Fn };
}

/** GetIteratorFromMethod(rec.set, rec.keys) as a step function; `close` is IteratorClose (normal). */
function keysOf(rec: SetRecord): { step(): { done: boolean; value?: unknown }; close(): void } {
  const iterator = Reflect.apply(rec.keys, rec.set, []);
  if (!isObject(iterator)) throw new TypeError('Result of the keys method is not an object');
  const next = (iterator as { next: unknown }).next;
  // V8 checks `next` as soon as it reads it, naming the property.
  if (typeof next !== 'function') throw calledNonCallable('next');
  return {
    step() {
      const r = Reflect.apply(next, iterator, []);
      if (!isObject(r)) throw iteratorResultNotAnObject(r);
      return (r as { done: unknown }).done ? { done: true } : { done: false, value: (r as { value: unknown }).value };
    },
    close() {
      const ret = (iterator as { return?: unknown }).return;
      if (ret === undefined || ret === null) return;
      const r = callBuiltin(ret, iterator);
      if (!isObject(r)) throw iteratorResultNotAnObject(r);
    },
  };
}

/** The elements of a set, as the spec's index walk over [[SetData]] sees them (live). */
function* elements(set: Set<unknown>): Generator<unknown> {
  yield* SetValues.call(set);
}

function copyOf(set: Set<unknown>): Set<unknown> {
  const out = new Set<unknown>();
  for (const e of elements(set)) SetAdd.call(out, e);
  return out;
}

const setMethods: Record<string, Fn> = {
  union(this: unknown, other: unknown): unknown {
    const o = thisSet(this, 'union');
    const rec = setRecord(other, 'union');
    const keys = keysOf(rec);
    const result = copyOf(o);
    for (let r = keys.step(); !r.done; r = keys.step()) SetAdd.call(result, canonical(r.value));
    return result;
  },
  intersection(this: unknown, other: unknown): unknown {
    const o = thisSet(this, 'intersection');
    const rec = setRecord(other, 'intersection');
    const result = new Set<unknown>();
    if (SetSize.call(o) <= rec.size) {
      for (const e of elements(o)) if (Reflect.apply(rec.has, rec.set, [e])) SetAdd.call(result, e);
    } else {
      const keys = keysOf(rec);
      for (let r = keys.step(); !r.done; r = keys.step()) {
        const next = canonical(r.value);
        if (SetHas.call(o, next)) SetAdd.call(result, next);
      }
    }
    return result;
  },
  difference(this: unknown, other: unknown): unknown {
    const o = thisSet(this, 'difference');
    const rec = setRecord(other, 'difference');
    const result = copyOf(o);
    if (SetSize.call(o) <= rec.size) {
      for (const e of elements(o)) if (Reflect.apply(rec.has, rec.set, [e])) SetDelete.call(result, e);
    } else {
      const keys = keysOf(rec);
      for (let r = keys.step(); !r.done; r = keys.step()) {
        const next = canonical(r.value);
        if (SetHas.call(result, next)) SetDelete.call(result, next);
      }
    }
    return result;
  },
  symmetricDifference(this: unknown, other: unknown): unknown {
    const o = thisSet(this, 'symmetricDifference');
    const rec = setRecord(other, 'symmetricDifference');
    const keys = keysOf(rec);
    const result = copyOf(o);
    for (let r = keys.step(); !r.done; r = keys.step()) {
      const next = canonical(r.value);
      if (SetHas.call(o, next)) SetDelete.call(result, next);
      else SetAdd.call(result, next);
    }
    return result;
  },
  isSubsetOf(this: unknown, other: unknown): unknown {
    const o = thisSet(this, 'isSubsetOf');
    const rec = setRecord(other, 'isSubsetOf');
    if (SetSize.call(o) > rec.size) return false;
    for (const e of elements(o)) if (!Reflect.apply(rec.has, rec.set, [e])) return false;
    return true;
  },
  isSupersetOf(this: unknown, other: unknown): unknown {
    const o = thisSet(this, 'isSupersetOf');
    const rec = setRecord(other, 'isSupersetOf');
    if (SetSize.call(o) < rec.size) return false;
    const keys = keysOf(rec);
    for (let r = keys.step(); !r.done; r = keys.step()) {
      if (!SetHas.call(o, r.value)) {
        keys.close();
        return false;
      }
    }
    return true;
  },
  isDisjointFrom(this: unknown, other: unknown): unknown {
    const o = thisSet(this, 'isDisjointFrom');
    const rec = setRecord(other, 'isDisjointFrom');
    if (SetSize.call(o) <= rec.size) {
      for (const e of elements(o)) if (Reflect.apply(rec.has, rec.set, [e])) return false;
    } else {
      const keys = keysOf(rec);
      for (let r = keys.step(); !r.done; r = keys.step()) {
        if (SetHas.call(o, r.value)) {
          keys.close();
          return false;
        }
      }
    }
    return true;
  },
};

// ---------------------------------------------------------------------------- RegExp.escape

const SYNTAX_CHARACTERS = '^$\\.*+?()[]{}|/';
const CONTROL_ESCAPES: Record<string, string> = { '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r' };
const OTHER_PUNCTUATORS = ',-=<>#&!%:;@~\'`"';

/** WhiteSpace or LineTerminator (§12.2, §12.3). */
function isWhiteOrLineTerminator(cp: number): boolean {
  return cp === 0x09 || cp === 0x0b || cp === 0x0c || cp === 0x20 || cp === 0xa0 || cp === 0xfeff || cp === 0x1680
    || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f || cp === 0x3000
    || cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029;
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** EncodeForRegExpEscape(c) (§22.2.5.1.1). */
function encodeForRegExpEscape(c: string): string {
  if (SYNTAX_CHARACTERS.includes(c)) return `\\${c}`;
  if (c in CONTROL_ESCAPES) return `\\${CONTROL_ESCAPES[c]}`;
  const cp = c.codePointAt(0)!;
  const loneSurrogate = c.length === 1 && cp >= 0xd800 && cp <= 0xdfff;
  if (OTHER_PUNCTUATORS.includes(c) || isWhiteOrLineTerminator(cp) || loneSurrogate) {
    if (cp <= 0xff) return `\\x${hex(cp, 2)}`;
    let out = '';
    for (let i = 0; i < c.length; i++) out += `\\u${hex(c.charCodeAt(i), 4)}`;
    return out;
  }
  return c;
}

function regExpEscape(s: unknown): string {
  if (typeof s !== 'string') throw new TypeError('input argument must be a string');
  let out = '';
  let first = true;
  for (const c of s) {
    // An initial digit or ASCII letter is written as \xNN so the result can follow \0 or \c.
    if (first && /^[0-9A-Za-z]$/.test(c)) out += `\\x${hex(c.charCodeAt(0), 2)}`;
    else out += encodeForRegExpEscape(c);
    first = false;
  }
  return out;
}

// ---------------------------------------------------------------------------- Atomics.pause

function atomicsPause(n?: unknown): void {
  if (n !== undefined && !(typeof n === 'number' && Number.isInteger(n))) {
    throw new TypeError('Atomics.pause argument must be undefined or an integer');
  }
}

// ---------------------------------------------------------------------------- getOrInsert

function thisMap(o: unknown, method: string): Map<unknown, unknown> {
  try {
    MapHas.call(o, undefined);
  } catch {
    throw incompatibleReceiver(`Map.prototype.${method}`, o);
  }
  return o as Map<unknown, unknown>;
}

function thisWeakMap(o: unknown, method: string): WeakMap<object, unknown> {
  try {
    WeakMapHas.call(o, {});
  } catch {
    throw incompatibleReceiver(`WeakMap.prototype.${method}`, o);
  }
  return o as WeakMap<object, unknown>;
}

/** CanBeHeldWeakly: an object, or a symbol not in the global registry. */
function weakKey(key: unknown): object {
  const ok = isObject(key) || (typeof key === 'symbol' && Symbol.keyFor(key) === undefined);
  if (!ok) throw new TypeError('Invalid value used as weak map key');
  return key as object;
}

const mapMethods: Record<string, Fn> = {
  getOrInsert(this: unknown, key: unknown, value: unknown): unknown {
    const m = thisMap(this, 'getOrInsert');
    const k = canonical(key);
    if (MapHas.call(m, k)) return MapGet.call(m, k);
    MapSet.call(m, k, value);
    return value;
  },
  getOrInsertComputed(this: unknown, key: unknown, callback: unknown): unknown {
    const m = thisMap(this, 'getOrInsertComputed');
    if (typeof callback !== 'function') throw new TypeError('Map.prototype.getOrInsertComputed is not a function');
    const k = canonical(key);
    if (MapHas.call(m, k)) return MapGet.call(m, k);
    const value = Reflect.apply(callback, undefined, [k]);
    MapSet.call(m, k, value); // the callback may have set the key: the computed value wins (spec)
    return value;
  },
};

const weakMapMethods: Record<string, Fn> = {
  getOrInsert(this: unknown, key: unknown, value: unknown): unknown {
    const m = thisWeakMap(this, 'getOrInsert');
    const k = weakKey(key);
    if (WeakMapHas.call(m, k)) return WeakMapGet.call(m, k);
    WeakMapSet.call(m, k, value);
    return value;
  },
  getOrInsertComputed(this: unknown, key: unknown, callback: unknown): unknown {
    const m = thisWeakMap(this, 'getOrInsertComputed');
    if (typeof callback !== 'function') throw new TypeError('WeakMap.prototype.getOrInsertComputed is not a function');
    const k = weakKey(key);
    if (WeakMapHas.call(m, k)) return WeakMapGet.call(m, k);
    const value = Reflect.apply(callback, undefined, [k]);
    WeakMapSet.call(m, k, value);
    return value;
  },
};

// ---------------------------------------------------------------------------- install

/** What `g` (the sandbox's global) gets or loses for one group of built-ins. */
export interface EsBuiltinGroup {
  /** Whether the host V8 already has them. */
  present(g: Record<string, any>): boolean;
  install(g: Record<string, any>, isNativeError: (x: unknown) => boolean): void;
  withhold(g: Record<string, any>): void;
}

const SET_METHOD_NAMES = ['union', 'intersection', 'difference', 'symmetricDifference', 'isSubsetOf', 'isSupersetOf', 'isDisjointFrom'];

export const ES_BUILTINS = {
  'Object.groupBy': {
    present: (g) => typeof g.Object.groupBy === 'function',
    install(g) {
      defineBuiltins(g.Object, { groupBy: groupByStatics.objectGroupBy }, { groupBy: 2 });
      defineBuiltins(g.Map, { groupBy: groupByStatics.mapGroupBy }, { groupBy: 2 });
    },
    withhold(g) {
      delete g.Object.groupBy;
      delete g.Map.groupBy;
    },
  },
  'Set methods': {
    present: (g) => typeof g.Set.prototype.union === 'function',
    install(g) {
      defineBuiltins(g.Set.prototype, setMethods, Object.fromEntries(SET_METHOD_NAMES.map((n) => [n, 1])));
    },
    withhold(g) {
      for (const n of SET_METHOD_NAMES) delete g.Set.prototype[n];
    },
  },
  'Error.isError': {
    present: (g) => typeof g.Error.isError === 'function',
    install(g, isNativeError) {
      defineBuiltins(g.Error, { isError: (x: unknown) => isObject(x) && isNativeError(x) }, { isError: 1 });
    },
    withhold(g) {
      delete g.Error.isError;
    },
  },
  'RegExp.escape': {
    present: (g) => typeof g.RegExp.escape === 'function',
    install(g) {
      defineBuiltins(g.RegExp, { escape: regExpEscape as Fn }, { escape: 1 });
    },
    withhold(g) {
      delete g.RegExp.escape;
    },
  },
  'Atomics.pause': {
    present: (g) => typeof g.Atomics.pause === 'function',
    install(g) {
      defineBuiltins(g.Atomics, { pause: atomicsPause as Fn }, { pause: 0 });
    },
    withhold(g) {
      delete g.Atomics.pause;
    },
  },
  'Map getOrInsert': {
    present: (g) => typeof g.Map.prototype.getOrInsert === 'function',
    install(g) {
      defineBuiltins(g.Map.prototype, mapMethods, { getOrInsert: 2, getOrInsertComputed: 2 });
      defineBuiltins(g.WeakMap.prototype, weakMapMethods, { getOrInsert: 2, getOrInsertComputed: 2 });
    },
    withhold(g) {
      for (const proto of [g.Map.prototype, g.WeakMap.prototype]) {
        delete proto.getOrInsert;
        delete proto.getOrInsertComputed;
      }
    },
  },
} satisfies Record<string, EsBuiltinGroup>;
