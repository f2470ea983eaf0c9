/**
 * AsyncResource (lib/async_hooks.js): a resource made by user code (or Node's JS layer: the
 * Microtask of queueMicrotask, EventEmitterAsyncResource). It takes an async id and the ALS
 * context at construction; `runInAsyncScope` runs a function inside both.
 */
import { invalidArgType, nodeError } from '../errors';
import { emitWarning } from '../process-events';
import { emitAfter, emitBefore, emitDestroy, emitInit } from './hooks';
import { captureFrame, cx, defaultTriggerAsyncId, newAsyncId } from './state';

const asyncIdSymbol = Symbol('async_id_symbol');
const triggerIdSymbol = Symbol('trigger_async_id_symbol');

type Fn = (...args: unknown[]) => unknown;

export class AsyncResource {
  #frame: unknown;

  constructor(type: unknown, opts: unknown = {}) {
    if (typeof type !== 'string') throw invalidArgType('type', 'string', type);
    let triggerAsyncId: unknown = opts;
    if (typeof opts !== 'number') {
      const o = (opts ?? {}) as { triggerAsyncId?: unknown };
      triggerAsyncId = o.triggerAsyncId === undefined ? defaultTriggerAsyncId() : o.triggerAsyncId;
    }
    if (!Number.isSafeInteger(triggerAsyncId) || (triggerAsyncId as number) < -1) {
      throw nodeError(RangeError, 'ERR_INVALID_ASYNC_ID', `Invalid triggerAsyncId value: ${String(triggerAsyncId)}`);
    }
    // Node 20/22 propagate the store records in the storages' init hook, 24+ read the frame
    // before taking the id: either way the context of the constructor's caller.
    this.#frame = captureFrame();
    const asyncId = newAsyncId();
    (this as unknown as Record<symbol, number>)[asyncIdSymbol] = asyncId;
    (this as unknown as Record<symbol, number>)[triggerIdSymbol] = triggerAsyncId as number;
    if (cx.init > 0) {
      if ((type as string).length === 0 && (cx.hooksEnabled || (nodeMajor() >= 26))) {
        throw nodeError(TypeError, 'ERR_ASYNC_TYPE', `Invalid name for async "type": ${type as string}`);
      }
      emitInit(asyncId, type as string, triggerAsyncId as number, this);
    }
  }

  runInAsyncScope(fn: Fn, thisArg?: unknown, ...args: unknown[]): unknown {
    const asyncId = this.asyncId();
    emitBefore(asyncId, this.triggerAsyncId(), this);
    const prior = cx.frame;
    cx.frame = this.#frame;
    try {
      return Reflect.apply(fn, thisArg, args);
    } finally {
      cx.frame = prior;
      emitAfter(asyncId);
    }
  }

  emitDestroy(): this {
    emitDestroy(this.asyncId());
    return this;
  }

  asyncId(): number {
    return (this as unknown as Record<symbol, number>)[asyncIdSymbol];
  }

  triggerAsyncId(): number {
    return (this as unknown as Record<symbol, number>)[triggerIdSymbol];
  }

  bind(fn: unknown, thisArg?: unknown): Fn {
    if (typeof fn !== 'function') throw invalidArgType('fn', 'function', fn);
    let bound: Fn;
    if (thisArg === undefined) {
      const run = this.runInAsyncScope.bind(this);
      bound = function (this: unknown, ...args: unknown[]) {
        return run(fn as Fn, this, ...args);
      };
    } else {
      bound = this.runInAsyncScope.bind(this, fn as Fn, thisArg) as Fn;
    }
    Object.defineProperty(bound, 'length', { configurable: true, enumerable: false, value: (fn as Fn).length, writable: false });
    if (nodeMajor() < 26) {
      // DEP0172 (removed in Node 26): an enumerable accessor, so util.inspect shows it.
      const holder = { resource: this as AsyncResource };
      Object.defineProperty(bound, 'asyncResource', {
        configurable: true,
        enumerable: true,
        get() { warnAsyncResource(); return holder.resource; },
        set(v: AsyncResource) { warnAsyncResource(); holder.resource = v; },
      });
    }
    return bound;
  }

  static bind(fn: unknown, type?: unknown, thisArg?: unknown): Fn {
    const t = (type as string) || (fn as { name?: string } | null)?.name;
    return new AsyncResource(t || 'bound-anonymous-fn').bind(fn, thisArg);
  }
}

let warnedAsyncResource = false;
function warnAsyncResource(): void {
  if (warnedAsyncResource) return;
  warnedAsyncResource = true;
  emitWarning('The asyncResource property on bound functions is deprecated', 'DeprecationWarning', 'DEP0172');
}

/** The Node line imitated. */
export function nodeMajor(): number {
  return asyncContextMajor;
}
let asyncContextMajor = 20;
export function setAsyncContextMajor(major: number): void {
  asyncContextMajor = major;
}
