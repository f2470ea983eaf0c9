/**
 * Problems the trace shows but `RunResult.diagnostics` may not list: uncaught errors,
 * unhandled rejections and budget stops. The engine's own diagnostics win; these fill the
 * gaps, so a thrown error always reaches the Problems view at its line. The line comes from
 * the event's site, else from the first stack frame (in the printed error on stderr) that
 * points into one of the trace's files. Pure: no `vscode`.
 */
import * as path from 'node:path';
import type { RunBudgets, SourceDiagnostic } from '../core/engine/api';
import { EventKind, type TraceFile } from '../core/trace/format';
import type { RunStop, RunStopKind } from '../shared/protocol';
import { analyzeRun } from '../core/analysis/index';

/** `… in a loop at cpu.ts:4:3` (how the engine's budget messages name their place). */
const NAMED_PLACE = /\bat ((?:[A-Za-z]:)?[^\s():]+\.[cm]?[jt]sx?):(\d+):(\d+)\b/;

/** The place a message names (`at file.ts:4:3`), if it names one. */
export function namedPlace(message: string): { file: string; line: number; column: number } | undefined {
  const m = NAMED_PLACE.exec(message);
  return m ? { file: m[1], line: Number(m[2]), column: Number(m[3]) } : undefined;
}

/**
 * A diagnostic without a real place (line 1, column 1) whose message names one goes there:
 * a budget stop "in a loop at cpu.ts:4:3" belongs at line 4, column 3.
 */
export function relocateDiagnostics(list: readonly SourceDiagnostic[]): SourceDiagnostic[] {
  return list.map((d) => {
    if (d.line > 1 || d.column > 1) return d;
    const place = namedPlace(d.message);
    return place ? { ...d, ...place } : d;
  });
}

/** Which budget a truncation reason names. */
function stopKind(reason: string): RunStopKind {
  if (/cancel/i.test(reason)) return 'cancel';
  if (/real[ -]?time/i.test(reason)) return 'realTime';
  if (/virtual time/i.test(reason)) return 'virtualTime';
  if (/\bevents?\b/i.test(reason)) return 'events';
  if (/heap|memory/i.test(reason)) return 'memory';
  return 'other';
}

/**
 * How a run stopped early, in the one wording the banner, the status line, the status bar and
 * the command result all use; undefined when it ran to its end.
 */
export function stopOf(trace: TraceFile | undefined, cancelled: boolean, budgets: RunBudgets): RunStop | undefined {
  if (cancelled) return { kind: 'cancel', message: 'Run cancelled: the timeline shows the run up to the moment it was stopped.' };
  const reason = trace?.meta.truncated?.reason;
  if (!reason) return undefined;
  const kind = stopKind(reason);
  const place = namedPlace(reason);
  const where = place ? ` at ${place.file}:${place.line}:${place.column}` : '';
  switch (kind) {
    case 'realTime':
      return { kind, message: `Stopped by the real-time budget: synchronous code ran longer than ${budgets.realTimeMs} ms${where}. It may be slow rather than endless; the timeline shows the run up to there.` };
    case 'virtualTime':
      return { kind, message: `Stopped by the virtual-time budget (${budgets.virtualTimeMs} ms of simulated time): the program may never end (a setInterval?). The timeline shows the run up to there.` };
    case 'events':
      return { kind, message: `Stopped by the event budget (${budgets.events} events). The timeline shows the run up to there.` };
    case 'memory':
      return { kind, message: `Stopped: the program ran out of memory (${budgets.memoryMb} MB)${where}. The timeline shows the run up to there.` };
    case 'cancel':
      return { kind, message: 'Run cancelled: the timeline shows the run up to the moment it was stopped.' };
    default:
      return { kind, message: `Stopped: ${reason}. The timeline shows the run up to there.` };
  }
}

