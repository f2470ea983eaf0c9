/**
 * The contract between the simulation (network, threads, cores) and the runtime that owns
 * each thread's event loop. The simulation never runs user code by itself: it asks a
 * thread's loop to run the next macrotask (`step`), and it hands I/O completions to the
 * loop's poll phase (`queueIo`). Everything here is pure: no Node, no DOM.
 *
 * Implementations: the runtime (src/core/runtime, one `ThreadLoop` per simulated thread) and
 * `direct/loop.ts` (a small stand-in used by the unit tests and the benchmark).
 */

/** One simulated thread's event loop, as the global scheduler drives it. */
export interface ThreadLoop {
  /** This thread's virtual clock (ms). Never decreases. */
  now(): number;
  /**
   * Moves the clock forward to `t` (idle until the next due event, or a blocking call that
   * returned). The loop records nothing for an idle advance; `Block` events are recorded by
   * the simulation through `SimTrace`.
   */
  advanceTo(t: number): void;
  /**
   * Earliest virtual time at which a macrotask of this loop can run (a due timer, an
   * immediate, a queued I/O completion), or Infinity when nothing is queued. Ticks and
   * microtasks never count: they are drained inside `step`.
   */
  nextDue(): number;
  /**
   * Runs the next macrotask in Node's phase order (timers, poll, check) and every tick and
   * microtask it caused. Called by the scheduler only when `nextDue()` is the smallest time in
   * the world; the loop advances its own clock to that time first.
   */
  step(): void;
  /**
   * Queues an I/O completion for the poll phase: once the clock is at least `at`, the loop
   * records `IoDone(io)`, opens an Io macrotask and calls `run`. `io` may be a function, asked
   * when the completion's turn comes (a uv_async callback finds its work then: the message a
   * port delivers, ports.ts); a negative answer means nothing to do: no macrotask, no `run`.
   * `at` = -Infinity puts it first in line (the next callback scope of the running one).
   */
  /*
   * `nextPoll`: the readiness is only seen by a poll phase that starts after it was queued (a
   * socket that became readable while the current poll phase runs callbacks waits for the next
   * epoll_wait, as libuv's does). Loops that have no phases may ignore it.
   */
  /*
   * `weak`: an unref'd handle's wake-up (a port's uv_async_send): it runs if the loop runs, but
   * does not keep the loop alive (the handle's ref does, see World.ref). Loops may ignore it.
   */
  queueIo(at: number, io: IoId, run: () => void, nextPoll?: boolean, weak?: boolean): void;
  /**
   * Optional: a uv_close callback, run in the closing-handles phase after the check phase (the
   * most recently closed handle first). Loops without that phase run it as an I/O completion.
   */
  queueClose?(run: () => void): void;
  /**
   * Optional: a libuv pending callback (uv__io_feed: a shutdown with nothing left to write). It
   * runs in the next pending phase: before the next poll's I/O when queued outside a poll phase,
   * right after the running poll's I/O when queued during it. Loops without it use queueIo.
   */
  queuePending?(io: number, run: () => void): void;
  /**
   * Optional: `run` when the next poll phase starts, after its pending phase and before its I/O
   * — where libuv registers a changed watcher with epoll (uv__io_poll's epoll_ctl). A socket that
   * starts reading with data already waiting is ready from then on: after what became ready
   * while the current phase ran. Loops without phases run it at once.
   */
  queueWatch?(run: () => void): void;
  /**
   * Runs `fn` with this loop as the current one (timers, ticks and promise jobs made inside
   * go to this thread). The runtime switches its "current loop" around it.
   */
  enter<T>(fn: () => T): T;
  /**
   * Optional: the thread's own code ended it (process.exit, an uncaught error) although work
   * may remain; the world then ends the thread with `exitCode()`.
   */
  ended?(): boolean;
  exitCode?(): number;
  /** Optional: the thread ends naturally (its loop is empty): e.g. its process 'exit' event. */
  exiting?(): void;
}

/** An I/O id, or one decided when the completion runs (see ThreadLoop.queueIo). */
export type IoId = number | (() => number);

/** The I/O id of a completion about to run (negative: it has nothing to do). */
export function resolveIo(io: IoId): number {
  return typeof io === 'function' ? io() : io;
}

