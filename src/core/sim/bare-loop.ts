/**
 * The loop of a thread that runs blocking code only (sim.thread, ThreadPool, Worker with a
 * function) when the runtime cannot make a full loop for it: a clock and a queue of poll-phase
 * callbacks, nothing else. Timers and promises used inside such a thread belong to the loop
 * of the thread that runs them in the runtime (documented limitation, docs/simulation.md).
 */
import { TimedHeap, type Timed } from './heap';
import { resolveIo, type IoId, type SimTrace, type ThreadLoop } from './types';

const K_MACROTASK_START = 3;
const K_MACROTASK_END = 4;
const K_IO_DONE = 42;
const IO = 4;

interface Pending extends Timed {
  io: IoId;
  run: () => void;
}

export class BareLoop implements ThreadLoop {
  private clock = 0;
  private seq = 0;
  private readonly queue = new TimedHeap<Pending>();

  constructor(
    private readonly thread: number,
    private readonly trace: SimTrace,
  ) {}

  now(): number {
    return this.clock;
  }
  advanceTo(t: number): void {
    if (t > this.clock) this.clock = t;
  }
  nextDue(): number {
    return this.queue.peek()?.t ?? Infinity;
  }
  step(): void {
    const p = this.queue.pop();
    if (!p) return;
    this.advanceTo(p.t);
    const io = resolveIo(p.io);
    if (io < 0) return;
    if (io) this.trace.event(this.thread, this.clock, K_IO_DONE, io, 0, 0);
    this.trace.event(this.thread, this.clock, K_MACROTASK_START, IO, io, 0);
    try {
      p.run();
    } finally {
      this.trace.event(this.thread, this.clock, K_MACROTASK_END, IO, io, 0);
    }
  }
  queueIo(at: number, io: IoId, run: () => void): void {
    this.queue.push({ t: at, seq: this.seq++, io, run });
  }
  enter<T>(fn: () => T): T {
    return fn();
  }
}
