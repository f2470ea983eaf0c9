/**
 * Simulated CPU cores: a resource that CPU work books for a stretch of virtual time.
 *
 * Why booking instead of time slicing: threads run one macrotask at a time, atomically, so
 * the scheduler learns about a thread's CPU work only when the thread does it. Each core
 * keeps the intervals already booked; new work takes the earliest gap of its length on any
 * core (lowest core number on ties). Threads beyond K cores therefore run one after the
 * other instead of interleaved: the total time is what a fair time-slicing OS gives, the
 * individual finish times are those of a non-preemptive one (documented in docs/simulation.md).
 * Waiting (a blocking read, Atomics.wait, sleep) books no core, as an OS deschedules it.
 */
export interface Booking {
  core: number;
  start: number;
  end: number;
}

export class Cores {
  /** Per core: booked [start, end) intervals, sorted by start, non-overlapping. */
  private readonly booked: Array<Array<[number, number]>>;
  /** Busy time per core, for utilisation reports. */
  readonly busy: number[];

  constructor(readonly count: number) {
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`cores must be a positive integer, got ${count}`);
    this.booked = Array.from({ length: count }, () => []);
    this.busy = new Array<number>(count).fill(0);
  }

  /** Books `ms` of one core starting no earlier than `from`. */
  book(from: number, ms: number): Booking {
    let best: Booking | undefined;
    for (let core = 0; core < this.count; core++) {
      const start = earliestGap(this.booked[core], from, ms);
      if (!best || start < best.start) best = { core, start, end: start + ms };
    }
    const b = best as Booking;
    if (ms > 0) {
      insert(this.booked[b.core], b.start, b.end);
      this.busy[b.core] += ms;
    }
    return b;
  }

  /** The earliest moment at or after `t` when some core is free (not inside a booking). */
  firstFree(t: number): number {
    let best = Infinity;
    for (const list of this.booked) best = Math.min(best, earliestGap(list, t, Number.MIN_VALUE));
    return best;
  }

  /** Forgets intervals that end before `t` (no thread can book before its own clock). */
  prune(t: number): void {
    for (const list of this.booked) {
      let n = 0;
      while (n < list.length && list[n][1] <= t) n++;
      if (n > 0) list.splice(0, n);
    }
  }
}

function earliestGap(list: Array<[number, number]>, from: number, ms: number): number {
  // A core's intervals do not overlap and are sorted by start, so their ends are sorted too:
  // skip (binary search) those that end by `from`, then walk the gaps.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid][1] <= from) lo = mid + 1;
    else hi = mid;
  }
  let start = from;
  for (let i = lo; i < list.length; i++) {
    const interval = list[i];
    if (interval[0] >= start + ms) break;
    if (interval[1] > start) start = interval[1];
  }
  return start;
}

function insert(list: Array<[number, number]>, s: number, e: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1][0] > s) i--;
  list.splice(i, 0, [s, e]);
}
