/**
 * The critical path: the chain of waits that decided when the run ended.
 *
 * Walked backwards from the program's last event. Each event ran inside a context (see
 * trace-index.ts); the time from the context's start to the event passed in Block events only
 * (synchronous code is free otherwise), so those blocks are on the path. A nested context (a
 * task started or resumed by a call) continues at its caller; a context started by the loop
 * continues at what scheduled it, and the time in between is a wait:
 *   timer fire       ← its setTimeout (or the interval's previous fire): timers (beyond the
 *                      delay: the loop was busy — 'loop')
 *   I/O callback     ← its IoStart: I/O, or network for sockets, HTTP and DNS
 *   reaction job     ← its ReactionQueued (made when the promise settled, or by a late `then`)
 *   immediate, tick, queueMicrotask ← their schedule (the loop's own order: 'loop')
 * The resumes passed on the way name the chain: each task resumed and the await it was at.
 */
import { EventKind, MacrotaskKind } from '../trace/format';
import { blockOrigin, ms, type TraceIndex } from './trace-index';
import type { CriticalPath, PathSegment, Place, TimeCause } from './types';

interface Hop {
  task: number;
  /** The await it was resumed from (absent: the task's result settled). */
  label?: string;
  place?: Place;
  /** Segments found before this hop in the backward walk. */
  segmentsBefore: number;
}

const LOOP_LEVEL_KINDS = new Set<number>([
  EventKind.MacrotaskStart, EventKind.MacrotaskEnd, EventKind.TimerFire, EventKind.ImmediateRun, EventKind.IoEvent,
  EventKind.TickRun, EventKind.MicrotaskRun, EventKind.ReactionRun,
]);

const NETWORK = /\b(net|socket|tcp|udp|http|https|dns|connect|listen|fetch)\b/i;

/** The program's last event: what the run's end waited for. */
function lastEvent(ix: TraceIndex): number {
  const { kind, thread } = ix.trace.events;
  for (let i = ix.n - 1; i >= 0; i--) {
    if (thread[i] !== 0) continue;
    switch (kind[i]) {
      case EventKind.RunEnd: case EventKind.RunStart: case EventKind.MacrotaskEnd: case EventKind.Truncated:
      case EventKind.Alive: case EventKind.Warning: case EventKind.ThreadExit:
        continue;
    }
    return i;
  }
  return -1;
}

/** The event that scheduled a loop-level context `s`, with the cause of the wait in between. */
function causeOf(ix: TraceIndex, s: number): { idx: number; cause: TimeCause; nominal?: number; label: string } | undefined {
  const { kind, a, b, t } = ix.trace.events;
  const k = kind[s];
  const backTo = (pred: (j: number) => boolean): number => {
    for (let j = s - 1; j >= 0; j--) if (pred(j)) return j;
    return -1;
  };
  const timer = (id: number) => {
    const j = backTo((j) => (kind[j] === EventKind.TimerFire || kind[j] === EventKind.TimerSchedule) && a[j] === id);
    if (j < 0) return undefined;
    const sched = ix.timerSchedule.get(id);
    const delay = sched !== undefined ? b[sched] : t[s] - t[j];
    return { idx: j, cause: 'timers' as const, nominal: delay, label: `timer ${ms(delay)}` };
  };
  const io = (id: number) => {
    const j = backTo((j) => (kind[j] === EventKind.IoStart || kind[j] === EventKind.IoEvent) && a[j] === id);
    if (j < 0) return undefined;
    const start = ix.ioStart.get(id);
    const what = start !== undefined ? ix.str(b[start]) : 'I/O';
    return { idx: j, cause: NETWORK.test(what) ? ('network' as const) : ('io' as const), label: what || 'I/O' };
  };
  switch (k) {
    case EventKind.MacrotaskStart:
      if (a[s] === MacrotaskKind.Timer) return timer(b[s]);
      if (a[s] === MacrotaskKind.Io) return io(b[s]);
      if (a[s] === MacrotaskKind.Immediate) {
        const j = ix.immediateSchedule.get(b[s]);
        return j !== undefined && j < s ? { idx: j, cause: 'loop', label: 'setImmediate' } : undefined;
      }
      return undefined;
    case EventKind.TimerFire: return timer(a[s]);
    case EventKind.IoEvent: return io(a[s]);
    case EventKind.ImmediateRun: {
      const j = ix.immediateSchedule.get(a[s]);
      return j !== undefined && j < s ? { idx: j, cause: 'loop', label: 'setImmediate' } : undefined;
    }
    case EventKind.TickRun: {
      const j = ix.tickSchedule.get(a[s]);
      return j !== undefined && j < s ? { idx: j, cause: 'loop', label: 'process.nextTick' } : undefined;
    }
    case EventKind.MicrotaskRun: {
      const j = ix.microtaskSchedule.get(a[s]);
      return j !== undefined && j < s ? { idx: j, cause: 'loop', label: 'queueMicrotask' } : undefined;
    }
    case EventKind.ReactionRun: {
      const j = ix.reactionQueued.get(b[s]);
      return j !== undefined && j < s ? { idx: j, cause: 'loop', label: 'a promise reaction' } : undefined;
    }
  }
  return undefined;
}

/** A Block's interval: the runtime stamps its end, the simulated world its start (format.ts). */
function blockSpan(ix: TraceIndex, i: number): [number, number] {
  const { t, a, b } = ix.trace.events;
  return b[i] !== 0 ? [t[i], t[i] + a[i]] : [t[i] - a[i], t[i]];
}

