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
  if (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer) return value;
  if (ArrayBuffer.isView(value)) {
    const view = value as unknown as { buffer: ArrayBufferLike; byteOffset: number; length?: number; byteLength: number; constructor: new (...a: unknown[]) => unknown };
    if (typeof SharedArrayBuffer !== 'undefined' && view.buffer instanceof SharedArrayBuffer) return value;
    const buf = (view.buffer as ArrayBuffer).slice(view.byteOffset, view.byteOffset + view.byteLength);
    return view.length !== undefined ? new view.constructor(buf) : new DataView(buf);
  }
  if (value instanceof ArrayBuffer) return value.slice(0);
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof RegExp) return new RegExp(value.source, value.flags);
  if (value instanceof Map) {
    const out = new Map();
    seen.set(value, out);
    for (const [k, v] of value) out.set(structuredCloneSim(k, seen), structuredCloneSim(v, seen));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set();
    seen.set(value, out);
    for (const v of value) out.add(structuredCloneSim(v, seen));
    return out;
  }
  if (value instanceof Error) {
    const out = new Error(value.message);
    out.name = value.name;
    out.stack = value.stack;
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

function dataCloneError(value: unknown): Error {
  const e = new Error(`${String(value)} could not be cloned.`);
  e.name = 'DataCloneError';
  return e;
}
