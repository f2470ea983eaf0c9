/**
 * Blocking: synchronous stretches that kept the event loop from doing anything else — an
 * `Atomics.wait`, a busy-wait on the clock, synchronous I/O, `sim.cpu` — flagged when a
 * macrotask (with the microtasks after it: the loop cannot move on until they are done) spent
 * at least the threshold blocked. One finding per source place within such a stretch, so
 * `blockingSleep(1000)` called three times in one callback is one finding of 3000 ms.
 */
import { EventKind } from '../trace/format';
import { blockOrigin, ms, type TraceIndex } from './trace-index';
import type { Finding, Place } from './types';

export function findBlocking(ix: TraceIndex, thresholdMs: number): Finding[] {
  const { kind, a, t, thread } = ix.trace.events;
  const out: Finding[] = [];
  /** Per thread: the current macrotask's start, and its blocks by place. */
  const current = new Map<number, number>();
  interface Group { total: number; bySite: Map<string, { ms: number; count: number; place?: Place; label: string; seq: number; task: number; t: number; measured: boolean }> }
  const groups = new Map<number, Group>();
  const flush = (start: number, th: number) => {
    const g = groups.get(start);
    groups.delete(start);
    if (!g || g.total < thresholdMs) return;
    for (const s of g.bySite.values()) {
      // Measured CPU time comes in slices (every job is charged): a slice under the threshold
      // by itself is the runtime's and the printing's, not a place worth flagging.
      if (s.measured && s.ms < thresholdMs) continue;
      const times = s.count > 1 ? ` (${s.count} calls)` : '';
      const whole = g.bySite.size > 1 ? `; the whole callback blocked ${ms(g.total)}` : '';
      const who = s.task ? ` in ${ix.taskName[s.task]}` : '';
      out.push({
        kind: 'blocking',
        severity: 'warning',
        message: `\`${s.label}\`${who} blocked the event loop${th !== 0 ? ` of thread ${th}` : ''} for ${ms(s.ms)}${times}: nothing else (timers, I/O, other tasks) could run meanwhile${whole}.`,
        ...(s.place ? { place: s.place } : {}),
        seq: s.seq,
        t: s.t,
        task: s.task,
        related: [],
      });
    }
  };
  for (let i = 0; i < ix.n; i++) {
    const th = thread[i];
    if (kind[i] === EventKind.MacrotaskStart) {
      const prev = current.get(th);
      if (prev !== undefined) flush(prev, th);
      current.set(th, i);
      continue;
    }
    if (kind[i] !== EventKind.Block) continue;
    const start = current.get(th) ?? -1;
    let g = groups.get(start);
    if (!g) groups.set(start, (g = { total: 0, bySite: new Map() }));
    g.total += a[i];
    const { what: label, place, measured } = blockOrigin(ix, i);
    const key = place ? `${place.file}:${place.line}:${place.column}${measured ? '/measured' : ''}` : `?${label}`;
    const s = g.bySite.get(key);
    if (s) {
      s.ms += a[i];
      s.count++;
      if (s.task !== ix.task[i]) s.task = 0;
    } else {
      g.bySite.set(key, { ms: a[i], count: 1, ...(place ? { place } : {}), label, seq: i, task: ix.task[i], t: t[i], measured });
    }
  }
  for (const [th, start] of current) flush(start, th);
  for (const start of [...groups.keys()]) flush(start, 0);
  return out.sort((x, y) => x.seq - y.seq);
}
