/**
 * setImmediate / clearImmediate like Node 20's lib/timers.js + processImmediate in
 * lib/internal/timers.js: one linked queue; the check phase takes the whole queue at its start
 * (immediates queued while it runs wait for the next iteration), runs them in order with
 * runNextTicks between, and skips the ones cleared meanwhile.
 */
import { EventKind } from '../trace/format';
import { invalidArgType } from './errors';
import { rt } from './state';
import { SymbolDispose } from './timers';
import { emitDestroy, emitInit } from './async-context/hooks';
import { captureFrame, cx, defaultTriggerAsyncId, newAsyncId } from './async-context/state';

const kAsyncId = Symbol('asyncId');
const kTriggerId = Symbol('triggerId');
let frameOf: (im: Immediate) => unknown;

export let immediateCount = 0;
export let immediateRefCount = 0;

export class Immediate {
  _idleNext: Immediate | null = null;
  _idlePrev: Immediate | null = null;
  _onImmediate: ((...a: unknown[]) => void) | null;
  _argv: unknown[] | undefined;
  _destroyed = false;
  _refed: boolean | null = true;
  readonly _id: number;
  [kAsyncId]: number;
  [kTriggerId]: number;
  /** The AsyncLocalStorage context the callback runs in. */
  readonly #frame: unknown;

  constructor(callback: (...a: unknown[]) => void, args: unknown[] | undefined) {
    this._onImmediate = callback;
    this._argv = args;
    this._id = ++rt.rec.ids.immediate;
    // initAsyncResource() of lib/internal/timers.js.
    const asyncId = (this[kAsyncId] = newAsyncId());
    const trigger = (this[kTriggerId] = defaultTriggerAsyncId());
    this.#frame = captureFrame();
    if (cx.init > 0) emitInit(asyncId, 'Immediate', trigger, this);
    immediateCount++;
    immediateRefCount++;
    queue.append(this);
  }

  static {
    frameOf = (im) => im.#frame;
  }

  ref(): this {
    if (this._refed === false) {
      this._refed = true;
      immediateRefCount++;
    }
    return this;
  }

  unref(): this {
    if (this._refed === true) {
      this._refed = false;
      immediateRefCount--;
    }
    return this;
  }

  hasRef(): boolean {
    return this._refed === true;
  }
}

// lib/timers.js: `Immediate.prototype[SymbolDispose] = function() { clearImmediate(this); }` (enumerable, anonymous).
(Immediate.prototype as unknown as Record<symbol, unknown>)[SymbolDispose] = function (this: Immediate) {
  clearImmediate(this);
};

export function immediateFrame(im: Immediate): unknown {
  return frameOf(im);
}
export function immediateAsyncId(im: Immediate): number {
  return im[kAsyncId];
}
export function immediateTriggerId(im: Immediate): number {
  return im[kTriggerId];
}

class ImmediateList {
  head: Immediate | null = null;
  tail: Immediate | null = null;
  append(item: Immediate): void {
    if (this.tail !== null) {
      this.tail._idleNext = item;
      item._idlePrev = this.tail;
    } else {
      this.head = item;
    }
    this.tail = item;
  }
  remove(item: Immediate): void {
    if (item._idleNext) item._idleNext._idlePrev = item._idlePrev;
    if (item._idlePrev) item._idlePrev._idleNext = item._idleNext;
    if (item === this.head) this.head = item._idleNext;
    if (item === this.tail) this.tail = item._idlePrev;
    item._idleNext = item._idlePrev = null;
  }
}

const queue = new ImmediateList();
const outstanding = new ImmediateList();

export function setImmediate(callback: unknown, ...args: unknown[]): Immediate {
  if (typeof callback !== 'function') throw invalidArgType('callback', 'function', callback);
  const im = new Immediate(callback as (...a: unknown[]) => void, args.length === 0 ? undefined : args);
  const site = rt.callSite; // the program's call site (InstrumentationApi.callSite), if known
  rt.callSite = 0;
  if (rt.tracing) rt.rec.emit(EventKind.ImmediateSchedule, im._id, 0, site);
  return im;
}

export function clearImmediate(immediate: unknown): void {
  if (!(immediate instanceof Immediate) || immediate._destroyed) return;
  immediateCount--;
  immediate._destroyed = true;
  if (immediate._refed) immediateRefCount--;
  immediate._refed = null;
  immediate._onImmediate = null;
  emitDestroy(immediate[kAsyncId]);
  queue.remove(immediate);
}

export function hasImmediates(): boolean {
  return queue.head !== null || outstanding.head !== null;
}

export interface ImmediateHooks {
  runNextTicks(): void;
  /** Runs one callback; true if it threw (the rest of the batch then waits for the next check phase). */
  invoke(im: Immediate): boolean;
}

/** processImmediate(): the check phase. */
export function processImmediate(hooks: ImmediateHooks): void {
  const q = outstanding.head !== null ? outstanding : queue;
  let immediate = q.head;
  if (q !== outstanding) {
    q.head = q.tail = null;
    outstanding.head = immediate;
  }
  let prev: Immediate | null = null;
  let ranAtLeastOne = false;
  while (immediate !== null && !rt.exited) {
    if (ranAtLeastOne) hooks.runNextTicks();
    else ranAtLeastOne = true;
    if (rt.exited) return;
    if (immediate._destroyed) {
      outstanding.head = immediate = prev !== null ? prev._idleNext : immediate._idleNext;
      continue;
    }
    immediate._destroyed = true;
    immediateCount--;
    if (immediate._refed) immediateRefCount--;
    immediate._refed = null;
    prev = immediate;
    let threw: boolean;
    try {
      threw = hooks.invoke(immediate);
    } finally {
      immediate._onImmediate = null;
      outstanding.head = immediate = immediate._idleNext;
    }
    // Node: the exception unwinds processImmediate; kHasOutstanding stays set, so the rest run
    // first in the next check phase.
    if (threw) return;
  }
  outstanding.head = null;
}
