/**
 * `async-timeline explore <file>`: the race explorer (src/core/explore) on the command line.
 * The report goes to stdout (text, or JSON with --json); progress to stderr when it is a
 * terminal. Exit code: 0 for one outcome, 1 when the schedule changes the outcome (a race was
 * found), 2 for a usage problem (a missing file; with --test, a file without tests or a framework
 * not run here), the program's own code when it cannot run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { explore } from '../core/explore/explore';
import { formatExploreReport } from '../core/explore/report';
import type { CliArgs } from './args';
import { cliCacheDir } from './cache-dir';
import { cliNodeTarget } from './node-target';

export async function runExplore(args: CliArgs): Promise<number> {
  const cwd = process.cwd();
  const file = path.resolve(cwd, args.file!);
  if (!fs.existsSync(file)) {
    process.stderr.write(`async-timeline: explore: cannot find '${args.file}' (looked at ${file})\n`);
    return 2;
  }
  const node = await cliNodeTarget(args.node, cwd, args.file!);
  // --test: the file's own text, wrapped to run only the matching tests, as `run --test` runs
  // them (loaded only then: it needs the `typescript` package).
  const test = args.testPattern !== undefined ? (await import('./test-run.js')).testProgram(file, args.testPattern, node) : undefined;
  if (test && 'error' in test) {
    process.stderr.write(`async-timeline: ${test.error}\n`);
    return test.exitCode === 1 ? 2 : test.exitCode; // explore's 1 means "a race found"
  }
  if (test?.matchesNone) {
    process.stderr.write(`async-timeline: explore: ${test.matchesNone}\n`);
    return 2;
  }
  const controller = new AbortController();
  // Ctrl+C stops every worker at once; what ran so far is reported.
  process.once('SIGINT', () => controller.abort());
  // Every schedule must replay exactly, so the explorer's runs always use the cost model.
  if (args.cpu === 'measured') process.stderr.write('async-timeline: --cpu=measured is ignored by explore: its runs use the cost model (synchronous code free), so each schedule replays exactly\n');
  const tty = process.stderr.isTTY === true && !args.json;
  const report = await explore({
    file: args.file!,
    cwd,
    node,
    ...(test && { source: test.source, ...(test.execArgv && { execArgv: test.execArgv }), test: { pattern: args.testPattern! } }),
    entryFunction: args.entryFunction,
    entryArgs: args.entryArgs,
    unhandledRejections: args.unhandledRejections,
    budgets: args.budgets,
    io: args.io,
    ...(args.typescript && { typescript: args.typescript }),
    // Replayed only (explore.ts): every explored run sees the recording `run` made.
    network: { mode: args.network ?? 'record-missing', ...(args.recordingsDir !== undefined && { recordingsDir: path.resolve(cwd, args.recordingsDir) }) },
    cacheDir: cliCacheDir(args.cacheDir, cwd),
    signal: controller.signal,
    ...(args.runs !== undefined && { runs: args.runs }),
    ...(args.seed !== undefined && { seed: args.seed }),
    ...(args.workers !== undefined && { workers: args.workers }),
    onProgress: tty ? (p) => process.stderr.write(`\r${p.phase === 'explore' ? `run ${p.done}/${p.total}, ${p.outcomes} outcome${p.outcomes === 1 ? '' : 's'}` : `shrinking: run ${p.done}`}\x1b[K`) : undefined,
  });
  if (tty) process.stderr.write('\r\x1b[K');
  if (report.failed) {
    process.stderr.write(report.failed.output);
    if (args.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return 1;
  }
  process.stdout.write(args.json ? JSON.stringify(report, null, 2) + '\n' : formatExploreReport(report));
  return report.outcomes.length > 1 ? 1 : 0;
}
