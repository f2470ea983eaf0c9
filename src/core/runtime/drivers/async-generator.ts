/**
 * The async generator driver: AsyncGenerator objects (§27.6) over the sync generator the
 * transformer made of the body.
 *
 * Spec pieces imitated (ES2024 text, which V8 11.3 implements):
 * - next/return/throw (§27.6.1.2-4): a request queue of {completion, promise}; requests made
 *   while the generator runs or awaits wait in the queue; return() on a suspendedStart or
 *   completed generator goes through AsyncGeneratorAwaitReturn; throw() on suspendedStart
 *   completes it.
 * - AsyncGeneratorYield (§27.6.3.8): `yield v` first Awaits v, completes the head request with
 *   {value, done: false}, and continues at once (without suspending) when another request is
 *   queued; a return() resumption is Awaited (AsyncGeneratorUnwrapYieldResumption).
 * - `return v` in the body: Await(v) (§14.10.1 ReturnStatement, async generator case) — the
 *   transformer writes it into the body (`return (yield $.await(v))`), so it happens inside the
 *   body's try/catch/finally; when the body's generator finishes, its value is final.
 * - AsyncGeneratorCompleteStep / DrainQueue (§27.6.3.4, .11).
 */
import { EventKind } from '../../trace/format';
import { PromiseImpl, reactionClock, rejectPromise, resolvePromise } from '../promise';
import type { AsyncFrameSource } from '../async-stack';
import { numberJob, runAsJob } from '../job-frame';
import type { Resumable } from '../promise';
import { isAbort, rt } from '../state';
import { AWAIT, Mode, RAW_YIELD, RESUMPTION, RETURN, YIELD, awaitValue, newTask, traceResume, traceStart } from './common';

type Body = (...args: unknown[]) => Generator<unknown, unknown, unknown>;

const enum State { SuspendedStart, SuspendedYield, Executing, AwaitingReturn, Completed }
/** What the driver is waiting for when an await it made settles. */
const enum Wait { Body, YieldOperand, ReturnResumption, DelegatedReturnResumption, AwaitReturn }

interface Request { mode: Mode; value: unknown; promise: PromiseImpl; next: Request | undefined }

function iterResult(value: unknown, done: boolean): { value: unknown; done: boolean } {
  return { value, done };
}

class AsyncGeneratorDriver implements Resumable, AsyncFrameSource {
  state = State.SuspendedStart;
  private head: Request | undefined = undefined;
  private tail: Request | undefined = undefined;
  private wait = Wait.Body;
  /** The body is suspended at a yield* delegation (RAW_YIELD): resume it through RESUMPTION. */
  private rawYield = false;
  /** Site of the `yield` whose operand is being awaited. */
  private yieldSite = 0;

  resumedAt = 0;
  /** The promise of the request being served when it last resumed (its head then may be gone since). */
  private resumedFor: PromiseImpl | undefined = undefined;

  constructor(
    readonly task: number,
    private readonly gen: Generator<unknown, unknown, unknown>,
    /** For `at async name` frames (async-stack.ts): the body (named as the function) and its `this`. */
    readonly body: Body,
    readonly thisArg: unknown,
  ) {}

  /** V8 goes on from the request being served (the promise `next()` returned). */
  asyncChainPromise(resumed?: boolean): PromiseImpl | undefined {
    return resumed === true ? this.resumedFor : this.head?.promise;
  }

  enqueue(mode: Mode, value: unknown): PromiseImpl {
    const promise = new PromiseImpl();
    const req: Request = { mode, value, promise, next: undefined };
    if (this.tail === undefined) this.head = this.tail = req;
    else this.tail = this.tail.next = req;
    return promise;
  }

  /** AsyncGeneratorCompleteStep (§27.6.3.4): settles the head request. */
  private completeStep(isThrow: boolean, value: unknown, done: boolean): void {
    const req = this.head!;
    this.head = req.next;
    if (this.head === undefined) this.tail = undefined;
    if (isThrow) rejectPromise(req.promise, value);
    else resolvePromise(req.promise, iterResult(value, done));
  }

