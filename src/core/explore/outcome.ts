/**
 * Outcomes: what a run of the program ended with, as its user would tell two runs apart —
 * its stdout, its exit code, what it printed on stderr (uncaught errors, unhandled rejections,
 * warnings) and whether a budget stopped it. Runs are grouped by these; pure.
 */
import type { ExploreRunResult } from '../engine/protocol';
import type { SchedulePerturbation } from '../trace/format';

export interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Why a budget (or a stop) ended the run: an outcome of its own. */
  truncated?: string;
}

/** One explored run: its place in the exploration, the schedule it was given, what it did. */
export interface ExploredRun {
  index: number;
  /** The run seed of a random schedule; undefined for the default schedule's runs. */
  runSeed?: number;
  result: ExploreRunResult;
}

export interface OutcomeGroup {
  outcome: Outcome;
  /** The runs that ended this way. */
  count: number;
  /** The first run (lowest index) that ended this way. */
  first: ExploredRun;
  /** The error lines of stderr (uncaught errors, unhandled rejections), for a short description. */
  errors: string[];
}

/**
 * What of a run's output decides its outcome: all of it by default; for a test file's run, the
 * output with the test reporter's durations masked (testing/durations.ts), which move with the
 * schedule without the test doing anything else.
 */
export type OutputMask = (text: string) => string;

/** The key two runs with the same outcome share. */
export function outcomeKey(o: Outcome, mask: OutputMask = (text) => text): string {
  return JSON.stringify([o.exitCode, o.truncated ?? '', mask(o.stdout), mask(o.stderr)]);
}

export function outcomeOf(r: ExploreRunResult): Outcome {
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, ...(r.truncated !== undefined && { truncated: r.truncated }) };
}

/** The lines of stderr that name an error: Node's "Error: …" line of an uncaught error, an unhandled rejection's. */
export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /^(\w*Error\b|\[UnhandledPromiseRejection|Uncaught\b|node:internal)/.test(l) || /^\w*Error \[\w+\]:/.test(l));
}

/** Groups runs by outcome, most frequent first (ties: the one met first); a group shows its first run's output. */
export function groupOutcomes(runs: readonly ExploredRun[], mask?: OutputMask): OutcomeGroup[] {
  const groups = new Map<string, OutcomeGroup>();
  for (const run of runs) {
    const outcome = outcomeOf(run.result);
    const key = outcomeKey(outcome, mask);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { outcome, count: 1, first: run, errors: errorLines(outcome.stderr) });
    else {
      g.count++;
      if (run.index < g.first.index) g.first = run;
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.first.index - b.first.index);
}

/** The first line where two texts differ (1-based), or 0 when equal. */
export function firstDifferingLine(a: string, b: string): number {
  if (a === b) return 0;
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) if (la[i] !== lb[i]) return i + 1;
  return 0;
}

/** A perturbation list is a sub-list of another (same entries, any subset). */
export function samePerturbations(a: readonly SchedulePerturbation[], b: readonly SchedulePerturbation[]): boolean {
  return a.length === b.length && a.every((p, i) => p.kind === b[i].kind && p.n === b[i].n && p.v === b[i].v);
}
