/**
 * The global scheduler: a conservative discrete-event simulation over simulated threads.
 *
 * Every thread has its own event loop and its own virtual clock. The world repeatedly runs
 * the earliest thing it knows of: a network/simulation event from its own queue, or the next
 * macrotask of the thread whose loop is due first (network first on equal times, then the
 * lower thread id). A macrotask is atomic, as in JavaScript: while it runs, its thread's clock
 * may move forward (CPU work books a core, a blocking call waits) but no other thread's code
 * runs, except inside a blocking call that needs another thread or the network to make
 * progress: then the world runs the others, nested, until the call can return. A blocked
 * thread is on the JavaScript stack, so it is never stepped while nested; if what it waits for
 * can never happen the run stops and says which thread waits on what.
 *
 * Trace: with threads, `t` is non-decreasing per thread (the `thread` column), not across
 * threads; see docs/simulation.md.
 */
import { structuredCloneSim } from './clone';
import { Cores } from './cores';
import { TimedHeap, type Timed } from './heap';
import { SimulationStopped, type IoId, type SimHost, type ThreadLoop, type WorkerEntry } from './types';

// Event kinds of trace/format.ts (a const enum there; the numbers are the contract).
const K_BLOCK = 40;
const K_IO_START = 41;
const K_IO_DONE = 42;
const K_THREAD_CREATE = 60;
const K_THREAD_EXIT = 61;

export interface WorldOptions {
  /** Simulated cores (default 4). */
  cores?: number;
  /** Seed for everything random in the simulation (clients' think times, jitter). */
  seed?: number;
  /** The run stops when the next event would be later than this (virtual ms). */
  maxVirtualMs?: number;
  /** The run stops after this many scheduler steps. */
  maxSteps?: number;
  /**
   * The runtime drives the main thread's loop itself and calls `runUntil(now)` from its poll
   * phase (co-scheduling): the world then never steps nor ends the main thread.
   */
  mainDriven?: boolean;
  /**
   * The race explorer's schedule (runtime/schedule.ts): may scale each network latency drawn
   * (a link's one-way delay for a delivery or a connect), within ±25 %.
   */
  perturbLatency?: (ms: number) => number;
}

export type ThreadState = 'new' | 'ready' | 'running' | 'blocked' | 'done';

export class SimThread {
  state: ThreadState = 'new';
  /** What the thread waits for while blocked (for stuck reports). */
  blockedOn = '';
  /** Where it blocked: an Error made at the blocking call (its stack names the user's line). */
  blockedAt: Error | undefined;
  /** The blocked call's condition (for stuck reports: is it met but the thread buried?). */
  blockedCheck: (() => number | undefined) | undefined;
  /** Handles that keep the thread alive although its loop is empty: description by handle. */
  readonly refs = new Map<object, string | (() => string)>();
  readonly exitListeners: Array<(code: number) => void> = [];
  exitCode = 0;
  cpuMs = 0;
  blockedMs = 0;
  /** Set by terminate(): the thread's blocking calls throw, its loop is not stepped again. */
  terminated = false;
  start: (() => void) | undefined;
  /** Thread-local values of the simulated modules (parentPort, workerData, …). */
  readonly locals: Record<string, unknown> = {};
  /** Receives an error thrown out of this thread's code (a Worker turns it into 'error' + 'exit'). */
  onUncaught: ((error: unknown) => void) | undefined;
  /**
   * The loop's `nextDue()` (NaN: ask again) and `ended()`. The scheduler looks at every thread
   * at every step; asking each loop each time is costly when loops are many and of different
   * realms (a Worker on a file runs its own copy of the runtime: megamorphic calls). A loop's
   * answer changes only when it runs, gets an I/O completion, or its clock is moved: the
   * world marks it stale then (`World.touch`).
   */
  dueCache = NaN;
  endedCache = false;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly loop: ThreadLoop,
    readonly parent: SimThread | undefined,
  ) {}

  now(): number {
    return this.loop.now();
  }
}

interface WorldEvent extends Timed {
  what: string;
  run: () => void;
}

