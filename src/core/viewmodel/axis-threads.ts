/**
 * The axis of a trace with simulated threads. Each thread has its own clock, so `t` is
 * non-decreasing per thread but not across threads (docs/simulation.md): a thread doing CPU
 * work inside a macrotask runs ahead of the others. The axis therefore walks the events in
 * order of virtual time (stable: per thread the trace order is kept, and causality with it),
 * and a Block is not a stretch of its own — other threads run meanwhile — but spans the
 * axis from its start to the point where its end time is reached.
 */
import { EventKind, type ScannableTrace } from '../trace/format';
import { compressedWidth, isStepKind, PieceKind, type Axis, type AxisPiece, type MacrotaskBand } from './axis';

/** Where a Block's time lies, judged on its own thread: see `blockInterval` in axis.ts. */
export function threadBlockInterval(trace: ScannableTrace, seq: number): [number, number] {
  const { t, a, thread } = trace.events;
  const th = thread?.[seq] ?? 0;
  let next = Infinity;
  for (let j = seq + 1; j < t.length; j++) {
    if ((thread?.[j] ?? 0) === th) { next = t[j]; break; }
  }
  const start = next >= t[seq] + a[seq] ? t[seq] : t[seq] - a[seq];
  return [start, start + a[seq]];
}

export function buildThreadAxis(trace: ScannableTrace): Axis {
  const { kind, t, a, b, thread } = trace.events;
  const n = kind.length;
  // Points in time order: every event at its time (a Block at its start), and every Block's end.
  // Code −1 − seq marks a Block's end; on equal times ends come first, then trace order.
  const time = new Float64Array(n);
  const blockEnd = new Map<number, number>();
  const points: number[] = [];
  for (let i = 0; i < n; i++) {
    if (kind[i] === EventKind.Block) {
      const [start, stop] = threadBlockInterval(trace, i);
      time[i] = start;
      blockEnd.set(i, stop);
      points.push(-1 - i);
    } else {
      time[i] = t[i];
    }
    points.push(i);
  }
  const at = (p: number): number => (p >= 0 ? time[p] : blockEnd.get(-1 - p)!);
  points.sort((p, q) => at(p) - at(q) || (p < 0 ? 0 : 1) - (q < 0 ? 0 : 1) || (p < 0 ? -1 - p : p) - (q < 0 ? -1 - q : q));

  const pos = new Float64Array(n);
  const end = new Float64Array(n);
  const pieces: AxisPiece[] = [];
  const macrotasks: MacrotaskBand[] = [];
  const openBands = new Map<number, MacrotaskBand[]>();
  let x = 0;
  let clock = points.length > 0 ? at(points[0]) : 0;
  let busy: AxisPiece | null = null;
  for (const p of points) {
    const when = at(p);
    if (when > clock) {
      if (busy) busy.x1 = x;
      busy = null;
      const x0 = x;
      x += compressedWidth(when - clock);
      pieces.push({ kind: PieceKind.Gap, x0, x1: x, t0: clock, t1: when, seq: -1 });
      clock = when;
    }
    if (p < 0) {
      end[-1 - p] = x;
      continue;
    }
    const k = kind[p];
    if (!busy) {
      busy = { kind: PieceKind.Busy, x0: x, x1: x, t0: clock, t1: clock, seq: p };
      pieces.push(busy);
    }
    pos[p] = x;
    if (isStepKind(k)) x += 1;
    if (k !== EventKind.Block) end[p] = x;
    const th = thread?.[p] ?? 0;
    if (k === EventKind.MacrotaskStart) {
      const band: MacrotaskBand = { kind: a[p], id: b[p], x0: pos[p], x1: x, startSeq: p };
      macrotasks.push(band);
      let open = openBands.get(th);
      if (!open) openBands.set(th, (open = []));
      open.push(band);
    } else if (k === EventKind.MacrotaskEnd) {
      const band = openBands.get(th)?.pop();
      if (band) band.x1 = x;
    }
  }
  if (busy) busy.x1 = x;
  for (const open of openBands.values()) for (const band of open) band.x1 = x;
  const endTime = Math.max(trace.meta?.endTime ?? 0, clock);
  return { pos, end, pieces, macrotasks, width: Math.max(x, 1), endTime };
}
