/**
 * Simulated threads: Node's `worker_threads` Worker (its ports are ports.ts's), plain
 * shared-memory threads (`thread(fn)`, as in C, Java or Python), a thread pool, and
 * Atomics.wait/notify across threads. Each thread has its own event loop and clock (see
 * world.ts); messages are delivered through the receiver's poll phase at the sender's clock.
 */
import { Emitter } from './emitter';
import { endPortsOf, MessagePort, serializeMessage } from './ports';
import type { WorkerEntry } from './types';
import type { SimThread, World } from './world';

// ------------------------------------------------------------------ Worker

/**
 * Errors that ended a Worker, as its parent receives them: if nobody listens for 'error', the
 * runtime prints them the way Node prints an unhandled Worker 'error' event.
 */
export const forwardedWorkerErrors = new WeakSet<object>();

export interface WorkerOptions {
  workerData?: unknown;
  /** Transferred with workerData: MessagePorts (then the worker's) and ArrayBuffers (detached). */
  transferList?: unknown;
  name?: string;
  eval?: boolean;
  argv?: unknown[];
  env?: unknown;
}

/** Thread-local values the worker_threads module reads (see modules.ts). */
export interface WorkerLocals {
  parentPort: MessagePort | null;
  workerData: unknown;
}

/**
 * new Worker(file | function, { workerData }). A file is loaded by the engine into a fresh
 * context (its own globals, as Node does); a function (a simulation extension) runs in the
 * same context and receives (workerData, parentPort).
 */
export class Worker extends Emitter {
  readonly threadId: number;
  private readonly thread: SimThread;
  /** The parent's end of the channel (its peer is the worker's parentPort). */
  private readonly port: MessagePort;

  constructor(readonly world: World, what: string | URL | ((workerData: unknown, parentPort: MessagePort) => unknown), options: WorkerOptions = {}) {
    super();
    const parent = world.current;
    // The Worker's events run in the context of the `new Worker()` call (Node's Worker is a handle).
    const inContext = world.host.captureContext?.() ?? ((run: () => void) => run());
    const box: { inner?: MessagePort; data?: unknown } = {};
    const entry: WorkerEntry =
      typeof what === 'function'
        ? { kind: 'function', fn: () => what(box.data, box.inner as MessagePort) }
        : { kind: 'file', specifier: String(what), eval: options.eval === true };
    const th = world.spawn(options.name ?? `worker ${world.threads.length}`, entry);
    // Cloned after the thread exists: a Worker on a file receives it in its own realm. With the
    // options' transferList it is serialized as a message is: a MessagePort in it moves to the
    // worker's thread, an ArrayBuffer is detached here. (Without one, a SharedArrayBuffer stays
    // the very object the simulated Atomics wait and notify on.)
    let data: unknown;
    if (options.transferList === undefined) {
      data = world.cloneFor(th)(options.workerData);
    } else {
      const { snapshot, ports } = serializeMessage(world, options.workerData, options.transferList, undefined);
      data = world.cloneFor(th)(snapshot);
      for (const port of ports) port.adopt(th);
    }
    box.data = data;
    this.thread = th;
    this.threadId = th.id;
    this.port = new MessagePort(world, parent);
    const inner = new MessagePort(world, th);
    box.inner = inner;
    this.port.peer = inner;
    inner.peer = this.port;
    const locals: WorkerLocals = { parentPort: inner, workerData: data };
    Object.assign(th.locals, locals);
    // lib/internal/worker.js: the Worker's own port is started and unref'd (the Worker handle
    // keeps the parent alive); its messages are re-emitted on the Worker object.
    this.port.on('message', (message: unknown) => this.emit('message', message));
    this.port.unref();
    world.ref(parent, this, () => `worker ${th.id} (${th.name}), still running`);
    th.onUncaught = (err) => {
      // As Node does, the error reaches the parent serialized: an Error of the parent's realm.
      let copy: unknown = err;
      try {
        copy = world.cloneFor(parent)(err);
      } catch {
        /* not cloneable (a function thrown): passed as is */
      }
      if (typeof copy === 'object' && copy !== null) {
        // Node's error deserialization (internal/error_serdes) keeps the error's own properties
        // (`code`, …) and leaves these two, which is why inspect prints `RangeError [Error]: …`.
        if (typeof err === 'object' && err !== null && copy !== err) {
          for (const key of Object.keys(err)) {
            try {
              (copy as Record<string, unknown>)[key] = world.cloneFor(parent)((err as Record<string, unknown>)[key]);
            } catch {
              /* not cloneable: left out, as Node's serializer does */
            }
          }
        }
        const hidden = { enumerable: false, writable: true, configurable: true };
        Object.defineProperty(copy, Symbol.toStringTag, { ...hidden, value: 'Error' });
        if ('name' in copy) Object.defineProperty(copy, 'name', { ...hidden, value: (copy as Error).name });
        forwardedWorkerErrors.add(copy);
      }
      world.complete(parent, th.now(), 0, () => inContext(() => this.emit('error', copy)));
      world.exit(th, 1);
    };
    th.exitListeners.push((code) => {
      // Its other ports close with it (the peers' 'close'); parentPort ends with the Worker below.
      endPortsOf(world, th, inner);
      world.unref(parent, this);
      // kOnExit: the messages still queued first (drainMessagePort), then 'exit'.
      world.complete(parent, th.now(), 0, () => {
        this.port.drain(parent);
        inContext(() => this.emit('exit', code));
      });
    });
    world.complete(parent, parent.now(), 0, () => inContext(() => this.emit('online')));
  }

