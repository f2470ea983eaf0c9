/**
 * The `--summary` line: `virtual time: 1000 ms · tasks: 4 · awaits: 4 · max concurrency: 4 · Node 26`.
 * tasks = async tasks created (async functions and async generators; sync generators are not
 * concurrency), awaits = TaskSuspend events, max concurrency = most of those tasks alive
 * (started, not yet finished or thrown) at one moment. I/O totals follow when there was I/O, and
 * last the Node line the run imitated.
 */
import { EventKind, type ScannableTrace } from '../core/trace/format';
import { internalTasks } from '../core/viewmodel/internal';
import { ioStats, ioText, type IoStats } from '../core/viewmodel/io-stats';

export interface CliSummary {
  virtualMs: number;
  tasks: number;
  awaits: number;
  maxConcurrency: number;
  io: IoStats;
  /** The imitated Node line (trace meta; absent in old traces, which imitated 20). */
  nodeMajor: number;
  /** The run charged synchronous code its real duration (meta.cpu): its times are not deterministic. */
  cpuMeasured?: boolean;
}

export function summarize(trace: ScannableTrace): CliSummary {
  const { kind, a } = trace.events;
  // The program's own tasks: Node's layer in the sandbox (fs.promises, streams) makes tasks too.
  const internal = internalTasks(trace);
  const isAsyncTask = (task: number) => {
    const k = trace.tasks[task]?.kind;
    return (k === 'async' || k === 'async-generator') && internal[task] !== 1;
  };
  let tasks = 0;
  let awaits = 0;
  let alive = 0;
  let maxConcurrency = 0;
  const running = new Set<number>();
  for (let i = 0; i < kind.length; i++) {
    switch (kind[i]) {
      case EventKind.TaskCreate:
        if (isAsyncTask(a[i])) tasks++;
        break;
      case EventKind.TaskStart:
        if (isAsyncTask(a[i]) && !running.has(a[i])) {
          running.add(a[i]);
          maxConcurrency = Math.max(maxConcurrency, ++alive);
        }
        break;
      case EventKind.TaskFinish:
      case EventKind.TaskThrow:
        if (running.delete(a[i])) alive--;
        break;
      case EventKind.TaskSuspend:
        if (internal[a[i]] !== 1) awaits++;
        break;
    }
  }
  const last = trace.events.t.length ? trace.events.t[trace.events.t.length - 1] : 0;
  return { virtualMs: Math.max(trace.meta.endTime ?? 0, last), tasks, awaits, maxConcurrency, io: ioStats(trace), nodeMajor: trace.meta.nodeMajor ?? 20, ...(trace.meta.cpu === 'measured' && { cpuMeasured: true }) };
}

export function formatSummary(s: CliSummary): string {
  const ms = Number.isInteger(s.virtualMs) ? String(s.virtualMs) : s.virtualMs.toFixed(3).replace(/\.?0+$/, '');
  const io = ioText(s.io);
  return `virtual time: ${ms} ms · tasks: ${s.tasks} · awaits: ${s.awaits} · max concurrency: ${s.maxConcurrency}${io ? ` · ${io}` : ''} · Node ${s.nodeMajor}${s.cpuMeasured ? ' · CPU time measured: not deterministic' : ''}`;
}
