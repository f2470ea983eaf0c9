/**
 * Small trace operations the engine needs on its own: a trace for runs that never reached the
 * runtime (a syntax error, a worker that died before its first snapshot), marking a trace
 * truncated after the fact, and capping the console text a trace keeps (a 100 MB flood is
 * printed, but the trace — held in memory, sent to the webview, written to disk — keeps only
 * the first part).
 */
import { EventKind, TRACE_FORMAT_VERSION, type TraceFile, type TraceMeta } from '../trace/format';

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

function addString(trace: TraceFile, text: string): number {
  trace.strings.push(text);
  return trace.strings.length - 1;
}

function pushEvent(trace: TraceFile, kind: EventKind, a: number, b: number): void {
  const ev = trace.events;
  const t = ev.t.length ? ev.t[ev.t.length - 1] : 0;
  ev.kind.push(kind);
  ev.t.push(t);
  ev.a.push(a);
  ev.b.push(b);
  ev.c.push(0);
  ev.thread.push(0);
}

/** Marks a trace (e.g. the last snapshot of a dead worker) as stopped before its end. */
export function markTruncated(trace: TraceFile, reason: string, exitCode: number): TraceFile {
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
]);

/**
 * Keeps the console text of the first `maxChars` characters of output; later Console events
 * point at one placeholder string and their texts are dropped from the string table (unless
 * something else refers to them). Event count and order are unchanged.
 */
export function capConsoleText(trace: TraceFile, maxChars: number): TraceFile {
  const { kind, b, c } = trace.events;
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