  /** AsyncGeneratorResume (§27.6.3.6) for a request in the queue's head. */
  start(): void {
    const req = this.head!;
    if (rt.tracing && this.state === State.SuspendedStart) traceStart(this.task);
    const wasYield = this.state === State.SuspendedYield;
    this.state = State.Executing;
    if (wasYield) this.resumeAtYield(req.mode, req.value);
    else this.execute(Mode.Next, undefined);
  }

  /** Resumes the body suspended at a yield with a request's completion (UnwrapYieldResumption). */
  private resumeAtYield(mode: Mode, value: unknown): void {
    if (this.rawYield) {
      this.rawYield = false;
      if (mode === Mode.Return) {
        this.awaitDelegatedReturn(value);
        return;
      }
      RESUMPTION.mode = mode;
      RESUMPTION.value = value;
      this.execute(Mode.Next, RESUMPTION);
    } else if (mode === Mode.Return) {
      this.wait = Wait.ReturnResumption;
      this.awaitOrThrow(value);
    } else {
      this.execute(mode, value);
    }
  }

  /**
   * AsyncGeneratorUnwrapYieldResumption for a yield inside `yield*`: a return() is Awaited
   * before the delegation sees it (one tick before the inner iterator's return() is called);
   * a rejection reaches the delegation as a throw.
   */
  private awaitDelegatedReturn(value: unknown): void {
    this.wait = Wait.DelegatedReturnResumption;
    try {
      awaitValue(this, value, 0);
    } catch (e) {
      if (isAbort(e)) throw e;
      this.resumeDelegation(Mode.Throw, e);
    }
  }

  private resumeDelegation(mode: Mode, value: unknown): void {
    RESUMPTION.mode = mode;
    RESUMPTION.value = value;
    this.execute(Mode.Next, RESUMPTION);
  }

  /** Await(value) on behalf of the body; a synchronous throw of PromiseResolve resumes it with the error. */
  private awaitOrThrow(value: unknown, site = 0): void {
    try {
      awaitValue(this, value, site);
    } catch (e) {
      if (isAbort(e)) throw e;
      this.execute(Mode.Throw, e);
    }
  }

  /** Runs the body with a completion until it awaits, suspends at a yield, or ends. */
  private execute(mode: Mode, value: unknown): void {
    const gen = this.gen;
    while (true) {
      const prevTask = rt.task;
      rt.task = this.task;
      let r: IteratorResult<unknown, unknown>;
      try {
        r = mode === Mode.Next ? gen.next(value) : mode === Mode.Throw ? gen.throw(value) : gen.return(value);
      } catch (e) {
        rt.task = prevTask;
        if (isAbort(e)) throw e;
        this.finish(true, e);
        return;
      }
      rt.task = prevTask;
      if (r.done === true) {
        // The body ended: `return expr` already Awaited its operand inside the body.
        this.finish(false, r.value);
        return;
      }
      const req = r.value;
      if (req === AWAIT || req === YIELD) {
        const m = req as typeof AWAIT;
        const v = m.__await;
        m.__await = undefined;
        this.wait = req === AWAIT ? Wait.Body : Wait.YieldOperand;
        if (req === YIELD) this.yieldSite = m.site;
        try {
          awaitValue(this, v, m.site);
          return;
        } catch (e) {
          if (isAbort(e)) throw e;
          mode = Mode.Throw;
          value = e;
          continue;
        }
      }
      if (req === RETURN) {
        mode = Mode.Return;
        value = RETURN.__await;
        RETURN.__await = undefined;
        continue;
      }
      // RAW_YIELD: yield* hands out an inner result's value as is.
      const v = RAW_YIELD.__await;
      RAW_YIELD.__await = undefined;
      if (!this.yielded(v, RAW_YIELD.site, true)) return;
      mode = Mode.Next;
      value = RESUMPTION;
    }
  }