export class World {
  readonly threads: SimThread[] = [];
  /**
   * Where the program started a handle that keeps a thread alive (a server's `listen` line), by
   * handle: site ids (SimHost.userSite) for "what kept the run alive" (src/core/analysis).
   */
  readonly handleSites = new WeakMap<object, number>();
  cores: Cores;
  readonly seed: number;
  readonly main: SimThread;
  /** The thread whose code is running (or the main thread between steps). */
  current: SimThread;
  /** Why the run stopped early, once it has. */
  stopped: string | undefined;
  steps = 0;
  liveThreads = 1;
  peakThreads = 1;
  private readonly events = new TimedHeap<WorldEvent>();
  private seq = 0;
  private nextIo = 1;
  private readonly maxVirtualMs: number;
  private readonly maxSteps: number;
  private readonly mainDriven: boolean;
  /** A link latency as this run takes it (WorldOptions.perturbLatency; unchanged by default). */
  readonly latency: (ms: number) => number;

  constructor(readonly host: SimHost, options: WorldOptions = {}) {
    const perturb = options.perturbLatency;
    this.latency = perturb === undefined ? (ms) => ms : (ms) => (ms > 0 ? perturb(ms) : ms);
    this.cores = new Cores(options.cores ?? 4);
    this.seed = options.seed ?? 1;
    this.maxVirtualMs = options.maxVirtualMs ?? Infinity;
    this.maxSteps = options.maxSteps ?? Infinity;
    this.mainDriven = options.mainDriven ?? false;
    this.main = new SimThread(0, 'main', host.mainLoop, undefined);
    this.main.state = 'ready';
    this.threads.push(this.main);
    this.current = this.main;
  }

  /** Changes the number of cores (before any CPU work was booked). */
  setCores(count: number): void {
    if (this.cores.busy.some((b) => b > 0)) throw new Error('cores can only be set before any cpu() work');
    this.cores = new Cores(count);
  }

  /** Structured clone made in `th`'s realm: what a message or workerData sent to it becomes. */
  cloneFor(th: SimThread): (value: unknown) => unknown {
    return this.host.cloneInto?.(th.id) ?? ((value) => structuredCloneSim(value));
  }

  /** The current thread's virtual clock. */
  now(): number {
    return this.current.now();
  }

  /** Schedules a simulation event (network, scripted client) at global virtual time `t`. */
  at(t: number, what: string, run: () => void): void {
    this.events.push({ t, seq: this.seq++, what, run });
  }

  // ---------------------------------------------------------------- threads

  /** Makes a thread; it starts (runs its entry as its first macrotask) at the parent's clock. */
  spawn(name: string, entry: WorkerEntry): SimThread {
    const parent = this.current;
    const id = this.threads.length;
    const { loop, start } = this.host.createThread(id, name, entry);
    loop.advanceTo(parent.now());
    const th = new SimThread(id, name, loop, parent);
    th.start = start;
    th.state = 'ready';
    this.threads.push(th);
    this.liveThreads++;
    this.peakThreads = Math.max(this.peakThreads, this.liveThreads);
    this.record(th, K_THREAD_CREATE, id, this.host.trace.string(name), 0);
    return th;
  }

  /** Ends a thread (its entry and loop are done, or terminate()). Exit listeners run now. */
  exit(th: SimThread, code: number): void {
    if (th.state === 'done') return;
    if (th.state === 'blocked' || th.state === 'running') th.terminated = true;
    th.state = 'done';
    th.exitCode = code;
    th.refs.clear();
    this.liveThreads--;
    this.record(th, K_THREAD_EXIT, th.id, 0, 0);
    for (const l of th.exitListeners.splice(0)) l(code);
  }

  ref(th: SimThread, handle: object, what: string | (() => string)): void {
    th.refs.set(handle, what);
  }

  /** Remembers the program's line that started `handle` (labelled `label`, e.g. `listen`). */
  placeHandle(handle: object, label: string): void {
    const site = this.host.userSite?.(label) ?? 0;
    if (site !== 0) this.handleSites.set(handle, site);
  }

  unref(th: SimThread, handle: object): void {
    th.refs.delete(handle);
  }

  // ---------------------------------------------------------------- time passing inside a thread