  postMessage(...args: unknown[]): void {
    this.port.postMessage(...args);
  }

  terminate(): Promise<number> {
    const P = this.world.host.Promise;
    return new P((resolve) => {
      if (this.thread.state === 'done') resolve(this.thread.exitCode);
      else {
        this.once('exit', (code: number) => resolve(code));
        this.world.exit(this.thread, 1);
      }
    });
  }

  ref(): void {
    if (this.thread.state !== 'done') this.world.ref(this.thread.parent ?? this.world.main, this, `worker ${this.threadId}`);
  }
  unref(): void {
    this.world.unref(this.thread.parent ?? this.world.main, this);
  }
}

// ------------------------------------------------------------------ plain threads

/** A shared-memory thread running `fn` (sim.thread): its own loop and clock, the same heap. */
export class ThreadHandle<T = unknown> {
  readonly thread: SimThread;
  result: T | undefined;
  exitedAt = NaN;

  constructor(readonly world: World, fn: () => T, name?: string) {
    this.thread = world.spawn(name ?? `thread ${world.threads.length}`, {
      kind: 'function',
      fn: () => {
        this.result = fn();
      },
    });
    // Like a non-daemon thread (and a Worker), it keeps its parent alive until it ends.
    const parent = this.thread.parent ?? world.main;
    world.ref(parent, this, () => `thread ${this.thread.id} (${this.thread.name}), still running`);
    this.thread.exitListeners.push(() => {
      this.exitedAt = this.thread.now();
      world.unref(parent, this);
    });
  }

  get id(): number {
    return this.thread.id;
  }
  get alive(): boolean {
    return this.thread.state !== 'done';
  }

  /** Blocks the calling thread until this one has ended; returns what fn returned. */
  join(): T | undefined {
    this.world.blockUntil(`join thread ${this.thread.id} (${this.thread.name})`, () => (this.thread.state === 'done' ? this.exitedAt : undefined), Infinity, 'join');
    return this.result;
  }
}

/**
 * A fixed pool of shared-memory threads taking jobs from one queue, in order. A job runs as
 * one macrotask of an idle pool thread and may block (a blocking read holds its thread, as a
 * slow client does). Jobs submitted while every thread is busy wait in the queue: that wait
 * is the starvation the chat samples show.
 *
 * Why dispatch waits: pool threads that block are nested on the simulator's stack, so one may
 * finish (in execution order) before another that finishes earlier in virtual time. A freed
 * thread takes the next job only once no busy thread can still be free earlier; otherwise the
 * decision waits for the next job to end. This keeps "which thread serves whom" right in
 * virtual time.
 */
