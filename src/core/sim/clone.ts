/**
 * Structured clone for messages between simulated threads: what postMessage copies. Plain
 * data, arrays, Map, Set, Date, RegExp, ArrayBuffer (copied) and typed arrays; a
 * SharedArrayBuffer (and views on it) is shared, not copied, as in Node. Functions and
 * symbols throw DataCloneError, as in Node.
 */
export function structuredCloneSim(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol') throw dataCloneError(value);
    return value;
  }
  const known = seen.get(value);
  if (known !== undefined) return known;
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
    return view.length !== undefined && Ctor !== undefined ? new Ctor(buf) : new DataView(buf);
  }
  if (tag === 'ArrayBuffer') {
    const b = value as ArrayBuffer;
    return copyBuffer(b, 0, b.byteLength);
  }
  if (tag === 'Date') return new Date((value as Date).getTime());
  if (tag === 'RegExp') return new RegExp((value as RegExp).source, (value as RegExp).flags);
  if (tag === 'Map') {
    const out = new Map();
    seen.set(value, out);
    for (const [k, v] of value as Map<unknown, unknown>) out.set(structuredCloneSim(k, seen), structuredCloneSim(v, seen));
    return out;
  }
  if (tag === 'Set') {
    const out = new Set();
    seen.set(value, out);
    for (const v of value as Set<unknown>) out.add(structuredCloneSim(v, seen));
    return out;
  }
  if (tag === 'Error') {
    const e = value as Error;
    // Node keeps the standard kinds (a RangeError arrives as a RangeError), others as Error.
    const kind = STANDARD_ERRORS.includes(e.name) ? ((globalThis as Record<string, unknown>)[e.name] as ErrorConstructor) : Error;
    const out = new kind(e.message);
    if (out.name !== e.name) out.name = e.name;
    out.stack = e.stack;
    return out;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(structuredCloneSim(v, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const k of Object.keys(value)) out[k] = structuredCloneSim((value as Record<string, unknown>)[k], seen);
  return out;
}

const STANDARD_ERRORS = ['EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'];

/** A copy of bytes [offset, offset + length) in an ArrayBuffer of this realm. */
function copyBuffer(source: ArrayBufferLike, offset: number, length: number): ArrayBuffer {
  const out = new ArrayBuffer(length);
  new Uint8Array(out).set(new Uint8Array(source, offset, length));
  return out;
}

function dataCloneError(value: unknown): Error {
  const e = new Error(`${String(value)} could not be cloned.`);
  e.name = 'DataCloneError';
  return e;
}
