/**
 * Saved traces: the versioned trace format (src/core/trace/format.ts) as a file of its own,
 * `<name>.async-timeline.json` — what "Save trace…" and `run --trace` write, what the read-only
 * trace editor and `async-timeline view` open. Pure: text in, a checked trace (or one clear
 * sentence) out.
 *
 * Reading, in order:
 * 1. JSON that does not parse: cut short (a truncated download or copy) or not JSON at all.
 * 2. A file that is someone else's (a Chrome Trace Event / Perfetto file, any other JSON).
 * 3. An older version: upgraded step by step (`TRACE_UPGRADES`), each step from version v to
 *    v + 1, so a file of any version we ever wrote opens. A newer version is refused by
 *    `checkTrace` with the sentence the panel shows for it.
 * 4. `checkTrace` (the view model's validation, the same the webview runs): damaged columns,
 *    an empty or truncated run.
 */
import { TRACE_FORMAT_VERSION, type ScannableTrace, type TraceFile } from '../trace/format';
import { checkJsonTrace } from '../viewmodel/validate';

/** The saved-trace file name ending (VS Code opens these in the trace editor). */
export const TRACE_FILE_SUFFIX = '.async-timeline.json';

/** One step of the format's history: reads a trace of version `from`, returns the same trace as version `from + 1`. */
export interface TraceUpgrade {
  from: number;
  /** What changed, for the notice shown with an upgraded trace. */
  what: string;
  upgrade(old: Record<string, unknown>): Record<string, unknown>;
}

/**
 * The format's upgrade steps, oldest first. Version 1 is the first version ever written, so
 * there is none yet: an incompatible change adds its step here, in the same commit as the
 * bump of TRACE_FORMAT_VERSION (and the test of the step, with a trace of the old shape).
 */
export const TRACE_UPGRADES: readonly TraceUpgrade[] = [];

export type TraceReadResult =
  | { ok: true; trace: TraceFile; notices: string[]; upgradedFrom?: number }
  | { ok: false; message: string };

export interface TraceReadOptions {
  /** The steps to apply (tests pass their own); default TRACE_UPGRADES. */
  upgrades?: readonly TraceUpgrade[];
  /** The version this reader writes; default TRACE_FORMAT_VERSION. */
  current?: number;
}

/**
 * A trace as a file's text (the same bytes `run --trace` writes). Typed columns (as the engine
 * hands a trace over) are written as the same JSON arrays a plain trace has, one column made
 * plain at a time, so a large trace is never held twice in full.
 */
export function serializeTrace(trace: ScannableTrace): string {
  const e = trace.events;
  if (Array.isArray(e.kind)) return JSON.stringify(trace);
  const columns: Record<string, { toJSON(): number[] }> = {};
  for (const [name, column] of Object.entries(e)) columns[name] = { toJSON: () => Array.from(column) };
  // Spreading keeps `events` where it was among the keys: same bytes as the plain trace.
  return JSON.stringify({ ...trace, events: columns });
}

/** `chat.ts` → `chat.async-timeline.json`. */
export function traceFileName(entry: string): string {
  const base = entry.slice(Math.max(entry.lastIndexOf('/'), entry.lastIndexOf('\\')) + 1).replace(/\.[cm]?[jt]sx?$/, '');
  return `${base || 'trace'}${TRACE_FILE_SUFFIX}`;
}

/**
 * Brings a trace of an older version to `current`, one step at a time. Anything that is not
 * an older Async Timeline trace comes back unchanged (checkTrace judges it).
 */
export function upgradeTrace(value: unknown, opts: TraceReadOptions = {}): { value: unknown; upgradedFrom?: number; notices: string[]; error?: string } {
  const upgrades = opts.upgrades ?? TRACE_UPGRADES;
  const current = opts.current ?? TRACE_FORMAT_VERSION;
  const v = value as { format?: unknown; version?: unknown } | null;
  if (typeof v !== 'object' || v === null || v.format !== 'async-timeline-trace' || typeof v.version !== 'number' || v.version >= current) {
    return { value, notices: [] };
  }
  const from = v.version;
  let out = value as Record<string, unknown>;
  const notices: string[] = [];
  for (let version = from; version < current; version++) {
    const step = upgrades.find((u) => u.from === version);
    if (!step) {
      return { value, notices, error: `This trace uses format version ${from}, which this viewer cannot upgrade (it reads version ${current}; no upgrade from version ${version} exists).` };
    }
    out = { ...step.upgrade(structuredCloneish(out)), format: 'async-timeline-trace', version: version + 1 };
    notices.push(`version ${version} → ${version + 1}: ${step.what}`);
  }
  return { value: out, upgradedFrom: from, notices };
}

/** Reads a saved trace's text: a checked, current-version trace, or one sentence saying why not. */
export function readTraceText(text: string, opts: TraceReadOptions = {}): TraceReadResult {
  if (text.trim() === '') return { ok: false, message: 'This file is empty: it is not an Async Timeline trace.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    const ours = /"format"\s*:\s*"async-timeline-trace"/.test(text.slice(0, 200));
    const cutShort = /Unexpected end of JSON input|Unterminated|end of data/i.test(why);
    if (ours || cutShort) {
      return { ok: false, message: `This trace file is cut short or damaged (${why}): it does not end where a trace ends. Save or export the trace again.` };
    }
    return { ok: false, message: `This is not an Async Timeline trace: the file is not valid JSON (${why}).` };
  }
  if (typeof value === 'object' && value !== null && ('traceEvents' in value || Array.isArray(value)) && (value as { format?: unknown }).format !== 'async-timeline-trace') {
    return { ok: false, message: 'This is a Chrome Trace Event (Perfetto) file, not an Async Timeline trace: open it at ui.perfetto.dev or in Chrome DevTools’ Performance panel.' };
  }
  const upgraded = upgradeTrace(value, opts);
  if (upgraded.error) return { ok: false, message: upgraded.error };
  const check = checkJsonTrace(upgraded.value);
  if (!check.ok) return { ok: false, message: check.message };
  const notices = [...check.notices];
  if (upgraded.upgradedFrom !== undefined) {
    notices.unshift(`This trace was written in format version ${upgraded.upgradedFrom} and upgraded to version ${opts.current ?? TRACE_FORMAT_VERSION} to be shown (${upgraded.notices.join('; ')}).`);
  }
  return { ok: true, trace: check.trace, notices, ...(upgraded.upgradedFrom !== undefined ? { upgradedFrom: upgraded.upgradedFrom } : {}) };
}

/** A deep copy of plain JSON data (an upgrade step may change what it is given). */
function structuredCloneish<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
