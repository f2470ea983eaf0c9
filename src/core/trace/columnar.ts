/**
 * The trace as one ArrayBuffer: how the extension host posts a trace to the timeline webview.
 *
 * `webview.postMessage` serializes a message as JSON, except ArrayBuffers, which VS Code (1.57+,
 * and code-server, which is VS Code) sends as raw bytes beside the JSON and recreates in the
 * webview. A trace as JSON costs ~60 bytes and a JS number per operand per event, and the
 * webview's JSON.parse builds millions of values; here an event costs its 23 bytes (the
 * recorder's layout, recorder.ts), and the decoder's columns are views of the received buffer:
 * no copy, no per-event value.
 *
 * Layout (version 1), little-endian — every platform VS Code runs on is; the decoder refuses
 * a big-endian reader rather than misread:
 *
 *   header, 32 bytes: u32 magic 'ATC1' (0x31435441), u32 layout version, u32 events (n),
 *     u32 strings, u32 bytes of the strings' UTF-8, u32 bytes of the tables' JSON,
 *     u32 total byte length (a cut-short buffer is told from a damaged one), u32 0
 *   t       f64 × n     (at offset 32: 8-aligned)
 *   a, b, c i32 × n each
 *   thread  u16 × n
 *   kind    u8 × n
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
import type { ScannableTrace } from './format';
import type { TypedEventColumns, TypedTrace } from './recorder';

const MAGIC = 0x31435441; // 'ATC1' read little-endian
/** Incremented on every change of the layout above; a decoder refuses any other. */
export const COLUMNAR_LAYOUT_VERSION = 1;
const HEADER_BYTES = 32;
/** Bytes per event: t (8) + a, b, c (3 × 4) + thread (2) + kind (1). */
export const COLUMNAR_BYTES_PER_EVENT = 23;

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

/**
 * The trace in the layout above, in one new ArrayBuffer. Takes plain or typed columns (as the
 * engine hands them over); the columns are copied once, with `set` (a memcpy for typed ones).
 */
export function encodeColumnarTrace(trace: ScannableTrace): ArrayBuffer {
  if (!LITTLE_ENDIAN) throw new ColumnarTraceError('The columnar trace layout is little-endian; this machine is not.');
  const { events, strings, ...tables } = trace;
  const n = events.kind.length;
  for (const name of ['t', 'a', 'b', 'c'] as const) {
    if (events[name].length !== n) throw new ColumnarTraceError(`The trace's event columns have different lengths (kind ${n}, ${name} ${events[name].length}).`);
  }
  const thread = events.thread as ArrayLike<number> | undefined;
  const encoder = new TextEncoder();
  const text = strings.join('');
  const stringBytes = encoder.encode(text);
  const tableBytes = encoder.encode(JSON.stringify(tables));
  const columnsEnd = HEADER_BYTES + n * COLUMNAR_BYTES_PER_EVENT;
  const endsAt = align4(columnsEnd);
  const stringsAt = endsAt + strings.length * 4;
  const tablesAt = stringsAt + stringBytes.length;
  const total = tablesAt + tableBytes.length;

  const buffer = new ArrayBuffer(total);
  const header = new DataView(buffer, 0, HEADER_BYTES);
  [MAGIC, COLUMNAR_LAYOUT_VERSION, n, strings.length, stringBytes.length, tableBytes.length, total, 0]
    .forEach((value, i) => header.setUint32(i * 4, value, true));
  const cols = columnViews(buffer, n);
  cols.t.set(events.t);
  cols.a.set(events.a);
  cols.b.set(events.b);
  cols.c.set(events.c);
  // A trace without a thread column (older JSON) is all main thread: the new buffer is zeros.
  if (thread && thread.length === n) cols.thread.set(thread);
  cols.kind.set(events.kind);
  const ends = new Uint32Array(buffer, endsAt, strings.length);
  let end = 0;
  for (let i = 0; i < strings.length; i++) ends[i] = end += strings[i].length;
  new Uint8Array(buffer, stringsAt, stringBytes.length).set(stringBytes);
  new Uint8Array(buffer, tablesAt, tableBytes.length).set(tableBytes);
  return buffer;
}

/** The columns as views of `buffer` (layout above), keyed in the JSON shape's order (format.ts EventColumns). */
function columnViews(buffer: ArrayBuffer, n: number): TypedEventColumns {
  const tAt = HEADER_BYTES;
  const aAt = tAt + 8 * n;
  const bAt = aAt + 4 * n;
  const cAt = bAt + 4 * n;
  const threadAt = cAt + 4 * n;
  const kindAt = threadAt + 2 * n;
  return {
    kind: new Uint8Array(buffer, kindAt, n),
    t: new Float64Array(buffer, tAt, n),
    a: new Int32Array(buffer, aAt, n),
    b: new Int32Array(buffer, bAt, n),
    c: new Int32Array(buffer, cAt, n),
    thread: new Uint16Array(buffer, threadAt, n),
  };
}

const DAMAGED = 'The trace sent to the panel is damaged';

/**
 * The trace in `buffer` (layout above): columns are views of the buffer (no copy), strings
 * decoded once. Throws a ColumnarTraceError saying what is wrong with a buffer that is not a
 * whole trace of this layout (cut short, another layout version, inconsistent sizes, tables
 * that are not JSON). The result is checked no further: `checkTrace` does that.
 */
export function decodeColumnarTrace(buffer: ArrayBuffer): TypedTrace {
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
  const endsAt = align4(HEADER_BYTES + n * COLUMNAR_BYTES_PER_EVENT);
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
  return { ...(tables as Omit<TypedTrace, 'events' | 'strings'>), strings, events: columnViews(buffer, n) };
}
