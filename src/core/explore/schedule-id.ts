/**
 * The text form of a schedule, as the CLI takes it (`run --schedule <id>`) and the explorer
 * prints it:
 * - `default`: no perturbation (every choice point its default);
 * - `late@3,io@0=118,net@2=90,tie@0,poll@1=2`: exactly these perturbations (kind@ordinal[=value]; the
 *   value is 1 when left out) — what a run took, or what shrinking left of it;
 * - `seed:123456`: the random schedule the explorer derived from that run seed.
 * Pure: no Node, no runtime.
 */
import type { SchedulePerturbation } from '../trace/format';
import type { RuntimeSchedule } from '../runtime/host-api';

const KINDS: readonly SchedulePerturbation['kind'][] = ['tie', 'late', 'io', 'net', 'poll'];

/** How often a random schedule deviates at a choice point: run seeds cycle through these. */
export const RATES = [0.05, 0.1, 0.2, 0.3, 0.5] as const;

/** The random schedule of a run seed (its rate is part of the seed, so the seed alone replays it). */
export function randomSchedule(runSeed: number): RuntimeSchedule {
  const seed = runSeed >>> 0;
  return { random: { seed, rate: RATES[seed % RATES.length] } };
}

/** The run seed of the `index`-th random run of an exploration started from `seed` (splitmix32). */
export function runSeedOf(seed: number, index: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(index + 1, 0x7f4a7c15)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export function formatPerturbations(list: readonly SchedulePerturbation[]): string {
  if (list.length === 0) return 'default';
  return list.map((p) => `${p.kind}@${p.n}${p.v === 1 ? '' : `=${p.v}`}`).join(',');
}

/** A schedule id as text → the runtime's schedule; a clear message for anything else. */
export function parseScheduleId(text: string): RuntimeSchedule | { error: string } {
  const id = text.trim();
  if (id === 'default' || id === '') return { perturbations: [] };
  const seed = /^seed:(\d+)$/.exec(id);
  if (seed) {
    const n = Number(seed[1]);
    if (n > 0xffffffff) return { error: `schedule '${text}': the seed must be below 2^32` };
    return randomSchedule(n);
  }
  const perturbations: SchedulePerturbation[] = [];
  for (const part of id.split(',')) {
    const m = /^(\w+)@(\d+)(?:=(\d+))?$/.exec(part.trim());
    if (!m) return { error: `schedule '${text}': '${part}' is not kind@n[=value] (e.g. late@3, io@0=118), and the schedule is not 'default' or seed:<n>` };
    const kind = m[1] as SchedulePerturbation['kind'];
    if (!KINDS.includes(kind)) return { error: `schedule '${text}': unknown kind '${m[1]}' (kinds: ${KINDS.join(', ')})` };
    const v = m[3] === undefined ? 1 : Number(m[3]);
    if ((kind === 'io' || kind === 'net') && (v < 75 || v > 125)) return { error: `schedule '${text}': io@${m[2]}=${v}: the value is a percentage of the model's latency, 75…125` };
    if (kind === 'late' && (v < 1 || v > 5)) return { error: `schedule '${text}': late@${m[2]}=${v}: the value is ms late, 1…5` };
    perturbations.push({ kind, n: Number(m[2]), v });
  }
  return { perturbations };
}
