/**
 * The microtask queue: V8's single FIFO queue of promise jobs and queueMicrotask callbacks
 * (ECMA-262 §9.5 HostEnqueuePromiseJob; HTML/Node `queueMicrotask` share the same queue).
 *
 * Jobs are not closures: each is a small record (kind + three operands + a trace id) stored in
 * parallel arrays used as a ring buffer, so queuing a job allocates nothing once the buffer has
 * grown to the program's peak. The code that runs each kind registers itself (`setJobRunner`),
 * which keeps this module free of imports from promise.ts (no cycle).
 */
import { rt } from './state';
import { cx } from './async-context/state';
import { ownSlots } from './own-slots';

export const enum JobKind {
  /** PromiseReactionJob (§27.2.2.1): x = Reaction, y = argument, z = 1 if rejected. */
  Reaction = 0,
  /** NewPromiseResolveThenableJob (§27.2.2.2): x = promise, y = thenable, z = then. */
  Thenable = 1,
  /** queueMicrotask(callback): x = callback. */
  Microtask = 2,
  /** An await continuation without a Reaction record (tracing off): x = Resumable, y = value, z = 1 if rejected. */
  Resume = 3,
}

export type JobRunner = (x: unknown, y: unknown, z: unknown, jobId: number) => void;

const runners: JobRunner[] = [];
export function setJobRunner(kind: JobKind, run: JobRunner): void {
  runners[kind] = run;
}

let capacity = 1024;
let mask = capacity - 1;
let kinds = new Uint8Array(capacity);
let ids = new Int32Array(capacity);
let xs: unknown[] = ownSlots(capacity);
let ys: unknown[] = ownSlots(capacity);
let zs: unknown[] = ownSlots(capacity);
/** The AsyncLocalStorage context each job runs in (V8's continuation-preserved embedder data). */
let frames: unknown[] = ownSlots(capacity);
let head = 0;
let size = 0;

function grow(): void {
  const cap = capacity * 2;
  const k = new Uint8Array(cap);
  const d = new Int32Array(cap);
  const x: unknown[] = ownSlots(cap);
  const y: unknown[] = ownSlots(cap);
  const z: unknown[] = ownSlots(cap);
  const f: unknown[] = ownSlots(cap);
  for (let i = 0; i < size; i++) {
    const j = (head + i) & mask;
    k[i] = kinds[j]; d[i] = ids[j]; x[i] = xs[j]; y[i] = ys[j]; z[i] = zs[j]; f[i] = frames[j];
  }
  kinds = k; ids = d; xs = x; ys = y; zs = z; frames = f;
  head = 0;
  capacity = cap;
  mask = cap - 1;
}

/**
 * Queues a job that runs in the ALS context `frame` (async-context/state.ts: captured when the
 * job's reaction was made); returns its trace id (0 when tracing is off).
 */
export function enqueueJob(kind: JobKind, x: unknown, y: unknown, z: unknown, frame: unknown): number {
  if (size === capacity) grow();
  const j = (head + size) & mask;
  const id = rt.tracing ? ++rt.rec.ids.job : 0;
  kinds[j] = kind; ids[j] = id; xs[j] = x; ys[j] = y; zs[j] = z; frames[j] = frame;
  size++;
  return id;
}

export function hasJobs(): boolean {
  return size !== 0;
}

/** Checked every 64k jobs: true stops the drain (a runaway chain of microtasks). */
let overBudget: (() => boolean) | undefined;
export function setBudgetCheck(f: () => boolean): void {
  overBudget = f;
}
let drained = 0;

/** Hook run after every job (the clock's cost model flushes its pending Block here). */
let afterJob: (() => void) | undefined;
export function setAfterJob(f: () => void): void {
  afterJob = f;
}

/**
 * V8's MicrotaskQueue::RunMicrotasks: run jobs until the queue is empty, including jobs queued
 * while draining. Errors escaping a job are handed to `onError` (queueMicrotask callbacks are
 * the only jobs that can throw; promise jobs catch everything per spec). Stops early when the
 * process exits.
 */
export function runMicrotasks(onError: (e: unknown) => void): void {
  const outside = cx.frame;
  while (size !== 0 && !rt.exited) {
    const j = head;
    const kind = kinds[j];
    const x = xs[j], y = ys[j], z = zs[j];
    const id = ids[j];
    cx.frame = frames[j];
    xs[j] = ys[j] = zs[j] = frames[j] = undefined;
    head = (head + 1) & mask;
    size--;
    rt.stretch++;
    try {
      runners[kind](x, y, z, id);
    } catch (e) {
      cx.frame = outside;
      onError(e);
    }
    if (afterJob !== undefined) afterJob();
    if ((++drained & 0xffff) === 0 && overBudget !== undefined && overBudget()) break;
  }
  cx.frame = outside;
}