  /** CPU work of `ms` on the current thread: books a core (waiting for one if all are busy). */
  cpu(ms: number, label = 'sim.cpu'): void {
    const th = this.current;
    const t0 = th.now();
    const b = this.cores.book(t0, ms);
    th.cpuMs += ms;
    const waited = b.start - t0;
    const what = waited > 0 ? `cpu ${ms} ms on core ${b.core} (waited ${waited} ms for a core)` : `cpu ${ms} ms on core ${b.core}`;
    this.block(th, t0, b.end, what, label);
  }

  /** A blocking wait of `ms` that needs no core (sleep, Atomics.wait timing out). */
  sleep(ms: number, what = `blocked ${ms} ms`, label = what): void {
    const th = this.current;
    const t0 = th.now();
    this.block(th, t0, t0 + Math.max(0, ms), what, label);
  }

  /**
   * Blocks the current thread until `check` returns the virtual time at which what it waits for
   * happened (or until `timeoutAt`). Meanwhile the world runs the network and the other threads.
   * Returns true if the condition was met, false on timeout. `label` names the call at its
   * source (the Block's site: `sim.readLineSync`), `what` describes this wait.
   */
  blockUntil(what: string, check: () => number | undefined, timeoutAt = Infinity, label = what): boolean {
    const th = this.current;
    const t0 = th.now();
    let r = check();
    if (r === undefined) {
      this.host.blocking?.(true);
      const before = th.state;
      th.state = 'blocked';
      th.blockedOn = what;
      th.blockedAt = new Error(what);
      th.blockedCheck = check;
      try {
        for (;;) {
          if (this.stopped !== undefined) throw this.abort(this.stopped);
          if (th.terminated) throw this.abort(`thread ${th.name} was terminated`);
          r = check();
          if (r !== undefined) break;
          if (this.peekTime() > timeoutAt) break;
          if (!this.runOne()) {
            if (timeoutAt < Infinity) break;
            this.stuck();
            throw this.abort(this.stopped ?? 'stuck');
          }
        }
      } finally {
        this.current = th;
        if (th.state === 'blocked') th.state = before;
        th.blockedOn = '';
        th.blockedAt = undefined;
        th.blockedCheck = undefined;
        this.host.blocking?.(false);
      }
    }
    const end = r !== undefined ? Math.max(t0, r) : Math.max(t0, timeoutAt);
    this.block(th, t0, end, what, label);
    return r !== undefined;
  }

  private block(th: SimThread, t0: number, end: number, what: string, label: string): void {
    if (end <= t0) return;
    th.blockedMs += end - t0;
    // Placed at the program's line (a blocking call is rare enough for a stack capture), so the
    // analysis flags `sim.cpu(100)` where it is written.
    const site = this.host.userSite?.(label) ?? this.host.currentSite?.() ?? 0;
    this.record(th, K_BLOCK, end - t0, this.host.trace.string(what), site, t0);
    th.loop.advanceTo(end);
    this.touch(th);
  }

  // ---------------------------------------------------------------- I/O through the poll phase

  /** Records the start of an I/O operation on the current thread; returns its id. `description`: text or an interned string id. */
  ioStart(description: string | number): number {
    const io = this.nextIo++;
    const th = this.current;
    const text = typeof description === 'number' ? description : this.host.trace.string(description);
    this.record(th, K_IO_START, io, text, this.host.currentSite?.() ?? 0);
    return io;
  }

  /** An I/O of `th` done outside a poll phase's completion (a port drained as a Worker exits): its IoDone, now. */
  ioDone(th: SimThread, io: number): void {
    this.record(th, K_IO_DONE, io, 0, 0);
  }

  /**
   * Hands an I/O completion to `th`'s poll phase at time `t` (IoDone is recorded by the loop).
   * `nextPoll`: not in a poll phase already running; `weak`: does not keep the loop alive (ThreadLoop.queueIo).
   */
  complete(th: SimThread, t: number, io: IoId, run: () => void, nextPoll = false, weak = false): void {
    if (th.state === 'done') return;
    th.loop.queueIo(t, io, run, nextPoll, weak);
    this.touch(th);
  }

  /** A libuv pending callback of `th` (ThreadLoop.queuePending). */
  pending(th: SimThread, io: number, run: () => void): void {
    if (th.state === 'done') return;
    if (th.loop.queuePending) th.loop.queuePending(io, run);
    else th.loop.queueIo(th.now(), io, run);
    this.touch(th);
  }

