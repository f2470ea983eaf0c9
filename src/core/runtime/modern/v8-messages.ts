/**
 * How V8 words the errors of the built-ins in this folder: the ways it names a value in a
 * message (each of V8's rules named after the V8 function that applies it), the templates these
 * built-ins throw, and the messages that differ between the V8 of one Node line and the next.
 * Every rule here was read off the real binaries (test/fidelity/programs/modern-*-errors.js
 * print them per line). The host's `util.types` is set once per sandbox (`setHostTypes`):
 * V8's renderings tell a Proxy and a native Error apart, which plain JavaScript cannot without
 * running the proxy's traps.
 */
import type { NodeMajor } from '../../versions/targets';

interface HostTypes { isNativeError(x: unknown): boolean; isProxy(x: unknown): boolean }

let hostTypes: HostTypes = { isNativeError: (x) => x instanceof Error, isProxy: () => false };

export function setHostTypes(types: HostTypes): void {
  hostTypes = types;
}

/** util.types.isProxy of the host (V8 refuses a proxy where it wants a plain function: a dispose method). */
export function isProxy(x: unknown): boolean {
  return hostTypes.isProxy(x);
}

export function isObject(x: unknown): x is object {
  return x !== null && (typeof x === 'object' || typeof x === 'function');
}

// ---------------------------------------------------------------- V8's renderings of a value

const functionToString = Function.prototype.toString;
const objectToString = Object.prototype.toString;
const errorToString = Error.prototype.toString;

/** JSReceiver::GetDataProperty: a data property up the chain, no getter run (undefined at a proxy). */
function dataProperty(o: object, key: PropertyKey): unknown {
  for (let p: object | null = o; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    if (hostTypes.isProxy(p)) return undefined;
    const d = Object.getOwnPropertyDescriptor(p, key);
    if (d !== undefined) return 'value' in d ? d.value : undefined;
  }
  return undefined;
}

/**
 * Object::NoSideEffectsToString — the rendering of "… is not iterable", "Iterator result … is
 * not an object", "called on incompatible receiver …", "… must be positive": a primitive as
 * String() writes it (a string bare), a function's source, an Error as `Name: message`, an
 * object whose toString is Object.prototype's as `#<Constructor>`, any other object as
 * `[object Tag]`. A revoked proxy is `null` (V8 reads its null target).
 */
export function noSideEffectsToString(x: unknown): string {
  if (!isObject(x)) return typeof x === 'symbol' ? x.toString() : String(x);
  if (hostTypes.isProxy(x)) {
    try {
      Reflect.getPrototypeOf(x);
    } catch {
      return 'null';
    }
    // V8 reads nothing through a live proxy: no toString found, then the class name.
    return typeof x === 'function' ? 'function () { [native code] }' : '#<Object>';
  }
  if (typeof x === 'function') return functionToString.call(x);
  const toString = dataProperty(x, 'toString');
  if (hostTypes.isNativeError(x) || toString === errorToString) {
    const name = dataProperty(x, 'name');
    const message = dataProperty(x, 'message');
    const n = name === undefined ? 'Error' : String(name);
    const m = message === undefined ? '' : String(message);
    return n === '' ? m : m === '' ? n : `${n}: ${m}`;
  }
  if (toString === objectToString) {
    const ctor = dataProperty(x, 'constructor');
    if (typeof ctor === 'function') {
      const name = dataProperty(ctor, 'name');
      if (typeof name === 'string' && name !== '') return `#<${name}>`;
    }
  }
  const tag = dataProperty(x, Symbol.toStringTag);
  return typeof tag === 'string' ? `[object ${tag}]` : objectToString.call(x);
}

/**
 * BuildDefaultCallSite (runtime-internal.cc) — how V8 names a value a builtin was asked to call
 * when no JavaScript call site shows it: its `typeof`, and the value only for a string (quoted),
 * a number, null and a boolean (`object null`, `bigint`, `symbol`, `object`).
 */
export function callSiteRendering(x: unknown): string {
  if (typeof x === 'string') return `string "${x}"`;
  if (x === null) return 'object null';
  if (typeof x === 'number' || typeof x === 'boolean') return `${typeof x} ${String(x)}`;
  return typeof x;
}

// ---------------------------------------------------------------- the templates

/** kCalledNonCallable from inside a builtin: `object is not a function`. */
export function calledNonCallable(x: unknown): TypeError {
  return new TypeError(`${callSiteRendering(x)} is not a function`);
}

