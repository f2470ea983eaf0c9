/**
 * `async-timeline compare <fileA> <fileB> [...]`: runs each program in turn on the simulated
 * loop (one after the other: the runs share nothing), prints a small table — file, virtual
 * time, speed-up against the slowest — and with `--html` writes one page showing the runs
 * side by side on one time scale (the timeline's compare mode).
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderComparisonHtml } from '../core/export/html';
import { runProgram } from '../core/engine/run';
import { cliCacheDir } from './cache-dir';
import { buildComparison, causesDifferText, formatDuration, formatSpeedup, type Comparison } from '../core/viewmodel/index';
import type { TraceFile } from '../core/trace/format';
import type { CliArgs } from './args';
import { cliNodeTarget } from './node-target';

/** The table, one line per run: label, file, virtual time, speed-up (aligned columns). */
export function formatComparisonTable(comparison: Comparison, files: readonly string[]): string {
  const rows = [['run', 'file', 'virtual time', 'speed-up'], ...comparison.runs.map((run, i) => [
    run.label, files[i] ?? '', formatDuration(run.endTime),
    i === comparison.slowest ? '1.00× (slowest)' : formatSpeedup(run.speedup).replace(' faster', '').replace('as fast', '1.00×'),
  ])];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c >= 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n') + '\n';
}

export async function runCompare(args: CliArgs): Promise<number> {
  const cwd = process.cwd();
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const runs: { label: string; trace: TraceFile }[] = [];
  let failed = 0;
  for (const [i, file] of args.files.entries()) {
    const label = args.labels[i] ?? path.basename(file).replace(/\.[cm]?[jt]sx?$/, '');
    process.stderr.write(`running ${file}…\n`);
    const node = await cliNodeTarget(args.node, cwd, file);
    const result = await runProgram({
      file, cwd, node, seed: args.seed, unhandledRejections: args.unhandledRejections, budgets: args.budgets, io: args.io, ...(args.typescript && { typescript: args.typescript }), cacheDir: cliCacheDir(args.cacheDir, cwd), signal: controller.signal,
      onOutput: () => undefined,
    });
    if (result.exitCode !== 0) {
      failed++;
      process.stderr.write(`async-timeline: ${file} ended with exit code ${result.exitCode}\n`);
    }
    runs.push({ label, trace: result.trace });
  }
  const comparison = buildComparison(runs);
  process.stdout.write(formatComparisonTable(comparison, args.files));
  // Which causes of time (the critical path's) differ between the runs.
  const causes = causesDifferText(comparison);
  if (causes) process.stdout.write(`${causes}\n`);
  if (args.htmlPath) {
    try {
      fs.writeFileSync(path.resolve(cwd, args.htmlPath), renderComparisonHtml(runs));
    } catch (e) {
      process.stderr.write(`async-timeline: --html is not available: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
  }
  return failed > 0 ? 1 : 0;
}
