/**
 * Real I/O in virtual time: the operations a program hands to libuv, performed for real and
 * delivered by the simulated loop (docs/io-model.md). Pure: the real work comes in as
 * functions (Node's modules are called by src/core/node, inside the sandbox).
 *
 * Two shapes of operation:
 * - **Pool requests** (fs, crypto, zlib, dns.lookup): queued on the threadpool, their real work
 *   done when submitted, completed in the requesting thread's poll phase after the model's cost.
 *   A request whose real work is asynchronous (dns.lookup) has a cost that does not depend on
 *   its answer; the loop holds at its end until the answer is in (a *hold*), so the result is
 *   deterministic whatever the real latency.
 * - **Real channels** (child processes): a process outside the simulation runs in real time;
 *   each of its events is delivered at the channel's start plus the real time elapsed since.
 *   While a channel is open, the loop may not pass that point (it waits in real time), so a
 *   child's output lands among timers as in Node. Not deterministic (documented).
 *
 * Both keep the thread alive while pending (World refs, which `stuck()` reports), record
 * IoStart / IoPoolStart / IoDone, and are listed when a run stops early.
 */
import type { SimThread, World } from '../sim/world';
import { IoModel, type IoModelOptions } from './model';
import { poolSizeFromEnv, Threadpool } from './threadpool';

// Event kinds of trace/format.ts (a const enum there; the numbers are the contract).
const K_IO_DONE = 42;
const K_IO_POOL_START = 44;
const K_IO_EVENT = 45;
const K_WARNING = 52;

export interface PoolRequest<T> {
  /** What the request is, for the timeline: `readFile data/users.json`. */
  label: string;
  /** CPU-bound (crypto, zlib): needs a simulated core while it runs. */
  cpu?: boolean;
  /** The real work, synchronous; what it throws is the request's error. */
  work?: () => T;
  /** Or real asynchronous work (dns.lookup): call `finish` once. */
  start?: (finish: (error: unknown, result?: T) => void) => void;
  /** Virtual cost (ms) from the model, given the outcome (async requests: called with nothing). */
  cost(result: T | undefined, error: unknown): number;
  /** Appended to the label once the work is done (`12 KiB`). */
  describe?(result: T): string;
  /**
   * An error of `work` that Node throws at the call instead of passing it to the callback
   * (argument validation: `ERR_INVALID_ARG_TYPE`, …): `pool()` rethrows it and records nothing.
   */
  throwsAtCall?(error: unknown): boolean;
}

export interface RealChannel {
  readonly io: number;
  /** Queues `run` at the virtual moment of a real event happening now; `what` names it on the timeline. */
  deliver(what: string, run: () => void): void;
  /**
   * Several real events seen together (one turn of the host's loop, as one epoll wait of libuv
   * returns them): delivered at one virtual moment, in order, so one poll phase runs them all.
   * `realAt`: when they were seen (a reading of `IoSystem.realNow()`; default now) — events
   * delivered one by one as the host's loop hands them over share the moment of their turn.
   */
  deliverAll(events: ReadonlyArray<readonly [what: string, run: () => void]>, realAt?: number): void;
  /**
   * The program acts on the process now (writes to it, signals it): what the process does in
   * response takes real time from here. When the thread's clock is behind "start + real time
   * elapsed" (its synchronous code costs no virtual time), the channel's origin moves to now, so
   * a reply that takes 1 ms real comes 1 ms later, not at the lag accumulated so far.
   */
  touch(): void;
  /** No more events will come (the process and its pipes are closed). */
  close(): void;
  ref(): void;
  unref(): void;
  readonly closed: boolean;
}

export interface IoHostHooks {
  /** The host's real monotonic clock (ms). */
  realNow(): number;
  /** The site of the user code calling now (0 if unknown). */
  currentSite?(): number;
  /** UV_THREADPOOL_SIZE as the program's process.env has it when the pool is first used. */
  poolSizeEnv?(): string | undefined;
  /** The caller's async context as a runner (SimHost.captureContext): a channel's events run in its opener's. */
  captureContext?(): (run: () => void) => void;
}

interface Pending {
  io: number;
  thread: SimThread;
  what: string;
  /** For a pool request awaiting its real answer: its modelled end. */
  dueBy?: number;
  /** For a hold: the loop may not advance to `due` unless this returns true. */
  mayAdvanceTo?(due: number): boolean;
  /** For a hold: the virtual time up to which the loop may run while it waits (grows with real time for a channel). */
  frontier?(): number;
  /** Ends it when the run ends (kills a child). */
  shutdown?(): string | undefined;
}

