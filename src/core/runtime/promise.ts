/**
 * SimPromise: the sandbox's global `Promise`, following ECMA-262 §27.2 (the edition V8 11.3 /
 * Node 20 implements: no Promise.withResolvers, no Promise.try).
 *
 * Shape:
 * - `PromiseImpl` is a class whose private fields are the internal slots ([[PromiseState]],
 *   [[PromiseResult]], [[PromiseFulfillReactions]] as one linked list, [[PromiseIsHandled]]).
 *   Private fields are invisible to user code (Object.keys, JSON, for-in see nothing, as with a
 *   native promise) and `#state in o` is the spec's IsPromise brand check.
 * - The global `Promise` is `SimPromise` (promise-api.ts): a bound function of a proxy whose
 *   `construct` trap checks the executor, then makes a PromiseImpl with new.target's prototype
 *   (so `class X extends Promise` works), and whose target, called without `new`, throws V8's
 *   message. `SimPromise.prototype === PromiseImpl.prototype`.
 * - Reactions are small records, jobs are queued as records (jobs.ts), not closures. Resolving
 *   functions (closures) are only made where the spec hands them to user code: the executor,
 *   NewPromiseResolveThenableJob on a foreign thenable, capabilities of subclasses.
 *
 * Tick counts match V8: awaiting a PromiseImpl whose constructor is %Promise% performs
 * PerformPromiseThen directly (1 job, §27.7.5.3 Await + PromiseResolve), a resolution with a
 * thenable goes through NewPromiseResolveThenableJob (hence `return p` from an async function =
 * 3 ticks), with V8's shortcut for native promises in that job (same tick count, no closures).
 */
import { EventKind } from '../trace/format';
import { enqueueJob, JobKind, setJobRunner } from './jobs';
import { isAbort, rt } from './state';
import { captureFrame, cx } from './async-context/state';
import { promiseAfter, promiseBefore, promiseInit, promiseSettled } from './async-context/promise-hooks';
import { numberJob, runAsJob } from './job-frame';

export const PENDING = 0;
export const FULFILLED = 1;
export const REJECTED = 2;

/** How a reaction finishes (its [[Capability]] / [[Type]] in spec terms). */
export const enum ReactionKind {
  /** then() on %Promise%: target is the derived PromiseImpl (or undefined: no capability, e.g. await's throwaway). */
  Derived = 0,
  /** then() via a species constructor: target is a Capability whose functions are called. */
  Capability = 1,
  /** An await / driver continuation: target is a Resumable; no handler functions. */
  Resume = 2,
}

/** A coroutine driver continued by a settled promise (await). */
export interface Resumable {
  /** Task id for the trace (0 if none). */
  readonly task: number;
  resume(value: unknown, rejected: boolean, source: PromiseImpl, settleSeq: number): void;
}

export interface Capability {
  promise: object;
  resolve: (value?: unknown) => unknown;
  reject: (reason?: unknown) => unknown;
}

/** One PromiseReaction record (§27.2.1.2), shared by the fulfil and reject lists. */
export class Reaction {
  constructor(
    public kind: ReactionKind,
    public onFulfilled: unknown,
    public onRejected: unknown,
    public target: unknown,
    public source: PromiseImpl,
    public next: Reaction | undefined,
    /** The ALS context of the then()/await that made the reaction (its job runs in it). */
    public frame: unknown,
    /** Promise hooks on: the promise whose before/after the job emits (await's throwaway). */
    public hookPromise: PromiseImpl | undefined,
  ) {}
  /**
   * Async stack traces (async-stack.ts): when the reaction was added to its pending promise
   * (reactionClock), when a second reaction was added to the same promise after this first one
   * (0: none yet), and the site of the await that made it (Resume reactions).
   */
  seq = 0;
  laterSeq = 0;
  awaitSite = 0;
}

/**
 * Counts reactions added to pending promises: the order in which async stack traces
 * (async-stack.ts) tell which reactions a promise had when an error was made.
 */
export const reactionClock = { now: 0 };

/** HostPromiseRejectionTracker (§27.2.1.9), installed by unhandled-rejections.ts. */
let rejectionTracker: (promise: PromiseImpl, operation: 'reject' | 'handle') => void = () => {};
export function setRejectionTracker(f: typeof rejectionTracker): void {
  rejectionTracker = f;
}

