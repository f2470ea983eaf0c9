/**
 * process.nextTick's queue (Node's FixedQueue of tick objects in lib/internal/process/task_queues.js),
 * kept as a ring of parallel arrays: callback, args, trace id, and the tick's async context —
 * its async id and trigger, its AsyncLocalStorage context, and (only while hooks are enabled)
 * the tick object the hooks were shown.
 */
import { EventKind } from '../trace/format';
import { invalidArgType } from './errors';
import { rt } from './state';
import { emitAfter, emitBefore, emitDestroy, emitInit } from './async-context/hooks';
import { captureFrame, cx, defaultTriggerAsyncId, newAsyncId } from './async-context/state';
import { ownSlots } from './own-slots';

let cap = 256;
let mask = cap - 1;
let callbacks: unknown[] = ownSlots(cap);
let argss: (unknown[] | undefined)[] = ownSlots(cap);
let ids = new Int32Array(cap);
let asyncIds = new Float64Array(cap);
let triggerIds = new Float64Array(cap);
let frames: unknown[] = ownSlots(cap);
let resources: (object | undefined)[] = ownSlots(cap);
let head = 0;
let size = 0;

function grow(): void {
  const n = cap * 2;
  const c: unknown[] = ownSlots(n);
  const a: (unknown[] | undefined)[] = ownSlots(n);
  const d = new Int32Array(n);
  const ai = new Float64Array(n);
  const ti = new Float64Array(n);
  const f: unknown[] = ownSlots(n);
  const r: (object | undefined)[] = ownSlots(n);
  for (let i = 0; i < size; i++) {
    const j = (head + i) & mask;
    c[i] = callbacks[j]; a[i] = argss[j]; d[i] = ids[j]; ai[i] = asyncIds[j]; ti[i] = triggerIds[j]; f[i] = frames[j]; r[i] = resources[j];
  }
  callbacks = c; argss = a; ids = d; asyncIds = ai; triggerIds = ti; frames = f; resources = r;
  head = 0; cap = n; mask = n - 1;
}

function push(callback: unknown, args: unknown[] | undefined, traced: boolean): void {
  if (size === cap) grow();
  const j = (head + size) & mask;
  callbacks[j] = callback;
  argss[j] = args;
  const id = traced && rt.tracing ? ++rt.rec.ids.tick : 0;
  ids[j] = id;
  const asyncId = (asyncIds[j] = newAsyncId());
  const trigger = (triggerIds[j] = defaultTriggerAsyncId());
  frames[j] = captureFrame();
  if (cx.hooksEnabled) {
    const tickObject = { callback, args };
    resources[j] = tickObject;
    if (cx.init > 0) emitInit(asyncId, 'TickObject', trigger, tickObject);
  }
  size++;
  if (id !== 0) rt.rec.emit(EventKind.TickSchedule, id, 0, 0);
}

export function nextTick(callback: unknown, ...args: unknown[]): void {
  if (typeof callback !== 'function') throw invalidArgType('callback', 'function', callback);
  if (rt.exited) return;
  push(callback, args.length === 0 ? undefined : args, true);
}

/**
 * A tick of Node's own (a stdio write's afterWriteTick, resources.ts): an async id and hooks
 * like any tick, but not in the trace (the program did not ask for it).
 */
export function internalWriteTick(callback: () => void): void {
  if (rt.exited) return;
  push(callback, undefined, false);
}

export function hasTicks(): boolean {
  return size !== 0;
}

/** Runs the oldest tick. Precondition: hasTicks(). */
export function runOneTick(): void {
  const j = head;
  const cb = callbacks[j] as (...a: unknown[]) => void;
  const args = argss[j];
  const id = ids[j];
  const asyncId = asyncIds[j];
  const frame = frames[j];
  const resource = resources[j];
  callbacks[j] = undefined;
  argss[j] = undefined;
  frames[j] = undefined;
  resources[j] = undefined;
  head = (head + 1) & mask;
  size--;
  rt.stretch++;
  if (id !== 0) rt.rec.emit(EventKind.TickRun, id, 0, 0);
  const prior = cx.frame;
  cx.frame = frame;
  emitBefore(asyncId, triggerIds[j], resource);
  try {
    if (args === undefined) cb();
    else cb(...args);
  } catch (e) {
    cx.frame = prior;
    emitDestroy(asyncId);
    throw e;
  }
  emitDestroy(asyncId);
  emitAfter(asyncId);
  cx.frame = prior;
}