export class IoSystem {
  readonly model: IoModel;
  private threads: Threadpool | undefined;
  private readonly pending = new Set<Pending>();
  private readonly holds = new Set<Pending>();

  constructor(private readonly world: World, private readonly host: IoHostHooks, model: IoModelOptions = {}) {
    this.model = new IoModel(model);
  }

  /** The host's real monotonic clock (ms), as the channels read it. */
  realNow(): number {
    return this.host.realNow();
  }

  /** The pool, made at its first use with UV_THREADPOOL_SIZE as the program's environment says then (as libuv does). */
  threadpool(): Threadpool {
    return (this.threads ??= new Threadpool(poolSizeFromEnv(this.host.poolSizeEnv?.())));
  }

  /** Submits a threadpool request from the current thread; `done` runs in its poll phase. Returns the I/O id. */
  pool<T>(req: PoolRequest<T>, done: (error: unknown, result: T | undefined) => void): number {
    const world = this.world;
    const th = world.current;
    const t0 = th.now();
    let result: T | undefined;
    let error: unknown;
    let answered = req.work !== undefined;
    let realMs = 0;
    if (req.work) {
      const r0 = this.host.realNow();
      try {
        result = req.work();
      } catch (e) {
        if (req.throwsAtCall?.(e)) throw e;
        error = e;
      }
      realMs = this.host.realNow() - r0;
    }
    let label = req.label;
    if (answered && error === undefined && req.describe) label += ` · ${req.describe(result as T)}`;
    const io = world.ioStart(label);
    const measured = this.model.time === 'measured' && req.work !== undefined;
    const cost = Math.max(0, measured ? realMs : req.cost(result, error));
    const booking = this.threadpool().book(t0, cost, req.cpu ? world.cores : undefined);
    const record = () => this.record(th, K_IO_POOL_START, io, booking.thread, booking.core, booking.start);
    if (booking.start <= t0) record();
    else world.at(booking.start, `threadpool starts I/O #${io}`, record);
    const entry: Pending = { io, thread: th, what: `${label} (libuv threadpool)` };
    this.track(entry);
    const complete = () => {
      this.untrack(entry);
      done(error, result);
    };
    if (answered) {
      world.complete(th, booking.end, io, complete);
    } else {
      // Real asynchronous work: the answer must be in before the loop reaches the request's end.
      entry.mayAdvanceTo = (due) => due < booking.end;
      entry.frontier = () => booking.end;
      entry.dueBy = booking.end;
      this.holds.add(entry);
      // Queued now, so requests due at the same moment complete in the order they were made
      // (not in the order their real answers came); the hold keeps the loop from getting there first.
      world.complete(th, booking.end, io, complete);
      req.start!((e, r) => {
        if (answered) return;
        answered = true;
        error = e;
        result = r;
        this.holds.delete(entry);
      });
    }
    return io;
  }

  /**
   * Real work whose answer decides *when* things happen (a recorded network exchange performed
   * now: src/core/netrec): the loop may run up to virtual time `t` but not past it until the returned release is called — the answer is then scheduled from its measured
   * timings as a replay would schedule it, so a recording run and its replays take the same
   * virtual time. Keeps the thread alive meanwhile.
   */
  hold(th: SimThread, t: number, what: string): () => void {
    const entry: Pending = { io: 0, thread: th, what, mayAdvanceTo: (due) => due <= t, frontier: () => t };
    this.track(entry);
    this.holds.add(entry);
    return () => {
      this.holds.delete(entry);
      this.untrack(entry);
    };
  }

