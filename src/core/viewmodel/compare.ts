/**
 * Compare: several runs of the same problem side by side (sequential vs async, one thread vs
 * a pool, hello-sync vs hello-async) on ONE linear scale of virtual time, with each run's
 * totals and its speed-up. Pure: the webview's compare mode, the CLI's table and the tests
 * all read the same model.
 *
 * Unlike the single-run axis (which compresses idle time to show order), the shared scale is
 * linear in milliseconds: a comparison is about how long each run took, so 1 s must look
 * three times shorter than 3 s.
 */
import type { ScannableTrace } from '../trace/format';
import { CAUSE_NAMES, runCriticalPath, type TimeCause } from '../analysis/index';
import { formatDuration, timeAtX } from './axis';
import { SegState } from './lanes';
import { buildSummary, type Summary } from './summary';
import type { TimelineModel } from './index';

export interface RunInput {
  label: string;
  trace: ScannableTrace;
}

export interface ComparedRun {
  label: string;
  trace: ScannableTrace;
  summary: Summary;
  /** Total virtual time (ms). */
  endTime: number;
  /** How many times faster than the slowest run (1 for the slowest itself). */
  speedup: number;
  /** How many times faster than the first run (1 for the first; < 1 means slower). */
  vsFirst: number;
  /** Time by cause along the run's critical path (src/core/analysis), ms per cause. */
  byCause: Partial<Record<TimeCause, number>>;
}

/** One cause of time across the compared runs: its ms in each, and how the others differ from the first. */
export interface CauseRow {
  cause: TimeCause;
  /** `timers`, `I/O`, `threads waiting for a core`. */
  name: string;
  /** Ms per run, in the runs' order (0 where the run spent none). */
  ms: number[];
  /** Per run: its ms minus the first run's (0 for the first). */
  delta: number[];
  /** Some run's time for this cause differs from the first's by at least CAUSE_DIFF_MS. */
  differs: boolean;
}

/** Differences below this (ms) are rounding, not a difference between the runs. */
export const CAUSE_DIFF_MS = 0.5;

/** The order causes are listed in (the issue's: timers, I/O, network, blocking, threads waiting for a core). */
const CAUSE_ORDER: readonly TimeCause[] = ['timers', 'io', 'network', 'blocking', 'core-wait', 'loop'];

export interface Comparison {
  runs: ComparedRun[];
  /** The longest run's time: the shared scale goes from 0 to here. */
  maxTime: number;
  slowest: number;
  fastest: number;
  /** Every run as fast as the fastest (ties happen: thread per client and async both take 3.02 s). */
  fastestAll: number[];
  /** Tick marks for the shared scale (ms), round numbers. */
  ticks: number[];
  /** Time by cause side by side: every cause some run spent time on, in CAUSE_ORDER. */
  causes: CauseRow[];
}

/** Round tick positions: about `count` of them over [0, max] in steps of 1, 2 or 5 × 10^k. */
export function niceTicks(max: number, count = 6): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = 0; t <= max + step * 1e-9; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
  return ticks;
}

/** Ratio a / b for times: Infinity-safe (a 0 ms run is not "infinitely faster", just fastest). */
function ratio(a: number, b: number): number {
  if (b <= 0) return a <= 0 ? 1 : Infinity;
  return a / b;
}

export function buildComparison(inputs: readonly RunInput[]): Comparison {
  const runs: ComparedRun[] = inputs.map(({ label, trace }) => {
    const summary = buildSummary(trace);
    return { label, trace, summary, endTime: summary.endTime, speedup: 1, vsFirst: 1, byCause: runCriticalPath(trace).byCause };
  });
  let slowest = 0;
  let fastest = 0;
  runs.forEach((run, i) => {
    if (run.endTime > runs[slowest].endTime) slowest = i;
    if (run.endTime < runs[fastest].endTime) fastest = i;
  });
  const maxTime = runs.length > 0 ? runs[slowest].endTime : 0;
  for (const run of runs) {
    run.speedup = ratio(maxTime, run.endTime);
    run.vsFirst = ratio(runs[0].endTime, run.endTime);
  }
  const fastestAll = runs.flatMap((run, i) => (run.endTime === runs[fastest].endTime ? [i] : []));
  return { runs, maxTime, slowest, fastest, fastestAll, ticks: niceTicks(maxTime), causes: causeRows(runs) };
}