// Accessors to the private slots for the rest of the runtime; assigned in the static block.
export let isPromise: (x: unknown) => x is PromiseImpl;
export let promiseState: (p: PromiseImpl) => number;
export let promiseResult: (p: PromiseImpl) => unknown;
export let promiseId: (p: PromiseImpl) => number;
export let promiseSettleSeq: (p: PromiseImpl) => number;
/** The first reaction the promise got while pending (kept after it settled), for async stack traces. */
export let firstReaction: (p: PromiseImpl) => Reaction | undefined;
/** The resolve function's algorithm (§27.2.1.3.2 steps 7-16) on an internal promise. */
export let resolvePromise: (p: PromiseImpl, resolution: unknown) => void;
export let rejectPromise: (p: PromiseImpl, reason: unknown) => void;
/**
 * Await's PerformPromiseThen for a driver. With tracing off and `p` settled, the continuation
 * is queued as a bare Resume job (no Reaction record): same job, same order, less garbage.
 */
export let performResume: (p: PromiseImpl, co: Resumable, site: number) => void;
/** PerformPromiseThen (§27.2.5.4.1) without the species/capability layer (`hookPromise`: see Reaction). */
export let performThen: (p: PromiseImpl, kind: ReactionKind, onF: unknown, onR: unknown, target: unknown, hookPromise?: PromiseImpl) => Reaction;
/** The parent V8 passes to the promise init hook for the next PromiseImpl made (then's receiver, await's operand). */
export const promiseParent: { next: PromiseImpl | undefined } = { next: undefined };

/** A short, side-effect-free description of a value for the trace (never calls user code). */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'symbol') return v.toString();
  if (v === null || typeof v !== 'object') return typeof v === 'function' ? '[Function]' : String(v);
  const msg = Object.getOwnPropertyDescriptor(v, 'message');
  const stack = Object.getOwnPropertyDescriptor(v, 'stack');
  if (stack !== undefined && typeof stack.value === 'string') {
    const s = stack.value;
    const nl = s.indexOf('\n    at ');
    return nl === -1 ? s : s.slice(0, nl);
  }
  if (msg !== undefined && typeof msg.value === 'string') return msg.value;
  return '[object]';
}

export class PromiseImpl {
  #state = PENDING;
  #result: unknown = undefined;
  #head: Reaction | undefined = undefined;
  #tail: Reaction | undefined = undefined;
  #handled = false;
  #id = 0;
  #settleSeq = 0;
  /** The first reaction added while pending, kept after settling: history for async stack traces. */
  #first: Reaction | undefined = undefined;

