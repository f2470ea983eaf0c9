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
import { callerSite } from './caller-site';
import { rt } from './state';

export const FREE_READS = 100;
export const QUANTUM_MS = 0.01;

export const clock = {
  now: 0,
  /** libuv's cached loop time (integer ms). */
  loop: 0,
  /** Wall-clock ms since the epoch at virtual time 0. */
  epoch: 1700000000000,
  /** Virtual time at which `performance.now()` is 0: 0, or when a Worker's thread started. */
  origin: 0,
  reads: 0,
  readStretch: -1,
  pendingBlock: 0,
  /** The part of pendingBlock spent waiting for a free core (simulated threads), not spinning. */
  pendingCoreWait: 0,
  /** Where the pending busy-wait started spinning (a site id; 0 unknown). */
  pendingSite: 0,
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
    if (clock.reads === FREE_READS + 1 && clock.pendingBlock === 0) clock.pendingSite = callerSite('busy-wait on the clock');
    if (clock.reads === FREE_READS + 1 && cores !== undefined) {
      // The stretch starts spinning: with simulated cores it first needs a free one.
      const wait = cores.waitForCore(clock.now);
      if (wait > 0) {
        advanceTo(clock.now + wait);
        clock.pendingBlock += wait;
        clock.pendingCoreWait += wait;
      }
    }
    advanceTo(clock.now + QUANTUM_MS);
    clock.pendingBlock += QUANTUM_MS;
  }
  return clock.now;
}

/**
 * Simulated cores, when the program has simulated threads (set by the simulation bridge): a
 * busy-wait is CPU work. When a stretch starts spinning it waits for a free core; when it ends,
 * the spin books that core (returning any further wait, should another thread have taken it).
 */
export interface BusyCores {
  /** How long a thread that starts CPU work at `t` waits for a core (0 if one is free). */
  waitForCore(t: number): number;
  /** Books `ms` of CPU work from `startedAt`; returns how much later than that it could start. */
  book(startedAt: number, ms: number): number;
}
let cores: BusyCores | undefined;
export function setBusyCores(c: BusyCores): void {
  cores = c;
}

/** Records the pending busy-wait advance as one Block event. */
export function flushBlock(): void {
  let ms = clock.pendingBlock;
  if (ms === 0) return;
  const spun = ms - clock.pendingCoreWait;
  clock.pendingBlock = 0;
  clock.pendingCoreWait = 0;
  const site = clock.pendingSite;
  clock.pendingSite = 0;
  const late = cores?.book(clock.now - spun, spun) ?? 0;
  if (late > 0) {
    advanceTo(clock.now + late);
    ms += late;
  }
  rt.rec.emit(EventKind.Block, Math.max(1, Math.round(ms)), 0, site);
}

/** Synchronous blocking (Atomics.wait): the clock jumps by `ms` while nothing else runs. */
export function block(ms: number, site: number): void {
  flushBlock();
  advanceTo(clock.now + ms);
  rt.rec.emit(EventKind.Block, Math.round(ms), 0, site);
}