  /** `run` when `th`'s next poll phase starts, before its I/O (ThreadLoop.queueWatch). */
  watch(th: SimThread, run: () => void): void {
    if (th.state === 'done') return;
    if (th.loop.queueWatch) th.loop.queueWatch(run);
    else run();
    this.touch(th);
  }

  /** A handle of `th` was closed: `run` is its close callback (ThreadLoop.queueClose). */
  closing(th: SimThread, run: () => void): void {
    if (th.state === 'done') return;
    if (th.loop.queueClose) th.loop.queueClose(run);
    else th.loop.queueIo(th.now(), 0, run);
    this.touch(th);
  }

  // ---------------------------------------------------------------- the scheduler

  /** Runs until the main thread is done, the run is stuck, or a budget is exhausted. */
  run(): void {
    while (this.stopped === undefined && this.runOne()) {
      /* each call runs one event or one macrotask */
    }
    if (this.stopped === undefined && this.main.state !== 'done') this.stuck();
  }

  /**
   * Co-scheduling (options.mainDriven): runs every simulation event and every other thread's
   * macrotask due at or before `t`, the main thread's clock in its poll phase.
   */
  runUntil(t: number): void {
    while (this.reap()) {
      /* threads that ended since the last call exit now (their listeners may queue work) */
    }
    while (this.stopped === undefined && this.peekTime() <= t) {
      if (!this.runOne()) break;
    }
  }

  /** Earliest time at which anything of the simulation can run (Infinity if nothing can). */
  nextTime(): number {
    while (this.reap()) {
      /* as in runUntil */
    }
    return this.peekTime();
  }

  /** Earliest time at which anything can run (Infinity if nothing can). */
  private peekTime(): number {
    const ev = this.events.peek();
    let t = ev ? ev.t : Infinity;
    for (const th of this.threads) {
      const due = this.dueOf(th);
      if (due < t) t = due;
    }
    return t;
  }

  private dueOf(th: SimThread): number {
    if (th === this.main && this.mainDriven) return Infinity;
    if (th.state !== 'ready' && th.state !== 'new') return Infinity;
    if (th.start) return th.now();
    const due = this.loopDue(th);
    return th.endedCache ? Infinity : due;
  }

  /** `th`'s loop may have changed (it ran, got an I/O completion, its clock moved): ask it again. */
  private touch(th: SimThread): void {
    th.dueCache = NaN;
  }

  /**
   * When `th`'s loop can run next: max(its nextDue(), its clock), Infinity if nothing is queued;
   * cached until the loop may have changed (see SimThread.dueCache).
   */
  private loopDue(th: SimThread): number {
    let due = th.dueCache;
    if (due !== due) {
      th.endedCache = th.loop.ended?.() ?? false;
      due = th.loop.nextDue();
      if (due !== Infinity) due = Math.max(due, th.loop.now());
      th.dueCache = due;
    }
    return due;
  }

  /** Runs the earliest event or macrotask. False when nothing can run (done or stuck). */
  private runOne(): boolean {
    if (this.reap()) return true;
    if (this.main.state === 'done' && !this.mainDriven) return false;
    let best: SimThread | undefined;
    let bestT = Infinity;
    for (const th of this.threads) {
      const due = this.dueOf(th);
      if (due < bestT) {
        bestT = due;
        best = th;
      }
    }
    const ev = this.events.peek();
    const t = ev && ev.t <= bestT ? ev.t : bestT;
    if (t === Infinity) return false;
    if (t > this.maxVirtualMs) {
      this.stop(`virtual-time budget: next event at ${t} ms is past ${this.maxVirtualMs} ms`);
      return false;
    }
    if (++this.steps > this.maxSteps) {
      this.stop(`step budget: more than ${this.maxSteps} simulation steps`);
      return false;
    }
    if (ev && ev.t <= bestT) {
      this.events.pop();
      ev.run();
    } else if (best) {
      this.stepThread(best);
    }
    if ((this.steps & 63) === 0) this.pruneCores();
    return true;
  }

