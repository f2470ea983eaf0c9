/**
 * What the coroutine drivers share: the request markers the instrumented generators yield,
 * task creation, and Await (§27.7.5.3) itself.
 *
 * The markers are singletons, not one object per await: `$.await(X, S)` stores X and S in the
 * AWAIT record and returns it, the generator yields it, and the driver reads (and clears) the
 * fields immediately after `gen.next()` returns — no user code can run in between.
 */
import { EventKind } from '../../trace/format';
import { isPlainPromise } from '../promise-api';
import { enqueueJob, JobKind } from '../jobs';
import { performResume, PromiseImpl, promiseId, promiseParent, resolvePromise } from '../promise';
import { captureFrame, cx } from '../async-context/state';
import type { Resumable } from '../promise';
import { rt } from '../state';
import { recordStores, storesTraced } from '../async-context/trace-stores';

export interface Marker { __await: unknown; __yield: unknown; site: number }

/** `await X` in a body. */
export const AWAIT: Marker = { __await: undefined, __yield: undefined, site: 0 };
/** `yield X` in an async generator body (the driver awaits X first). */
export const YIELD: Marker = { __await: undefined, __yield: undefined, site: 0 };
/** yield* delegation: AsyncGeneratorYield of an inner result's value, without Await. */
export const RAW_YIELD: Marker = { __await: undefined, __yield: undefined, site: 0 };
/** yield* delegation: make the body return (a return completion out of `yield*`). */
export const RETURN: Marker = { __await: undefined, __yield: undefined, site: 0 };

export const enum Mode { Next = 0, Throw = 1, Return = 2 }
/** How the driver resumes a yield* delegation (sent with gen.next so the delegate sees every mode). */
export const RESUMPTION = { mode: Mode.Next as Mode, value: undefined as unknown };

export function awaitRequest(value: unknown, site: number): Marker {
  AWAIT.__await = value;
  AWAIT.site = site;
  return AWAIT;
}

/** What an async generator body yields for `yield value` (the driver Awaits the operand). */
export function yieldRequest(value: unknown, site: number): Marker {
  YIELD.__await = value;
  YIELD.site = site;
  return YIELD;
}

/** Makes a task for a call of the function at `site` (named `name`, else by the site); 0 when tracing is off. */
export function newTask(site: number, kind: 'async' | 'async-generator', name?: string): number {
  if (!rt.tracing) return 0;
  const rec = rt.rec;
  const s = rec.sites[site];
  name ??= s !== undefined && s.label !== '' ? s.label : '<anonymous>';
  const id = rec.task({ name, site, kind, parent: rt.task, thread: rec.thread });
  rec.emit(EventKind.TaskCreate, id, rt.task, site);
  return id;
}

/**
 * Await(v) (§27.7.5.3): PromiseResolve(%Promise%, v) — our promise as is if its constructor is
 * %Promise% (V8's fast path: exactly one job once it is settled), otherwise a new promise
 * resolved with v (a thenable thus costs a NewPromiseResolveThenableJob first) — then
 * PerformPromiseThen with the driver as the continuation. Throws if PromiseResolve throws
 * (a throwing `constructor` getter): the await expression then throws synchronously.
 */
export function awaitValue(co: Resumable, v: unknown, site: number): void {
  let p: PromiseImpl;
  if (!rt.tracing && !cx.promiseHooks && (v === null || (typeof v !== 'object' && typeof v !== 'function'))) {
    // A non-thenable: a fulfilled promise's single reaction job, without the promise.
    enqueueJob(JobKind.Resume, co, v, 0, captureFrame());
    return;
  }
  if (isPlainPromise(v)) {
    p = v;
  } else {
    // V8 makes this promise with the async function's own promise as the hooks' parent.
    if (cx.promiseHooks) promiseParent.next = (co as { promise?: PromiseImpl }).promise;
    p = new PromiseImpl();
    resolvePromise(p, v);
  }
  if (rt.tracing) rt.rec.emit(EventKind.TaskSuspend, co.task, site, promiseId(p));
  performResume(p, co, site);
}

export function traceResume(task: number, source: PromiseImpl, settleSeq: number): void {
  rt.rec.emit(EventKind.TaskResume, task, promiseId(source), settleSeq);
  if (storesTraced) recordStores();
}

/** TaskStart, and the AsyncLocalStorage stores the task starts in (its caller's). */
export function traceStart(task: number): void {
  rt.rec.emit(EventKind.TaskStart, task, 0, 0);
  if (storesTraced) recordStores();
}