export function criticalPath(ix: TraceIndex): CriticalPath {
  const { kind, a, b, t, thread } = ix.trace.events;
  const end = lastEvent(ix);
  const empty: CriticalPath = { end: 0, chain: [], segments: [], seqs: [], byCause: {} };
  if (end < 0) return empty;
  const segments: PathSegment[] = [];
  const hops: Hop[] = [];
  const seqs: number[] = [];
  let cur = end;
  let lastHop: Hop | undefined;
  const taken = new Set<number>();
  for (let guard = 0; cur >= 0 && guard < 1_000_000; guard++) {
    const s = ix.ctx[cur];
    if (cur === end) seqs.push(cur);
    if (s < 0) break;
    // Blocks between the context's start and `cur` ran synchronously inside it: on the path.
    // A busy-wait's Block is written when its whole stretch ends, maybe after `cur`: time that
    // passed here but is not explained by a block inside comes from one written later.
    const inside: number[] = [];
    let explained = 0;
    for (let j = cur; j > s; j--) {
      if (kind[j] !== EventKind.Block || thread[j] !== 0 || taken.has(j)) continue;
      inside.push(j);
      explained += a[j];
    }
    if (t[cur] - t[s] - explained > 1e-6) {
      for (let j = cur + 1; j < ix.n && !LOOP_LEVEL_KINDS.has(kind[j]); j++) {
        if (kind[j] !== EventKind.Block || thread[j] !== 0 || taken.has(j)) continue;
        const [from, to] = blockSpan(ix, j);
        if (from < t[cur] && to > t[s]) inside.push(j);
      }
    }
    for (const j of inside) {
      taken.add(j);
      let [from, to] = blockSpan(ix, j);
      from = Math.max(from, t[s]);
      to = Math.min(to, t[cur]);
      const { what, place } = blockOrigin(ix, j);
      const task = ix.task[j];
      const description = ix.str(b[j]);
      segments.push({ cause: /waited .* for a core/.test(description) ? 'core-wait' : 'blocking', from, to, label: `${what}${task ? ` in ${ix.taskName[task]}` : ''}`, ...(place ? { place } : {}), task, seq: j });
      seqs.push(j);
    }
    const k = kind[s];
    // The highlight goes through the task runs and the waits, not every reaction job between them.
    if (k === EventKind.TaskStart || k === EventKind.TaskResume) seqs.push(s);
    if (k === EventKind.TaskResume) {
      const sus = ix.suspendOf[s];
      const place = sus >= 0 ? ix.place(b[sus]) : undefined;
      lastHop = { task: a[s], ...(place ? { label: place.label, place } : {}), segmentsBefore: segments.length };
      if (ix.internal[a[s]] !== 1) hops.push(lastHop);
      if (sus >= 0) seqs.push(sus);
    } else if (k === EventKind.ReactionRun) {
      const owner = ix.resultOf.get(a[s]);
      if (owner !== undefined && ix.internal[owner] !== 1) hops.push({ task: owner, segmentsBefore: segments.length });
    }
    if (k === EventKind.TaskStart || k === EventKind.TaskResume) {
      // Started or resumed by a call (or a reaction job just before): continue in the caller.
      cur = s - 1;
      continue;
    }
    const cause = causeOf(ix, s);
    if (!cause) break;
    const gap = t[s] - t[cause.idx];
    if (gap > 0) {
      seqs.push(s, cause.idx);
      const nominal = cause.nominal ?? gap;
      const waited = Math.min(gap, nominal);
      const hopLabel = lastHop?.label && cause.cause === 'timers' ? `${lastHop.label} in ${ix.taskName[lastHop.task]}` : undefined;
      const task = lastHop?.task ?? 0;
      segments.push({ cause: cause.cause, from: t[cause.idx], to: t[cause.idx] + waited, label: hopLabel ?? cause.label, ...(hopLabel && lastHop?.place ? { place: lastHop.place } : {}), task, seq: s });
      if (gap > waited) segments.push({ cause: 'loop', from: t[cause.idx] + waited, to: t[s], label: 'waiting for the busy event loop', task, seq: s });
      lastHop = undefined;
    }
    cur = cause.idx;
  }
  segments.reverse();
  seqs.reverse();
  const byCause: Partial<Record<TimeCause, number>> = {};
  for (const seg of segments) byCause[seg.cause] = (byCause[seg.cause] ?? 0) + (seg.to - seg.from);
  return { end: t[end], chain: renderChain(ix, hops, segments), segments, seqs: [...new Set(seqs)].sort((x, y) => x - y), byCause };
}

/** `main → Promise.all [3] → count #3 → sleep(1000)`: the hops down to the last wait, then what it was. */
function renderChain(ix: TraceIndex, hops: Hop[], segmentsInTimeOrder: PathSegment[]): string[] {
  const chain: string[] = [];
  let lastTask = -1;
  for (const hop of hops) {
    if (hop.segmentsBefore > 0) break;
    if (hop.task !== lastTask) chain.push(ix.taskName[hop.task]);
    lastTask = hop.task;
    if (hop.label) chain.push(hop.label);
  }
  // The last wait of the run (the latest segment), when the awaits above did not already name it.
  const last = segmentsInTimeOrder[segmentsInTimeOrder.length - 1];
  if (last && last.cause !== 'timers') {
    const sameCause = segmentsInTimeOrder.filter((s) => s.cause === last.cause && s.to <= last.to);
    const total = sameCause.reduce((sum, s) => sum + (s.to - s.from), 0);
    chain.push(last.cause === 'blocking' ? `blocking ${ms(total)}` : last.label);
  }
  return chain;
}