  private stepThread(th: SimThread): void {
    const prev = this.current;
    this.current = th;
    th.state = 'running';
    try {
      const start = th.start;
      if (start) {
        th.start = undefined;
        th.loop.enter(start);
      } else {
        th.loop.enter(() => th.loop.step());
      }
    } catch (error) {
      // An uncaught error in a worker ends that worker (Node: 'error' then 'exit' on the Worker);
      // on the main thread, or when the run was stopped, it is the runtime's to report.
      // A terminated thread's blocking call threw to unwind it: nothing to report.
      if (th.terminated) return;
      if (th === this.main || !th.onUncaught || (error as { simulationStopped?: boolean })?.simulationStopped) throw error;
      th.onUncaught(error);
    } finally {
      if (th.state === 'running') th.state = 'ready';
      this.touch(th);
      this.current = prev;
    }
  }

  /** Threads whose loop is empty and that nothing keeps alive end here. True if one did. */
  private reap(): boolean {
    let any = false;
    for (const th of this.threads) {
      if (th.state !== 'ready' || th.start || (th === this.main && this.mainDriven)) continue;
      const due = this.loopDue(th);
      if (th.endedCache) {
        this.exit(th, th.loop.exitCode?.() ?? 0);
        any = true;
        continue;
      }
      if (th.refs.size > 0 || due !== Infinity) continue;
      if (th.loop.exiting) {
        const prev = this.current;
        this.current = th;
        try {
          th.loop.enter(() => th.loop.exiting!());
        } finally {
          this.current = prev;
        }
      }
      this.exit(th, th.loop.exitCode?.() ?? 0);
      any = true;
    }
    return any;
  }

  /**
   * Forgets core bookings no thread can collide with any more: those that end before the
   * earliest moment any thread can book again. An idle thread (nothing queued) does not hold
   * that moment back: it can only be woken by another thread or an event, at their time or later.
   */
  private pruneCores(): void {
    let min = this.events.peek()?.t ?? Infinity;
    for (const th of this.threads) {
      if (th.state === 'done') continue;
      const idle = th.state === 'ready' && !th.start && th !== this.main && this.loopDue(th) === Infinity;
      if (!idle) min = Math.min(min, th.now());
    }
    if (min < Infinity) this.cores.prune(min);
  }

  /** Stops the run with a report of what every live thread is stuck on. */
  stuck(): void {
    const lines: string[] = [];
    for (const th of this.threads) {
      if (th.state === 'done') continue;
      const at = `at ${th.now()} ms`;
      if (th.state === 'blocked') {
        const met = th.blockedCheck?.() !== undefined;
        const buried = met ? ' — its wait is over, but it is below another blocked thread on the simulator\'s stack (nested blocking, see docs/simulation.md)' : '';
        lines.push(`thread ${th.id} (${th.name}) is blocked ${at} in ${th.blockedOn}${userFrame(th.blockedAt)}${buried}`);
      }
      else if (th.refs.size > 0) lines.push(`thread ${th.id} (${th.name}) waits ${at} on ${[...th.refs.values()].map((d) => (typeof d === 'string' ? d : d())).join(', ')}`);
      else lines.push(`thread ${th.id} (${th.name}) has nothing left to run ${at}`);
    }
    const deadlock = this.threads.some((th) => th.state === 'blocked');
    this.stop(`${deadlock ? 'deadlock' : 'stuck'}: nothing can happen any more. ${lines.join('; ')}`);
  }

  private abort(reason: string): unknown {
    return this.host.abortError?.(reason) ?? new SimulationStopped(reason);
  }

  stop(reason: string): void {
    if (this.stopped !== undefined) return;
    this.stopped = reason;
    this.host.stop(reason);
  }

  private record(th: SimThread, kind: number, a: number, b: number, c: number, t = th.now()): void {
    this.host.trace.event(th.id, t, kind, a, b, c);
  }
}

/**
 * The first stack frame of user code in `err` (" at serve (samples/chat.ts:12:20)"), or ''.
 * Frames of the simulation, the runtime and the harness are skipped; in the sandbox the
 * engine's source maps make the frame point at the user's TypeScript.
 */
function userFrame(err: Error | undefined): string {
  const stack = err?.stack;
  if (!stack) return '';
  for (const line of stack.split('\n').slice(1)) {
    const l = line.trim();
    if (!l.startsWith('at ') || /runtime\.js|[\\/]core[\\/](sim|runtime)[\\/]|node:internal|<anonymous>\)?$/.test(l)) continue;
    return ` (${l})`;
  }
  return '';
}
