/**
 * Virtual-time globals: Date, performance, Atomics (wait blocks in virtual time), and
 * queueMicrotask (the same FIFO queue as promise jobs, as in Node).
 */
import { EventKind } from '../trace/format';
import { block, clock, readClock } from './clock';
import { callerSite } from './caller-site';
import { invalidArgType } from './errors';
import { enqueueJob, JobKind } from './jobs';
import { stopRun } from './fatal';
import { simAtomics } from './sim-bridge';
import { EXIT_SIGNAL, rt } from './state';
import { AsyncResource } from './async-context/resource';
import { captureFrame, cx } from './async-context/state';

export function queueMicrotask(callback: unknown): void {
  if (typeof callback !== 'function') throw invalidArgType('callback', 'function', callback);
  // lib/internal/process/task_queues.js: the callback runs in an AsyncResource 'Microtask'
  // (Node 24+: only when an ALS context is set or a hook is enabled, its fast path).
  const resource = !cx.acf || cx.frame !== undefined || cx.hooksEnabled ? new AsyncResource('Microtask', { requireManualDestroy: true }) : undefined;
  const id = enqueueJob(JobKind.Microtask, callback, resource, undefined, captureFrame());
  if (rt.tracing) rt.rec.emit(EventKind.MicrotaskSchedule, id, 0, 0);
}

/** Date with a virtual "now": `new Date()`, `Date()`, `Date.now()` read the virtual clock. */
export function makeDate(RealDate: DateConstructor): DateConstructor {
  const now = () => Math.floor(clock.epoch + readClock());
  const VDate = function Date(this: unknown, ...args: unknown[]): unknown {
    if (new.target === undefined) return new RealDate(now()).toString();
    if (args.length === 0) return Reflect.construct(RealDate, [now()], new.target);
    return Reflect.construct(RealDate, args, new.target);
  } as unknown as DateConstructor;
  Object.defineProperty(VDate, 'length', { value: 7 });
  Object.defineProperty(VDate, 'name', { value: 'Date' });
  Object.defineProperty(VDate, 'prototype', { value: RealDate.prototype, writable: false });
  const statics = { now: () => now() };
  Object.defineProperty(VDate, 'now', { value: statics.now, writable: true, configurable: true });
  Object.defineProperty(VDate, 'parse', { value: RealDate.parse, writable: true, configurable: true });
  Object.defineProperty(VDate, 'UTC', { value: RealDate.UTC, writable: true, configurable: true });
  Object.defineProperty(RealDate.prototype, 'constructor', { value: VDate, writable: true, configurable: true });
  return VDate;
}

export function makePerformance(): object {
  const perf = {
    // A Worker's performance clock starts when the worker does (clock.origin), as in Node.
    get timeOrigin() {
      return clock.epoch + clock.origin;
    },
    now: () => readClock() - clock.origin,
    mark() { return undefined; },
    measure() { return undefined; },
    toJSON() { return { timeOrigin: perf.timeOrigin }; },
  };
  return perf;
}

/**
 * Atomics with a virtual `wait`: on the main thread nothing else can notify, so a wait on a
 * matching value sleeps its whole timeout — the clock advances by it while nothing runs (a
 * Block event) and it returns "timed-out". An infinite wait would hang Node: the run stops.
 */
export function makeAtomics(RealAtomics: typeof Atomics): typeof Atomics {
  const A = Object.create(Object.getPrototypeOf(RealAtomics));
  for (const key of Reflect.ownKeys(RealAtomics)) {
    Object.defineProperty(A, key, Object.getOwnPropertyDescriptor(RealAtomics, key)!);
  }
  const methods = {
    wait(typedArray: Int32Array, index: number, value: number, timeout?: number): string {
      // Validation as the real one does (throws the same TypeErrors/RangeErrors).
      const current = RealAtomics.load(typedArray, index);
      if (!(typedArray.buffer instanceof SharedArrayBuffer) && Object.prototype.toString.call(typedArray.buffer) !== '[object SharedArrayBuffer]') {
        return RealAtomics.wait(typedArray, index, value, 0);
      }
      if (current !== value) return 'not-equal';
      const ms = timeout === undefined ? Infinity : Number(timeout);
      // With simulated threads, another thread may notify: the simulation blocks this thread
      // (the others run meanwhile) until a notify or the timeout, and reports a deadlock.
      const shared = simAtomics();
      if (shared !== undefined) return shared.wait(typedArray, index, value, Number.isNaN(ms) ? Infinity : ms);
      if (Number.isNaN(ms) || ms === Infinity) {
        stopRun('Atomics.wait without timeout on the main thread would block forever');
        throw EXIT_SIGNAL;
      }
      if (ms > 0) block(ms, callerSite('Atomics.wait'));
      return 'timed-out';
    },
  };
  Object.defineProperty(A, 'wait', { value: methods.wait, writable: true, configurable: true });
  const notify = {
    notify(typedArray: Int32Array, index: number, count?: number): number {
      const real = RealAtomics.notify(typedArray, index, count);
      const shared = simAtomics();
      return shared === undefined ? real : real + shared.notify(typedArray, index, count === undefined ? Infinity : Number(count));
    },
  };
  Object.defineProperty(A, 'notify', { value: notify.notify, writable: true, configurable: true });
  return A;
}