  /**
   * AsyncGeneratorYield (§27.6.3.8) after the operand was awaited. Returns true when the body
   * must continue at once (a request was already queued: RESUMPTION holds it for yield*,
   * otherwise `resumeAtYield` has been called and false is returned), false when it suspended.
   */
  private yielded(value: unknown, site: number, raw: boolean): boolean {
    if (rt.tracing) rt.rec.emit(EventKind.TaskYield, this.task, site, 0);
    this.completeStep(false, value, false);
    const next = this.head;
    if (next === undefined) {
      this.state = State.SuspendedYield;
      this.rawYield = raw;
      return false;
    }
    if (raw) {
      if (next.mode === Mode.Return) {
        this.awaitDelegatedReturn(next.value);
        return false;
      }
      RESUMPTION.mode = next.mode;
      RESUMPTION.value = next.value;
      return true;
    }
    this.resumeAtYield(next.mode, next.value);
    return false;
  }

  resume(value: unknown, rejected: boolean, source: PromiseImpl, settleSeq: number): void {
    if (rt.tracing) traceResume(this.task, source, settleSeq);
    this.resumedAt = reactionClock.now;
    this.resumedFor = this.head?.promise;
    // As a numbered job: an error made in the body knows it was this resumption (async-stack.ts).
    runAsJob(numberJob(this), this.resumeAfterAwait, this, value, rejected);
  }

  /** The continuation after an await settled (`resume` runs it as a job). */
  resumeAfterAwait(value: unknown, rejected: boolean): void {
    switch (this.wait) {
      case Wait.Body:
        this.execute(rejected ? Mode.Throw : Mode.Next, value);
        return;
      case Wait.YieldOperand:
        if (rejected) this.execute(Mode.Throw, value);
        else if (this.yielded(value, this.yieldSite, false)) this.execute(Mode.Next, RESUMPTION);
        return;
      case Wait.ReturnResumption:
        this.execute(rejected ? Mode.Throw : Mode.Return, value);
        return;
      case Wait.DelegatedReturnResumption:
        this.resumeDelegation(rejected ? Mode.Throw : Mode.Return, value);
        return;
      case Wait.AwaitReturn:
        this.state = State.Completed;
        this.completeStep(rejected, value, true);
        this.drainQueue();
        return;
    }
  }

  /** The body ended (AsyncGeneratorStart step 4.g-k). */
  private finish(isThrow: boolean, value: unknown): void {
    this.state = State.Completed;
    if (rt.tracing) rt.rec.emit(isThrow ? EventKind.TaskThrow : EventKind.TaskFinish, this.task, 0, 0);
    this.completeStep(isThrow, value, true);
    this.drainQueue();
  }

  /** AsyncGeneratorDrainQueue (§27.6.3.11). */
  drainQueue(): void {
    while (this.head !== undefined) {
      const next = this.head;
      if (next.mode === Mode.Return) {
        this.state = State.AwaitingReturn;
        this.awaitReturn();
        return;
      }
      this.completeStep(next.mode === Mode.Throw, next.mode === Mode.Throw ? next.value : undefined, true);
    }
  }

  /** AsyncGeneratorAwaitReturn (§27.6.3.10). */
  awaitReturn(): void {
    this.wait = Wait.AwaitReturn;
    try {
      awaitValue(this, this.head!.value, 0);
    } catch (e) {
      if (isAbort(e)) throw e;
      this.state = State.Completed;
      this.completeStep(true, e, true);
      this.drainQueue();
    }
  }
}

/** %AsyncIteratorPrototype% (§27.1.3): [Symbol.asyncIterator]() { return this }. */
export const AsyncIteratorPrototype: object = Object.create(Object.prototype, {
  [Symbol.asyncIterator]: {
    value: { [Symbol.asyncIterator](this: unknown) { return this; } }[Symbol.asyncIterator],
    writable: true, enumerable: false, configurable: true,
  },
});

