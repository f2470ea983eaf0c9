/**
 * The summary strip and the console: totals a reader checks first ("executed in 1.00 s of
 * virtual time"), errors that must not be missed, and the program's output, each line tied
 * to the event that printed it.
 */
import { EventKind, type ScannableTrace } from '../trace/format';
import { blockInterval, formatDuration } from './axis';
import { blockUsesCore, threadNames } from './threads';
import { internalTasks } from './internal';
import { ioStats, ioText, type IoStats } from './io-stats';

export interface Summary {
  /** Virtual time at the end of the run (ms). */
  endTime: number;
  events: number;
  tasks: number;
  awaits: number;
  /** Most tasks alive (started, not finished) at once, the script excluded. */
  maxConcurrency: number;
  /** Virtual time spent in synchronous blocking (ms), CPU work of simulated threads excluded. */
  blockedMs: number;
  /** Virtual time simulated threads spent computing on a core (`cpu …` Blocks), summed over threads (ms). */
  computingMs: number;
  exitCode: number;
  /** Uncaught errors and unhandled rejections of the main thread, as printed (each once). */
  errors: string[];
  /**
   * Errors that ended a simulated Worker thread ("worker 1: Error: boom"). Not the program's
   * end: the parent gets them as an 'error' event (uncaught there only if nobody listens).
   */
  threadErrors: string[];
  truncated: string | null;
  /** The run's real I/O (all zero without any). */
  io: IoStats;
  /** Synchronous code was charged its real measured duration (meta.cpu): times are not deterministic. */
  cpuMeasured: boolean;
}

export interface ConsoleLine {
  /** The Console event that printed it. */
  seq: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export function buildSummary(trace: ScannableTrace): Summary {
  const { kind, a, b } = trace.events;
  // Node's own layer (fs.promises, streams) makes tasks too: the counts are the program's.
  const internal = internalTasks(trace);
  let awaits = 0;
  let alive = 0;
  let maxConcurrency = 0;
  let blockedMs = 0;
  let computingMs = 0;
  let lastTime = 0;
  const errors: string[] = [];
  const threadErrors: string[] = [];
  const threads = threadNames(trace);
  for (let i = 0; i < kind.length; i++) {
    switch (kind[i]) {
      case EventKind.TaskSuspend: if (internal[a[i]] !== 1) awaits++; break;
      case EventKind.TaskStart: if (internal[a[i]] !== 1) { alive++; maxConcurrency = Math.max(maxConcurrency, alive); } break;
      case EventKind.TaskFinish:
      case EventKind.TaskThrow: if (internal[a[i]] !== 1) alive--; break;
      case EventKind.Block: {
        const [start, stop] = blockInterval(trace, i);
        if (b[i] !== 0 && blockUsesCore(trace, i)) computingMs += stop - start;
        else blockedMs += stop - start;
        lastTime = Math.max(lastTime, stop);
        break;
      }
      case EventKind.UncaughtError:
      case EventKind.UnhandledRejection: {
        // An unhandled rejection that then ends the program is one error, not two.
        const text = trace.strings[b[i]] ?? 'error';
        const thread = trace.events.thread?.[i] ?? 0;
        const list = thread === 0 ? errors : threadErrors;
        const entry = thread === 0 ? text : `${threads.get(thread) ?? `thread ${thread}`}: ${text}`;
        if (list[list.length - 1] !== entry) list.push(entry);
        break;
      }
      default: break;
    }
  }
  const n = kind.length;
  if (n > 0) lastTime = Math.max(lastTime, trace.events.t[n - 1]);
  return {
    endTime: Math.max(trace.meta.endTime ?? 0, lastTime),
    events: n,
    tasks: Math.max(0, trace.tasks.length - 1 - internal.reduce((n, f) => n + f, 0)),
    awaits,
    maxConcurrency,
    blockedMs,
    computingMs,
    exitCode: trace.meta.exitCode ?? 0,
    errors,
    threadErrors,
    truncated: trace.meta.truncated?.reason ?? null,
    io: ioStats(trace),
    cpuMeasured: trace.meta.cpu === 'measured',
  };
}

/** One sentence for the strip and for screen readers. */
export function summaryText(s: Summary): string {
  const parts = [
    `executed in ${formatDuration(s.endTime)} of virtual time`,
    `${s.tasks} ${s.tasks === 1 ? 'task' : 'tasks'}`,
    `${s.awaits} ${s.awaits === 1 ? 'await' : 'awaits'}`,
    `max concurrency ${s.maxConcurrency}`,
    `blocked ${formatDuration(s.blockedMs)}`,
  ];
  if (s.computingMs > 0) parts.push(`computing ${formatDuration(s.computingMs)} (all threads)`);
  const io = ioText(s.io);
  if (io) parts.push(io);
  if (s.cpuMeasured) parts.push('CPU time measured: not deterministic');
  return parts.join(' · ');
}

/** Console output split into lines; a write without a newline continues the current line. */
export function buildConsole(trace: ScannableTrace): ConsoleLine[] {
  const { kind, a, b } = trace.events;
  const lines: ConsoleLine[] = [];
  for (let i = 0; i < kind.length; i++) {
    if (kind[i] !== EventKind.Console) continue;
    const text = trace.strings[b[i]] ?? '';
    const stream = a[i] === 2 ? 'stderr' : 'stdout';
    const parts = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
    for (const part of parts) lines.push({ seq: i, stream, text: part });
  }
  return lines;
}

/** The console line to highlight for a cursor at `seq`: the last line printed at or before it (-1: none). */
export function consoleLineAt(lines: readonly ConsoleLine[], seq: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid].seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
