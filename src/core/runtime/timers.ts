/**
 * setTimeout / setInterval exactly like Node 20's lib/internal/timers.js + lib/timers.js:
 * - one TimersList per distinct duration (`timerListMap[msecs]`), timers appended in creation
 *   order; lists in a binary-heap priority queue ordered by expiry, then list id;
 * - processTimers(now) runs every due list (runNextTicks between lists), listOnTimeout runs a
 *   list's due timers (runNextTicks between timers) and, when it meets one not yet due, gives
 *   the list a new expiry and a new id (so it sorts after lists of the same expiry);
 * - 1 ms minimum: `after` that is not in [1, TIMEOUT_MAX] becomes 1; fractions are kept;
 * - setInterval re-inserts with start = the loop time before its callback ran;
 * - ref/unref/hasRef/refresh/close, [Symbol.toPrimitive] (the id, usable in clearTimeout),
 *   [Symbol.dispose] (clearTimeout).
 */
import { appendOwn } from './own-slots';
import { EventKind, RacyOutcome, RacyTieKind } from '../trace/format';
import { clock } from './clock';
import { decideRacyTie } from './racy-ties';

/** getLibuvNow(): Node's GetNow calls uv_update_time first, so it is the current time (whole ms). */
function libuvNow(): number {
  return Math.floor(clock.now);
}
import { invalidArgType } from './errors';
import { emitWarning } from './process-events';
import { rt } from './state';
import { emitDestroy, emitInit } from './async-context/hooks';
import { captureFrame, cx, defaultTriggerAsyncId, newAsyncId } from './async-context/state';
import { callerSite } from './caller-site';

const TIMEOUT_MAX = 2 ** 31 - 1;
/** Node 24+ warns once per thread about a negative and about a NaN delay. */
const warned = { negative: false, notNumber: false };

let listIds = 0;
/** Number of ref'ed live timers (keeps the loop alive). */
export let timerRefCount = 0;

const kRefed = Symbol('refed');
const kHasPrimitive = Symbol('kHasPrimitive');
const kId = Symbol('asyncId');
const kTriggerId = Symbol('triggerId');
let traceIdOf: (t: Timeout) => number;
/**
 * Symbol.dispose of the sandbox: V8's own where it has one, else Node 20's
 * `Symbol.for('nodejs.dispose')`, which install() puts on the sandbox's Symbol.
 */
export const SymbolDispose: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for('nodejs.dispose');

/** Intrusive doubly linked list node, as Node's internal/linkedlist. */
interface Node { _idlePrev: Node | null; _idleNext: Node | null }

export class Timeout implements Node {
  _idleTimeout: number;
  _idlePrev: Node | null;
  _idleNext: Node | null;
  _idleStart: number | null = null;
  _onTimeout: ((...args: unknown[]) => void) | null;
  _timerArgs: unknown[] | undefined;
  _repeat: number | null;
  _destroyed = false;
  [kRefed]: boolean | null;
  [kHasPrimitive] = false;
  /** Node's async id (also what `+timeout` gives). */
  [kId]: number;
  [kTriggerId]: number;
  /** The trace's id (unique across threads, which have async ids of their own). */
  readonly #traceId: number;
  /** The AsyncLocalStorage context the callback runs in (async-context/state.ts). */
  _frame: unknown;
  /** libuv's loop time when it was (re)inserted: two timers made at one loop time can be a racy tie (tiedRival). */
  _insertLoop = -1;

  constructor(callback: (...args: unknown[]) => void, after: number, args: unknown[] | undefined, isRepeat: boolean, isRefed: boolean) {
    // No delay is 1 ms without a word (Node 24 says so explicitly; in 20 it is NaN → 1, silently too).
    after = after === undefined ? 1 : after * 1;
    if (!(after >= 1 && after <= TIMEOUT_MAX)) {
      if (after > TIMEOUT_MAX) {
        emitWarning(`${after} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`, 'TimeoutOverflowWarning');
      } else if ((rt.host.options.nodeMajor ?? 20) >= 24) {
        // Node 24 added a warning, once per process each, for a negative and for a NaN delay.
        if (after < 0 && !warned.negative) {
          warned.negative = true;
          emitWarning(`${after} is a negative number.\nTimeout duration was set to 1.`, 'TimeoutNegativeWarning');
        } else if (Number.isNaN(after) && !warned.notNumber) {
          warned.notNumber = true;
          emitWarning(`${after} is not a number.\nTimeout duration was set to 1.`, 'TimeoutNaNWarning');
        }
      }
      after = 1;
    }
    this._idleTimeout = after;
    this._idlePrev = this;
    this._idleNext = this;
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = isRepeat ? after : null;
    if (isRefed) timerRefCount++;
    this[kRefed] = isRefed;
    this.#traceId = ++rt.rec.ids.timer;
    // initAsyncResource() of lib/internal/timers.js.
    const asyncId = (this[kId] = newAsyncId());
    const trigger = (this[kTriggerId] = defaultTriggerAsyncId());
    this._frame = captureFrame();
    if (cx.init > 0) emitInit(asyncId, 'Timeout', trigger, this);
    if (rt.callSite !== 0) {
      timerSites.set(this, rt.callSite);
      rt.callSite = 0;
    }
  }