class AsyncGeneratorObject {
  #driver: AsyncGeneratorDriver;
  constructor(driver: AsyncGeneratorDriver) {
    this.#driver = driver;
  }

  /** AsyncGeneratorValidate (§27.6.3.3) as a rejected promise, or the driver. */
  static validate(o: unknown, method: string): AsyncGeneratorDriver | PromiseImpl {
    if (typeof o === 'object' && o !== null && #driver in o) return o.#driver;
    const p = new PromiseImpl();
    rejectPromise(p, new TypeError(`${method} method called on incompatible receiver ${String(o)}`));
    return p;
  }

  next(value?: unknown): unknown {
    const d = AsyncGeneratorObject.validate(this, '[AsyncGenerator].prototype.next');
    if (d instanceof PromiseImpl) return d;
    if (d.state === State.Completed) {
      const p = new PromiseImpl();
      resolvePromise(p, iterResult(undefined, true));
      return p;
    }
    const p = d.enqueue(Mode.Next, value);
    if (d.state === State.SuspendedStart || d.state === State.SuspendedYield) d.start();
    return p;
  }

  return(value?: unknown): unknown {
    const d = AsyncGeneratorObject.validate(this, '[AsyncGenerator].prototype.return');
    if (d instanceof PromiseImpl) return d;
    const p = d.enqueue(Mode.Return, value);
    if (d.state === State.SuspendedStart || d.state === State.Completed) {
      d.state = State.AwaitingReturn;
      d.awaitReturn();
    } else if (d.state === State.SuspendedYield) {
      d.start();
    }
    return p;
  }

  throw(exception?: unknown): unknown {
    const d = AsyncGeneratorObject.validate(this, '[AsyncGenerator].prototype.throw');
    if (d instanceof PromiseImpl) return d;
    if (d.state === State.SuspendedStart) d.state = State.Completed;
    if (d.state === State.Completed) {
      const p = new PromiseImpl();
      rejectPromise(p, exception);
      return p;
    }
    const p = d.enqueue(Mode.Throw, exception);
    if (d.state === State.SuspendedYield) d.start();
    return p;
  }
}

// Shape the prototype like %AsyncGeneratorPrototype%: toStringTag "AsyncGenerator", parent
// %AsyncIteratorPrototype%; its `constructor` (%AsyncGeneratorFunction.prototype%, an ordinary
// object, so Node still prints `Object [AsyncGenerator] {}`) is set by function-shape.ts, which
// holds the realm's intrinsics.
const agProto = AsyncGeneratorObject.prototype as unknown as Partial<Record<PropertyKey, unknown>>;
/** The simulation's %AsyncGeneratorPrototype%: the parent of every async generator function's `prototype`. */
export const AsyncGeneratorPrototype: object = agProto;
// (The class's own `constructor` stays until then, so the key keeps its first place, as in V8.)
Object.defineProperty(agProto, Symbol.toStringTag, { value: 'AsyncGenerator', writable: false, enumerable: false, configurable: true });
Object.setPrototypeOf(agProto, AsyncIteratorPrototype);

/** `$.asyncGenerator(body, this, arguments, site)`: one call of an async generator function. */
export function makeAsyncGenerator(body: Body, thisArg: unknown, args: ArrayLike<unknown>, site: number, name?: string, self?: object): object {
  // Parameter initialisers run now (a throw propagates synchronously, as for a real async generator).
  const gen = body.apply(thisArg, args as unknown[]);
  // OrdinaryCreateFromConstructor(functionObject, "%AsyncGeneratorPrototype%") (§27.6.3.1), after
  // the parameters: the function's own `prototype` when it is an object (a program may replace it).
  const proto = self === undefined ? undefined : (self as { prototype?: unknown }).prototype;
  const task = newTask(site, 'async-generator', name);
  const obj = new AsyncGeneratorObject(new AsyncGeneratorDriver(task, gen, body, thisArg));
  if (proto !== null && (typeof proto === 'object' || typeof proto === 'function')) Object.setPrototypeOf(obj, proto);
  return obj;
}
