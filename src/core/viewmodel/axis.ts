/**
 * The x axis: virtual time AND order in one coordinate.
 *
 * Virtual time alone hides order (hello-async does everything at t=0 and t=1000), and order
 * alone hides time. So the axis is made of pieces, each a stretch of "layout units":
 * - a busy instant: consecutive events at the same virtual time, opened into steps — every
 *   event that does something visible (a task starts, a job runs, a line is printed) is one
 *   unit wide; bookkeeping events (a promise is created, a reaction is queued) take no width
 *   and sit at the boundary before the next step;
 * - an idle gap: the clock jumped with nothing running; compressed to a few units whatever its
 *   length (labelled with the real length by the renderer);
 * - a block: the clock advanced while synchronous work held the loop (EventKind.Block);
 *   compressed like a gap, but it belongs to the task that blocked.
 * Layout units are what the webview zooms and pans over; `timeAtX` maps back to milliseconds.
 */
import { EventKind, MacrotaskKind, type ScannableTrace } from '../trace/format';
import { buildThreadAxis, threadBlockInterval } from './axis-threads';
import { hasThreads } from './threads';

export const enum PieceKind {
  Busy = 0,
  Gap = 1,
  Block = 2,
}

/** One stretch of the axis: [x0, x1) in layout units covers virtual time [t0, t1]. */
export interface AxisPiece {
  kind: PieceKind;
  x0: number;
  x1: number;
  t0: number;
  t1: number;
  /** First event in the piece (the Block event for a block), -1 for a gap. */
  seq: number;
}

/** A macrotask as drawn on the axis: from its start to the end of its ticks and microtasks. */
export interface MacrotaskBand {
  kind: MacrotaskKind;
  /** The timer / immediate / io id (0 for the script). */
  id: number;
  x0: number;
  x1: number;
  startSeq: number;
}

export interface Axis {
  /** Left edge of event `seq`'s step, in layout units. */
  pos: Float64Array;
  /** Right edge of event `seq`'s step (equal to pos for zero-width events). */
  end: Float64Array;
  pieces: AxisPiece[];
  macrotasks: MacrotaskBand[];
  /** Total width in layout units. */
  width: number;
  /** Virtual time at the end of the run, in ms. */
  endTime: number;
  /**
   * How x relates to time. `compressed` (the default, absent): busy instants opened into steps,
   * idle gaps and blocks squeezed (see above). `linear`: x is proportional to virtual time
   * (LINEAR_UNITS_PER_MS), steps of one instant are slivers (see linearAxis).
   */
  mode?: AxisMode;
}

export type AxisMode = 'compressed' | 'linear';

/** Layout units per millisecond of a linear axis: 1 unit = 1 µs, so zooming in stays exact. */
export const LINEAR_UNITS_PER_MS = 1000;
/** Width of one step in a linear axis: a sliver (1 ns), drawn at least a pixel wide by the renderer. */
const LINEAR_STEP_UNITS = 1e-3;

/** Events that get a step of their own on the axis: the ones a reader follows. */
const STEP_KINDS: ReadonlySet<number> = new Set<number>([
  EventKind.MacrotaskStart, EventKind.TaskStart, EventKind.TaskSuspend, EventKind.TaskResume,
  EventKind.TaskYield, EventKind.TaskFinish, EventKind.TaskThrow, EventKind.PromiseFulfill,
  EventKind.PromiseReject, EventKind.ReactionRun, EventKind.TickRun, EventKind.MicrotaskRun,
  EventKind.TimerFire, EventKind.ImmediateRun, EventKind.IoDone, EventKind.Console,
  EventKind.UncaughtError, EventKind.UnhandledRejection, EventKind.External,
  // A racy tie is where the order could have gone the other way: a step of its own, so its marker stands apart.
  EventKind.RacyTie,
]);

export function isStepKind(kind: number): boolean {
  return STEP_KINDS.has(kind);
}

/**
 * Width of a compressed stretch of `ms` milliseconds. Grows with the logarithm, so 1 ms and
 * 1 s both stay visible without 1 s swallowing the picture, yet a longer wait looks longer.
 */
export function compressedWidth(ms: number): number {
  return 3 + 1.5 * Math.log10(1 + ms);
}

/**
 * Where a Block's time lies. The format says the clock advanced by `a` ms; it does not say
 * whether the event is stamped before or after. Stamped before → the next event is at least
 * `t + a`; otherwise it was stamped after, and the block ended at `t`.
 */
export function blockInterval(trace: ScannableTrace, seq: number): [number, number] {
  // Judged against the next event of the same thread (with no threads: the next event).
  return threadBlockInterval(trace, seq);
}