  /** Opens a channel for a real process outside the simulation (a child), started now. */
  channel(label: string, kill: () => void): RealChannel {
    const world = this.world;
    const th = world.current;
    const io = world.ioStart(label);
    let vStart = th.now();
    let rStart = this.host.realNow();
    let last = vStart;
    let closed = false;
    let refed = true;
    /** Events handed to the loop and not run yet. */
    let undelivered = 0;
    const entry: Pending = {
      io,
      thread: th,
      what: label,
      mayAdvanceTo: (due) => due <= vStart + (this.host.realNow() - rStart),
      frontier: () => vStart + (this.host.realNow() - rStart),
      shutdown: () => {
        kill();
        return `${label} was still running when the run ended: it was killed`;
      },
    };
    this.pending.add(entry);
    this.holds.add(entry);
    world.ref(th, entry, label);
    const realNow = () => this.host.realNow();
    const release = () => {
      this.pending.delete(entry);
      this.holds.delete(entry);
    };
    const record = (t: number, text: number, kind = K_IO_EVENT) => this.record(th, kind, io, text, 0, t);
    const inOpenersContext = this.host.captureContext?.() ?? ((run: () => void) => run());
    const deliverAll = (events: ReadonlyArray<readonly [string, () => void]>, realAt = realNow()): void => {
      // Never before anything already delivered nor before the thread's clock (it may have
      // blocked meanwhile); the hold made sure the loop did not pass this point otherwise.
      last = Math.max(last, th.now(), vStart + (realAt - rStart));
      for (const [what, run] of events) {
        const text = world.host.trace.string(what);
        undelivered++;
        world.complete(th, last, 0, () => {
          record(th.now(), text);
          try {
            inOpenersContext(run);
          } finally {
            // The channel's IoDone comes after the last of its events, in virtual time too.
            if (--undelivered === 0 && closed) record(th.now(), 0, K_IO_DONE);
          }
        });
      }
    };
    return {
      io,
      deliver(what: string, run: () => void): void {
        deliverAll([[what, run]]);
      },
      deliverAll,
      touch(): void {
        const vNow = th.now();
        const rNow = realNow();
        if (vStart + (rNow - rStart) > vNow) {
          vStart = vNow;
          rStart = rNow;
        }
      },
      close(): void {
        if (closed) return;
        closed = true;
        release();
        world.unref(th, entry);
        if (undelivered === 0) record(th.now(), 0, K_IO_DONE);
      },
      ref(): void {
        if (closed || refed) return;
        refed = true;
        world.ref(th, entry, label);
      },
      unref(): void {
        if (closed || !refed) return;
        refed = false;
        world.unref(th, entry);
      },
      get closed() {
        return closed;
      },
    };
  }

  /**
   * True when the loop may advance its clock to `due` (Infinity: wait for whatever comes):
   * false while a real operation could still produce an event before then — the engine then
   * lets real time pass and asks again.
   */
  mayAdvanceTo(due: number): boolean {
    for (const h of this.holds) {
      // An unref'd channel does not hold a loop that has nothing else to do.
      if (due === Infinity && !h.thread.refs.has(h) && h.shutdown) continue;
      if (!h.mayAdvanceTo!(due)) return false;
    }
    return true;
  }

  /** A pool request is due by `now` (its modelled end has come) but its real answer is not in yet. */
  awaitingAnswer(now: number): boolean {
    for (const h of this.holds) if (h.dueBy !== undefined && h.dueBy <= now) return true;
    return false;
  }

  /**
   * How far virtual time has got while the loop waits for real I/O: the least frontier of the
   * holds (Infinity without any). A run waiting on a child that never ends passes the virtual-time
   * budget this way, and stops.
   */
  holdFrontier(): number {
    let t = Infinity;
    for (const h of this.holds) t = Math.min(t, h.frontier?.() ?? Infinity);
    return t;
  }

  /** Something real is still under way (the loop must not end while it is ref'd). */
  get holding(): boolean {
    return this.holds.size > 0;
  }

  /** Stops the whole run (a budget the I/O would exceed), unwinding the program's code from here. */
  stopRun(reason: string): never {
    this.world.stop(reason);
    throw this.world.host.abortError?.(reason) ?? new Error(reason);
  }

  /** What is still pending, one line each (for a run stopped early). */
  describePending(): string[] {
    return [...this.pending].map((p) => `I/O #${p.io}: ${p.what}`);
  }

  /** The run ends: real processes still running are killed; returns what was said about them. */
  shutdown(): string[] {
    const said: string[] = [];
    for (const p of [...this.pending]) {
      const text = p.shutdown?.();
      if (text !== undefined) {
        said.push(text);
        this.record(p.thread, K_WARNING, 0, this.world.host.trace.string(text), 0, p.thread.now());
      }
    }
    this.pending.clear();
    this.holds.clear();
    return said;
  }

  private track(p: Pending): void {
    this.pending.add(p);
    this.world.ref(p.thread, p, p.what);
  }

  private untrack(p: Pending): void {
    this.pending.delete(p);
    this.world.unref(p.thread, p);
  }

  private record(th: SimThread, kind: number, a: number, b: number, c: number, t: number): void {
    this.world.host.trace.event(th.id, t, kind, a, b, c);
  }
}
