/**
 * Racy ties: the places where real Node's order depends on how much real time passed, so no
 * simulation can know it (docs/cost-model.md, "Ties that are racy in real Node"). The loop
 * takes a documented default outcome, records the decision as a RacyTie event — the timeline
 * shows it as a "racy" marker that explains both outcomes — and lets the seed flip it: the
 * n-th tie of a run (0-based) takes bit n mod 32 of `RuntimeOptions.seed`, so seed 1 flips the
 * first tie, 2 the second, 3 both. A schedule of the race explorer (schedule.ts) may flip it
 * once more.
 */
import { EventKind, RacyOutcome, type RacyTieKind } from '../trace/format';
import { rt } from './state';
import { scheduleFlipsTie } from './schedule';

let ties = 0;

/** Decides the run's next racy tie: the default outcome unless the seed's bit for it is set. */
export function decideRacyTie(kind: RacyTieKind, site: number): RacyOutcome {
  const n = ties++;
  const flipped = (((rt.host.options.seed >>> (n % 32)) & 1) === 1) !== scheduleFlipsTie();
  const outcome = flipped ? RacyOutcome.Flipped : RacyOutcome.Default;
  if (rt.tracing) rt.rec.emit(EventKind.RacyTie, kind, outcome, site);
  return outcome;
}
