/**
 * libuv's threadpool, in virtual time: `size` threads (UV_THREADPOOL_SIZE, default 4) take
 * requests in FIFO order. fs, crypto, zlib and dns.lookup queue here; a CPU-bound request
 * (crypto, zlib) also needs a simulated core while it runs (the simulation's `Cores`), so 8
 * pool threads on 4 cores still run 8 hashes in two rounds — the café's lesson, on the pool.
 *
 * Scheduling is eager: a request's cost is known when it is submitted (its real work is done
 * then, or its cost does not depend on the answer), so its start and end are booked at once.
 * Requests are submitted in virtual-time order, so booking in submission order is FIFO.
 */
import type { Cores } from '../sim/cores';

export interface PoolBooking {
  /** Pool thread (1-based, as shown on the timeline). */
  thread: number;
  /** When a pool thread (and, for CPU work, a core) took the request. */
  start: number;
  end: number;
  /** Core it ran on (1-based), 0 for I/O that needs none. */
  core: number;
}

export const DEFAULT_POOL_SIZE = 4;
/** libuv's own limit (MAX_THREADPOOL_SIZE). */
export const MAX_POOL_SIZE = 1024;

/** UV_THREADPOOL_SIZE as libuv reads it: an integer, at least 1, at most 1024; else the default. */
export function poolSizeFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_POOL_SIZE;
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.min(n, MAX_POOL_SIZE);
}

export class Threadpool {
  /** Virtual time at which each pool thread is free again. */
  private readonly freeAt: number[];
  /** The instant of the current burst of requests made together, and how many so far. */
  private burstAt = -1;
  private burst = 0;

  constructor(readonly size: number) {
    this.freeAt = new Array<number>(size).fill(0);
  }

  /**
   * Books a request made at `t0` that works for `cost` ms (on a core too when `cores` is given).
   *
   * Requests made in the same instant (a loop submitting eight hashes) do not finish together on
   * real threads: they were handed over one after another and the threads never run exactly
   * alike. The model keeps that order without randomness: the k-th request of a burst works
   * k % longer (at most 10 %), so equal requests complete one after another in submission order,
   * and a short request queued behind them finds a thread before the last of them is done.
   */
  book(t0: number, cost: number, cores?: Cores): PoolBooking {
    if (t0 === this.burstAt) this.burst++;
    else {
      this.burstAt = t0;
      this.burst = 0;
    }
    cost *= 1 + 0.01 * Math.min(this.burst, 10);
    let thread = 0;
    for (let i = 1; i < this.size; i++) if (this.freeAt[i] < this.freeAt[thread]) thread = i;
    let start = Math.max(t0, this.freeAt[thread]);
    let core = 0;
    if (cores !== undefined && cost > 0) {
      const b = cores.book(start, cost);
      start = b.start;
      core = b.core + 1;
    }
    const end = start + cost;
    this.freeAt[thread] = end;
    return { thread: thread + 1, start, end, core };
  }
}