/** kPropertyNotFunction: `'3' returned for property 'return' of object '#<Object>' is not a function`. */
export function propertyNotFunction(value: unknown, key: PropertyKey, holder: unknown): TypeError {
  const k = typeof key === 'symbol' ? key.toString() : key;
  return new TypeError(`'${noSideEffectsToString(value)}' returned for property '${k}' of object '${noSideEffectsToString(holder)}' is not a function`);
}

/** `${NoSideEffectsToString} is not a function` (kCalledNonCallable where V8 renders the value itself). */
export function notAFunction(x: unknown): TypeError {
  return new TypeError(`${noSideEffectsToString(x)} is not a function`);
}

/** kNotIterable: `#<Object> is not iterable`. */
export function notIterable(x: unknown): TypeError {
  return new TypeError(`${noSideEffectsToString(x)} is not iterable`);
}

/** kIteratorResultNotAnObject. */
export function iteratorResultNotAnObject(x: unknown): TypeError {
  return new TypeError(`Iterator result ${noSideEffectsToString(x)} is not an object`);
}

/** kCalledOnNonObject: `Iterator.from called on non-object`. */
export function calledOnNonObject(method: string): TypeError {
  return new TypeError(`${method} called on non-object`);
}

/** kIncompatibleMethodReceiver: `Method Iterator Helper.prototype.next called on incompatible receiver 3`. */
export function incompatibleReceiver(method: string, receiver: unknown): TypeError {
  return new TypeError(`Method ${method} called on incompatible receiver ${noSideEffectsToString(receiver)}`);
}

/** Call(f, thisArg, args) of a builtin: a non-callable `f` is kCalledNonCallable (no `.call` read from `f`). */
export function callBuiltin(f: unknown, thisArg: unknown, ...args: unknown[]): unknown {
  if (typeof f !== 'function') throw calledNonCallable(f);
  return Reflect.apply(f as (...a: unknown[]) => unknown, thisArg, args);
}

// ---------------------------------------------------------------- what differs per line

/** What the V8 of one line words (or does) differently from another's. */
interface LineDifferences {
  /** An iterator helper's callback (map's mapper, reduce's reducer, …) is not callable. */
  helperCallbackNotCallable(method: string, value: unknown): TypeError;
  /**
   * The size of a set-like (GetSetRecord, after ToIntegerOrInfinity) as the Set methods compare
   * it with the receiver's size. V8 12.4 compares a finite size of 2**31 or more (not a Smi) as
   * smaller than any set's size: `new Set([1]).isSubsetOf({size: 2 ** 31, …})` is false there.
   */
  setLikeSizeForComparison(size: number): number;
  /**
   * Whether a proxy is accepted as a @@dispose / @@asyncDispose method. V8 13.6 (Node 24) wants
   * a plain function (`Symbol(Symbol.dispose) is not a function` for any proxy); V8 14 (Node 26)
   * calls a callable one.
   */
  disposeMethodMayBeProxy: boolean;
}

/**
 * One row per V8 whose wording changed; a target uses the newest row at or below its line.
 * Iterator helpers: V8 12.4 (Node 22) named the method in place of the value (`string
 * "Iterator.prototype.map" is not a function`); V8 13+ (Node 24, 26) names the value by its
 * call-site rendering. flatMap has its own template on every line.
 */
const BY_LINE: [NodeMajor, LineDifferences][] = [
  [22, {
    setLikeSizeForComparison: (size) => (Number.isFinite(size) && size >= 2 ** 31 ? -Infinity : size),
    disposeMethodMayBeProxy: false,
    helperCallbackNotCallable: (method) => method === 'flatMap'
      ? new TypeError('Iterator.prototype.flatMap is not a function')
      : calledNonCallable(`Iterator.prototype.${method}`),
  }],
  [24, {
    setLikeSizeForComparison: (size) => size,
    disposeMethodMayBeProxy: false,
    helperCallbackNotCallable: (method, value) => method === 'flatMap'
      ? new TypeError('Iterator.prototype.flatMap is not a function')
      : calledNonCallable(value),
  }],
  [26, {
    setLikeSizeForComparison: (size) => size,
    disposeMethodMayBeProxy: true,
    helperCallbackNotCallable: (method, value) => method === 'flatMap'
      ? new TypeError('Iterator.prototype.flatMap is not a function')
      : calledNonCallable(value),
  }],
];

let line: LineDifferences = BY_LINE[BY_LINE.length - 1][1];

/** Chooses the row of the target line (called by index.ts before anything is installed). */
export function setMessageLine(major: NodeMajor | undefined): void {
  const m = major ?? 20;
  line = (BY_LINE.filter(([since]) => since <= m).pop() ?? BY_LINE[0])[1];
}

export function lineDifferences(): LineDifferences {
  return line;
}
