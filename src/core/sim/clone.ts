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
  /** The Node line imitated (what its serializer does with DOMException, URL, …); default 20. */
  nodeMajor?: number;
}

// ------------------------------------------------------------------ Node's host objects
//
// Node's own objects (Blob, File, the web streams, fetch's Headers/Request/Response/FormData, a
// DOMException, a URL) are "host objects" to V8's serializer: Node decides (src/node_messaging.cc,
// lib/internal/worker/js_transferable.js). Each carries a transfer mode — Node 20's
// makeTransferable, 22+'s markTransferMode, undici's markAsUncloneable — which nodelib's shim
// (src/core/node/webstreams/shims/internal/worker/js_transferable.js) keeps under TRANSFER_MODE:
// - cloneable: `[kClone]()` gives `{ data, deserializeInfo: 'module:Ctor' }`; the data is cloned,
//   and the receiving realm makes `new Ctor()` and calls `[kDeserialize](data)` on it;
// - transferable only (a ReadableStream): it must be in the transfer list;
// - neither (markAsUncloneable): "Cannot clone object of unsupported type.".
// The first pass of a clone (the sender's) turns a cloneable one into a snapshot record; the
// pass into the receiver's realm makes the object there (DESERIALIZER, which nodelib installs).

export const TRANSFER_MODE = Symbol.for('async-timeline.node.transferMode');
const K_CLONE = Symbol.for('async-timeline.node.kClone');
const K_TRANSFER = Symbol.for('async-timeline.node.kTransfer');
/** globalThis[DESERIALIZER](deserializeInfo, data): Node's deserializer of the realm (nodelib's). */
export const DESERIALIZER = Symbol.for('async-timeline.node.deserializer');
/** Brand of a host object's snapshot (a plain record, so any realm's copy of this file reads it). */
const HOST_SNAPSHOT = Symbol.for('async-timeline.node.hostSnapshot');

const K_TRANSFERABLE = 1;
const K_CLONEABLE = 2;

interface HostSnapshot {
  [HOST_SNAPSHOT]: true;
  /** 'module:Ctor' (Node's deserializeInfo), or 'DOMException'. */
  info: string;
  data: unknown;
}

/**
 * Objects V8 serializes itself (arrays, buffers, dates, …): never host objects to it, whatever
 * mark they carry (Node 22+'s `markAsUncloneable(arrayBuffer)` leaves it cloneable).
 */
const V8_NATIVE_TAGS = new Set(['Array', 'ArrayBuffer', 'SharedArrayBuffer', 'Date', 'RegExp', 'Map', 'Set', 'Error', 'Boolean', 'Number', 'String', 'BigInt']);

/** The transfer mode of a Node host object, or undefined for everything else. */
function transferModeOf(value: object): number | undefined {
  if (Array.isArray(value) || ArrayBuffer.isView(value) || V8_NATIVE_TAGS.has(Object.prototype.toString.call(value).slice(8, -1))) return undefined;
  let mode: unknown;
  try {
    mode = (value as Record<symbol, unknown>)[TRANSFER_MODE];
  } catch {
    return undefined; // a revoked proxy: V8's own check refuses it
  }
  if (mode === 'dynamic') {
    const v = value as Record<symbol, unknown>;
    return (typeof v[K_CLONE] === 'function' ? K_CLONEABLE : 0) | (typeof v[K_TRANSFER] === 'function' ? K_TRANSFERABLE : 0);
  }
  return typeof mode === 'number' ? mode : undefined;
}

/**
 * What Node's serializer says of a host object that cannot be cloned (undefined: it can): one
 * that must be transferred and is not in the transfer list, or one that refuses both.
 */
export function hostObjectRefusal(value: object, nodeMajor: number): Error | undefined {
  const mode = transferModeOf(value);
  if (mode === undefined) {
    // Node 22+ marks its URL uncloneable (lib/internal/url.js); the sandbox's URL is the host's.
    if (nodeMajor >= 22 && isUrl(value)) return dataCloneError('Cannot clone object of unsupported type.');
    return undefined;
  }
  if ((mode & K_CLONEABLE) !== 0) return undefined;
  if ((mode & K_TRANSFERABLE) !== 0) return missingTransferError(nodeMajor);
  return dataCloneError('Cannot clone object of unsupported type.');
}

/** A transferable object (a port, a stream) in a message but not in its transfer list, as each line says it. */
export function missingTransferError(nodeMajor: number): Error {
  const text = 'Object that needs transfer was found in message but not listed in transferList';
  if (nodeMajor >= 22) return dataCloneError(text);
  const e = new TypeError(text);
  Object.defineProperty(e, 'code', { value: 'ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST', writable: true, enumerable: true, configurable: true });
  return e;
}

/** Node's host objects (and DOMException on 22+), in the sender's pass: a snapshot; undefined: not one. */
function snapshotHostObject(value: object, tag: string, seen: Map<object, unknown>, hooks: CloneHooks): HostSnapshot | undefined {
  const nodeMajor = hooks.nodeMajor ?? 20;
  const refusal = hostObjectRefusal(value, nodeMajor);
  if (refusal !== undefined) throw refusal;
  if (transferModeOf(value) !== undefined) {
    const { data, deserializeInfo } = (value as unknown as Record<symbol, () => { data: unknown; deserializeInfo: string }>)[K_CLONE]();
    const out: HostSnapshot = { [HOST_SNAPSHOT]: true, info: deserializeInfo, data: undefined };
    seen.set(value, out);
    out.data = cloneValue(data, seen, hooks);
    return out;
  }
  // Node 22+'s DOMException is cloneable (name, message and stack: lib/internal/per_context/domexception.js);
  // Node 20's is a plain object to V8 (its state is in private fields), so it arrives as {}.
  if (nodeMajor >= 22 && tag === 'DOMException' && isDomException(value)) {
    const e = value as Error;
    const out: HostSnapshot = { [HOST_SNAPSHOT]: true, info: 'DOMException', data: { name: e.name, message: e.message, stack: e.stack } };
    seen.set(value, out);
    return out;
  }
  return undefined;
}

