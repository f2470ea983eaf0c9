/**
 * Is this a trace we can draw? Every problem becomes a sentence for the reader: the view
 * never goes blank, it says why.
 *
 * The one way a trace gets into a view, whatever form it came in: a JSON trace (a saved file,
 * the HTML export's embedded trace), a trace with typed columns, or the columnar ArrayBuffer the
 * extension posts to the webview (src/core/trace/columnar.ts), decoded here.
 */
import { ColumnarTraceError, decodeColumnarTrace, isArrayBuffer } from '../trace/columnar';
import { TRACE_FORMAT_VERSION, type ScannableTrace, type TraceFile } from '../trace/format';

export type TraceCheck<T extends ScannableTrace = ScannableTrace> =
  | { ok: true; trace: T; /** Things to say above a drawable trace (truncated, empty). */ notices: string[] }
  | { ok: false; message: string };

const COLUMNS = ['kind', 't', 'a', 'b', 'c', 'thread'] as const;

/** A column: a plain array (JSON) or a typed array (the engine's, the columnar message's). */
function isColumn(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * `checkTrace` of a JSON value (JSON.parse makes no typed arrays, so the trace it returns has
 * plain columns: a TraceFile).
 */
export function checkJsonTrace(value: unknown): TraceCheck<TraceFile> {
  return checkTrace(value) as TraceCheck<TraceFile>;
}

export function checkTrace(value: unknown): TraceCheck {
  if (isArrayBuffer(value)) {
    try {
      value = decodeColumnarTrace(value);
    } catch (e) {
      if (e instanceof ColumnarTraceError) return { ok: false, message: e.message };
      throw e;
    }
  }
  if (typeof value !== 'object' || value === null) return { ok: false, message: 'This is not a trace: expected a JSON object.' };
  const trace = value as Partial<ScannableTrace>;
  if (trace.format !== 'async-timeline-trace') {
    return { ok: false, message: 'This is not an Async Timeline trace (its "format" field is missing or different).' };
  }
  if (typeof trace.version !== 'number' || trace.version > TRACE_FORMAT_VERSION) {
    return {
      ok: false,
      message: `This trace uses format version ${String(trace.version)}, newer than this viewer reads (${TRACE_FORMAT_VERSION}). Update Async Timeline to open it.`,
    };
  }
  const events = trace.events as Partial<Record<(typeof COLUMNS)[number], unknown>> | undefined;
  if (!events || COLUMNS.some((col) => col !== 'thread' && !isColumn(events[col]))) {
    return { ok: false, message: 'This trace is damaged: its event columns are missing.' };
  }
  const n = (events.kind as ArrayLike<number>).length;
  if (COLUMNS.some((col) => col !== 'thread' && (events[col] as ArrayLike<number>).length !== n)) {
    return { ok: false, message: 'This trace is damaged: its event columns have different lengths.' };
  }
  const normalized: ScannableTrace = {
    format: 'async-timeline-trace',
    version: trace.version,
    meta: {
      entry: '', seed: 0, endTime: 0, exitCode: 0, moduleKind: 'commonjs', engine: '',
      ...(trace.meta ?? {}),
    },
    files: Array.isArray(trace.files) ? trace.files : [],
    sites: Array.isArray(trace.sites) ? trace.sites : [],
    tasks: Array.isArray(trace.tasks) ? trace.tasks : [],
    strings: Array.isArray(trace.strings) ? trace.strings : [''],
    events: { ...(events as ScannableTrace['events']), thread: isColumn(events.thread) && events.thread.length === n ? events.thread : new Array<number>(n).fill(0) },
  };
  const notices: string[] = [];
  if (n === 0) notices.push('The trace is empty: the program recorded no events (did it run any code?).');
  if (normalized.meta.truncated) {
    notices.push(`The run was stopped before its end (${normalized.meta.truncated.reason}); this is the trace up to there.`);
  }
  return { ok: true, trace: normalized, notices };
}
