/**
 * The loops of the threads the simulation steps (src/core/sim: `ThreadLoop`), as this runtime
 * makes them, and how one I/O completion runs on them (`runCompletion`):
 * - `MainLoop`: the main thread's poll queue, closing handles, pending callbacks and watchers;
 *   driven by the runtime's own loop (loop.ts through sim-bridge.ts), never by the world. In
 *   thread mode (a Worker on a file) it is that thread's I/O queue.
 * - `FunctionThreadLoop`: a thread made with a function (sim.thread, a pool thread,
 *   new Worker(fn)) sharing this runtime's context: its clock is parked while another thread
 *   runs and swapped into `clock.now` while it runs.
 * - `WorkerThreadLoop`: thread mode, this runtime's own thread as the world steps it (its
 *   iteration is loop.ts's, reached through the `LoopDriver` loop.ts connects).
 */
import { EventKind, MacrotaskKind } from '../trace/format';
import { TimedHeap, type Timed } from '../sim/heap';
import { structuredCloneSim } from '../sim/clone';
import { resolveIo, type IoId, type ThreadLoop } from '../sim/types';
import { advanceTo, clock, flushBlock, measureFromNow } from './clock';
import { emitExit, triggerUncaughtException } from './fatal';
import type { ThreadRuntime } from './host-api';
import { SimPromise } from './promise-api';
import { EXIT_SIGNAL, rt } from './state';
import { scheduled, scheduleLateMs } from './schedule';
import { captureFrame, cx } from './async-context/state';
import { recordStores, storesTraced } from './async-context/trace-stores';

export interface Completion extends Timed {
  io: IoId;
  run: () => void;
  /** The ALS context of the code that queued it (the request's: an fs call's callback runs in its caller's). */
  frame: unknown;
  /** Internal work of the loop that runs no user code (a Worker's output reaching stdout): no macrotask. */
  quiet?: boolean;
  /** Queued during poll phase number `epoch` with `nextPoll`: that phase leaves it to the next one. */
  epoch?: number;
  /** An unref'd handle's wake-up (a port's uv_async_send): it does not keep the loop alive. */
  weak?: boolean;
}

/**
 * What the bridge asks of the event loop (loop.ts): drain ticks and microtasks after a
 * completion, and a worker thread's iteration. loop.ts imports this module and connects itself
 * when it is loaded, so the imports go one way (loop → sim-bridge → thread-loops → fatal), as in
 * jobs.ts.
 */
export interface LoopDriver {
  runNextTicks(): void;
  threadNextDue(): number;
  runThreadStep(): void;
}
const unconnected = (): never => {
  throw new Error('async-timeline internal error: the event loop is not connected to the simulation bridge');
};
let eventLoop: LoopDriver = { runNextTicks: unconnected, threadNextDue: unconnected, runThreadStep: unconnected };
export function connectLoop(driver: LoopDriver): void {
  eventLoop = driver;
}

/** Thread whose clock is in `clock.now` right now; the others' clocks are parked here. */
let active = 0;
const parked = new Map<number, number>([[0, 0]]);

export function runCompletion(p: Completion): void {
  if (p.quiet) {
    p.run();
    return;
  }
  const io = resolveIo(p.io);
  if (io < 0) return; // a wake that finds nothing to do (ports.ts): no macrotask
  if (io) rt.rec.emit(EventKind.IoDone, io, 0, 0);
  // The race explorer's schedule may have this callback start late (runtime/schedule.ts), on
  // any thread: a Worker's runtime follows the main one's schedule.
  if (scheduled) {
    const late = scheduleLateMs();
    if (late > 0) advanceTo(clock.now + late);
  }
  rt.stretch++;
  if (clock.measured) measureFromNow();
  rt.rec.emit(EventKind.MacrotaskStart, MacrotaskKind.Io, io, 0);
  const prior = cx.frame;
  cx.frame = p.frame;
  if (storesTraced && rt.tracing) recordStores();
  try {
    p.run();
  } catch (e) {
    cx.frame = prior;
    triggerUncaughtException(e, false);
  }
  cx.frame = prior;
  eventLoop.runNextTicks();
  if (clock.measured) flushBlock();
  rt.rec.emit(EventKind.MacrotaskEnd, MacrotaskKind.Io, io, 0);
}

/** The main thread: driven by the runtime's own loop (the world never steps it). */
export class MainLoop implements ThreadLoop {
  readonly queue = new TimedHeap<Completion>();
  /** Number of the poll phase running now (0: none is running; simPoll sets it). */
  pollEpoch = 0;
  /** How many queued completions are weak (ThreadLoop.queueIo): the rest keep the loop alive. */
  weakQueued = 0;
  /** uv_close callbacks waiting for the closing-handles phase, in the order of the closes. */
  closing: Completion[] = [];
  queueClose(run: () => void): void {
    // A close callback runs in the async context of the code that closed the handle.
    this.closing.push({ t: 0, seq: 0, io: 0, run, frame: captureFrame() });
  }
  /** libuv pending callbacks (uv__io_feed), run by simPoll around the poll's I/O. */
  pending: Completion[] = [];
  queuePending(io: number, run: () => void): void {
    this.pending.push({ t: 0, seq: 0, io, run, frame: captureFrame() });
  }
  /** Watchers to register when the next poll phase starts (ThreadLoop.queueWatch), in order. */
  watching: Array<{ run: () => void; frame: unknown }> = [];
  queueWatch(run: () => void): void {
    this.watching.push({ run, frame: captureFrame() });
  }
  private seq = 0;
  nextSeq(): number {
    return this.seq++;
  }
  now(): number {
    return active === 0 ? clock.now : (parked.get(0) as number);
  }
  advanceTo(t: number): void {
    if (active === 0) advanceTo(t);
    else parked.set(0, Math.max(parked.get(0) as number, t));
  }
  nextDue(): number {
    return Infinity;
  }
  step(): void {}
  queueIo(at: number, io: IoId, run: () => void, nextPoll = false, weak = false): void {
    this.queue.push({ t: at, seq: this.seq++, io, run, frame: captureFrame(), epoch: nextPoll && this.pollEpoch !== 0 ? this.pollEpoch : undefined, weak });
    if (weak) this.weakQueued++;
  }
  /** Queued completions that keep the loop alive. */
  get strongQueued(): number {
    return this.queue.size - this.weakQueued;
  }
  enter<T>(fn: () => T): T {
    return fn();
  }
}

