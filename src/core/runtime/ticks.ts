/**
 * process.nextTick's queue (Node's FixedQueue of tick objects in lib/internal/process/task_queues.js),
 * kept as a ring of (callback, args) pairs.
 */
import { EventKind } from '../trace/format';
import { invalidArgType } from './errors';
import { rt } from './state';

let cap = 256;
let mask = cap - 1;
let callbacks: unknown[] = new Array(cap);
let argss: (unknown[] | undefined)[] = new Array(cap);
let ids = new Int32Array(cap);
let head = 0;
let size = 0;

function grow(): void {
  const n = cap * 2;
  const c: unknown[] = new Array(n);
  const a: (unknown[] | undefined)[] = new Array(n);
  const d = new Int32Array(n);
  for (let i = 0; i < size; i++) {
    const j = (head + i) & mask;
    c[i] = callbacks[j]; a[i] = argss[j]; d[i] = ids[j];
  }
  callbacks = c; argss = a; ids = d; head = 0; cap = n; mask = n - 1;
}

export function nextTick(callback: unknown, ...args: unknown[]): void {
  if (typeof callback !== 'function') throw invalidArgType('callback', 'function', callback);
  if (rt.exited) return;
  if (size === cap) grow();
  const j = (head + size) & mask;
  callbacks[j] = callback;
  argss[j] = args.length === 0 ? undefined : args;
  const id = rt.tracing ? ++rt.rec.ids.tick : 0;
  ids[j] = id;
  size++;
  if (rt.tracing) rt.rec.emit(EventKind.TickSchedule, id, 0, 0);
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
  callbacks[j] = undefined;
  argss[j] = undefined;
  head = (head + 1) & mask;
  size--;
  rt.stretch++;
  if (rt.tracing) rt.rec.emit(EventKind.TickRun, id, 0, 0);
  if (args === undefined) cb();
  else cb(...args);
}