  constructor() {
    if (rt.tracing) {
      const id = (this.#id = ++rt.rec.ids.promise);
      rt.rec.emit(EventKind.PromiseCreate, id, rt.task, 0);
    }
    if (cx.promiseHooks) {
      const parent = promiseParent.next;
      promiseParent.next = undefined;
      promiseInit(this, parent);
    }
  }

  static {
    isPromise = (x: unknown): x is PromiseImpl => typeof x === 'object' && x !== null && #state in x;
    promiseState = (p) => p.#state;
    promiseResult = (p) => p.#result;
    promiseId = (p) => p.#id;
    promiseSettleSeq = (p) => p.#settleSeq;
    firstReaction = (p) => p.#first;

    const fulfill = (p: PromiseImpl, value: unknown): void => {
      p.#state = FULFILLED;
      p.#result = value;
      if (rt.tracing) p.#settleSeq = rt.rec.emit(EventKind.PromiseFulfill, p.#id, 0, 0);
      if (cx.promiseHooks) promiseSettled(p);
      let r = p.#head;
      p.#head = p.#tail = undefined;
      while (r !== undefined) {
        const next = r.next;
        r.next = undefined;
        queueReaction(r, value, 0);
        r = next;
      }
    };

    rejectPromise = (p: PromiseImpl, reason: unknown): void => {
      if (p.#state !== PENDING) return;
      p.#state = REJECTED;
      p.#result = reason;
      if (rt.tracing) {
        p.#settleSeq = rt.rec.emit(EventKind.PromiseReject, p.#id, rt.rec.str(describeValue(reason)), p.#handled ? 0 : 1);
      }
      if (cx.promiseHooks) promiseSettled(p);
      if (!p.#handled) rejectionTracker(p, 'reject');
      let r = p.#head;
      p.#head = p.#tail = undefined;
      while (r !== undefined) {
        const next = r.next;
        r.next = undefined;
        queueReaction(r, reason, 1);
        r = next;
      }
    };

    resolvePromise = (p: PromiseImpl, resolution: unknown): void => {
      if (p.#state !== PENDING) return;
      if (resolution === p) {
        rejectPromise(p, new TypeError('Chaining cycle detected for promise #<Promise>'));
        return;
      }
      if (resolution === null || (typeof resolution !== 'object' && typeof resolution !== 'function')) {
        fulfill(p, resolution);
        return;
      }
      let then: unknown;
      try {
        then = (resolution as { then: unknown }).then;
      } catch (e) {
        if (isAbort(e)) throw e;
        rejectPromise(p, e);
        return;
      }
      if (typeof then !== 'function') {
        fulfill(p, resolution);
        return;
      }
      if (rt.tracing) {
        rt.rec.emit(EventKind.PromiseAdopt, p.#id, isPromise(resolution) ? resolution.#id : 0, 0);
      }
      // §27.2.1.3.2 step 15: always a separate job, even for a native promise (why `return p` costs ticks).
      enqueueJob(JobKind.Thenable, p, resolution, then, captureFrame());
    };

    const queueReaction = (r: Reaction, argument: unknown, rejected: 0 | 1): void => {
      const job = enqueueJob(JobKind.Reaction, r, argument, rejected, r.frame);
      if (rt.tracing) {
        const task = r.kind === ReactionKind.Resume ? (r.target as Resumable).task : 0;
        rt.rec.emit(EventKind.ReactionQueued, r.source.#id, job, task);
      }
    };

    performResume = (p, co, site): void => {
      const state = p.#state;
      if (state === PENDING || rt.tracing || cx.promiseHooks) {
        let throwaway: PromiseImpl | undefined;
        if (cx.promiseHooks) {
          // V8's Await with promise hooks: a throwaway promise (parent: the awaited one) whose
          // before/after/resolve surround the continuation.
          promiseParent.next = p;
          throwaway = new PromiseImpl();
        }
        performThen(p, ReactionKind.Resume, undefined, undefined, co, throwaway).awaitSite = site;
        return;
      }
      if (state === REJECTED && !p.#handled) rejectionTracker(p, 'handle');
      p.#handled = true;
      enqueueJob(JobKind.Resume, co, p.#result, state === REJECTED ? 1 : 0, captureFrame());
    };

    performThen = (p, kind, onF, onR, target, hookPromise): Reaction => {
      const r = new Reaction(kind, typeof onF === 'function' ? onF : undefined, typeof onR === 'function' ? onR : undefined, target, p, undefined, captureFrame(), hookPromise);
      const state = p.#state;
      if (state === PENDING) {
        r.seq = ++reactionClock.now;
        if (p.#tail === undefined) {
          p.#head = p.#tail = r;
          p.#first = r;
        } else {
          const first = p.#first!;
          if (first.laterSeq === 0) first.laterSeq = r.seq;
          p.#tail = p.#tail.next = r;
        }
      } else if (state === FULFILLED) {
        queueReaction(r, p.#result, 0);
      } else {
        if (!p.#handled) rejectionTracker(p, 'handle');
        queueReaction(r, p.#result, 1);
      }
      p.#handled = true;
      return r;
    };
  }
}

/** CreateResolvingFunctions (§27.2.1.3): anonymous, length 1, sharing one alreadyResolved flag. */
export function createResolvingFunctions(p: PromiseImpl): [(v?: unknown) => void, (e?: unknown) => void] {
  let alreadyResolved = false;
  return [
    (resolution?: unknown) => {
      if (alreadyResolved) return;
      alreadyResolved = true;
      resolvePromise(p, resolution);
    },
    (reason?: unknown) => {
      if (alreadyResolved) return;
      alreadyResolved = true;
      rejectPromise(p, reason);
    },
  ];
}

/** PromiseReactionJob (§27.2.2.1). */
function runReactionJob(x: unknown, argument: unknown, z: unknown, jobId: number): void {
  const r = x as Reaction;
  const rejected = z === 1;
  if (rt.tracing) {
    rt.rec.emit(EventKind.ReactionRun, promiseId(r.source), jobId, r.kind === ReactionKind.Resume ? (r.target as Resumable).task : 0);
  }
  if (cx.promiseHooks) {
    runHookedReactionJob(r, argument, rejected);
    return;
  }
  if (r.kind === ReactionKind.Resume) {
    (r.target as Resumable).resume(argument, rejected, r.source, promiseSettleSeq(r.source));
    return;
  }
  // Through the sloppy job frame: an error made in the handler knows its reaction (async-stack.ts).
  runAsJob(numberJob(r), finishReaction, r, argument, rejected);
}

/** The promise a reaction job runs "as" for the hooks (V8's promise_or_capability). */
function jobPromise(r: Reaction): PromiseImpl | undefined {
  if (r.kind === ReactionKind.Resume) return r.hookPromise;
  const target = r.target;
  if (r.kind === ReactionKind.Derived) return target as PromiseImpl | undefined;
  const p = (target as Capability).promise;
  return isPromise(p) ? p : undefined;
}

/** A reaction job while promise hooks are on: before/after around it (await: resolve the throwaway). */
function runHookedReactionJob(r: Reaction, argument: unknown, rejected: boolean): void {
  const hp = jobPromise(r);
  if (hp !== undefined) promiseBefore(hp);
  if (r.kind === ReactionKind.Resume) {
    (r.target as Resumable).resume(argument, rejected, r.source, promiseSettleSeq(r.source));
    if (hp !== undefined) {
      resolvePromise(hp, undefined);
      promiseAfter(hp);
    }
    return;
  }
  runAsJob(numberJob(r), finishReaction, r, argument, rejected);
  if (hp !== undefined) promiseAfter(hp);
}

/** The rest of a reaction job: its handler, then its derived promise or capability (`this`: the reaction). */
function finishReaction(this: Reaction, argument: unknown, rejected: boolean): void {
  const handler = rejected ? this.onRejected : this.onFulfilled;
  let value = argument;
  let threw = rejected;
  if (handler !== undefined) {
    try {
      value = (handler as (v: unknown) => unknown)(argument);
      threw = false;
    } catch (e) {
      if (isAbort(e)) throw e;
      value = e;
      threw = true;
    }
  }
  const target = this.target;
  if (target === undefined) return;
  if (this.kind === ReactionKind.Derived) {
    if (threw) rejectPromise(target as PromiseImpl, value);
    else resolvePromise(target as PromiseImpl, value);
  } else {
    const cap = target as Capability;
    if (threw) cap.reject.call(undefined, value);
    else cap.resolve.call(undefined, value);
  }
}

/** The intrinsic %Promise.prototype.then%, for V8's shortcut in the thenable job. */
let intrinsicThen: unknown;
export function setIntrinsicThen(f: unknown): void {
  intrinsicThen = f;
}
/** %Promise% (the public constructor), set by index.ts / combinators. */
export let PromiseCtor: unknown;
export function setPromiseCtor(c: unknown): void {
  PromiseCtor = c;
}

/** NewPromiseResolveThenableJob (§27.2.2.2). */
function runThenableJob(x: unknown, thenable: unknown, then: unknown): void {
  const p = x as PromiseImpl;
  // V8 shortcut: a native promise with the intrinsic then and constructor: PerformPromiseThen
  // straight into `p` — same ticks as calling then() with resolving functions, no closures.
  // Not while promise hooks are on (V8 then calls `then`, which makes a derived promise).
  if (cx.promiseHooks) {
    promiseBefore(p);
    callThen(p, thenable, then);
    promiseAfter(p);
    return;
  }
  if (then === intrinsicThen && isPromise(thenable) && (thenable as { constructor?: unknown }).constructor === PromiseCtor) {
    performThen(thenable, ReactionKind.Derived, undefined, undefined, p);
    return;
  }
  callThen(p, thenable, then);
}

function callThen(p: PromiseImpl, thenable: unknown, then: unknown): void {
  let [resolve, reject] = createResolvingFunctions(p);
  if (externalHook !== undefined && isNativePromise(thenable)) [resolve, reject] = externalHook(p, resolve, reject);
  try {
    (then as (this: unknown, a: unknown, b: unknown) => unknown).call(thenable, resolve, reject);
  } catch (e) {
    if (isAbort(e)) throw e;
    reject(e);
  }
}

/** A real V8 promise (this realm's or the host's), not one of ours: it settles in real time. */
function isNativePromise(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !isPromise(x) && Object.prototype.toString.call(x) === '[object Promise]';
}

type Resolvers = [(v?: unknown) => void, (e?: unknown) => void];
/** Set by external.ts: wraps the resolving functions handed to a native promise's then. */
let externalHook: ((p: PromiseImpl, resolve: Resolvers[0], reject: Resolvers[1]) => Resolvers) | undefined;
export function setExternalHook(f: typeof externalHook): void {
  externalHook = f;
}

function runMicrotaskJob(callback: unknown, resource: unknown, _z: unknown, jobId: number): void {
  if (rt.tracing) rt.rec.emit(EventKind.MicrotaskRun, jobId, 0, 0);
  if (resource === undefined) {
    (callback as () => void)();
    return;
  }
  // runMicrotask(): inside the resource's scope, destroyed after the callback.
  const r = resource as { runInAsyncScope(f: () => void): void; emitDestroy(): void };
  r.runInAsyncScope(() => {
    try {
      (callback as () => void)();
    } finally {
      r.emitDestroy();
    }
  });
}

/** The bare await continuation (tracing off only, so no trace operands are needed). */
function runResumeJob(co: unknown, value: unknown, z: unknown): void {
  (co as Resumable).resume(value, z === 1, undefined as unknown as PromiseImpl, 0);
}

setJobRunner(JobKind.Resume, runResumeJob);
setJobRunner(JobKind.Reaction, runReactionJob);
setJobRunner(JobKind.Thenable, runThenableJob);
setJobRunner(JobKind.Microtask, runMicrotaskJob);
