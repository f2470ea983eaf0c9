/**
 * Racy ties in words (trace format: EventKind.RacyTie; the runtime's src/core/runtime/racy-ties.ts).
 * A racy tie is a place where real Node's order depends on real time: the timeline marks it and
 * explains both outcomes, which one this run shows, and which seed shows the other.
 */
import { EventKind, RacyOutcome, RacyTieKind, type ScannableTrace } from '../trace/format';

/** The seed bit that decides the racy tie at `seq`: its index among the run's racy ties (mod 32). */
export function racyTieBit(trace: ScannableTrace, seq: number): number {
  const { kind } = trace.events;
  let n = 0;
  for (let i = 0; i < seq; i++) if (kind[i] === EventKind.RacyTie) n++;
  return n % 32;
}

/** The seed that shows the other outcome of the tie at `seq` (this run's seed with that tie's bit flipped). */
export function racyFlipSeed(trace: ScannableTrace, seq: number): number {
  return (trace.meta.seed ^ (1 << racyTieBit(trace, seq))) >>> 0;
}

/** One line: what the tie is (the hover card's first line, the status line). */
export function racyTieHeadline(trace: ScannableTrace, seq: number): string {
  const { a, c } = trace.events;
  const timer = trace.sites[c[seq]]?.label || 'a timer';
  switch (a[seq]) {
    case RacyTieKind.TimeoutVsImmediate: return `racy: ${timer} against setImmediate at the first loop iteration`;
    case RacyTieKind.TimersAcrossClockTick: return `racy: ${timer} against an older timer due in the same millisecond`;
    default: return 'racy: real Node decides this order by real time';
  }
}

/** The hover card of a racy marker: the tie, both outcomes (the one shown first), and how to see the other. */
export function racyTieLines(trace: ScannableTrace, seq: number): string[] {
  const { a, b } = trace.events;
  const shownFlipped = b[seq] === RacyOutcome.Flipped;
  let outcomes: [byDefault: string, flipped: string];
  let why: string;
  switch (a[seq]) {
    case RacyTieKind.TimeoutVsImmediate:
      outcomes = ['the timer runs first, then the immediate', 'the immediate runs first, then the timer'];
      why = 'Real Node runs the timer first when 1 ms of real time passed before the loop started (usual when the main script printed something), the immediate first otherwise.';
      break;
    case RacyTieKind.TimersAcrossClockTick:
      outcomes = ['the older timer runs first (both due at the same millisecond)', 'this timer runs first (due a millisecond earlier)'];
      why = 'Synchronous work between the two setTimeout calls moved the clock on; real Node takes each timer\'s start from its millisecond clock, which may have ticked once less than the simulated one: then this timer, of the shorter delay, is due first.';
      break;
    default:
      outcomes = ['the default order', 'the other order'];
      why = 'Real Node decides it by real time.';
  }
  const [shown, other] = shownFlipped ? [outcomes[1], outcomes[0]] : outcomes;
  return [
    racyTieHeadline(trace, seq),
    `this run: ${shown}`,
    `also possible in real Node: ${other}`,
    why,
    `--seed ${racyFlipSeed(trace, seq)} shows the other order (bit ${racyTieBit(trace, seq)} of the seed decides this tie)`,
  ];
}
