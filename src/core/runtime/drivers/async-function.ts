/**
 * The async function driver: AsyncFunctionStart / AsyncBlockStart (§27.7.5.1-2) and Await
 * (§27.7.5.3) over the sync generator the transformer made of the body.
 *
 * The body runs synchronously inside the call until its first await; each await suspends it on
 * a promise; the return value resolves the task's promise through the resolve function's
 * algorithm (so `return somePromise` adopts it via a thenable job: 3 ticks, like V8), a throw
 * rejects it.
 */
import { EventKind } from '../../trace/format';
import { PromiseImpl, reactionClock, rejectPromise, resolvePromise, promiseId } from '../promise';
import type { Resumable } from '../promise';
import { isAbort, rt } from '../state';
import { lowerStackLimit, raiseStackLimit } from '../stack-limit';
import { AWAIT, awaitValue, newTask, traceResume, traceStart } from './common';
import type { AsyncFrameSource } from '../async-stack';
import { numberJob, runAsJob } from '../job-frame';

type Body = (...args: unknown[]) => Generator<unknown, unknown, unknown>;

export class AsyncFunctionDriver implements Resumable, AsyncFrameSource {
  /** The site of the await the body is suspended at (its last one): where a stalled top-level await is. */
  awaitSite = 0;
  resumedAt = 0;

  constructor(
    readonly task: number,
    private readonly gen: Generator<unknown, unknown, unknown>,
    readonly promise: PromiseImpl,
    /** For `at async name` frames (async-stack.ts): the body (named as the function) and its `this`. */
    readonly body: Body,
    readonly thisArg: unknown,
  ) {}

  asyncChainPromise(): PromiseImpl {
    return this.promise;
  }

  resume(value: unknown, rejected: boolean, source: PromiseImpl, settleSeq: number): void {
    if (rt.tracing) traceResume(this.task, source, settleSeq);
    this.resumedAt = reactionClock.now;
    // As a numbered job: an error made in the body knows it was this resumption (async-stack.ts).
    runAsJob(numberJob(this), this.step, this, value, rejected);
  }

  /** Runs the body until its next await or its end. */
  step(value: unknown, isThrow: boolean): void {
    const gen = this.gen;
    while (true) {
      const prevTask = rt.task;
      rt.task = this.task;
      let r: IteratorResult<unknown, unknown>;
      try {
        r = isThrow ? gen.throw(value) : gen.next(value);
      } catch (e) {
        rt.task = prevTask;
        if (isAbort(e)) throw e;
        if (rt.tracing) rt.rec.emit(EventKind.TaskThrow, this.task, promiseId(this.promise), 0);
        rejectPromise(this.promise, e);
        return;
      }
      rt.task = prevTask;
      if (r.done === true) {
        if (rt.tracing) rt.rec.emit(EventKind.TaskFinish, this.task, promiseId(this.promise), 0);
        resolvePromise(this.promise, r.value);
        return;
      }
      const v = AWAIT.__await;
      AWAIT.__await = undefined;
      this.awaitSite = AWAIT.site;
      try {
        awaitValue(this, v, AWAIT.site);
        return;
      } catch (e) {
        if (isAbort(e)) throw e;
        value = e;
        isThrow = true;
      }
    }
  }
}

/**
 * `$.async(body, this, arguments, site)`: one call of an async function. `name` names the task
 * when it is not the site's (a built-in async function of the runtime, e.g. Array.fromAsync).
 *
 * Its name is read from stack frames (engine/stack-map.ts ASYNC_START_FRAMES): the frame under
 * it is the instrumenter's outer function, which Node does not have.
 */
export function runAsync(body: Body, thisArg: unknown, args: ArrayLike<unknown>, site: number, name?: string): PromiseImpl {
  const task = newTask(site, 'async', name);
  const promise = new PromiseImpl();
  let gen: Generator<unknown, unknown, unknown>;
  try {
    // Parameter initialisers run here (generator FunctionDeclarationInstantiation); a throw
    // rejects the promise, as for an async function.
    gen = body.apply(thisArg, args as unknown[]);
  } catch (e) {
    if (isAbort(e)) throw e;
    rejectPromise(promise, e);
    return promise;
  }
  if (rt.tracing) traceStart(task);
  // The body's errors capture as many of the program's frames as Node's (stack-limit.ts).
  const limit = raiseStackLimit();
  try {
    new AsyncFunctionDriver(task, gen, promise, body, thisArg).step(undefined, false);
  } finally {
    lowerStackLimit(limit);
  }
  return promise;
}

/**
 * An ES module's top-level-await body, run as an async function (`$.tla(body, site)` for the
 * entry, runtime/modules.ts for a module of a graph): runAsync that also hands back its driver,
 * so the end of the run can say where a body that never settled is suspended.
 */
export function runModuleBody(body: Body, site: number): AsyncFunctionDriver {
  const task = newTask(site, 'async');
  const promise = new PromiseImpl();
  const gen = body.call(undefined);
  const driver = new AsyncFunctionDriver(task, gen, promise, body, undefined);
  if (rt.tracing) traceStart(task);
  driver.step(undefined, false);
  return driver;
}
