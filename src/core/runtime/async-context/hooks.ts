/**
 * `async_hooks.createHook` and the emit functions every simulated queue calls, as
 * lib/internal/async_hooks.js does them:
 * - a hook list changed while hooks run takes effect for the next event (Node's tmp_array);
 * - `destroy` is queued (queueDestroyAsyncId) and emitted in a batch by the loop: at the start of
 *   the check phase, and before 'beforeExit' (`flushDestroys`);
 * - an exception in a hook is fatal: its stack on stderr, exit code 1 (Node's fatalError);
 * - promise hooks (PROMISE resources, their before/after and promiseResolve) are on while some
 *   enabled hook tracks promises (Node 24+: `trackPromises: false` opts out).
 */
import { invalidArgType, nodeError } from '../errors';
import { writeOut } from '../output';
import { EXIT_SIGNAL, rt } from '../state';
import { clearContextStack, cx, popContext, pushContext } from './state';

const kInit = 0, kBefore = 1, kAfter = 2, kDestroy = 3, kPromiseResolve = 4;

export class AsyncHook {
  /** The callbacks, in Node's order: init, before, after, destroy, promiseResolve. */
  readonly fns: (((...a: unknown[]) => unknown) | undefined)[];
  /** Node 24+: `trackPromises: false` (no PROMISE events for this hook). */
  readonly noPromises: boolean;

  constructor(fns: { init?: unknown; before?: unknown; after?: unknown; destroy?: unknown; promiseResolve?: unknown; trackPromises?: unknown }) {
    const names = ['init', 'before', 'after', 'destroy', 'promiseResolve'] as const;
    for (const name of names) {
      const f = fns[name];
      if (f !== undefined && typeof f !== 'function') {
        throw nodeError(TypeError, 'ERR_ASYNC_CALLBACK', `hook.${name} must be a function`);
      }
    }
    let noPromises = false;
    if ((rt.host.options.nodeMajor ?? 20) >= 24 && fns.trackPromises !== undefined) {
      if (typeof fns.trackPromises !== 'boolean') throw invalidArgType('trackPromises', 'boolean', fns.trackPromises);
      if (fns.trackPromises === false) {
        if (fns.promiseResolve) {
          throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'trackPromises' must not be false when promiseResolve is enabled. Received false");
        }
        noPromises = true;
      }
    }
    this.fns = names.map((n) => fns[n] as ((...a: unknown[]) => unknown) | undefined);
    this.noPromises = noPromises;
  }

  enable(): this {
    if (active.includes(this)) return this;
    active = [...active, this];
    recount();
    return this;
  }

  disable(): this {
    const i = active.indexOf(this);
    if (i === -1) return this;
    active = active.filter((h) => h !== this);
    recount();
    return this;
  }
}

/** Enabled hooks. Replaced (never mutated) on enable/disable, so an emit in progress keeps its list. */
let active: AsyncHook[] = [];

function recount(): void {
  const count = (k: number) => active.reduce((n, h) => n + (h.fns[k] !== undefined ? 1 : 0), 0);
  cx.init = count(kInit);
  cx.before = count(kBefore);
  cx.after = count(kAfter);
  cx.destroy = count(kDestroy);
  cx.promiseResolve = count(kPromiseResolve);
  cx.hooksEnabled = active.length > 0;
  // Node keeps V8's promise hook once it was wanted until a microtask after the last disable;
  // the difference is invisible to programs that do not toggle hooks inside promise jobs.
  cx.promiseHooks = active.some((h) => !h.noPromises);
}

export function createHook(fns: unknown): AsyncHook {
  if (fns === null || fns === undefined) throw new TypeError("Cannot destructure property 'init' of 'undefined' as it is undefined.");
  return new AsyncHook(fns as ConstructorParameters<typeof AsyncHook>[0]);
}

/** fatalError of lib/internal/async_hooks.js: a hook threw. */
function fatal(e: unknown): never {
  const stack = e !== null && typeof e === 'object' ? (e as { stack?: unknown }).stack : undefined;
  writeOut(2, `${typeof stack === 'string' ? stack : rt.host.inspect(e)}\n`);
  rt.exitCode = 1;
  rt.exited = true;
  throw EXIT_SIGNAL;
}

function run(k: number, list: AsyncHook[], isPromise: boolean, a: unknown, b?: unknown, c?: unknown, d?: unknown): void {
  try {
    for (let i = 0; i < list.length; i++) {
      const f = list[i].fns[k];
      if (f === undefined || (isPromise && list[i].noPromises)) continue;
      if (k === kInit) f(a, b, c, d);
      else f(a);
    }
  } catch (e) {
    if (e === EXIT_SIGNAL) throw e;
    fatal(e);
  }
}

/** emitInit: a resource was made (its id and trigger already taken). */
export function emitInit(asyncId: number, type: string, triggerAsyncId: number, resource: object, isPromise = false): void {
  if (cx.init > 0) run(kInit, active, isPromise, asyncId, type, triggerAsyncId, resource);
}

/** emitBefore: the callback of `asyncId` starts (pushes the execution context). */
export function emitBefore(asyncId: number, triggerAsyncId: number, resource: object | undefined, isPromise = false): void {
  pushContext(asyncId, triggerAsyncId, resource);
  if (cx.before > 0) run(kBefore, active, isPromise, asyncId);
}

/** emitAfter: the callback of `asyncId` ended (pops the execution context). */
export function emitAfter(asyncId: number, isPromise = false): void {
  if (cx.after > 0) run(kAfter, active, isPromise, asyncId);
  popContext();
}

export function emitPromiseResolve(asyncId: number): void {
  if (cx.promiseResolve > 0) run(kPromiseResolve, active, true, asyncId);
}

const destroyQueue: number[] = [];

/** emitDestroy: queued (Node's queueDestroyAsyncId), emitted by `flushDestroys`. */
export function emitDestroy(asyncId: number): void {
  if (cx.destroy > 0 && asyncId > 0) destroyQueue.push(asyncId);
}

/** DestroyAsyncIdsCallback: the loop calls it at the start of the check phase and before 'beforeExit'. */
export function flushDestroys(): void {
  while (destroyQueue.length > 0 && !rt.exited) {
    const ids = destroyQueue.splice(0);
    for (const id of ids) {
      if (cx.destroy > 0) run(kDestroy, active, false, id);
    }
  }
}

export function hasDestroys(): boolean {
  return destroyQueue.length > 0;
}

/** After an uncaught exception was handled: `after` for every scope it unwound, then an empty stack. */
export function unwindAsyncContext(): void {
  if (cx.after > 0) {
    while (cx.depth > 0) {
      const id = cx.executionAsyncId;
      if (id === 0) popContext();
      else emitAfter(id);
    }
  }
  clearContextStack();
}
