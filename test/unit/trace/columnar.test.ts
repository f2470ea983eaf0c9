/**
 * The columnar trace (src/core/trace/columnar.ts): what the host posts to the webview. Round
 * trips keep every field; damaged buffers give the panel's sentence, never a throw.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { COLUMNAR_MAX_BYTES_PER_EVENT, ColumnarTraceError, decodeColumnarTrace, encodeColumnarTrace } from '../../../src/core/trace/columnar';
import type { ScannableTrace, TraceFile } from '../../../src/core/trace/format';
import type { TypedTrace } from '../../../src/core/trace/recorder';
import { serializeTrace } from '../../../src/core/export/trace-file';
import { buildTimeline, checkJsonTrace, checkTrace, summaryText } from '../../../src/core/viewmodel/index';

const fixture = (name: string): TraceFile => {
  const check = checkJsonTrace(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'traces', `${name}.json`), 'utf8')));
  assert.ok(check.ok);
  return check.trace;
};

/** A trace that uses every field: meta's optional ones, sites, tasks, threads, non-ASCII and astral strings. */
function everyField(): TraceFile {
  return {
    format: 'async-timeline-trace',
    version: 1,
    meta: {
      entry: 'samples/über.ts', entryFunction: 'main', seed: 7, endTime: 1234.5, exitCode: 1, truncated: { reason: 'budget: events' },
      moduleKind: 'module', nodeMajor: 24, engine: 'async-timeline 0.1.0', cpu: 'measured',
      perturbations: [{ kind: 'tie', n: 0, v: 1 }, { kind: 'late', n: 3, v: 12 }],
      network: { mode: 'replay-only', recording: 'rec.json', recordedAt: '2026-01-01T00:00:00Z', replayed: 2, recorded: 0 },
    },
    files: ['samples/über.ts', 'lib/a.ts'],
    sites: [{ file: 0, line: 0, column: 0, label: '', kind: 'other' }, { file: 1, line: 3, column: 5, label: 'sleep(10) </script>', kind: 'await' }],
    tasks: [{ name: '<main>', site: 0, kind: 'main', parent: 0, thread: 0 }, { name: 'count', site: 1, kind: 'async', parent: 0, thread: 1 }],
    strings: ['', 'hello\n', 'naïve — 日本語 😀\n', '<img src=x onerror=alert(1)>', 'hello\n'.repeat(3)],
    events: {
      kind: [1, 50, 50, 60, 12, 2],
      t: [0, 0.5, 1e-9, 1e12, -0, 1234.5],
      a: [0, 1, 2, 1, 2_147_483_647, -2_147_483_648],
      b: [0, 1, 2, 3, 4, 0],
      c: [0, 0, 0, 0, 99, 0],
      thread: [0, 0, 1, 65535, 1, 0],
    },
  };
}

/** The decoded trace in the JSON shape (plain columns). */
const plainOf = (trace: ScannableTrace): TraceFile => {
  const e = trace.events;
  return { ...trace, events: { kind: Array.from(e.kind), t: Array.from(e.t), a: Array.from(e.a), b: Array.from(e.b), c: Array.from(e.c), thread: Array.from(e.thread) } };
};

