/**
 * V8's async stack traces (`at async b (file:2:22)`, `at async Promise.all (index 1)`), the part
 * the runtime knows: which async function a job resumed and who was awaiting it.
 *
 * V8 (isolate.cc CaptureAsyncStackTrace), when an error is made inside a job that resumed an
 * async function X (or an async generator), follows X's promise: while the promise has exactly
 * one reaction, an await of async function Y adds `async Y` at Y's await and continues from Y's
 * promise; an element function of Promise.all / allSettled (fulfil) or Promise.any (reject) adds
 * `async Promise.all (index N)` and continues from the combinator's promise; any other native
 * reaction (`.then`, a promise adopting another) continues from its derived promise without a
 * frame. In a `.then` callback's job the walk starts from the derived promise.
 *
 * The stack is formatted lazily (engine/stack-map.ts, from `prepareStackTrace`), often after
 * the chain moved on, so nothing here reads current state that can change:
 * - the job: every resumption and every `.then` job runs through `runAsJob` (job-frame.ts), whose
 *   frames' positions, taken when the error was made, say which job (driver / reaction) it was;
 * - the chain is history: a promise keeps its first reaction after settling, each reaction its
 *   `seq` on reactionClock (and the seq of a second reaction on the same promise), each await
 *   reaction its site; a driver notes the clock when it resumed. A reaction added after that
 *   resumption (`return p`'s adoption job, a later `.then`) is one V8 did not see yet.
 * Costs on the hot path: a field write per resumption and per reaction, no allocation.
 *
 * Known approximations: the clock is the resumption's, not the error's (a reaction added in the
 * same job before the error is not seen), a driver resumed again before the stack is formatted
 * sees later reactions, and a promise's pending state is not checked (V8 stops at a
 * Promise.all already rejected by another element).
 */
import type { AsyncFrameInfo } from './host-api';
import { jobReceiver } from './job-frame';
import { firstReaction, isPromise, Reaction, ReactionKind, type Capability, type PromiseImpl } from './promise';
import { rt } from './state';

/** What a resumable driver tells the walk about itself. */
export interface AsyncFrameSource {
  /** reactionClock.now when it last resumed from an await. */
  resumedAt: number;
  /** The user's body (its `name` is the function's) and `this`. */
  readonly body: (...args: never[]) => unknown;
  readonly thisArg: unknown;
  /**
   * Where the walk goes on from this driver: its promise / its current request's promise
   * (`resumed`: the one it served when it last resumed, for the driver the error was made in).
   */
  asyncChainPromise(resumed?: boolean): PromiseImpl | undefined;
}

/** A driver that can take part (the async function and async generator drivers; not the loop's watchers). */
function isFrameSource(x: unknown): x is AsyncFrameSource {
  return typeof x === 'object' && x !== null && typeof (x as Partial<AsyncFrameSource>).asyncChainPromise === 'function';
}

interface CombinatorElement { combinator: 'all' | 'allSettled' | 'any'; index: number; promise: unknown }
/** Promise.all / allSettled resolve-element and Promise.any reject-element functions (combinators.ts). */
const elements = new WeakMap<object, CombinatorElement>();
export function noteCombinatorElement(fn: object, combinator: CombinatorElement['combinator'], index: number, promise: unknown): void {
  elements.set(fn, { combinator, index, promise });
}

/** The frames V8 would add for an error made in the job whose level frames were at these lines (job-frame.ts). */
export function asyncFrames(jobLines: readonly number[], limit: number): AsyncFrameInfo[] {
  const frames: AsyncFrameInfo[] = [];
  const receiver = jobReceiver(jobLines);
  if (receiver === undefined) return frames;
  let p: PromiseImpl | undefined;
  let now = Infinity;
  if (isFrameSource(receiver)) {
    const d = receiver;
    now = d.resumedAt;
    p = d.asyncChainPromise(true);
  } else if (receiver instanceof Reaction) {
    p = chainedPromise(receiver);
  }
  while (p !== undefined && frames.length < limit) {
    const r = firstReaction(p);
    if (r === undefined || r.seq > now || (r.laterSeq !== 0 && r.laterSeq <= now)) break;
    if (r.kind === ReactionKind.Resume) {
      const d = r.target;
      if (!isFrameSource(d)) break;
      const site = rt.rec.sites[r.awaitSite];
      if (site === undefined || r.awaitSite === 0) break;
      const name: unknown = d.body.name;
      frames.push({ name: typeof name === 'string' ? name : '', thisArg: d.thisArg, file: rt.rec.files[site.file], line: site.line, column: site.column });
      p = d.asyncChainPromise();
      continue;
    }
    const element = combinatorElement(r);
    if (element !== undefined) {
      frames.push({ name: `Promise.${element.combinator}`, index: element.index });
      p = isPromise(element.promise) ? element.promise : undefined;
      continue;
    }
    p = chainedPromise(r);
  }
  return frames;
}

/** V8 knows a combinator's reaction by its fulfil handler (all, allSettled) or reject handler (any). */
function combinatorElement(r: Reaction): CombinatorElement | undefined {
  const onF = typeof r.onFulfilled === 'function' ? elements.get(r.onFulfilled) : undefined;
  if (onF !== undefined && onF.combinator !== 'any') return onF;
  const onR = typeof r.onRejected === 'function' ? elements.get(r.onRejected) : undefined;
  return onR !== undefined && onR.combinator === 'any' ? onR : undefined;
}

/** The promise a `.then` reaction settles (its derived promise or capability's), if one of ours. */
function chainedPromise(r: Reaction): PromiseImpl | undefined {
  if (r.kind === ReactionKind.Derived) return r.target as PromiseImpl | undefined;
  if (r.kind === ReactionKind.Capability) {
    const promise = (r.target as Capability).promise;
    return isPromise(promise) ? promise : undefined;
  }
  return undefined;
}
