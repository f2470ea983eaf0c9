/**
 * What the editor shows about a finished run, computed from the trace: the CodeLens result line
 * ("1.00 s · 3 tasks · 3 awaits") and the inline hints on await lines ("waited 1000 ms × 3").
 * Pure (no `vscode`): trace in, plain data out.
 */
import * as path from 'node:path';
import { EventKind, type TraceFile } from '../core/trace/format';

export interface RunSummary {
  /** Virtual time at the end of the run, ms. */
  endTime: number;
  /** Tasks made by the program (the main script not counted). */
  tasks: number;
  /** Suspensions at an await (each `TaskSuspend`). */
  awaits: number;
}

export interface FunctionStats {
  tasks: number;
  awaits: number;
  /** Virtual time from the first task's start to the last one's end, ms. */
  spanMs: number;
}

export interface AwaitHint {
  /** 0-based line in the document. */
  line: number;
  count: number;
  minMs: number;
  maxMs: number;
  /** Suspensions with no resume (the run ended or was stopped while they waited). */
  pending: number;
}

/** Formats virtual milliseconds for a lens: `1.00 s`, `250 ms`. */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summarize(trace: TraceFile): RunSummary {
  let awaits = 0;
  for (const k of trace.events.kind) if (k === EventKind.TaskSuspend) awaits++;
  return { endTime: trace.meta.endTime, tasks: Math.max(0, trace.tasks.length - 1), awaits };
}

export function formatSummary(s: RunSummary): string {
  return `${formatDuration(s.endTime)} · ${plural(s.tasks, 'task')} · ${plural(s.awaits, 'await')}`;
}

export function formatStats(s: FunctionStats): string {
  return `${formatDuration(s.spanMs)} · ${plural(s.tasks, 'task')} · ${plural(s.awaits, 'await')}`;
}

export function formatHint(h: AwaitHint): string {
  const done = h.count - h.pending;
  const parts: string[] = [];
  if (done > 0) {
    const time = h.minMs === h.maxMs ? `${Math.round(h.minMs)} ms` : `${Math.round(h.minMs)}–${Math.round(h.maxMs)} ms`;
    parts.push(done === 1 ? `waited ${time}` : `waited ${time} × ${done}`);
  }
  if (h.pending > 0) parts.push(h.pending === 1 ? 'still waiting at the end' : `${h.pending} still waiting at the end`);
  return parts.join(', ');
}

/** Indexes of `trace.files` that name `fsPath` (paths in the trace are absolute or relative to `cwd`). */
export function fileIndexes(trace: TraceFile, fsPath: string, cwd: string): Set<number> {
  const want = path.resolve(fsPath);
  const result = new Set<number>();
  trace.files.forEach((f, i) => {
    if (path.resolve(cwd, f) === want) result.add(i);
  });
  return result;
}

/** Resolves a file name from the trace (or from the webview, which echoes them) to an absolute path. */
export function resolveTraceFile(file: string, cwd: string): string {
  return path.resolve(cwd, file);
}

/** Per await line of the file: how many suspensions and how long each waited. */
export function awaitHints(trace: TraceFile, files: Set<number>): AwaitHint[] {
  const { kind, t, a, b } = trace.events;
  const byLine = new Map<number, AwaitHint>();
  const open = new Map<number, { t: number; hint: AwaitHint }>(); // task → its current suspension
  for (let i = 0; i < kind.length; i++) {
    if (kind[i] === EventKind.TaskSuspend) {
      const site = trace.sites[b[i]];
      if (!site || !files.has(site.file)) continue;
      const line = site.line - 1;
      let hint = byLine.get(line);
      if (!hint) byLine.set(line, (hint = { line, count: 0, minMs: Infinity, maxMs: 0, pending: 0 }));
      hint.count++;
      hint.pending++;
      open.set(a[i], { t: t[i], hint });
    } else if (kind[i] === EventKind.TaskResume) {
      const s = open.get(a[i]);
      if (!s) continue;
      open.delete(a[i]);
      const waited = t[i] - s.t;
      s.hint.pending--;
      s.hint.minMs = Math.min(s.hint.minMs, waited);
      s.hint.maxMs = Math.max(s.hint.maxMs, waited);
    }
  }
  return [...byLine.values()].sort((x, y) => x.line - y.line);
}

/**
 * Stats per function: a task belongs to the function whose lines contain the task's function
 * site (the innermost one), so it does not matter whether the engine records the `async`
 * keyword's line or the name's. `ranges` are 0-based inclusive line ranges.
 */
export function functionStats(trace: TraceFile, files: Set<number>, ranges: readonly { startLine: number; endLine: number }[]): Map<number, FunctionStats> {
  const owner = new Map<number, number>(); // task id → index into ranges
  trace.tasks.forEach((task, id) => {
    const site = trace.sites[task.site];
    if (id === 0 || !site || !files.has(site.file)) return;
    const line = site.line - 1;
    let best = -1;
    ranges.forEach((r, i) => {
      if (r.startLine <= line && line <= r.endLine && (best < 0 || r.endLine - r.startLine < ranges[best].endLine - ranges[best].startLine)) best = i;
    });
    if (best >= 0) owner.set(id, best);
  });
  const stats = new Map<number, FunctionStats & { first: number; last: number }>();
  const { kind, t, a } = trace.events;
  for (let i = 0; i < kind.length; i++) {
    const k = kind[i];
    if (k !== EventKind.TaskCreate && k !== EventKind.TaskSuspend && k !== EventKind.TaskFinish && k !== EventKind.TaskThrow) continue;
    const fn = owner.get(a[i]);
    if (fn === undefined) continue;
    let s = stats.get(fn);
    if (!s) stats.set(fn, (s = { tasks: 0, awaits: 0, spanMs: 0, first: t[i], last: t[i] }));
    if (k === EventKind.TaskCreate) s.tasks++;
    if (k === EventKind.TaskSuspend) s.awaits++;
    s.last = t[i];
    s.spanMs = s.last - s.first;
  }
  return new Map([...stats].map(([i, s]) => [i, { tasks: s.tasks, awaits: s.awaits, spanMs: s.spanMs }]));
}

/** Lines (0-based) of the file that hold await/yield/call sites, for cursor → timeline selection. */
export function siteLines(trace: TraceFile, files: Set<number>): Set<number> {
  const lines = new Set<number>();
  trace.sites.forEach((s, i) => {
    if (i > 0 && files.has(s.file)) lines.add(s.line - 1);
  });
  return lines;
}