/** Time by cause of each run, side by side, with each run's difference from the first. */
export function causeRows(runs: readonly Pick<ComparedRun, 'byCause'>[]): CauseRow[] {
  const rows: CauseRow[] = [];
  for (const cause of CAUSE_ORDER) {
    const ms = runs.map((r) => r.byCause[cause] ?? 0);
    if (ms.every((v) => v <= 0)) continue;
    const delta = ms.map((v) => v - ms[0]);
    rows.push({ cause, name: CAUSE_NAMES[cause], ms, delta, differs: delta.some((d) => Math.abs(d) >= CAUSE_DIFF_MS) });
  }
  return rows;
}

/** A difference in words: `+2.00 s`, `−3.00 s`, `±0`. */
export function formatDelta(ms: number): string {
  if (Math.abs(ms) < CAUSE_DIFF_MS) return '±0';
  return `${ms > 0 ? '+' : '−'}${formatDuration(Math.abs(ms))}`;
}

/**
 * One line saying which causes differ between the runs (vs the first run):
 * `differ between the runs: timers +1.00 s (async), blocking −3.00 s (async)`, or that none does.
 */
export function causesDifferText(comparison: Pick<Comparison, 'runs' | 'causes'>): string {
  const differing = comparison.causes.filter((c) => c.differs);
  if (comparison.runs.length < 2) return '';
  if (differing.length === 0) return 'Time by cause: the same in every run';
  const parts = differing.map((c) => {
    const per = c.delta.flatMap((d, i) => (i > 0 && Math.abs(d) >= CAUSE_DIFF_MS ? [`${formatDelta(d)}${comparison.runs.length > 2 ? ` (${comparison.runs[i].label})` : ''}`] : []));
    return `${c.name} ${per.join(', ')}`;
  });
  return `Time by cause differs from ${comparison.runs[0].label}: ${parts.join(' · ')}`;
}

/** "3.00× faster", "as fast", "2.50× slower": relative to `ratio` (others' time / this time). */
export function formatSpeedup(times: number): string {
  if (!Number.isFinite(times)) return 'instant';
  if (Math.abs(times - 1) < 0.005) return 'as fast';
  return times > 1 ? `${times.toFixed(2)}× faster` : `${(1 / times).toFixed(2)}× slower`;
}

/** What a run's band says: `1.00 s · 3.00× faster than the slowest`. */
export function runHeadline(comparison: Comparison, index: number): string {
  const run = comparison.runs[index];
  const parts = [formatDuration(run.endTime)];
  if (comparison.runs.length > 1) {
    if (index === comparison.slowest && comparison.runs.every((r) => r.endTime === run.endTime)) parts.push('all runs take the same time');
    else if (index === comparison.slowest) parts.push('slowest');
    else parts.push(`${formatSpeedup(run.speedup)} ${Math.abs(run.speedup - 1) < 0.005 ? 'as' : 'than'} the slowest`);
  }
  return parts.join(' · ');
}

/** One row of a run's compact band: a lane's stretches in milliseconds. */
export interface CompactRow {
  label: string;
  thread: number;
  t0: number[];
  t1: number[];
  state: number[];
}

/** States worth drawing in the compact view (in the compact view instants have no width). */
const COMPACT_STATES: ReadonlySet<number> = new Set([
  SegState.Running, SegState.Callback, SegState.Suspended, SegState.Queued, SegState.Blocked, SegState.Computing, SegState.Io,
]);

/**
 * A run's lanes in milliseconds, one row per task (the script and loop lanes included, in the
 * timeline's order), each stretch [t0, t1] with its state. At most `maxRows` rows; the rest
 * are counted in `hidden`.
 */
export function compactRows(model: TimelineModel, maxRows = 16): { rows: CompactRow[]; hidden: number } {
  const rows: CompactRow[] = [];
  const lanes = model.lanes.lanes;
  for (const lane of lanes) {
    if (rows.length >= maxRows) break;
    const seg = lane.segments;
    // On a thread other than main, the thread's name says whose lane it is (`serves ann · thread body`).
    const threadName = lane.thread !== 0 ? model.lanes.threads.find((t) => t.id === lane.thread)?.name : undefined;
    const label = threadName ? `${threadName} · ${lane.label}` : lane.label;
    const row: CompactRow = { label, thread: lane.thread, t0: [], t1: [], state: [] };
    for (let i = 0; i < seg.x0.length; i++) {
      if (!COMPACT_STATES.has(seg.state[i])) continue;
      row.t0.push(timeAtX(model.axis, seg.x0[i]));
      row.t1.push(timeAtX(model.axis, seg.x1[i]));
      row.state.push(seg.state[i]);
    }
    rows.push(row);
  }
  return { rows, hidden: Math.max(0, lanes.length - rows.length) };
}
