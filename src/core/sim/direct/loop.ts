/**
 * A stand-in event loop per simulated thread, for the unit tests and the benchmark of the
 * simulation (the real one is the runtime's). Timers, immediates, poll-phase I/O
 * completions, nextTick and microtask queues, in virtual time; the phase rule is simplified
 * (at one instant: due timers, then I/O, then immediates).
 */
import { TimedHeap, type Timed } from '../heap';
import { resolveIo, type IoId, type SimTrace, type ThreadLoop } from '../types';

const K_MACROTASK_START = 3;
const K_MACROTASK_END = 4;
const K_IO_DONE = 42;

interface TimerEntry extends Timed {
  id: number;
  fn: () => void;
  repeat: number;
  cleared: boolean;
}

interface IoEntry extends Timed {
  io: IoId;
  run: () => void;
}

export class DirectLoop implements ThreadLoop {
  /** The loop of the thread running now (timers and promise jobs go there). */
  static current: DirectLoop;

  private clock = 0;
  private seq = 0;
  private nextTimer = 1;
  private readonly timers = new TimedHeap<TimerEntry>();
  private readonly timerById = new Map<number, TimerEntry>();
  private immediates: Array<{ fn: () => void; cleared: boolean }> = [];
  private readonly io = new TimedHeap<IoEntry>();
  private readonly ticks: Array<() => void> = [];
  private readonly jobs: Array<() => void> = [];
  /** Timers and immediates keep a loop alive; refs of the simulation are counted by the world. */
  macrotasks = 0;

  constructor(
    readonly thread: number,
    private readonly trace: SimTrace,
  ) {}

  now(): number {
    return this.clock;
  }
  advanceTo(t: number): void {
    if (t > this.clock) this.clock = t;
  }

  nextDue(): number {
    while (this.timers.peek()?.cleared) this.timers.pop();
    let t = this.timers.peek()?.t ?? Infinity;
    const io = this.io.peek();
    if (io && io.t < t) t = io.t;
    if (this.immediates.some((i) => !i.cleared)) t = Math.min(t, this.clock);
    return t;
  }

  step(): void {
    this.advanceTo(this.nextDue());
    const timer = this.timers.peek();
    if (timer && timer.t <= this.clock) {
      this.timers.pop();
      if (timer.repeat > 0) {
        timer.t = this.clock + timer.repeat;
        timer.seq = this.seq++;
        this.timers.push(timer);
      } else this.timerById.delete(timer.id);
      this.macrotask(2, timer.id, timer.fn);
      return;
    }
    const io = this.io.peek();
    if (io && io.t <= this.clock) {
      this.io.pop();
      const id = resolveIo(io.io);
      if (id < 0) return;
      if (id) this.trace.event(this.thread, this.clock, K_IO_DONE, id, 0, 0);
      this.macrotask(4, id, io.run);
      return;
    }
    const imm = this.immediates.shift();
    if (imm && !imm.cleared) this.macrotask(3, 0, imm.fn);
  }

  queueIo(at: number, io: IoId, run: () => void): void {
    this.io.push({ t: at, seq: this.seq++, io, run });
  }

  enter<T>(fn: () => T): T {
    const prev = DirectLoop.current;
    DirectLoop.current = this;
    try {
      return fn();
    } finally {
      DirectLoop.current = prev;
    }
  }

  /** Runs one macrotask and then every tick and microtask it caused. */
  macrotask(kind: number, id: number, fn: () => void): void {
    this.trace.event(this.thread, this.clock, K_MACROTASK_START, kind, id, 0);
    try {
      fn();
    } finally {
      this.drain();
      this.trace.event(this.thread, this.clock, K_MACROTASK_END, kind, id, 0);
    }
  }

  drain(): void {
    while (this.ticks.length > 0 || this.jobs.length > 0) {
      while (this.ticks.length > 0) (this.ticks.shift() as () => void)();
      while (this.jobs.length > 0) (this.jobs.shift() as () => void)();
    }
  }

  enqueueJob(job: () => void): void {
    this.jobs.push(job);
  }
  nextTick(fn: () => void): void {
    this.ticks.push(fn);
  }

  setTimer(fn: () => void, ms: number, repeat: boolean): number {
    const delay = Math.max(1, Math.floor(Number(ms) || 0));
    const id = this.nextTimer++;
    const e: TimerEntry = { t: this.clock + delay, seq: this.seq++, id, fn, repeat: repeat ? delay : 0, cleared: false };
    this.timers.push(e);
    this.timerById.set(id, e);
    return id;
  }
  clearTimer(id: number): void {
    const e = this.timerById.get(id);
    if (e) {
      e.cleared = true;
      this.timerById.delete(id);
    }
  }
  setImmediate(fn: () => void): object {
    const e = { fn, cleared: false };
    this.immediates.push(e);
    return e;
  }
  clearImmediate(handle: unknown): void {
    if (handle && typeof handle === 'object') (handle as { cleared: boolean }).cleared = true;
  }
}
