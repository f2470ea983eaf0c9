/**
 * The trace as one ArrayBuffer: how the extension host posts a trace to the timeline webview.
 *
 * `webview.postMessage` serializes a message as JSON, except ArrayBuffers, which VS Code (1.57+,
 * and code-server, which is VS Code) sends as raw bytes beside the message's JSON and recreates
 * in the webview. A trace as JSON makes the host stringify, and the webview parse, a text of
 * millions of numbers into millions of JS values; here each column is copied once into the
 * buffer, and the decoder's columns are views of the received buffer: no copy, no per-event value.
 *
 * Each column is stored in the narrowest form that holds all of its values exactly (its `width`):
 * constant (no bytes: one value for every event, e.g. `thread` in a run without threads, `t` in a
 * run that never advances virtual time), u8, u16, i32 or f64. So an event costs at most the
 * recorder's 23 bytes (recorder.ts) and usually less; the view model reads any array-like column.
 *
 * Layout (version 1), little-endian — every platform VS Code runs on is; the codec refuses a
 * big-endian machine rather than misread:
 *
 *   header, 88 bytes:
 *     0  u32 magic 'ATC1' (0x31435441)    4  u32 layout version     8  u32 events (n)
 *     12 u32 strings                      16 u32 bytes of the strings' UTF-8
 *     20 u32 bytes of the tables' JSON    24 u32 total byte length (tells cut short from damaged)
 *     28 u32 0
 *     32 u8 × 6: each column's width (kind, t, a, b, c, thread; 0 constant, 1 u8, 2 u16, 3 i32, 4 f64)
 *     38 2 bytes 0
 *     40 f64 × 6: each constant column's value (0 for the others)
 *   the stored columns, n values each: the f64 ones, then i32, u16, u8 (so each is aligned),
 *     each group in the order kind, t, a, b, c, thread
 *   (0–3 bytes of padding to a multiple of 4)
 *   string ends u32 × strings: where each string ends, in UTF-16 code units, in the text below
 *   strings  UTF-8: the string table concatenated (interned once, as the recorder holds it)
 *   tables   UTF-8 JSON: every other field of the trace (format, version, meta, files, sites, tasks)
 *
 * String ends count UTF-16 code units so the decoder decodes the text once and slices it
 * (slices share the decoded text). A lone surrogate (never in a trace Node could print) would
 * come back as U+FFFD, one code unit, so the ends stay right.
 *
 * Everything decoded is data: strings are returned as strings, the tables as parsed JSON;
 * `checkTrace` (src/core/viewmodel/validate.ts) validates the result as it validates a JSON trace.
 */
import type { ReadonlyEventColumns, ScannableTrace } from './format';

const MAGIC = 0x31435441; // 'ATC1' read little-endian
/** Incremented on every change of the layout above; a decoder refuses any other. */
export const COLUMNAR_LAYOUT_VERSION = 1;
const HEADER_BYTES = 88;
const WIDTHS_AT = 32;
const CONSTANTS_AT = 40;
/** The most bytes an event costs (every column stored at the recorder's width: 1 + 8 + 3 × 4 + 2). */
export const COLUMNAR_MAX_BYTES_PER_EVENT = 23;

const COLUMNS = ['kind', 't', 'a', 'b', 'c', 'thread'] as const;

/** How a column is stored. */
const enum Width {
  Constant = 0,
  U8 = 1,
  U16 = 2,
  I32 = 3,
  F64 = 4,
}
/** A width whose values take bytes. */
type StoredWidth = Exclude<Width, Width.Constant>;
type ColumnArray = Uint8Array | Uint16Array | Int32Array | Float64Array;
const ARRAY_OF: Record<StoredWidth, { new (buffer: ArrayBuffer, byteOffset: number, length: number): ColumnArray; new (length: number): ColumnArray; BYTES_PER_ELEMENT: number }> = {
  [Width.U8]: Uint8Array,
  [Width.U16]: Uint16Array,
  [Width.I32]: Int32Array,
  [Width.F64]: Float64Array,
};

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A buffer that is not a whole columnar trace: the message says what is wrong, for the panel to show. */
export class ColumnarTraceError extends Error {}