export class ThreadPool {
  readonly threads: SimThread[] = [];
  private readonly free: Array<{ th: SimThread; at: number }> = [];
  private readonly busyThreads = new Set<SimThread>();
  private readonly queue: Array<{ job: () => void; t: number }> = [];
  private closed = false;
  /** Longest time a job waited in the queue. */
  maxQueuedMs = 0;

  constructor(readonly world: World, readonly size: number, readonly name = 'pool') {
    const parent = world.current;
    let alive = size;
    world.ref(parent, this, () => `${name}: ${alive} threads still running (close() ends them)`);
    for (let i = 0; i < size; i++) {
      const th = world.spawn(`${name} thread ${i + 1}`, { kind: 'function', fn: () => undefined });
      world.ref(th, this, () => `${name}: waiting for a job`);
      th.exitListeners.push(() => {
        if (--alive === 0) world.unref(parent, this);
      });
      this.threads.push(th);
      this.free.push({ th, at: th.now() });
    }
  }

  /** Jobs waiting for a thread. */
  get queued(): number {
    return this.queue.length;
  }
  get busy(): number {
    return this.busyThreads.size;
  }

  submit(job: () => void): void {
    if (this.closed) throw new Error(`${this.name} is closed`);
    this.queue.push({ job, t: this.world.now() });
    this.queue.sort((a, b) => a.t - b.t);
    this.dispatch();
  }

  /** No more jobs: threads end once the queue is empty. */
  close(): void {
    this.closed = true;
    this.release();
  }

  private dispatch(): void {
    while (this.queue.length > 0 && this.free.length > 0) {
      this.free.sort((a, b) => a.at - b.at || a.th.id - b.th.id);
      const slot = this.free[0];
      const job = this.queue[0];
      const start = Math.max(job.t, slot.at);
      // A busy thread could still become free before `start`: decide when it does.
      for (const th of this.busyThreads) if (th.now() < start) return;
      this.free.shift();
      this.queue.shift();
      this.busyThreads.add(slot.th);
      this.maxQueuedMs = Math.max(this.maxQueuedMs, start - job.t);
      this.world.complete(slot.th, start, 0, () => {
        try {
          job.job();
        } finally {
          this.busyThreads.delete(slot.th);
          this.free.push({ th: slot.th, at: slot.th.now() });
          this.dispatch();
          this.release();
        }
      });
    }
  }

  /** After close(): idle threads end once nothing is queued. */
  private release(): void {
    if (!this.closed || this.queue.length > 0) return;
    for (const { th } of this.free) this.world.unref(th, this);
  }
}

// ------------------------------------------------------------------ Atomics across threads

interface Waiter {
  array: Int32Array | BigInt64Array;
  index: number;
  thread: SimThread;
  notifiedAt?: number;
}

/** Atomics.wait / Atomics.notify between simulated threads (the runtime delegates to these). */
export class AtomicsSim {
  private waiters: Waiter[] = [];
  constructor(readonly world: World) {}

  wait(array: Int32Array | BigInt64Array, index: number, value: number | bigint, timeoutMs = Infinity): 'ok' | 'not-equal' | 'timed-out' {
    if (Atomics.load(array as Int32Array, index) !== value) return 'not-equal';
    const w: Waiter = { array, index, thread: this.world.current };
    this.waiters.push(w);
    const ms = Number.isNaN(Number(timeoutMs)) ? Infinity : Math.max(0, Number(timeoutMs));
    const ok = this.world.blockUntil(`Atomics.wait(${index})`, () => w.notifiedAt, this.world.now() + ms, 'Atomics.wait');
    this.waiters = this.waiters.filter((x) => x !== w);
    return ok ? 'ok' : 'timed-out';
  }

  notify(array: Int32Array | BigInt64Array, index: number, count = Infinity): number {
    let woken = 0;
    for (const w of this.waiters) {
      if (woken >= count) break;
      if (w.notifiedAt === undefined && w.array.buffer === array.buffer && w.array.byteOffset + 4 * w.index === array.byteOffset + 4 * index) {
        w.notifiedAt = this.world.now();
        woken++;
      }
    }
    return woken;
  }
}
