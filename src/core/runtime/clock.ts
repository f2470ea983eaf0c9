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
 * - CPU time measured (RuntimeOptions.cpu = 'measured', docs/cost-model.md): instead of that
 *   model, each synchronous stretch is charged its real measured duration — the clock moves by
 *   the real time user code ran, at each read of the clock and when the stretch ends, and the
 *   stretch's charge is recorded as a Block ("CPU time measured"). Not deterministic.
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
  /** CPU time measured: user code's real running time moves the clock (RuntimeOptions.cpu). */
  measured: false,
  /** Measured mode: the host's real time (ms) up to which user code has been charged. */
  mark: 0,
  /** Measured mode: the part of pendingBlock that is measured CPU time. */
  pendingMeasured: 0,
  /** CPU time the program has been charged (ms): busy-waits on the clock, measured computation (process.cpuUsage). */
  cpuMs: 0,
};

/** The shortest measured stretch recorded as a Block (it still moves the clock when shorter). */
const MEASURED_MIN_MS = 0.5;

/** Chooses how synchronous code costs virtual time: 'model' (free, the default) or 'measured'. */
export function configureCpu(mode: 'model' | 'measured' | undefined): void {
  clock.measured = mode === 'measured';
}

/**
 * Measured mode: the program's code starts running now (a macrotask, 'beforeExit', a thread
 * entered, the end of a wait that ran other threads): what ran before was the loop's own work
 * or another thread's — charging starts now.
 */
export function measureFromNow(): void {
  clock.mark = rt.host.realNow();
}

/** Measured mode: moves the clock by the real time user code ran since the last charge. */
function chargeMeasured(): void {
  const now = rt.host.realNow();
  const spent = now - clock.mark;
  clock.mark = now;
  if (spent <= 0) return;
  advanceTo(clock.now + spent);
  clock.pendingBlock += spent;
  clock.pendingMeasured += spent;
}

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
  if (clock.measured) {
    // The real time the program computed is its time: no read model on top of it.
    chargeMeasured();
    return clock.now;
  }
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

/**
 * The end of a stretch (a job, a tick, a callback) or console output: records the pending
 * busy-wait advance as one Block event — in measured mode, first charges the stretch's real time.
 */
export function flushBlock(): void {
  if (clock.measured) chargeMeasured();
  let ms = clock.pendingBlock;
  if (ms === 0) return;
  const measured = clock.pendingMeasured;
  const spun = ms - clock.pendingCoreWait;
  clock.pendingBlock = 0;
  clock.pendingCoreWait = 0;
  clock.pendingMeasured = 0;
  const site = clock.pendingSite;
  clock.pendingSite = 0;
  clock.cpuMs += spun;
  const late = cores?.book(clock.now - spun, spun) ?? 0;
  if (late > 0) {
    advanceTo(clock.now + late);
    ms += late;
  }
  // A measured stretch of a few microseconds moved the clock, but is not worth an event.
  if (measured > 0 && ms < MEASURED_MIN_MS) return;
  // (b = 0 as every runtime Block, stamped at its end: format.ts. In a measured run a Block
  // with neither description nor site is measured CPU time.)
  rt.rec.emit(EventKind.Block, Math.max(1, Math.round(ms)), 0, site);
}

/** Synchronous blocking (Atomics.wait): the clock jumps by `ms` while nothing else runs. */
export function block(ms: number, site: number): void {
  flushBlock();
  advanceTo(clock.now + ms);
  rt.rec.emit(EventKind.Block, Math.round(ms), 0, site);
}