describe('columnar trace (host → webview)', () => {
  it('round-trips every field: meta, files, sites, tasks, strings (non-ASCII, astral, markup as text) and each column', () => {
    const trace = everyField();
    const buffer = encodeColumnarTrace(trace);
    const back = decodeColumnarTrace(buffer);
    assert.deepEqual(plainOf(back), trace);
    // Same JSON bytes as the original: the saved file of a decoded trace is the same file.
    assert.equal(serializeTrace(back), serializeTrace(trace));
    // Each column at the narrowest width that holds it exactly, as a view of the posted buffer (no copy).
    const e = back.events as unknown as Record<string, ArrayBufferView>;
    assert.deepEqual(Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v.constructor.name])),
      { kind: 'Uint8Array', t: 'Float64Array', a: 'Int32Array', b: 'Uint8Array', c: 'Uint8Array', thread: 'Uint16Array' });
    for (const column of Object.values(e)) assert.equal(column.buffer, buffer);
    assert.ok(Object.is(back.events.t[4], -0));
  });

  it('interns strings once: the table is sent as it is, each string once, and repeated uses cost 4 bytes', () => {
    const trace = everyField();
    const many: TraceFile = { ...trace, events: { kind: [], t: [], a: [], b: [], c: [], thread: [] } };
    for (let i = 0; i < 10_000; i++) {
      for (const [col, v] of Object.entries({ kind: 50, t: i, a: 1, b: 1 + (i % 4), c: 0, thread: 0 })) (many.events as unknown as Record<string, number[]>)[col].push(v);
    }
    const buffer = encodeColumnarTrace(many);
    const text = Buffer.from(buffer).toString('utf8');
    assert.equal(text.split('naïve — 日本語 😀\n').length - 1, 1, 'each string once in the buffer');
    // kind and a are constant (no bytes), t takes 8 bytes an event, b 1, c and thread are constant.
    assert.ok(buffer.byteLength < 10_000 * 9 + 1000, `${buffer.byteLength} bytes for 10,000 events`);
    assert.deepEqual(decodeColumnarTrace(buffer).strings, trace.strings);
  });

  it('typed columns (as the engine hands a trace over, on shared memory) encode as plain ones do', () => {
    const trace = everyField();
    const shared = <T extends Float64Array | Int32Array | Uint16Array | Uint8Array>(make: (b: SharedArrayBuffer) => T, values: number[], bytes: number): T => {
      const view = make(new SharedArrayBuffer(values.length * bytes));
      view.set(values);
      return view;
    };
    const e = trace.events;
    const typed: TypedTrace = {
      ...trace,
      events: {
        kind: shared((b) => new Uint8Array(b), e.kind, 1), t: shared((b) => new Float64Array(b), e.t, 8), a: shared((b) => new Int32Array(b), e.a, 4),
        b: shared((b) => new Int32Array(b), e.b, 4), c: shared((b) => new Int32Array(b), e.c, 4), thread: shared((b) => new Uint16Array(b), e.thread, 2),
      },
    };
    assert.deepEqual(new Uint8Array(encodeColumnarTrace(typed)), new Uint8Array(encodeColumnarTrace(trace)));
  });

  it('stores each column in the narrowest width that keeps every value exactly; constant columns cost no bytes', () => {
    const n = 1000;
    const column = (f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
    const trace: TraceFile = {
      ...everyField(),
      events: {
        kind: column(() => 12), // constant
        t: column((i) => i * 0.25), // fractions: f64
        a: column((i) => 70_000 + i), // > u16: i32
        b: column((i) => (i % 2 ? -0 : 0)), // -0 is not an integer an integer array can keep: f64
        c: column((i) => 255 + (i % 2)), // 255, 256: u16
        thread: column(() => 0), // constant
      },
    };
    const buffer = encodeColumnarTrace(trace);
    const back = decodeColumnarTrace(buffer);
    assert.deepEqual(plainOf(back).events, trace.events);
    assert.ok(Object.is(back.events.b[1], -0));
    const e = back.events as unknown as Record<string, ArrayBufferView>;
    assert.deepEqual(Object.fromEntries(Object.entries(e).map(([k, v]) => [k, `${v.constructor.name}${v.buffer === buffer ? '' : ' (filled)'}`])),
      { kind: 'Uint8Array (filled)', t: 'Float64Array', a: 'Int32Array', b: 'Float64Array', c: 'Uint16Array', thread: 'Uint8Array (filled)' });
    const columnsBytes = n * (8 + 4 + 8 + 2);
    assert.ok(buffer.byteLength < 88 + columnsBytes + 1000 && buffer.byteLength >= 88 + columnsBytes, `${buffer.byteLength} bytes`);
    assert.ok(columnsBytes < n * COLUMNAR_MAX_BYTES_PER_EVENT);
    // A constant that is not an integer, and a big one, come back exactly.
    const odd = { ...trace, events: { ...trace.events, t: column(() => 1.5), a: column(() => 2 ** 40) } };
    assert.deepEqual(plainOf(decodeColumnarTrace(encodeColumnarTrace(odd))).events, odd.events);
  });

  it('an empty trace (no events, no strings but "") round-trips and checks as the empty trace', () => {
    const empty: TraceFile = { ...everyField(), meta: { entry: 'x.ts', seed: 0, endTime: 0, exitCode: 0, moduleKind: 'commonjs', engine: 'e' }, strings: [''], files: [], sites: [], tasks: [], events: { kind: [], t: [], a: [], b: [], c: [], thread: [] } };
    const back = decodeColumnarTrace(encodeColumnarTrace(empty));
    assert.deepEqual(plainOf(back), empty);
    const check = checkTrace(encodeColumnarTrace(empty));
    assert.ok(check.ok);
    assert.match(check.notices.join(), /The trace is empty/);
  });

  it('a JSON trace without a thread column (older files) is posted as all main thread', () => {
    const trace = everyField();
    const { thread: _thread, ...rest } = trace.events;
    const back = decodeColumnarTrace(encodeColumnarTrace({ ...trace, events: rest as TraceFile['events'] }));
    assert.deepEqual(Array.from(back.events.thread), [0, 0, 0, 0, 0, 0]);
  });

  it('the webview draws a real run from its buffer as from its JSON (checkTrace is the one path for both)', () => {
    for (const name of ['hello-async', 'workers-kitchen', 'weather-replayed']) {
      const trace = fixture(name);
      const fromBuffer = checkTrace(encodeColumnarTrace(trace));
      assert.ok(fromBuffer.ok, name);
      const a = buildTimeline(fromBuffer.trace);
      const b = buildTimeline(trace);
      assert.equal(summaryText(a.summary), summaryText(b.summary), name);
      assert.deepEqual(Array.from(a.axis.pos), Array.from(b.axis.pos), name);
      assert.equal(a.lanes.lanes.length, b.lanes.lanes.length, name);
    }
  });

  it('a truncated or damaged buffer is a clear sentence, from the decoder and through checkTrace', () => {
    const buffer = encodeColumnarTrace(everyField());
    const cases: [ArrayBuffer, RegExp][] = [
      [buffer.slice(0, 10), /cut short \(10 bytes, shorter than its 88-byte header\)/],
      [buffer.slice(0, buffer.byteLength - 1), new RegExp(`cut short \\(${buffer.byteLength - 1} of its ${buffer.byteLength} bytes arrived\\)`)],
      [new ArrayBuffer(128), /does not start as a columnar trace does/],
    ];
    const wrongVersion = buffer.slice(0);
    new DataView(wrongVersion).setUint32(4, 99, true);
    cases.push([wrongVersion, /columnar layout 99; this panel reads layout 1/]);
    const badCount = buffer.slice(0);
    new DataView(badCount).setUint32(8, 1_000_000, true);
    cases.push([badCount, /do not add up/]);
    const badTables = buffer.slice(0);
    new Uint8Array(badTables)[badTables.byteLength - 1] = 0x7b; // the JSON's closing brace becomes '{'
    cases.push([badTables, /its tables are not JSON/]);
    const badEnds = buffer.slice(0);
    const view = new DataView(badEnds);
    const endsAt = badEnds.byteLength - view.getUint32(20, true) - view.getUint32(16, true) - 4 * view.getUint32(12, true);
    view.setUint32(endsAt, 1_000_000, true);
    cases.push([badEnds, /string 0 ends outside the string table/]);
    const badWidth = buffer.slice(0);
    new DataView(badWidth).setUint8(32 + 1, 9);
    cases.push([badWidth, /column t has no known width \(9\)/]);
    for (const [damaged, message] of cases) {
      assert.throws(() => decodeColumnarTrace(damaged), (e: unknown) => e instanceof ColumnarTraceError && message.test(e.message));
      const check = checkTrace(damaged);
      assert.ok(!check.ok);
      assert.match(check.message, message);
    }
  });

  it('tables that claim to hold the columns or strings cannot replace the decoded ones', () => {
    const trace = everyField();
    const buffer = encodeColumnarTrace(trace);
    const header = new DataView(buffer);
    const tableBytes = header.getUint32(20, true);
    const tablesAt = buffer.byteLength - tableBytes;
    const tables = JSON.parse(Buffer.from(buffer, tablesAt).toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...tables, events: { kind: [1, 2, 3] }, strings: ['<b>forged</b>'] }));
    const out = new Uint8Array(tablesAt + forged.length);
    out.set(new Uint8Array(buffer, 0, tablesAt));
    out.set(forged, tablesAt);
    const outHeader = new DataView(out.buffer);
    outHeader.setUint32(20, forged.length, true);
    outHeader.setUint32(24, out.length, true);
    const back = decodeColumnarTrace(out.buffer);
    assert.equal(back.events.kind.length, 6);
    assert.deepEqual(back.strings, trace.strings);
  });
});