/** `(/abs/file.ts:6:9)` or `at /abs/file.ts:6:9` in a stack; `/abs/file.ts:6` as the first line of Node's report. */
const FRAME = /(?:\(|at |^)((?:[A-Za-z]:)?[^\s():]+\.[cm]?[jt]sx?):(\d+)(?::(\d+))?/gm;

function locate(text: string, files: ReadonlySet<string>): { file: string; line: number; column: number } | undefined {
  let lineOnly: { file: string; line: number; column: number } | undefined;
  for (const m of text.matchAll(FRAME)) {
    if (!files.has(path.resolve(m[1]))) continue;
    // A stack frame has a column; Node's `file:line` header does not: prefer the frame.
    if (m[3] !== undefined) return { file: m[1], line: Number(m[2]), column: Number(m[3]) };
    lineOnly ??= { file: m[1], line: Number(m[2]), column: 1 };
  }
  return lineOnly;
}

/** `cancelled`: the user stopped the run; its truncation is not a problem of the program. */
export function traceProblems(trace: TraceFile, cwd: string, cancelled = false): SourceDiagnostic[] {
  const { kind, a, b, c } = trace.events;
  const files = new Set(trace.files.map((f) => path.resolve(cwd, f)));
  const entry = trace.files[0] ?? trace.meta.entry;
  const found: SourceDiagnostic[] = [];
  const stderrNear = (i: number): string => {
    // Node prints the error report on stderr right before or after the event that records it.
    let text = '';
    for (let j = Math.max(0, i - 3); j < Math.min(kind.length, i + 4); j++) {
      if (kind[j] === EventKind.Console && a[j] === 2) text += trace.strings[b[j]] ?? '';
    }
    return text;
  };
  const at = (i: number, site: number) => {
    const s = site > 0 ? trace.sites[site] : undefined;
    if (s && s.line > 0) return { file: trace.files[s.file] ?? entry, line: s.line, column: Math.max(1, s.column) };
    return locate(stderrNear(i), files);
  };
  for (let i = 0; i < kind.length; i++) {
    if (kind[i] === EventKind.UncaughtError) {
      const where = at(i, c[i]) ?? { file: entry, line: 1, column: 1 };
      found.push({ ...where, message: `Uncaught ${trace.strings[b[i]] ?? 'error'}`, severity: 'error' });
    } else if (kind[i] === EventKind.UnhandledRejection) {
      const where = locate(stderrNear(i), files) ?? { file: entry, line: 1, column: 1 };
      found.push({ ...where, message: `Unhandled rejection: ${trace.strings[b[i]] ?? ''}`, severity: 'error' });
    }
  }
  if (trace.meta.truncated && !cancelled) {
    // At the place the reason names (a loop that ran too long), else the entry's first line.
    const place = namedPlace(trace.meta.truncated.reason) ?? { file: entry, line: 1, column: 1 };
    found.push({ ...place, message: `Stopped: ${trace.meta.truncated.reason} (the timeline shows the run up to there)`, severity: 'warning' });
  }
  return found;
}

/**
 * The run's answers (src/core/analysis) as Problems entries, at their lines: tasks suspended
 * forever, an unsettled top-level await, floating promises, late handlers, blocking. Each
 * message is the finding's own sentence, with its related places appended ("the promise was
 * made at x.ts:2"), since a diagnostic is read alone. Findings with no place (a budget's pending
 * I/O) are left to the panel. Node's own layer (`node:…` files) is never a Problems entry.
 */
export function analysisProblems(trace: TraceFile, blockingThresholdMs?: number): SourceDiagnostic[] {
  const analysis = analyzeRun(trace, blockingThresholdMs !== undefined ? { blockingThresholdMs } : {});
  const out: SourceDiagnostic[] = [];
  for (const f of analysis.findings) {
    if (!f.place || f.place.file.startsWith('node:') || f.kind === 'kept-alive') continue;
    const related = f.related.filter((r) => r.place).map((r) => `${r.message} (${r.place!.file}:${r.place!.line})`);
    const message = related.length && !f.message.includes(related[0]) ? `${f.message} See: ${related.join('; ')}.` : f.message;
    out.push({ file: f.place.file, line: f.place.line, column: Math.max(1, f.place.column), message, severity: 'warning' });
  }
  return out;
}

/** The engine's diagnostics plus the trace's, without a second entry at a line the engine already reported. */
export function mergeDiagnostics(engine: readonly SourceDiagnostic[], fromTrace: readonly SourceDiagnostic[], cwd: string): SourceDiagnostic[] {
  const key = (d: SourceDiagnostic) => `${path.resolve(cwd, d.file)}:${d.line}`;
  const seen = new Set(engine.map(key));
  const truncatedReported = engine.some((d) => /budget|stopped|truncated/i.test(d.message));
  const merged = [...engine];
  for (const d of fromTrace) {
    // One problem per line: an unhandled rejection that ends the program is also its uncaught error.
    if (seen.has(key(d)) || (truncatedReported && d.message.startsWith('Stopped:'))) continue;
    seen.add(key(d));
    merged.push(d);
  }
  return merged;
}
