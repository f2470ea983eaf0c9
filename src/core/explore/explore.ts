/**
 * `explore`: runs a program under many schedules and reports its distinct outcomes.
 *
 * Run 0 and run 1 take the default schedule (the simulation's own choices, what `run` shows);
 * if they differ, the program itself is not deterministic (Math.random, real time, a child
 * process) and the report says so. Every other run takes the random schedule of its run seed
 * (schedule-id.ts), which varies every choice point of runtime/schedule.ts: racy ties, late
 * callbacks, I/O latencies, the order of completions in a poll phase. Runs are grouped by
 * outcome (outcome.ts); each outcome other than the default's is shrunk (shrink.ts) to the
 * fewest perturbations that still give it, and reported with its frequency, its run seed and
 * the exact schedules that replay it (`run --schedule <id>`).
 */
import os from 'node:os';
import path from 'node:path';
import type { RunOptions, SourceDiagnostic } from '../engine/api';
import { DEFAULT_BUDGETS, ENGINE_VERSION, locateDist } from '../engine/run';
import { displayName } from '../engine/paths';
import type { ExploreRunResult, WorkerInput } from '../engine/protocol';
import type { SchedulePerturbation } from '../trace/format';
import { resolveNodeTarget } from '../versions/resolve-target';
import { maskTestDurations } from '../testing/durations';
import { firstDifferingLine, groupOutcomes, outcomeKey as fullOutcomeKey, outcomeOf, type ExploredRun, type Outcome } from './outcome';
import { ExplorerPool } from './pool';
import { formatPerturbations, randomSchedule, runSeedOf } from './schedule-id';
import { shrinkPerturbations } from './shrink';

export const DEFAULT_RUNS = 200;
/** Outcomes shrunk per exploration (the most frequent first): a program printing timings can have dozens. */
export const MAX_SHRUNK_OUTCOMES = 5;

export interface ExploreOptions extends Pick<RunOptions, 'file' | 'source' | 'execArgv' | 'cwd' | 'entryFunction' | 'entryArgs' | 'unhandledRejections' | 'budgets' | 'io' | 'cacheDir' | 'node' | 'signal' | 'network' | 'typescript'> {
  /** How many runs (default 200), the two default-schedule runs included. */
  runs?: number;
  /** Where the run seeds come from (default 1): the same seed explores the same schedules. */
  seed?: number;
  /** Worker threads (default: the machine's parallelism, at most 4). */
  workers?: number;
  /** Shrink each differing outcome (default true). */
  shrink?: boolean;
  /**
   * The program is a test file run with only some of its tests selected (`source` is that
   * program: core/testing/tests.ts, as `run --test` builds it), by this name pattern. Outcomes
   * then ignore the test reporter's durations (testing/durations.ts: a test that passes 1 ms
   * later is not a race), and the report's replay commands name the pattern.
   */
  test?: { pattern: string; title?: string };
  /** After each run (and each shrinking run). */
  onProgress?: (progress: { done: number; total: number; outcomes: number; phase: 'explore' | 'shrink' }) => void;
}

/** One distinct outcome of the exploration. */
export interface ReportedOutcome {
  /** The outcome of the default schedule (what `run` prints). */
  isDefault: boolean;
  count: number;
  /** count / runs. */
  frequency: number;
  stdout: string;
  stderr: string;
  exitCode: number;
  truncated?: string;
  /** stderr's error lines (uncaught errors, unhandled rejections). */
  errors: string[];
  /** Its first run: the index, and the run seed of its random schedule (absent for the default's). */
  run: number;
  runSeed?: number;
  /** The perturbations that run took: `run --schedule <schedule>` replays it. */
  perturbations: SchedulePerturbation[];
  schedule: string;
  /** Shrunk: the fewest perturbations that still give this outcome. */
  minimal?: { perturbations: SchedulePerturbation[]; schedule: string; tries: number; capped: boolean };
  /** The first line of stdout that differs from the default outcome's (1-based; 0 when stdout is the same). */
  firstDifferingLine: number;
  /**
   * It differs from the default outcome only in numbers (stdout and stderr with every number
   * masked are the same). Said, not judged: a time the program measured moves with the schedule
   * (timing), a total or a count should not (a race, as in samples/race.ts).
   */
  onlyNumbersDiffer?: boolean;
}

