/**
 * V8's promise hooks as Node's async_hooks uses them (lib/internal/async_hooks.js
 * promiseInitHook & co.), on while `cx.promiseHooks`: every promise takes an async id (type
 * PROMISE, triggered by its parent or the running resource), a promise job runs between
 * before/after of its promise (the derived one of then(), await's throwaway, the promise a
 * thenable job resolves), and settling a promise emits promiseResolve. Like Node, the ids live
 * on the promise as `Symbol(async_id_symbol)` / `Symbol(trigger_async_id_symbol)` properties.
 */
import { emitAfter, emitBefore, emitInit, emitPromiseResolve } from './hooks';
import { cx, defaultTriggerAsyncId, newAsyncId } from './state';

const asyncIdSymbol = Symbol('async_id_symbol');
const triggerIdSymbol = Symbol('trigger_async_id_symbol');
/** Where a promise's async id and trigger are, once promise hooks gave it some. */
export const promiseAsyncIdSymbol = asyncIdSymbol;
export const promiseTriggerIdSymbol = triggerIdSymbol;

type Tracked = Record<symbol, number>;

function getOrSetAsyncId(o: object): number {
  if (Object.prototype.hasOwnProperty.call(o, asyncIdSymbol)) return (o as Tracked)[asyncIdSymbol];
  return ((o as Tracked)[asyncIdSymbol] = newAsyncId());
}

/** trackPromise: a promise made before the hooks were on gets its id when first seen. */
function track(p: object, parent?: object): void {
  if ((p as Tracked)[asyncIdSymbol]) return;
  const trigger = parent !== undefined ? getOrSetAsyncId(parent) : defaultTriggerAsyncId();
  (p as Tracked)[asyncIdSymbol] = newAsyncId();
  (p as Tracked)[triggerIdSymbol] = trigger;
}

export function promiseInit(p: object, parent: object | undefined): void {
  track(p, parent);
  if (cx.init > 0) emitInit((p as Tracked)[asyncIdSymbol], 'PROMISE', (p as Tracked)[triggerIdSymbol], p, true);
}

export function promiseBefore(p: object): void {
  track(p);
  emitBefore((p as Tracked)[asyncIdSymbol], (p as Tracked)[triggerIdSymbol], p, true);
}

export function promiseAfter(p: object): void {
  track(p);
  const asyncId = (p as Tracked)[asyncIdSymbol];
  if (cx.executionAsyncId === asyncId) emitAfter(asyncId, true);
}

export function promiseSettled(p: object): void {
  track(p);
  emitPromiseResolve((p as Tracked)[asyncIdSymbol]);
}
