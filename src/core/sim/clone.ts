/**
 * Structured clone for messages between simulated threads and for the sandbox's
 * `structuredClone`: what V8's serializer keeps, made in *this* realm. Plain data, arrays
 * (holes and extra properties kept), Map, Set, Date, RegExp, primitive wrappers, errors,
 * ArrayBuffer (copied) and typed arrays; a SharedArrayBuffer (and views on it) is shared, not
 * copied, as in Node. Functions and symbols throw a DataCloneError with V8's message.
 *
 * Objects branded with SIM_TRANSFERABLE (a simulated MessagePort) pass through unchanged: a
 * port that travels in a message is a simulation object, the same in every realm (ports.ts
 * checks first that it was listed in the transfer list, as Node does).
 */

/** Own property of simulation objects that a message carries by reference (MessagePort). */
export const SIM_TRANSFERABLE = Symbol.for('async-timeline.sim.transferable');

export interface CloneHooks {
  /** A replacement for `value` (a transferred port → its new port), or undefined to clone it. */
  replace?(value: object): unknown;
}

export function structuredCloneSim(value: unknown, hooks: CloneHooks = {}): unknown {
  return cloneValue(value, new Map<object, unknown>(), hooks);
}

function cloneValue(value: unknown, seen: Map<object, unknown>, hooks: CloneHooks): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') throw dataCloneError(`${String(value)} could not be cloned.`);
  if (value === null || typeof value !== 'object') return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  const replaced = hooks.replace?.(value);
  if (replaced !== undefined) return replaced;
  if ((value as Record<symbol, unknown>)[SIM_TRANSFERABLE] === true) return value;
  // Brand checks, not instanceof: the value may come from another simulated thread's realm
  // (a Worker on a file has a context of its own). What is made here belongs to this realm,
  // the receiver's: the caller picks the receiver's copy of this function (World.cloneFor).
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  if (tag === 'SharedArrayBuffer') return value;
  if (ArrayBuffer.isView(value)) {
    const view = value as unknown as { buffer: ArrayBufferLike; byteOffset: number; length?: number; byteLength: number };
    if (Object.prototype.toString.call(view.buffer) === '[object SharedArrayBuffer]') return value;
    const buf = copyBuffer(view.buffer, view.byteOffset, view.byteLength);
    const Ctor = (globalThis as Record<string, unknown>)[tag] as (new (b: ArrayBuffer) => unknown) | undefined;
    const out = view.length !== undefined && Ctor !== undefined ? new Ctor(buf) : new DataView(buf);
    seen.set(value, out);
    return out;
  }
  if (tag === 'ArrayBuffer') {
    const b = value as ArrayBuffer;
    if (isDetached(b)) throw dataCloneError('An ArrayBuffer is detached and could not be cloned.');
    const out = copyBuffer(b, 0, b.byteLength);
    seen.set(value, out);
    return out;
  }
  const primitive = wrapperValue(value, tag);
  if (primitive !== NOT_A_WRAPPER) {
    const out = Object(primitive) as object;
    seen.set(value, out);
    return out;
  }
  if (tag === 'Date') return new Date((value as Date).getTime());
  if (tag === 'RegExp') return new RegExp((value as RegExp).source, (value as RegExp).flags);
  if (tag === 'Map') {
    const out = new Map();
    seen.set(value, out);
    for (const [k, v] of value as Map<unknown, unknown>) out.set(cloneValue(k, seen, hooks), cloneValue(v, seen, hooks));
    return out;
  }
  if (tag === 'Set') {
    const out = new Set();
    seen.set(value, out);
    for (const v of value as Set<unknown>) out.add(cloneValue(v, seen, hooks));
    return out;
  }
  if (tag === 'Error') return cloneError(value as Error, seen, hooks);
  if (tag === 'Promise' || tag === 'WeakMap' || tag === 'WeakSet' || tag === 'WeakRef') {
    throw dataCloneError(`#<${tag}> could not be cloned.`);
  }
  if (Array.isArray(value)) {
    // new Array(length): holes stay holes, as V8's sparse-array encoding keeps them.
    const out: unknown[] = new Array((value as unknown[]).length);
    seen.set(value, out);
    for (const k of Object.keys(value)) (out as unknown as Record<string, unknown>)[k] = cloneValue((value as unknown as Record<string, unknown>)[k], seen, hooks);
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const k of Object.keys(value)) out[k] = cloneValue((value as Record<string, unknown>)[k], seen, hooks);
  return out;
}

const STANDARD_ERRORS = ['EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'];

/** V8 keeps the standard kinds (a RangeError arrives as a RangeError), others become Error. */
function cloneError(e: Error, seen: Map<object, unknown>, hooks: CloneHooks): Error {
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const kind = STANDARD_ERRORS.includes(name) ? ((globalThis as Record<string, unknown>)[name] as ErrorConstructor) : Error;
  const out = Object.prototype.hasOwnProperty.call(e, 'message') ? new kind(String(e.message)) : new kind();
  seen.set(e, out);
  if (out.name !== name) out.name = name;
  out.stack = e.stack;
  if (Object.prototype.hasOwnProperty.call(e, 'cause')) {
    Object.defineProperty(out, 'cause', { value: cloneValue((e as { cause?: unknown }).cause, seen, hooks), writable: true, configurable: true, enumerable: false });
  }
  return out;
}

const NOT_A_WRAPPER = Symbol('not a wrapper');

/** The primitive inside a Boolean/Number/String/BigInt wrapper object, else NOT_A_WRAPPER. */
function wrapperValue(value: object, tag: string): unknown {
  try {
    switch (tag) {
      case 'Boolean': return Boolean.prototype.valueOf.call(value);
      case 'Number': return Number.prototype.valueOf.call(value);
      case 'String': return String.prototype.valueOf.call(value);
      case 'BigInt': return BigInt.prototype.valueOf.call(value);
      default: return NOT_A_WRAPPER;
    }
  } catch {
    return NOT_A_WRAPPER; // a plain object with a forged Symbol.toStringTag
  }
}

/** A detached ArrayBuffer (transferred away): `detached` where the engine has it, else by its length. */
export function isDetached(buffer: ArrayBuffer): boolean {
  const flag = (buffer as { detached?: boolean }).detached;
  if (typeof flag === 'boolean') return flag;
  if (buffer.byteLength !== 0) return false;
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

/** A copy of bytes [offset, offset + length) in an ArrayBuffer of this realm. */
function copyBuffer(source: ArrayBufferLike, offset: number, length: number): ArrayBuffer {
  const out = new ArrayBuffer(length);
  new Uint8Array(out).set(new Uint8Array(source, offset, length));
  return out;
}

/** Node's DataCloneError: a DOMException (code 25) where the realm has one. */
export function dataCloneError(message: string): Error {
  return domException(message, 'DataCloneError');
}

export function domException(message: string, name: string): Error {
  const DOMExceptionCtor = (globalThis as { DOMException?: new (message: string, name: string) => Error }).DOMException;
  if (DOMExceptionCtor !== undefined) return new DOMExceptionCtor(message, name);
  const e = new Error(message);
  e.name = name;
  return e;
}