  static {
    traceIdOf = (t) => t.#traceId;
  }

  refresh(): this {
    // Node's insertGuarded: a cleared timer (_idleTimeout -1) stays cleared; one that already
    // fired is scheduled again (net.js refreshes a socket's idle timer on every read and write).
    if (this[kRefed] !== null && this._idleTimeout >= 0) {
      remove(this);
      insert(this, this._idleTimeout, libuvNow());
      if (this._destroyed) {
        this._destroyed = false;
        if (this[kRefed]) timerRefCount++;
      }
    }
    return this;
  }

  unref(): this {
    if (this[kRefed]) {
      this[kRefed] = false;
      if (!this._destroyed) timerRefCount--;
    }
    return this;
  }

  ref(): this {
    if (this[kRefed] === false) {
      this[kRefed] = true;
      if (!this._destroyed) timerRefCount++;
    }
    return this;
  }

  hasRef(): boolean {
    return this[kRefed] === true;
  }

  close(): this {
    clearTimeout(this);
    return this;
  }

  [Symbol.toPrimitive](): number {
    const id = this[kId];
    if (!this[kHasPrimitive]) {
      this[kHasPrimitive] = true;
      knownTimersById.set(id, this);
    }
    return id;
  }
}

// lib/timers.js assigns it (enumerable, anonymous): `Timeout.prototype[SymbolDispose] = function() { clearTimeout(this); }`.
(Timeout.prototype as unknown as Record<symbol, unknown>)[SymbolDispose] = function (this: Timeout) {
  clearTimeout(this);
};

/** The timer's id in the trace. */
export function timeoutId(t: Timeout): number {
  return traceIdOf(t);
}

/** Node's async id of the timer, and its trigger. */
export function timeoutAsyncId(t: Timeout): number {
  return t[kId];
}
export function timeoutTriggerId(t: Timeout): number {
  return t[kTriggerId];
}

const knownTimersById = new Map<number, Timeout>();
/**
 * Where the program called setTimeout/setInterval (InstrumentationApi.callSite), for timers made
 * at a known site. Not a property: `console.log(timeout)` must print Node's fields only.
 */
const timerSites = new WeakMap<Timeout, number>();

class TimersList implements Node {
  _idlePrev: Node | null = this;
  _idleNext: Node | null = this;
  id = ++listIds;
  pos = 0;
  constructor(public expiry: number, public msecs: number) {}
}

function remove(item: Node): void {
  if (item._idleNext) item._idleNext._idlePrev = item._idlePrev;
  if (item._idlePrev) item._idlePrev._idleNext = item._idleNext;
  item._idleNext = null;
  item._idlePrev = null;
}

function append(list: Node, item: Node): void {
  if (item._idleNext || item._idlePrev) remove(item);
  item._idleNext = list;
  item._idlePrev = list._idlePrev;
  list._idlePrev!._idleNext = item;
  list._idlePrev = item;
}

function peek(list: TimersList): Timeout | null {
  return list._idlePrev === list ? null : (list._idleNext as Timeout);
}

// ---- priority queue of lists (Node's internal/priority_queue, 1-based heap) ----
const heap: TimersList[] = [undefined as unknown as TimersList];
function less(a: TimersList, b: TimersList): boolean {
  return a.expiry < b.expiry || (a.expiry === b.expiry && a.id < b.id);
}
function set(i: number, l: TimersList): void {
  heap[i] = l;
  l.pos = i;
}
function up(i: number): void {
  const item = heap[i];
  while (i > 1) {
    const parent = i >>> 1;
    if (!less(item, heap[parent])) break;
    set(i, heap[parent]);
    i = parent;
  }
  set(i, item);
}
function down(i: number): void {
  const size = heap.length - 1;
  const item = heap[i];
  while (true) {
    let child = i * 2;
    if (child > size) break;
    if (child + 1 <= size && less(heap[child + 1], heap[child])) child++;
    if (!less(heap[child], item)) break;
    set(i, heap[child]);
    i = child;
  }
  set(i, item);
}
function heapInsert(l: TimersList): void {
  up(appendOwn(heap, l) - 1);
}
function heapRemoveAt(i: number): void {
  const last = heap.pop()!;
  if (i < heap.length) {
    set(i, last);
    up(i);
    down(last.pos);
  }
}