/** Is `value` an ArrayBuffer (by tag: a message's buffer may come from another realm)? */
export function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** The narrowest integer width holding [min, max], or F64. */
function widthOfRange(min: number, max: number, integers: boolean): StoredWidth {
  if (!integers) return Width.F64;
  if (min >= 0 && max <= 0xff) return Width.U8;
  if (min >= 0 && max <= 0xffff) return Width.U16;
  if (min >= -0x80000000 && max <= 0x7fffffff) return Width.I32;
  return Width.F64;
}

/*
 * [min, max] of a column. One copy of the loop per array type the engine hands over: a single
 * loop over every type is megamorphic and ran 4–5× slower (500 ms for a 6M-event trace's columns).
 */
function rangeU8(c: Uint8Array): [number, number] {
  let min = c[0], max = c[0];
  for (let i = 1; i < c.length; i++) { const v = c[i]; if (v < min) min = v; else if (v > max) max = v; }
  return [min, max];
}
function rangeU16(c: Uint16Array): [number, number] {
  let min = c[0], max = c[0];
  for (let i = 1; i < c.length; i++) { const v = c[i]; if (v < min) min = v; else if (v > max) max = v; }
  return [min, max];
}
function rangeI32(c: Int32Array): [number, number] {
  let min = c[0], max = c[0];
  for (let i = 1; i < c.length; i++) { const v = c[i]; if (v < min) min = v; else if (v > max) max = v; }
  return [min, max];
}
function rangeF64(c: Float64Array): [number, number] {
  let min = c[0], max = c[0];
  for (let i = 1; i < c.length; i++) { const v = c[i]; if (v < min) min = v; else if (v > max) max = v; }
  return [min, max];
}
function rangeAny(c: ArrayLike<number>): [number, number] {
  let min = c[0], max = c[0];
  for (let i = 1; i < c.length; i++) { const v = c[i]; if (v < min) min = v; else if (v > max) max = v; }
  return [min, max];
}
function rangeOf(column: ArrayLike<number>): [number, number] {
  switch (Object.prototype.toString.call(column)) {
    case '[object Uint8Array]': return rangeU8(column as Uint8Array);
    case '[object Uint16Array]': return rangeU16(column as Uint16Array);
    case '[object Int32Array]': return rangeI32(column as Int32Array);
    case '[object Float64Array]': return rangeF64(column as Float64Array);
    default: return rangeAny(column);
  }
}

/** Typed arrays whose values are integers that an i32 holds (so no value needs checking). */
const INTEGRAL_TAGS = new Set(['[object Int8Array]', '[object Uint8Array]', '[object Uint8ClampedArray]', '[object Int16Array]', '[object Uint16Array]', '[object Int32Array]']);

/**
 * How to store `column`: constant (and its value), or the narrowest array that holds every value
 * exactly. One pass for the range; a plain or float column then needs a second to know its values
 * are integers (-0 is not one: an integer array would make it 0) — unless its range already says f64.
 */
function widthOf(column: ArrayLike<number>): { width: Width; constant: number } {
  const n = column.length;
  if (n === 0) return { width: Width.Constant, constant: 0 };
  const first = column[0];
  const [min, max] = rangeOf(column);
  const integral = INTEGRAL_TAGS.has(Object.prototype.toString.call(column));
  const exactly = (test: (v: number) => boolean) => {
    for (let i = 0; i < n; i++) if (!test(column[i])) return false;
    return true;
  };
  if (min === max && (integral || exactly((v) => Object.is(v, first)))) return { width: Width.Constant, constant: first };
  const inI32 = min >= -0x80000000 && max <= 0x7fffffff;
  const integers = integral || (inI32 && exactly((v) => Number.isInteger(v) && !Object.is(v, -0)));
  return { width: widthOfRange(min, max, integers), constant: 0 };
}

