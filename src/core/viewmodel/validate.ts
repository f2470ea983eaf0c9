/**
 * Is this a trace we can draw? Every problem becomes a sentence for the reader: the view
 * never goes blank, it says why.
 */
import { TRACE_FORMAT_VERSION, type TraceFile } from '../trace/format';

export type TraceCheck =
  | { ok: true; trace: TraceFile; /** Things to say above a drawable trace (truncated, empty). */ notices: string[] }
  | { ok: false; message: string };

const COLUMNS = ['kind', 't', 'a', 'b', 'c', 'thread'] as const;

export function checkTrace(value: unknown): TraceCheck {
  if (typeof value !== 'object' || value === null) return { ok: false, message: 'This is not a trace: expected a JSON object.' };
  const trace = value as Partial<TraceFile>;
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
  if (!events || COLUMNS.some((col) => col !== 'thread' && !Array.isArray(events[col]))) {
    return { ok: false, message: 'This trace is damaged: its event columns are missing.' };
  }
  const n = (events.kind as unknown[]).length;
  if (COLUMNS.some((col) => col !== 'thread' && (events[col] as unknown[]).length !== n)) {
    return { ok: false, message: 'This trace is damaged: its event columns have different lengths.' };
  }
  const normalized: TraceFile = {
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
    events: { ...(events as TraceFile['events']), thread: Array.isArray(events.thread) ? events.thread : new Array<number>(n).fill(0) },
  };
  const notices: string[] = [];
  if (n === 0) notices.push('The trace is empty: the program recorded no events (did it run any code?).');
  if (normalized.meta.truncated) {
    notices.push(`The run was stopped before its end (${normalized.meta.truncated.reason}); this is the trace up to there.`);
  }
  return { ok: true, trace: normalized, notices };
}
