/**
 * Schedule perturbations: the choice points where real Node's order depends on real time, which
 * the race explorer (src/core/explore) varies. Without `RuntimeOptions.schedule` every choice
 * point takes its default and this module costs one comparison per point.
 *
 * The kinds (trace/format.ts `SchedulePerturbation`), each counted 0-based per run:
 * - `tie`: a racy tie (racy-ties.ts) — the seed's bit for it, flipped once more;
 * - `late`: a macrotask of any thread (timer, immediate, I/O callback) starts 1 ms late,
 *   as it does in real Node when the machine is busy. Timers it starts count from the later
 *   time, so two timers due in the same millisecond can swap, and a timer can fall behind an
 *   immediate it was ahead of — within Node's real tolerance (timers never fire early);
 * - `io`: an I/O latency of the model (io/model.ts) is scaled to 75…125 % (the model's range);
 * - `net`: a network link's latency (a delivery or a connect on a link with a delay; the
 *   loopback has none) is scaled to 75…125 %; a link still delivers in order;
 * - `poll`: a poll phase with several completions ready runs another one first (libuv's
 *   threadpool and epoll hand them over in whatever order the threads finished).
 *
 * A random schedule decides each point from a hash of (seed, kind, ordinal), not from a stream,
 * so the decisions at points the run meets are independent of each other: the taken list
 * (recorded for `meta.perturbations`) replays the run exactly.
 *
 * Worker threads: each Worker on a file has a runtime of its own (its own copy of this module),
 * whose choice points — its timers and immediates starting late, its racy ties, its poll phase —
 * are decided by the main runtime's schedule (`followSchedule`, given the main's
 * `scheduleChoices()` through ThreadShare). One counter per kind for the whole run, one taken
 * list: the simulation steps the threads in a deterministic order, so the n-th choice point of
 * a kind is the same one in every run that took the same decisions before it, and the list
 * replays (and shrinks) a run whose race is across threads as it does one on the main thread.
 * Function threads (sim.thread, new Worker(fn)) run in their creator's runtime: its choice points.
 */
import type { SchedulePerturbation } from '../trace/format';
import type { RuntimeSchedule } from './host-api';

type Kind = SchedulePerturbation['kind'];
const KIND_SALT: Record<Kind, number> = { tie: 0x9e3779b1, late: 0x85ebca77, io: 0xc2b2ae3d, net: 0x165667b1, poll: 0x27d4eb2f };

let explicit: Map<string, number> | undefined;
let random: { seed: number; rate: number } | undefined;
const counts: Record<Kind, number> = { tie: 0, late: 0, io: 0, net: 0, poll: 0 };
const taken: SchedulePerturbation[] = [];
/** True when a schedule was given: the choice points consult it. */
export let scheduled = false;

/** The choice points as a Worker thread's runtime asks the main runtime for them (ThreadShare.schedule). */
export interface ScheduleChoices {
  flipsTie(): boolean;
  lateMs(): number;
  ioCost(ms: number): number;
  pollFirst(ready: number): number;
}

/** Set in a Worker thread's runtime: the main runtime's choices, which decide this thread's points. */
let main: ScheduleChoices | undefined;

/** Called once by install() of a Worker thread's runtime, with what the main runtime shares (nothing when the run has no schedule). */
export function followSchedule(choices: ScheduleChoices | undefined): void {
  if (choices === undefined) return;
  scheduled = true;
  main = choices;
}

/** What a Worker thread made by this runtime follows: this runtime's choice points (undefined without a schedule). */
export function scheduleChoices(): ScheduleChoices | undefined {
  if (!scheduled) return undefined;
  return { flipsTie: scheduleFlipsTie, lateMs: scheduleLateMs, ioCost: scheduleIoCost, pollFirst: schedulePollFirst };
}

/** Called once by install() of the main runtime. */
export function configureSchedule(schedule: RuntimeSchedule | undefined): void {
  if (schedule === undefined) return;
  scheduled = true;
  if ('perturbations' in schedule) explicit = new Map(schedule.perturbations.map((p) => [`${p.kind}@${p.n}`, p.v]));
  else random = { seed: schedule.random.seed >>> 0, rate: Math.min(1, Math.max(0, schedule.random.rate)) };
}

/** The decisions the run took otherwise than by default, in the order it met them. */
export function takenPerturbations(): SchedulePerturbation[] | undefined {
  return scheduled ? taken.slice() : undefined;
}

/** A well-mixed 32-bit hash of the seed, the kind and the ordinal, as a number in [0, 1). */
function draw(kind: Kind, n: number, salt: number): number {
  let h = (random!.seed ^ KIND_SALT[kind]) >>> 0;
  h = Math.imul(h ^ (n + salt * 0x632be5ab), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ salt, 0x27d4eb2f);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

/**
 * The decision at the next choice point of `kind`: 0 (the default) or the alternative `v`.
 * `pick(u)` maps a uniform draw to the alternative a random schedule takes; `clamp` makes an
 * explicit alternative valid here (a replay whose poll phase has fewer completions ready).
 */
function choose(kind: Kind, pick: (u: number) => number, clamp: (v: number) => number = (v) => v): number {
  const n = counts[kind]++;
  let v = 0;
  if (explicit !== undefined) {
    const wanted = explicit.get(`${kind}@${n}`);
    if (wanted !== undefined && wanted !== 0) v = clamp(wanted);
  }
  else if (random !== undefined && draw(kind, n, 1) < random.rate) v = pick(draw(kind, n, 2));
  if (v !== 0) taken.push({ kind, n, v });
  return v;
}

/** A racy tie: true when the schedule flips it (on top of the seed's bit). */
export function scheduleFlipsTie(): boolean {
  if (main !== undefined) return main.flipsTie();
  return scheduled && choose('tie', () => 1, () => 1) === 1;
}

/** A macrotask of the main thread starts: how many ms late (0 by default). */
export function scheduleLateMs(): number {
  if (main !== undefined) return main.lateMs();
  return scheduled ? choose('late', () => 1, (v) => Math.min(Math.max(v, 0), 5)) : 0;
}

/** 75…99, 101…125 %: never the default's 100. */
const pickPercent = (u: number): number => {
  const percent = 75 + Math.floor(u * 50);
  return percent >= 100 ? percent + 1 : percent;
};
const clampPercent = (p: number): number => Math.min(Math.max(p, 75), 125);

/** An I/O latency of the model: scaled by the schedule (75…125 %), or as it is. */
export function scheduleIoCost(ms: number): number {
  if (main !== undefined) return main.ioCost(ms);
  if (!scheduled) return ms;
  const v = choose('io', pickPercent, clampPercent);
  return v === 0 ? ms : (ms * v) / 100;
}

/** A network link's latency (> 0): scaled by the schedule (75…125 %), or as it is. */
export function scheduleNetLatency(ms: number): number {
  const v = choose('net', pickPercent, clampPercent);
  return v === 0 ? ms : (ms * v) / 100;
}

/** A poll phase with `ready` (≥ 2) completions ready: the index of the one to run first (0 by default). */
export function schedulePollFirst(ready: number): number {
  if (main !== undefined) return main.pollFirst(ready);
  if (!scheduled) return 0;
  return choose('poll', (u) => 1 + Math.floor(u * (ready - 1)), (v) => Math.min(v, ready - 1));
}
