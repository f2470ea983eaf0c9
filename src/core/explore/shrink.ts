/**
 * Shrinking a differing run: the fewest perturbations that still give its outcome. Delta
 * debugging (Zeller's ddmin, complement removal): try dropping chunks of the list, halving the
 * chunk size whenever no chunk can go, down to single perturbations; a try that still gives
 * the outcome keeps the smaller list. Each try is one run of the program, so the number of
 * tries is capped. The chunks of one round are tried in parallel (the explorer's pool runs
 * them on its workers), and the first that succeeds (in list order) is kept. Pure: the run is
 * the `reproduces` function.
 */
import type { SchedulePerturbation } from '../trace/format';

export interface ShrinkResult {
  perturbations: SchedulePerturbation[];
  /** Runs it took. */
  tries: number;
  /** The cap stopped it before a 1-minimal list was reached. */
  capped: boolean;
}

export async function shrinkPerturbations(
  start: readonly SchedulePerturbation[],
  reproduces: (candidate: SchedulePerturbation[]) => Promise<boolean>,
  maxTries = 120,
): Promise<ShrinkResult> {
  let current = start.slice();
  let tries = 0;
  let chunks = 2;
  // Single perturbations first: most races need one, and a whole round of them runs in parallel.
  if (current.length > 1 && current.length <= 16) {
    const singles = current.map((p) => [p]);
    tries += singles.length;
    const ok = await Promise.all(singles.map((c) => reproduces(c)));
    const hit = ok.indexOf(true);
    if (hit >= 0) return { perturbations: singles[hit], tries, capped: false };
  }
  while (current.length > 1) {
    chunks = Math.min(chunks, current.length);
    const size = Math.ceil(current.length / chunks);
    const complements: SchedulePerturbation[][] = [];
    for (let i = 0; i < current.length; i += size) complements.push([...current.slice(0, i), ...current.slice(i + size)]);
    if (tries + complements.length > maxTries) return { perturbations: current, tries, capped: true };
    tries += complements.length;
    const ok = await Promise.all(complements.map((c) => reproduces(c)));
    const hit = ok.indexOf(true);
    if (hit >= 0) {
      current = complements[hit];
      chunks = Math.max(chunks - 1, 2);
    } else if (size === 1) {
      break; // no single perturbation can go: 1-minimal
    } else {
      chunks = Math.min(current.length, chunks * 2);
    }
  }
  return { perturbations: current, tries, capped: false };
}
