/**
 * Small trace operations the engine needs on its own: a trace for runs that never reached the
 * runtime (a syntax error, a worker that died before its first snapshot), marking a trace
 * truncated after the fact, and capping the console text a trace keeps (a 100 MB flood is
 * printed, but the trace — held in memory, sent to the webview, written to disk — keeps only
 * the first part).
 */
import { EventKind, TRACE_FORMAT_VERSION, type TraceFile, type TraceMeta } from '../trace/format';
import type { TypedEventColumns, TypedTrace } from '../trace/recorder';

/** A trace with plain or typed-array columns: these operations work on either. */
type AnyTrace = TraceFile | TypedTrace;

export function emptyTrace(meta: Pick<TraceMeta, 'entry' | 'engine' | 'seed' | 'moduleKind' | 'exitCode'> & Partial<TraceMeta>, files: string[] = []): TraceFile {
  return {
    format: 'async-timeline-trace',
    version: TRACE_FORMAT_VERSION,
    meta: { endTime: 0, ...meta },
    files,
    sites: [{ file: 0, line: 0, column: 0, label: '', kind: 'other' }],
    tasks: [{ name: '<main>', site: 0, kind: 'main', parent: 0, thread: 0 }],
    strings: [''],
    events: { kind: [], t: [], a: [], b: [], c: [], thread: [] },
  };
}

function addString(trace: AnyTrace, text: string): number {
  trace.strings.push(text);
  return trace.strings.length - 1;
}

function pushEvent(trace: AnyTrace, kind: EventKind, a: number, b: number): void {
  const ev = trace.events;
  const n = ev.kind.length;
  const t = n ? ev.t[n - 1] : 0;
  if (Array.isArray(ev.kind)) {
    const plain = ev as TraceFile['events'];
    plain.kind.push(kind);
    plain.t.push(t);
    plain.a.push(a);
    plain.b.push(b);
    plain.c.push(0);
    plain.thread.push(0);
    return;
  }
  // Typed columns have a fixed length: copy each into one a slot longer (only ever a few events).
  const typed = ev as TypedEventColumns;
  const grow = <T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(col: T, value: number, make: (n: number) => T): T => {
    const out = make(n + 1);
    out.set(col);
    out[n] = value;
    return out;
  };
  typed.kind = grow(typed.kind, kind, (m) => new Uint8Array(m));
  typed.t = grow(typed.t, t, (m) => new Float64Array(m));
  typed.a = grow(typed.a, a, (m) => new Int32Array(m));
  typed.b = grow(typed.b, b, (m) => new Int32Array(m));
  typed.c = grow(typed.c, 0, (m) => new Int32Array(m));
  typed.thread = grow(typed.thread, 0, (m) => new Uint16Array(m));
}

/** Marks a trace (e.g. the last snapshot of a dead worker) as stopped before its end. */
export function markTruncated<T extends AnyTrace>(trace: T, reason: string, exitCode: number): T {
  if (!trace.meta.truncated) {
    const s = addString(trace, reason);
    pushEvent(trace, EventKind.Truncated, 0, s);
    pushEvent(trace, EventKind.RunEnd, exitCode, s);
  }
  trace.meta.truncated ??= { reason };
  trace.meta.exitCode = exitCode;
  return trace;
}

/** Event kinds whose operand `b` is a string index (besides Console). */
const STRING_B = new Set<number>([
  EventKind.RunEnd, EventKind.PromiseReject, EventKind.TaskThrow, EventKind.UnhandledRejection, EventKind.IoStart,
  EventKind.External, EventKind.UncaughtError, EventKind.Warning, EventKind.Truncated, EventKind.ThreadCreate, EventKind.IoEvent,
  EventKind.NetConnect, EventKind.NetClose, EventKind.HttpRequest, EventKind.HttpResponse, EventKind.NetListen, EventKind.Alive,
  EventKind.AlsStore,
]);

/**
 * Keeps the console text of the first `maxChars` characters of output; later Console events
 * point at one placeholder string and their texts are dropped from the string table (unless
 * something else refers to them). Event count and order are unchanged.
 */
export function capConsoleText<T extends AnyTrace>(trace: T, maxChars: number): T {
  const { kind, c } = trace.events;
  // Almost every run prints less than the cap: one pass over the kinds says so, without the
  // bookkeeping below for each of millions of events.
  const operands = trace.events.b;
  let printed = 0;
  for (let i = 0; i < kind.length; i++) if (kind[i] === EventKind.Console) printed += trace.strings[operands[i]]?.length ?? 0;
  if (printed <= maxChars) return trace;
  // Operands are changed below: on a copy, since typed columns may be the recorder's own
  // shared memory (a snapshot of a run still going).
  const b = (trace.events.b = operands.slice() as typeof operands);
  let total = 0;
  let placeholder = 0;
  const dropped = new Set<number>();
  const keep = new Set<number>();
  for (let i = 0; i < kind.length; i++) {
    if (kind[i] === EventKind.Console) {
      total += trace.strings[b[i]]?.length ?? 0;
      if (total > maxChars) {
        if (!placeholder) placeholder = addString(trace, '[console output beyond the trace limit is not kept]\n');
        dropped.add(b[i]);
        b[i] = placeholder;
      } else {
        keep.add(b[i]);
      }
    } else {
      if (STRING_B.has(kind[i])) keep.add(b[i]);
      if (kind[i] === EventKind.TaskThrow) keep.add(c[i]);
    }
  }
  for (const s of dropped) if (!keep.has(s) && s !== 0) trace.strings[s] = '';
  return trace;
}