export function buildAxis(trace: ScannableTrace): Axis {
  if (hasThreads(trace)) return buildThreadAxis(trace);
  const { kind, t, a, b } = trace.events;
  const n = kind.length;
  const pos = new Float64Array(n);
  const end = new Float64Array(n);
  const pieces: AxisPiece[] = [];
  const macrotasks: MacrotaskBand[] = [];
  const openBands: MacrotaskBand[] = [];
  let x = 0;
  let clock = n > 0 ? t[0] : 0;
  let busy: AxisPiece | null = null;

  const closeBusy = (): void => {
    if (busy) busy.x1 = x;
    busy = null;
  };
  const addGap = (toTime: number): void => {
    closeBusy();
    const x0 = x;
    x += compressedWidth(toTime - clock);
    pieces.push({ kind: PieceKind.Gap, x0, x1: x, t0: clock, t1: toTime, seq: -1 });
    clock = toTime;
  };

  for (let i = 0; i < n; i++) {
    const k = kind[i];
    if (k === EventKind.Block) {
      const [start, stop] = blockInterval(trace, i);
      if (start > clock) addGap(start);
      closeBusy();
      pos[i] = x;
      x += compressedWidth(stop - start);
      end[i] = x;
      pieces.push({ kind: PieceKind.Block, x0: pos[i], x1: x, t0: start, t1: stop, seq: i });
      clock = Math.max(clock, stop);
      continue;
    }
    if (t[i] > clock) addGap(t[i]);
    if (!busy) {
      busy = { kind: PieceKind.Busy, x0: x, x1: x, t0: clock, t1: clock, seq: i };
      pieces.push(busy);
    }
    pos[i] = x;
    if (STEP_KINDS.has(k)) x += 1;
    end[i] = x;
    if (k === EventKind.MacrotaskStart) {
      const band: MacrotaskBand = { kind: a[i] as MacrotaskKind, id: b[i], x0: pos[i], x1: x, startSeq: i };
      macrotasks.push(band);
      openBands.push(band);
    } else if (k === EventKind.MacrotaskEnd) {
      const band = openBands.pop();
      if (band) band.x1 = x;
    }
  }
  closeBusy();
  for (const band of openBands) band.x1 = x; // truncated: still running at the end
  const endTime = Math.max(trace.meta?.endTime ?? 0, clock);
  return { pos, end, pieces, macrotasks, width: Math.max(x, 1), endTime };
}

/**
 * The same trace on a linear time scale: x = virtual time × LINEAR_UNITS_PER_MS. Built from the
 * compressed axis by mapping each piece: a busy instant at t keeps its steps in order as slivers
 * starting at t (so order survives deep zoom, and lanes keep their running stretches); a gap or
 * a block stretches to its real length. Every event's x is then its time, within slivers.
 */
export function linearAxis(compressed: Axis): Axis {
  const src = compressed.pieces;
  const pieces: AxisPiece[] = [];
  // Piecewise-linear map of compressed x → linear x, one segment per piece (kept monotone).
  const from: number[] = [];
  const fromEnd: number[] = [];
  const to0: number[] = [];
  const to1: number[] = [];
  let x = 0;
  for (let i = 0; i < src.length; i++) {
    const p = src[i];
    const start = Math.max(x, p.t0 * LINEAR_UNITS_PER_MS);
    let stop: number;
    if (p.kind === PieceKind.Busy) {
      // Slivers, but never past the next piece's time.
      const next = src[i + 1];
      const room = next ? Math.max(0, next.t0 * LINEAR_UNITS_PER_MS - start) : Infinity;
      const steps = p.x1 - p.x0;
      stop = start + Math.min(steps * LINEAR_STEP_UNITS, room * 0.5);
    } else {
      stop = Math.max(start, p.t1 * LINEAR_UNITS_PER_MS);
    }
    pieces.push({ ...p, x0: start, x1: stop });
    from.push(p.x0);
    fromEnd.push(p.x1);
    to0.push(start);
    to1.push(stop);
    x = stop;
  }
  const map = (cx: number): number => {
    // The last piece starting at or before cx.
    let lo = 0;
    let hi = from.length - 1;
    if (hi < 0) return cx;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (from[mid] <= cx) lo = mid;
      else hi = mid - 1;
    }
    const w = fromEnd[lo] - from[lo];
    const f = w > 0 ? Math.min(1, Math.max(0, (cx - from[lo]) / w)) : 0;
    return to0[lo] + f * (to1[lo] - to0[lo]);
  };
  const n = compressed.pos.length;
  const pos = new Float64Array(n);
  const end = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    pos[i] = map(compressed.pos[i]);
    end[i] = Math.max(pos[i], map(compressed.end[i]));
  }
  const macrotasks = compressed.macrotasks.map((band) => ({ ...band, x0: map(band.x0), x1: map(band.x1) }));
  const width = Math.max(x, compressed.endTime * LINEAR_UNITS_PER_MS, 1);
  return { pos, end, pieces, macrotasks, width, endTime: compressed.endTime, mode: 'linear' };
}

/** Index of the piece containing layout x (the last piece starting at or before x). */
export function pieceIndexAt(axis: Axis, x: number): number {
  const { pieces } = axis;
  let lo = 0;
  let hi = pieces.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pieces[mid].x0 <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Virtual time (ms) at layout x: constant inside a busy instant, linear across gaps and blocks. */
export function timeAtX(axis: Axis, x: number): number {
  const i = pieceIndexAt(axis, x);
  if (i < 0) return 0;
  const p = axis.pieces[i];
  if (p.kind === PieceKind.Busy || p.x1 <= p.x0) return p.t0;
  const f = Math.min(1, Math.max(0, (x - p.x0) / (p.x1 - p.x0)));
  return p.t0 + f * (p.t1 - p.t0);
}

/** The last event whose step starts at or before layout x (-1 before the first). */
export function seqAtX(axis: Axis, x: number): number {
  const { pos } = axis;
  let lo = 0;
  let hi = pos.length - 1;
  if (hi < 0 || pos[0] > x) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pos[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** "0 ms", "250 ms", "1.00 s", "2 min 5 s": how a reader says a duration. */
export function formatDuration(ms: number): string {
  if (ms < 1) return ms === 0 ? '0 ms' : `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms - min * 60_000) / 1000)} s`;
}

/** A gap's label keeps milliseconds up to 10 s, so the program's own numbers (1000) show. */
export function formatGap(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms * 100) / 100} ms` : formatDuration(ms);
}