/** The main thread's loop; in thread mode, this thread's I/O queue. */
export const mainLoop = new MainLoop();

/** A function thread: a clock and a poll queue; its clock is live while it runs. */
class FunctionThreadLoop implements ThreadLoop {
  private readonly queue = new TimedHeap<Completion>();
  private seq = 0;
  constructor(private readonly id: number) {
    parked.set(id, 0);
  }
  now(): number {
    return active === this.id ? clock.now : (parked.get(this.id) as number);
  }
  advanceTo(t: number): void {
    if (active === this.id) advanceTo(t);
    else parked.set(this.id, Math.max(parked.get(this.id) as number, t));
  }
  nextDue(): number {
    return this.queue.peek()?.t ?? Infinity;
  }
  step(): void {
    const p = this.queue.pop();
    if (!p) return;
    this.advanceTo(p.t);
    runCompletion(p);
  }
  queueIo(at: number, io: IoId, run: () => void): void {
    this.queue.push({ t: at, seq: this.seq++, io, run, frame: captureFrame() });
  }
  enter<T>(fn: () => T): T {
    // CPU time measured: what the thread we leave computed is its own; this one's starts now.
    if (clock.measured) flushBlock();
    const prev = active;
    const prevThread = rt.rec.thread;
    parked.set(prev, clock.now);
    active = this.id;
    clock.now = parked.get(this.id) as number;
    rt.rec.now = clock.now;
    rt.rec.thread = this.id;
    if (clock.measured) measureFromNow();
    try {
      return fn();
    } finally {
      if (clock.measured) flushBlock();
      parked.set(this.id, clock.now);
      active = prev;
      clock.now = parked.get(prev) as number;
      rt.rec.now = clock.now;
      rt.rec.thread = prevThread;
      if (clock.measured) measureFromNow();
    }
  }
}

/**
 * Thread mode: this runtime's thread as the world drives it. Its clock is this runtime's own
 * (`clock`); the recorder is shared, so entering stamps the thread's id and time on it.
 */
class WorkerThreadLoop implements ThreadLoop {
  private depth = 0;
  constructor(private readonly id: number) {}
  now(): number {
    return clock.now;
  }
  advanceTo(t: number): void {
    if (this.depth > 0) {
      advanceTo(t);
      return;
    }
    // Not running (the world moves a new thread to its parent's clock): the recorder's time
    // belongs to the thread that runs, leave it alone.
    const saved = rt.rec.now;
    advanceTo(t);
    rt.rec.now = saved;
  }
  nextDue(): number {
    return eventLoop.threadNextDue();
  }
  step(): void {
    eventLoop.runThreadStep();
  }
  queueIo(at: number, io: IoId, run: () => void, nextPoll = false, weak = false): void {
    mainLoop.queueIo(at, io, run, nextPoll, weak);
  }
  queueClose(run: () => void): void {
    mainLoop.queueClose(run);
  }
  queuePending(io: number, run: () => void): void {
    mainLoop.queuePending(io, run);
  }
  queueWatch(run: () => void): void {
    mainLoop.queueWatch(run);
  }
  enter<T>(fn: () => T): T {
    const rec = rt.rec;
    const now = rec.now;
    const thread = rec.thread;
    rec.now = clock.now;
    rec.thread = this.id;
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
      rec.now = now;
      rec.thread = thread;
    }
  }
  ended(): boolean {
    return rt.exited;
  }
  exitCode(): number {
    return rt.exitCode;
  }
  exiting(): void {
    // Node emits 'exit' on a worker's own process when its loop ends (process.exitCode counts).
    emitExit();
    rt.exited = true;
  }
}

/** Thread mode: the thread as the simulation drives it (RuntimeHandle.threadRuntime). */
export function workerThreadRuntime(id: number, start: () => void): ThreadRuntime {
  return {
    loop: new WorkerThreadLoop(id),
    start,
    Promise: SimPromise as unknown as PromiseConstructor,
    exitSignal: EXIT_SIGNAL,
    clone: (value) => structuredCloneSim(value),
    functionThread,
  };
}

/**
 * A thread running `fn` in this runtime's context (sim.thread, a pool thread, new Worker(fn)):
 * its clock is swapped into this runtime's `clock` while it runs (FunctionThreadLoop).
 */
export function functionThread(id: number, fn: () => unknown): { loop: ThreadLoop; start: () => void } {
  const loop = new FunctionThreadLoop(id);
  const start = () => {
    rt.stretch++;
    rt.rec.emit(EventKind.MacrotaskStart, MacrotaskKind.Script, 0, 0);
    try {
      fn();
    } catch (e) {
      triggerUncaughtException(e, false);
    }
    eventLoop.runNextTicks();
    rt.rec.emit(EventKind.MacrotaskEnd, MacrotaskKind.Script, 0, 0);
  };
  return { loop, start };
}