/** Where the simulation writes its trace events (the runtime's recorder). */
export interface SimTrace {
  /** Records one event on `thread` at virtual time `t` (kind from trace/format.ts EventKind). */
  event(thread: number, t: number, kind: number, a: number, b: number, c: number): void;
  /** Interns a string, returns its index in the string table. */
  string(text: string): number;
}

/** What the runtime gives the simulation when it installs it. */
export interface SimHost {
  trace: SimTrace;
  /** The main thread's loop (thread id 0). */
  mainLoop: ThreadLoop;
  /**
   * Makes the loop of a new thread. With `entry` undefined the thread shares the current
   * context (a function thread); with a file/URL the engine loads that module into a fresh
   * context for it (Node's `new Worker(file)`); `run` is then called inside the new thread to
   * evaluate it. Returns the new loop and a starter that evaluates the entry.
   */
  createThread(id: number, name: string, entry: WorkerEntry): { loop: ThreadLoop; start: () => void };
  /** The host's real monotonic clock (ms): real processes outside the simulation run by it. */
  realNow?(): number;
  /** The program's environment (process.env) as it is now. */
  env?(): Record<string, string | undefined>;
  /** The site of the user code calling us right now (0 if unknown), for Block/IoStart. */
  currentSite?(): number;
  /**
   * The site of the program's own innermost frame now, labelled `label` (0 if unknown): one
   * stack capture, so asked only for rare events — a blocking call (`sim.cpu`, a blocking read),
   * a server starting to listen — that the run's analysis names at their line.
   */
  userSite?(label: string): number;
  /** A blocking call of the current thread starts (true) or returns (false): other threads may run nested meanwhile. */
  blocking?(starts: boolean): void;
  /**
   * The async context (AsyncLocalStorage store) of the code calling now, as a runner that runs a
   * function inside it: a handle made now (a child process's channel) delivers its events in the
   * context of the call that made it, as Node's AsyncWrap handles do. `empty`: a runner with no
   * store (a handle Node makes outside any context).
   */
  captureContext?(empty?: boolean): (run: () => void) => void;
  /** Tells the runtime the run must stop (stuck, budget); the trace so far is kept. */
  stop(reason: string): void;
  /** The sandbox's Promise constructor (the project's spec Promise), for promise-returning APIs. */
  Promise: PromiseConstructor;
  /**
   * What a blocking call throws once the run is stopped (the runtime's exit signal, which user
   * code cannot swallow); default: a SimulationStopped error.
   */
  abortError?(reason: string): unknown;
  /**
   * Optional: structured clone into `thread`'s realm (a Worker on a file has its own globals).
   * undefined: the simulation's own clone (its realm is every thread's).
   */
  cloneInto?(thread: number): ((value: unknown) => unknown) | undefined;
  /**
   * Optional: the platform's structuredClone (V8's serializer) as `(value, transfer)`: the
   * simulation lets it validate a message (its DataCloneErrors are the exact ones), run its
   * getters once and detach the transferred ArrayBuffers; its copy is what the message holds
   * (src/core/sim/ports.ts serializeMessage).
   */
  platformClone?(value: unknown, transfer: ArrayBuffer[]): unknown;
  /**
   * Optional: an error thrown by an EventTarget listener (a port's), reported as Node's
   * EventTarget does: `process.nextTick(() => { throw error })`, in the current callback scope;
   * `thrown` runs just before it is thrown. Absent: the error is thrown at once.
   */
  deferError?(error: unknown, thrown: () => void): void;
  /** The Node line the run imitates (20, 22, 24, 26; default 20): a few messages differ. */
  nodeMajor?: number;
}

/** What a Worker runs: a module (engine loads it) or a function in the same context. */
export type WorkerEntry =
  | { kind: 'file'; specifier: string; eval: boolean }
  | { kind: 'function'; fn: (...args: unknown[]) => unknown };

/** Thrown out of a blocking call when the run has been stopped (deadlock, budget). */
export class SimulationStopped extends Error {
  /** Lets the runtime recognise it even across contexts. */
  readonly simulationStopped = true;
  constructor(reason: string) {
    super(reason);
    this.name = 'SimulationStopped';
  }
}
