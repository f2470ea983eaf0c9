/**
 * The virtual clock and the cost model for reading it (docs/cost-model.md).
 *
 * - `clock.now` (ms, fractional) is what performance.now(), process.hrtime and Date read.
 * - `loopNow()` is libuv's cached loop time (`uv_now`): whole milliseconds, updated only at the
 *   start of each loop iteration — timers started during a callback count from it, as in Node.
 * - Synchronous code is free: the clock does not move while user code runs, except that a
 *   stretch (one callback or job) reading the clock more than FREE_READS times pays QUANTUM ms
 *   per further read — so a busy-wait on Date.now()/performance.now() ends. The advance is
 *   recorded as one EventKind.Block per stretch (flushed when the stretch ends).
 */
import { EventKind } from '../trace/format';
import { rt } from './state';

export const FREE_READS = 100;
export const QUANTUM_MS = 0.01;

export const clock = {
  now: 0,
  /** libuv's cached loop time (integer ms). */
  loop: 0,
  /** Wall-clock ms since the epoch at virtual time 0. */
  epoch: 1700000000000,
  reads: 0,
  readStretch: -1,
  pendingBlock: 0,
};

/** Moves virtual time forward (never back). */
export function advanceTo(t: number): void {
  if (t > clock.now) {
    clock.now = t;
    rt.rec.now = t;
  }
}

/** uv_update_time: the loop's cached time catches up with the clock. */
export function updateLoopTime(): number {
  return (clock.loop = Math.floor(clock.now));
}

/** A read of the clock by user code (Date.now, performance.now, hrtime): applies the cost model. */
export function readClock(): number {
  if (rt.stretch !== clock.readStretch) {
    clock.readStretch = rt.stretch;
    clock.reads = 0;
  }
  if (++clock.reads > FREE_READS) {
    advanceTo(clock.now + QUANTUM_MS);
    clock.pendingBlock += QUANTUM_MS;
  }
  return clock.now;
}

/** Records the pending busy-wait advance as one Block event. */
export function flushBlock(): void {
  const ms = clock.pendingBlock;
  if (ms === 0) return;
  clock.pendingBlock = 0;
  rt.rec.emit(EventKind.Block, Math.max(1, Math.round(ms)), 0, 0);
}

/** Synchronous blocking (Atomics.wait): the clock jumps by `ms` while nothing else runs. */
export function block(ms: number, site: number): void {
  flushBlock();
  advanceTo(clock.now + ms);
  rt.rec.emit(EventKind.Block, Math.round(ms), 0, site);
}