const timerListMap = new Map<number, TimersList>();

/** insert() of lib/internal/timers.js. */
function insert(item: Timeout, msecs: number, start: number): void {
  // Node: "Truncate so that accuracy of sub-millisecond timers is not assumed" (1.7 joins the 1 ms list).
  msecs = Math.trunc(msecs);
  item._idleStart = start;
  item._insertLoop = clock.loop;
  let list = timerListMap.get(msecs);
  if (list === undefined) {
    list = new TimersList(start + msecs, msecs);
    timerListMap.set(msecs, list);
    heapInsert(list);
  }
  append(list, item);
}

/** unenroll() of lib/timers.js. */
function unenroll(item: Timeout): void {
  if (item._destroyed) return;
  item._destroyed = true;
  if (item[kHasPrimitive]) knownTimersById.delete(item[kId]);
  emitDestroy(item[kId]);
  remove(item);
  const list = timerListMap.get(Math.trunc(item._idleTimeout));
  if (list !== undefined && list._idlePrev === list) {
    heapRemoveAt(list.pos);
    timerListMap.delete(list.msecs);
  }
  if (item[kRefed]) timerRefCount--;
  item._idleTimeout = -1;
}

function schedule(callback: unknown, after: unknown, args: unknown[] | undefined, repeat: boolean): Timeout {
  if (typeof callback !== 'function') throw invalidArgType('callback', 'function', callback);
  const t = new Timeout(callback as (...a: unknown[]) => void, after as number, args, repeat, true);
  insert(t, t._idleTimeout, libuvNow());
  // The call's site when the instrumenter marked it; an interval called otherwise is found from the stack
  // (rare; src/core/analysis names what kept a run alive).
  if (rt.tracing) rt.rec.emit(EventKind.TimerSchedule, timeoutId(t), Math.round(t._idleTimeout), timerSites.get(t) ?? (repeat ? callerSite('setInterval', 'timer') : 0));
  return t;
}

export function setTimeout(callback: unknown, after?: unknown, ...args: unknown[]): Timeout {
  return schedule(callback, after, args.length === 0 ? undefined : args, false);
}

export function setInterval(callback: unknown, repeat?: unknown, ...args: unknown[]): Timeout {
  return schedule(callback, repeat, args.length === 0 ? undefined : args, true);
}

/** For timers/promises: a Timeout whose callback is internal. */
export function scheduleInternal(callback: (...a: unknown[]) => void, after: unknown, args: unknown[] | undefined, refed: boolean, repeat = false): Timeout {
  const t = new Timeout(callback, after as number, args, repeat, refed);
  insert(t, t._idleTimeout, libuvNow());
  if (rt.tracing) rt.rec.emit(EventKind.TimerSchedule, timeoutId(t), Math.round(t._idleTimeout), timerSites.get(t) ?? 0);
  return t;
}

export function clearTimeout(timer: unknown): void {
  if (timer !== null && typeof timer === 'object' && (timer as Timeout)._onTimeout) {
    const t = timer as Timeout;
    t._onTimeout = null;
    if (rt.tracing) rt.rec.emit(EventKind.TimerClear, timeoutId(t), 0, 0);
    unenroll(t);
    return;
  }
  if (typeof timer === 'number' || typeof timer === 'string') {
    const t = knownTimersById.get(Number(timer));
    if (t !== undefined) {
      t._onTimeout = null;
      if (rt.tracing) rt.rec.emit(EventKind.TimerClear, timeoutId(t), 0, 0);
      unenroll(t);
    }
  }
}
export const clearInterval = clearTimeout;

/** The trace ids of the ref'd timers still scheduled (what keeps the loop alive, for a run stopped early). */
export function refedTimerIds(): number[] {
  const ids: number[] = [];
  for (const list of timerListMap.values()) {
    for (let item = list._idleNext; item !== null && item !== list; item = item._idleNext) {
      const t = item as Timeout;
      if (t[kRefed] && !t._destroyed) ids.push(timeoutId(t));
    }
  }
  return ids;
}

/** The call site of the timer that is due first (0 if none or unknown). */
export function firstDueTimerSite(): number {
  if (heap.length <= 1) return 0;
  const first = peek(heap[1]);
  return first === null ? 0 : (timerSites.get(first) ?? 0);
}

/** Due time of the earliest list (Infinity if none). */
export function nextExpiry(): number {
  return heap.length > 1 ? heap[1].expiry : Infinity;
}

export interface TimerHooks {
  /** Node's runNextTicks (ticks + microtasks between callbacks). */
  runNextTicks(): void;
  /** Runs one timer callback as a macrotask (with its error handling); true if it threw. */
  invoke(t: Timeout): boolean;
}

/**
 * After a callback threw, Node's processTimers was unwound and is called again by RunTimers:
 * no runNextTicks before the next timer (ranAtLeastOne* start false again).
 */
