/**
 * Simulated threads: their names, and when each one occupies a core.
 *
 * A thread *runs* while one of its macrotasks is on its stack (from MacrotaskStart to the end
 * of its ticks and microtasks), except while it waits in a blocking call that needs no core
 * (a Block whose description does not start with "cpu": a read, an accept, a join, a sleep).
 * CPU work (`cpu …` Blocks, and the runtime's busy-waits, which have no description) keeps it
 * on its core. The "cores" strip is the count of running threads at each point of the axis.
 */
import { EventKind } from '../trace/format';
import type { ScannableTrace } from '../trace/format';
import type { Axis } from './axis';

/** Thread id → name: the main thread (0) and every ThreadCreate, in order of id. */
export function threadNames(trace: ScannableTrace): Map<number, string> {
  const names = new Map<number, string>([[0, 'main']]);
  const { kind, a, b } = trace.events;
  for (let i = 0; i < kind.length; i++) {
    if (kind[i] === EventKind.ThreadCreate) names.set(a[i], trace.strings[b[i]] || `thread ${a[i]}`);
  }
  return names;
}

/** Whether the trace has simulated threads (a ThreadCreate, or an event off the main thread). */
export function hasThreads(trace: ScannableTrace): boolean {
  const { kind, thread } = trace.events;
  for (let i = 0; i < kind.length; i++) {
    if (kind[i] === EventKind.ThreadCreate || (thread?.[i] ?? 0) !== 0) return true;
  }
  return false;
}

/** Whether a Block keeps its thread on a core (CPU work) rather than waiting off-core. */
export function blockUsesCore(trace: ScannableTrace, seq: number): boolean {
  const b = trace.events.b[seq];
  if (b === 0) return true;
  return (trace.strings[b] ?? '').startsWith('cpu');
}

export interface ThreadActivity {
  id: number;
  /** Layout x where the thread was created / exited (0 / axis width for the main thread or one that never ends). */
  createdX: number;
  exitedX: number;
  /** Intervals [x0[i], x1[i]) where it ran (on a core), sorted. */
  x0: number[];
  x1: number[];
}

export interface Occupancy {
  threads: ThreadActivity[];
  /** A step function: from x[i] to x[i + 1] (or the end), count[i] threads run. */
  x: number[];
  count: number[];
  maxCount: number;
}

export function buildOccupancy(trace: ScannableTrace, axis: Axis, threadIds: readonly number[]): Occupancy {
  const { kind, a, thread } = trace.events;
  const { pos, end } = axis;
  const activity = new Map<number, ThreadActivity & { depth: number; from: number }>();
  for (const id of threadIds) activity.set(id, { id, createdX: 0, exitedX: axis.width, x0: [], x1: [], depth: 0, from: 0 });
  const get = (id: number) => {
    let t = activity.get(id);
    if (!t) activity.set(id, (t = { id, createdX: 0, exitedX: axis.width, x0: [], x1: [], depth: 0, from: 0 }));
    return t;
  };
  const close = (t: ThreadActivity & { from: number }, x: number): void => {
    if (x > t.from) { t.x0.push(t.from); t.x1.push(x); }
  };
  for (let i = 0; i < kind.length; i++) {
    const k = kind[i];
    if (k === EventKind.ThreadCreate) { get(a[i]).createdX = pos[i]; continue; }
    if (k === EventKind.ThreadExit) { get(a[i]).exitedX = end[i]; continue; }
    const t = get(thread?.[i] ?? 0);
    if (k === EventKind.MacrotaskStart) {
      if (t.depth++ === 0) t.from = pos[i];
    } else if (k === EventKind.MacrotaskEnd) {
      if (t.depth > 0 && --t.depth === 0) close(t, end[i]);
    } else if (k === EventKind.Block && t.depth > 0 && !blockUsesCore(trace, i)) {
      close(t, pos[i]);
      t.from = end[i];
    }
  }
  for (const t of activity.values()) if (t.depth > 0) close(t, axis.width);

  // The step function: +1 at every start, −1 at every end, in x order (ends first on ties).
  const changes: [number, number][] = [];
  for (const t of activity.values()) t.x0.forEach((x0, j) => changes.push([x0, 1], [t.x1[j], -1]));
  changes.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const x: number[] = [0];
  const count: number[] = [0];
  let running = 0;
  let maxCount = 0;
  for (const [at, delta] of changes) {
    running += delta;
    maxCount = Math.max(maxCount, running);
    if (x[x.length - 1] === at) count[count.length - 1] = running;
    else { x.push(at); count.push(running); }
  }
  const threads = [...activity.values()].sort((p, q) => p.id - q.id)
    .map(({ id, createdX, exitedX, x0, x1 }) => ({ id, createdX, exitedX, x0, x1 }));
  return { threads, x, count, maxCount };
}
