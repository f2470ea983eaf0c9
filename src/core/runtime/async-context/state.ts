/**
 * The async context of the running code, as Node keeps it (lib/internal/async_hooks.js and
 * the C++ Environment::AsyncHooks it wraps), plus the AsyncLocalStorage context:
 *
 * - `frame`: what AsyncLocalStorage reads. Node 24+ (AsyncContextFrame, V8's
 *   continuation-preserved embedder data): an immutable `Map` storage → store, or undefined.
 *   Node 20/22 (async_hooks-based ALS): the *store record* of the running resource, a mutable
 *   `{ [storage key]: store }` object that `enterWith`/`run` write into, or undefined.
 *   Every simulated queue captures it when a callback is scheduled (`captureFrame`) and puts it
 *   back while the callback runs (`cx.frame = captured` … restore): that is the whole propagation.
 * - `executionAsyncId`/`triggerAsyncId`/`resource`: Node's async id stack (emitBefore pushes,
 *   emitAfter pops); 1/0 while the main script runs, 0/0 between callbacks.
 * - `counter`: Node's kAsyncIdCounter. Every resource Node would make takes an id from it, in
 *   Node's order (timers, immediates, ticks, microtasks, AsyncResources, stdout's pipe and the
 *   tick each console write queues; promises only while promise hooks are on), so the ids a
 *   program prints are Node's.
 *
 * A plain record with fixed fields: the hot paths (every await, every job) read `cx.frame` and
 * `cx.promiseHooks` only.
 */
import { ownSlots } from '../own-slots';

export interface AsyncContextState {
  /** The ALS context of the running code (see above). */
  frame: unknown;
  /** Node 24+: AsyncLocalStorage on AsyncContextFrame; false: on async_hooks (Node 20/22). */
  acf: boolean;
  executionAsyncId: number;
  triggerAsyncId: number;
  /** The resource executionAsyncResource() returns (undefined: the top-level resource). */
  resource: object | undefined;
  /** Saved (id, trigger, resource) triples of the enclosing scopes: `stack[0 .. depth)` (own slots, see own-slots.ts). */
  stack: unknown[];
  depth: number;
  /** kAsyncIdCounter: the last id handed out. */
  counter: number;
  /** kDefaultTriggerAsyncId (-1: none, use executionAsyncId). */
  defaultTriggerAsyncId: number;
  /** Number of enabled hooks with each callback (Node's async_hook_fields). */
  init: number;
  before: number;
  after: number;
  destroy: number;
  promiseResolve: number;
  /** V8's promise hooks are on: every promise gets an id (PROMISE), awaits a throwaway promise. */
  promiseHooks: boolean;
  /** Some hook is enabled (Node's enabledHooksExist / kCheck). */
  hooksEnabled: boolean;
}

export const cx: AsyncContextState = {
  frame: undefined,
  acf: false,
  executionAsyncId: 0,
  triggerAsyncId: 0,
  resource: undefined,
  stack: ownSlots(96),
  depth: 0,
  counter: 1,
  defaultTriggerAsyncId: -1,
  init: 0,
  before: 0,
  after: 0,
  destroy: 0,
  promiseResolve: 0,
  promiseHooks: false,
  hooksEnabled: false,
};

/** newAsyncId(): Environment::new_async_id. */
export function newAsyncId(): number {
  return ++cx.counter;
}

/** getDefaultTriggerAsyncId(). */
export function defaultTriggerAsyncId(): number {
  const d = cx.defaultTriggerAsyncId;
  return d < 0 ? cx.executionAsyncId : d;
}

/** pushAsyncContext: the callback of resource `asyncId` starts. */
export function pushContext(asyncId: number, triggerAsyncId: number, resource: object | undefined): void {
  let s = cx.stack;
  const d = cx.depth;
  if (d + 3 > s.length) {
    const grown = ownSlots<unknown>(s.length * 2);
    for (let i = 0; i < d; i++) grown[i] = s[i];
    cx.stack = s = grown;
  }
  s[d] = cx.executionAsyncId;
  s[d + 1] = cx.triggerAsyncId;
  s[d + 2] = cx.resource;
  cx.depth = d + 3;
  cx.executionAsyncId = asyncId;
  cx.triggerAsyncId = triggerAsyncId;
  cx.resource = resource;
}

/** popAsyncContext. */
export function popContext(): void {
  const s = cx.stack;
  const d = cx.depth - 3;
  if (d < 0) return;
  cx.resource = s[d + 2] as object | undefined;
  cx.triggerAsyncId = s[d + 1] as number;
  cx.executionAsyncId = s[d] as number;
  s[d] = s[d + 1] = s[d + 2] = undefined;
  cx.depth = d;
}

/** Node's clearAsyncIdStack (after an uncaught exception unwound every scope). */
export function clearContextStack(): void {
  cx.stack.fill(undefined, 0, cx.depth);
  cx.depth = 0;
  cx.executionAsyncId = 0;
  cx.triggerAsyncId = 0;
  cx.resource = undefined;
}

/**
 * Node 20/22: the storages enabled now (async_hooks' storageList); each has a `key` under which
 * its store lives in a record. Kept here so `captureFrame` can propagate without an import cycle.
 */
export const storageKeys: symbol[] = [];

/**
 * The ALS context a callback scheduled now will run in. Node 24+: the current frame itself
 * (frames are immutable). Node 20/22: the init hook's `_propagate` — a new record with the
 * current store of every enabled storage — when some storage is enabled.
 */
export function captureFrame(): unknown {
  const f = cx.frame;
  if (cx.acf || storageKeys.length === 0) return cx.acf ? f : undefined;
  const rec: Record<symbol, unknown> = Object.create(null);
  const from = f as Record<symbol, unknown> | undefined;
  for (let i = 0; i < storageKeys.length; i++) rec[storageKeys[i]] = from === undefined ? undefined : from[storageKeys[i]];
  return rec;
}