let threw = false;

/** processTimers(now): runs every due list; false when none was due (RunTimers not called). */
export function processTimers(now: number, hooks: TimerHooks): boolean {
  let ranAtLeastOneList = false;
  while (heap.length > 1 && !rt.exited) {
    const list = heap[1];
    if (list.expiry > now) return ranAtLeastOneList;
    const rival = tiedRival(list);
    if (rival !== null && decideRacyTie(RacyTieKind.TimersAcrossClockTick, timerSites.get(peek(rival)!) ?? 0) === RacyOutcome.Flipped) {
      // The other outcome: the later timer's list goes first (as if its start were a millisecond earlier).
      rival.id = list.id - 0.5;
      up(rival.pos);
      continue;
    }
    if (ranAtLeastOneList && !threw) hooks.runNextTicks();
    else ranAtLeastOneList = true;
    threw = false;
    if (rt.exited) return true;
    listOnTimeout(list, now, hooks);
  }
  return ranAtLeastOneList;
}

/**
 * A racy tie (docs/cost-model.md): `list` is about to run, and another list is due at the same
 * millisecond, its first timer made at the same loop time but at a later millisecond of the clock
 * (synchronous work — a busy-wait — advanced it between the two `setTimeout`s: `setTimeout(f, 5)`,
 * 1 ms of work, `setTimeout(g, 4)`). Real Node takes each timer's start from its millisecond
 * clock (GetNow updates it): if it ticked as often as the simulated clock, both are due together
 * and the older list runs first (the default); if it ticked once less (Date.now and libuv's clock
 * tick at different moments), the later timer is due a millisecond earlier and runs first. Lists
 * due at one expiry are a connected top of the heap: only those are looked at. Returns the tied
 * list that would run first otherwise, or null.
 */
function tiedRival(list: TimersList): TimersList | null {
  const first = peek(list);
  if (first === null || heap.length <= 2) return null;
  let best: TimersList | null = null;
  const visit = (i: number): void => {
    if (i >= heap.length || heap[i].expiry !== list.expiry) return;
    const other = heap[i];
    const head = other === list ? null : peek(other);
    if (head !== null && head._insertLoop === first._insertLoop && head._idleStart! > first._idleStart! && (best === null || other.id < best.id)) best = other;
    visit(2 * i);
    visit(2 * i + 1);
  };
  visit(1);
  return best;
}

/** The timer whose callback runs now, and its interval's restart time. */
let running: Timeout | null = null;
let runningStart = 0;

/**
 * The `finally` of Node's listOnTimeout after a callback: an interval goes back into its list,
 * a timeout is destroyed (no longer counted as ref'ed). Node does it before the ticks and
 * microtasks that follow the callback (and before an exception reaches 'uncaughtException'):
 * TimerHooks.invoke calls this right after the callback; later calls do nothing.
 */
export function settleRunningTimer(): void {
  const timer = running;
  if (timer === null) return;
  running = null;
  if (timer._repeat && timer._idleTimeout !== -1) {
    timer._idleTimeout = timer._repeat;
    insert(timer, timer._idleTimeout, runningStart);
  } else if (!timer._idleNext && !timer._idlePrev && !timer._destroyed) {
    timer._destroyed = true;
    if (timer[kRefed]) timerRefCount--;
    if (timer[kHasPrimitive]) knownTimersById.delete(timer[kId]);
    emitDestroy(timer[kId]);
  }
}

function listOnTimeout(list: TimersList, now: number, hooks: TimerHooks): void {
  const msecs = list.msecs;
  let ranAtLeastOneTimer = false;
  let timer: Timeout | null;
  while ((timer = peek(list)) !== null) {
    const diff = now - timer._idleStart!;
    if (diff < msecs) {
      list.expiry = Math.max(timer._idleStart! + msecs, now + 1);
      list.id = ++listIds;
      down(1);
      return;
    }
    if (ranAtLeastOneTimer && !threw) hooks.runNextTicks();
    else ranAtLeastOneTimer = true;
    threw = false;
    if (rt.exited) return;
    remove(timer);
    if (!timer._onTimeout) {
      if (!timer._destroyed) {
        timer._destroyed = true;
        if (timer[kRefed]) timerRefCount--;
        if (timer[kHasPrimitive]) knownTimersById.delete(timer[kId]);
        emitDestroy(timer[kId]);
      }
      continue;
    }
    running = timer;
    runningStart = timer._repeat ? libuvNow() : 0;
    try {
      threw = hooks.invoke(timer);
    } finally {
      settleRunningTimer();
    }
  }
  if (list === timerListMap.get(msecs)) {
    timerListMap.delete(msecs);
    heapRemoveAt(1);
  }
}