/** Where each stored column starts (widest first, so each is aligned), and where the columns end. */
function columnOffsets(widths: readonly Width[], n: number): { at: number[]; end: number } {
  const at = new Array<number>(COLUMNS.length).fill(0);
  let offset = HEADER_BYTES;
  for (const width of [Width.F64, Width.I32, Width.U16, Width.U8] as const) {
    for (let i = 0; i < COLUMNS.length; i++) {
      if (widths[i] !== width) continue;
      at[i] = offset;
      offset += ARRAY_OF[width].BYTES_PER_ELEMENT * n;
    }
  }
  return { at, end: offset };
}

/**
 * The trace in the layout above, in one new ArrayBuffer. Takes plain or typed columns (as the
 * engine hands them over); each column is scanned once for its width and copied once, with
 * `set` (a memcpy for a typed column stored at its own width).
 */
export function encodeColumnarTrace(trace: ScannableTrace): ArrayBuffer {
  if (!LITTLE_ENDIAN) throw new ColumnarTraceError('The columnar trace layout is little-endian; this machine is not.');
  const { events, strings, ...tables } = trace;
  const n = events.kind.length;
  for (const name of ['t', 'a', 'b', 'c'] as const) {
    if (events[name].length !== n) throw new ColumnarTraceError(`The trace's event columns have different lengths (kind ${n}, ${name} ${events[name].length}).`);
  }
  // A trace without a thread column (older JSON) is all main thread.
  const thread = events.thread as ArrayLike<number> | undefined;
  const columns: ArrayLike<number>[] = COLUMNS.map((name) => (name === 'thread' && (!thread || thread.length !== n) ? [] : events[name]));
  const stored = columns.map(widthOf);
  const widths = stored.map((s) => s.width);
  const encoder = new TextEncoder();
  const stringBytes = encoder.encode(strings.join(''));
  const tableBytes = encoder.encode(JSON.stringify(tables));
  const { at, end: columnsEnd } = columnOffsets(widths, n);
  const endsAt = align4(columnsEnd);
  const stringsAt = endsAt + strings.length * 4;
  const tablesAt = stringsAt + stringBytes.length;
  const total = tablesAt + tableBytes.length;

  const buffer = new ArrayBuffer(total);
  const header = new DataView(buffer, 0, HEADER_BYTES);
  [MAGIC, COLUMNAR_LAYOUT_VERSION, n, strings.length, stringBytes.length, tableBytes.length, total, 0]
    .forEach((value, i) => header.setUint32(i * 4, value, true));
  for (let i = 0; i < COLUMNS.length; i++) {
    header.setUint8(WIDTHS_AT + i, widths[i]);
    header.setFloat64(CONSTANTS_AT + i * 8, stored[i].constant, true);
    const width = widths[i];
    if (width !== Width.Constant) new ARRAY_OF[width](buffer, at[i], n).set(columns[i]);
  }
  const ends = new Uint32Array(buffer, endsAt, strings.length);
  let end = 0;
  for (let i = 0; i < strings.length; i++) ends[i] = end += strings[i].length;
  new Uint8Array(buffer, stringsAt, stringBytes.length).set(stringBytes);
  new Uint8Array(buffer, tablesAt, tableBytes.length).set(tableBytes);
  return buffer;
}

const DAMAGED = 'The trace sent to the panel is damaged';

/**
 * The trace in `buffer` (layout above): stored columns are views of the buffer (no copy),
 * constant ones filled arrays of the narrowest type, strings decoded once. Throws a
 * ColumnarTraceError saying what is wrong with a buffer that is not a whole trace of this layout
 * (cut short, another layout version, inconsistent sizes, tables that are not JSON). The result
 * is checked no further: `checkTrace` does that.
 */