/** The receiver's pass: the host object a snapshot describes, made in this realm. */
function realizeHostObject(snapshot: HostSnapshot, seen: Map<object, unknown>, hooks: CloneHooks): unknown {
  const g = globalThis as unknown as Record<string | symbol, unknown>;
  if (snapshot.info === 'DOMException') {
    const { name, message, stack } = snapshot.data as { name: string; message: string; stack: unknown };
    const out = domException(message, name);
    Object.defineProperty(out, 'stack', { value: stack, writable: true, configurable: true, enumerable: false });
    seen.set(snapshot, out);
    return out;
  }
  // Node's deserializer comes with nodelib's Blob (loading it installs it), as Node sets it up at bootstrap.
  if (typeof g[DESERIALIZER] !== 'function') void g.Blob;
  const deserialize = g[DESERIALIZER] as ((info: string, data: unknown) => object) | undefined;
  if (deserialize === undefined) throw new Error(`async-timeline: cannot deserialize ${snapshot.info} here (Node's lib is not loaded in this realm)`);
  const data = cloneValue(snapshot.data, seen, hooks);
  const out = deserialize(snapshot.info, data);
  seen.set(snapshot, out);
  return out;
}

function isSnapshot(value: object): value is HostSnapshot {
  return (value as Partial<HostSnapshot>)[HOST_SNAPSHOT] === true;
}

function isDomException(value: object): boolean {
  const Ctor = (globalThis as unknown as { DOMException?: abstract new (...args: never[]) => unknown }).DOMException;
  return Ctor !== undefined && value instanceof Ctor;
}

function isUrl(value: object): boolean {
  const Ctor = (globalThis as unknown as { URL?: abstract new (...args: never[]) => unknown }).URL;
  return Ctor !== undefined && value instanceof Ctor;
}

/**
 * Throws, before anything is copied or detached, what Node's serializer would throw for the
 * simulation's objects in `value` (ports and Node's host objects not in `transfer`), walking its
 * data properties only (no getter runs twice: the platform's clone runs them after).
 */
export function checkHostObjects(value: unknown, transfer: readonly unknown[], nodeMajor: number): void {
  walkData(value, new Set(), (v) => {
    if (transfer.includes(v)) return;
    if ((v as Record<symbol, unknown>)[SIM_TRANSFERABLE] === true) throw missingTransferError(nodeMajor);
    const refusal = hostObjectRefusal(v, nodeMajor);
    if (refusal !== undefined) throw refusal;
  });
}

/**
 * The platform's clone `copy` of `original` has a plain object where `original` had one of the
 * simulation's host objects (a Blob is a plain object to the host's V8): which copy stands for
 * which, found by walking both in step (data properties only).
 */
export function pairHostObjects(original: unknown, copy: unknown, nodeMajor: number): Map<object, object> {
  const pairs = new Map<object, object>();
  const visited = new Set<object>();
  const step = (o: unknown, c: unknown): void => {
    if (o === null || typeof o !== 'object' || c === null || typeof c !== 'object' || visited.has(o)) return;
    visited.add(o);
    if (isHostObject(o as object, nodeMajor)) {
      pairs.set(c as object, o as object);
      return;
    }
    if (o instanceof Map && c instanceof Map) {
      const a = [...o];
      const b = [...c];
      a.forEach(([k, v], i) => {
        step(k, b[i]?.[0]);
        step(v, b[i]?.[1]);
      });
      return;
    }
    if (o instanceof Set && c instanceof Set) {
      const b = [...c];
      [...o].forEach((v, i) => step(v, b[i]));
      return;
    }
    if (ArrayBuffer.isView(o)) return;
    for (const k of Object.keys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, k);
      if (d !== undefined && 'value' in d) step(d.value, (c as Record<string, unknown>)[k]);
    }
  };
  step(original, copy);
  return pairs;
}

function isHostObject(value: object, nodeMajor: number): boolean {
  return transferModeOf(value) !== undefined || (nodeMajor >= 22 && isDomException(value));
}

/** Every object reachable from `value` through data properties, Map and Set entries. */
function walkData(value: unknown, visited: Set<object>, visit: (v: object) => void): void {
  if (value === null || typeof value !== 'object' || visited.has(value)) return;
  visited.add(value);
  visit(value);
  if (transferModeOf(value) !== undefined || (value as Record<symbol, unknown>)[SIM_TRANSFERABLE] === true || ArrayBuffer.isView(value)) return;
  if (value instanceof Map) {
    for (const [k, v] of value) {
      walkData(k, visited, visit);
      walkData(v, visited, visit);
    }
    return;
  }
  if (value instanceof Set) {
    for (const v of value) walkData(v, visited, visit);
    return;
  }
  for (const k of Object.keys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, k);
    if (d !== undefined && 'value' in d) walkData(d.value, visited, visit);
  }
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
  if (replaced !== undefined) {
    seen.set(value, replaced);
    return replaced;
  }
  if ((value as Record<symbol, unknown>)[SIM_TRANSFERABLE] === true) return value;
  if (isSnapshot(value)) return realizeHostObject(value, seen, hooks);
  // Brand checks, not instanceof: the value may come from another simulated thread's realm
  // (a Worker on a file has a context of its own). What is made here belongs to this realm,
  // the receiver's: the caller picks the receiver's copy of this function (World.cloneFor).
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  const host = snapshotHostObject(value, tag, seen, hooks);
  if (host !== undefined) return host;
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