export interface ExploreReport {
  entry: string;
  /** The test name pattern the runs selected (ExploreOptions.test). */
  test?: string;
  /** The selected test's full title, when the caller named it (the test lens does). */
  testTitle?: string;
  runs: number;
  seed: number;
  workers: number;
  /** Real time of the whole exploration, shrinking included (ms), and of the runs alone. */
  wallMs: number;
  exploreMs: number;
  /** Distinct outcomes: the default's first, then by frequency. */
  outcomes: ReportedOutcome[];
  /** Set when the default schedule, run twice, gave two outcomes: the program's own nondeterminism. */
  nondeterministic?: string;
  /** The exploration was cancelled: what is reported is what had run. */
  cancelled?: boolean;
  /** The program cannot run at all (a syntax error, a missing import): what would be printed. */
  failed?: { diagnostics: SourceDiagnostic[]; output: string };
}

/** Runs `fn` over `items` with at most `limit` at once, in order of start. */
async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

export async function explore(options: ExploreOptions): Promise<ExploreReport> {
  const t0 = performance.now();
  const runs = options.runs ?? DEFAULT_RUNS;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a positive integer, got ${runs}`);
  const seed = (options.seed ?? 1) >>> 0;
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const entry = path.resolve(cwd, options.file);
  const node = options.node === undefined || options.node === 'auto' ? (await resolveNodeTarget('auto', { cwd, file: options.file })).major : options.node;
  const workers = Math.max(1, Math.min(options.workers ?? Math.min(4, os.availableParallelism()), runs));
  const budgets = { ...DEFAULT_BUDGETS, ...options.budgets };
  const input: WorkerInput = {
    entry,
    entryDisplay: displayName(entry, cwd),
    source: options.source,
    cwd,
    entryFunction: options.entryFunction,
    ...(options.execArgv?.length && { execArgv: options.execArgv }),
    entryArgs: options.entryArgs,
    seed: 0,
    unhandledRejections: options.unhandledRejections ?? 'throw',
    budgets,
    distDir: locateDist(),
    engineVersion: ENGINE_VERSION,
    snapshotEveryMs: 1000,
    tracing: false,
    io: options.io,
    ...(options.cacheDir ? { instrumentCacheDir: options.cacheDir } : {}),
    nodeMajor: node,
    // Explored runs replay outside hosts from the recording and never perform or rewrite it: 200
    // runs must see the same answers, and must not each reach the host (docs/explore.md).
    ...(options.network && options.network.mode !== 'off' && { network: { ...options.network, mode: 'replay-only' as const } }),
    ...(options.typescript && { typescript: options.typescript }),
  };
  const report: ExploreReport = { entry: input.entryDisplay, ...(options.test && { test: options.test.pattern, ...(options.test.title !== undefined && { testTitle: options.test.title }) }), runs: 0, seed, workers, wallMs: 0, exploreMs: 0, outcomes: [] };
  const mask = options.test ? maskTestDurations : undefined;
  const outcomeKey = (o: Outcome) => fullOutcomeKey(o, mask);
  const started = await ExplorerPool.start(input, workers, budgets.memoryMb);
  if (!started.ok) {
    report.failed = { diagnostics: started.diagnostics, output: started.output };
    report.wallMs = performance.now() - t0;
    return report;
  }
  const pool = started.pool;
  const onAbort = () => void pool.close();
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort);
  const done: ExploredRun[] = [];
  const distinct = new Set<string>();
  try {
    const plan = Array.from({ length: runs }, (_, index) => (index < 2 ? { index } : { index, runSeed: runSeedOf(seed, index) }));
    await forEachLimit(plan, workers * 2, async ({ index, runSeed }) => {
      const result = await pool.run(runSeed === undefined ? { perturbations: [] } : randomSchedule(runSeed));
      done.push({ index, ...(runSeed !== undefined && { runSeed }), result });
      distinct.add(outcomeKey(outcomeOf(result)));
      options.onProgress?.({ done: done.length, total: runs, outcomes: distinct.size, phase: 'explore' });
    }).catch((e: unknown) => {
      if (!options.signal?.aborted) throw e;
    });
    report.exploreMs = performance.now() - t0;
    report.runs = done.length;
    done.sort((a, b) => a.index - b.index);
    const groups = groupOutcomes(done, mask);
    const defaultRuns = done.filter((r) => r.runSeed === undefined);
    const defaultKey = defaultRuns.length > 0 ? outcomeKey(outcomeOf(defaultRuns[0].result)) : undefined;
    if (defaultRuns.length === 2 && outcomeKey(outcomeOf(defaultRuns[1].result)) !== defaultKey) {
      report.nondeterministic =
        'the default schedule, run twice, gave two different outcomes: the program itself is not deterministic ' +
        '(Math.random, the real time of a child process or of measured I/O, a native promise) — outcomes may differ for that reason, not the schedule';
    }
    const defaultStdout = defaultRuns[0]?.result.stdout ?? '';
    const masked = (text: string) => (mask ? mask(text) : text).replace(/\d+(\.\d+)?/g, '#');
    const defaultMasked = defaultRuns[0] ? masked(defaultStdout) + masked(defaultRuns[0].result.stderr) : undefined;
    for (const g of groups) {
      const isDefault = outcomeKey(g.outcome) === defaultKey;
      const perturbations = g.first.result.perturbations;
      report.outcomes.push({
        isDefault,
        count: g.count,
        frequency: g.count / done.length,
        stdout: g.outcome.stdout,
        stderr: g.outcome.stderr,
        exitCode: g.outcome.exitCode,
        ...(g.outcome.truncated !== undefined && { truncated: g.outcome.truncated }),
        errors: g.errors,
        run: g.first.index,
        ...(g.first.runSeed !== undefined && { runSeed: g.first.runSeed }),
        perturbations,
        schedule: formatPerturbations(perturbations),
        // Masked as the outcomes were: a test's duration is not where its run differs.
        firstDifferingLine: mask ? firstDifferingLine(mask(defaultStdout), mask(g.outcome.stdout)) : firstDifferingLine(defaultStdout, g.outcome.stdout),
        ...(!isDefault && defaultMasked === masked(g.outcome.stdout) + masked(g.outcome.stderr) && { onlyNumbersDiffer: true }),
      });
    }
    report.outcomes.sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
    if (options.shrink !== false && !options.signal?.aborted && report.nondeterministic === undefined) {
      let shrinkRuns = 0;
      let shrunkOutcomes = 0;
      for (const o of report.outcomes) {
        if (o.isDefault || o.perturbations.length === 0) continue;
        if (shrunkOutcomes++ >= MAX_SHRUNK_OUTCOMES) break;
        const key = outcomeKey(o);
        const reproduces = async (candidate: SchedulePerturbation[]) => {
          const r: ExploreRunResult = await pool.run({ perturbations: candidate });
          options.onProgress?.({ done: ++shrinkRuns, total: shrinkRuns, outcomes: distinct.size, phase: 'shrink' });
          return outcomeKey(outcomeOf(r)) === key;
        };
        const shrunk = await shrinkPerturbations(o.perturbations, reproduces).catch((e: unknown) => {
          if (!options.signal?.aborted) throw e;
          return undefined;
        });
        if (shrunk === undefined) break;
        o.minimal = { ...shrunk, schedule: formatPerturbations(shrunk.perturbations) };
      }
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await pool.close();
  }
  if (options.signal?.aborted) report.cancelled = true;
  report.wallMs = performance.now() - t0;
  return report;
}