export function decodeColumnarTrace(buffer: ArrayBuffer): ScannableTrace {
  if (!LITTLE_ENDIAN) throw new ColumnarTraceError('The columnar trace layout is little-endian; this machine is not.');
  if (buffer.byteLength < HEADER_BYTES) {
    throw new ColumnarTraceError(`${DAMAGED}: it is cut short (${buffer.byteLength} bytes, shorter than its ${HEADER_BYTES}-byte header).`);
  }
  const header = new DataView(buffer, 0, HEADER_BYTES);
  const field = (i: number) => header.getUint32(i * 4, true);
  if (field(0) !== MAGIC) throw new ColumnarTraceError(`${DAMAGED}: it does not start as a columnar trace does.`);
  if (field(1) !== COLUMNAR_LAYOUT_VERSION) {
    throw new ColumnarTraceError(`The trace sent to the panel uses columnar layout ${field(1)}; this panel reads layout ${COLUMNAR_LAYOUT_VERSION}. Reload the window so the panel and the extension are the same version.`);
  }
  const [n, stringCount, stringBytes, tableBytes, total] = [field(2), field(3), field(4), field(5), field(6)];
  if (buffer.byteLength < total) {
    throw new ColumnarTraceError(`${DAMAGED}: it is cut short (${buffer.byteLength} of its ${total} bytes arrived).`);
  }
  const widths = COLUMNS.map((_, i) => header.getUint8(WIDTHS_AT + i) as Width);
  const badWidth = widths.findIndex((w) => !(w >= Width.Constant && w <= Width.F64));
  if (badWidth >= 0) throw new ColumnarTraceError(`${DAMAGED}: its column ${COLUMNS[badWidth]} has no known width (${widths[badWidth]}).`);
  const { at, end: columnsEnd } = columnOffsets(widths, n);
  const endsAt = align4(columnsEnd);
  const stringsAt = endsAt + stringCount * 4;
  const tablesAt = stringsAt + stringBytes;
  if (tablesAt + tableBytes !== total || total !== buffer.byteLength) {
    throw new ColumnarTraceError(`${DAMAGED}: its sections (${n} events, ${stringCount} strings) do not add up to its ${buffer.byteLength} bytes.`);
  }
  const decoder = new TextDecoder();
  let tables: unknown;
  try {
    tables = JSON.parse(decoder.decode(new Uint8Array(buffer, tablesAt, tableBytes)));
  } catch (e) {
    throw new ColumnarTraceError(`${DAMAGED}: its tables are not JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (typeof tables !== 'object' || tables === null || Array.isArray(tables)) throw new ColumnarTraceError(`${DAMAGED}: its tables are not an object.`);
  const text = decoder.decode(new Uint8Array(buffer, stringsAt, stringBytes));
  const ends = new Uint32Array(buffer, endsAt, stringCount);
  const strings: string[] = new Array<string>(stringCount);
  let start = 0;
  for (let i = 0; i < stringCount; i++) {
    const end = ends[i];
    if (end < start || end > text.length) throw new ColumnarTraceError(`${DAMAGED}: string ${i} ends outside the string table.`);
    strings[i] = text.slice(start, end);
    start = end;
  }
  if (start !== text.length) throw new ColumnarTraceError(`${DAMAGED}: its string table has ${text.length - start} characters no string owns.`);
  const column = (i: number): ColumnArray => {
    const width = widths[i];
    if (width !== Width.Constant) return new ARRAY_OF[width](buffer, at[i], n);
    const value = header.getFloat64(CONSTANTS_AT + i * 8, true);
    const type = ARRAY_OF[widthOfRange(value, value, Number.isInteger(value) && !Object.is(value, -0))];
    return new type(n).fill(value);
  };
  const events: ReadonlyEventColumns = { kind: column(0), t: column(1), a: column(2), b: column(3), c: column(4), thread: column(5) };
  return { ...(tables as Omit<ScannableTrace, 'events' | 'strings'>), strings, events };
}
