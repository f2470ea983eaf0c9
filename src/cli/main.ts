/**
 * `async-timeline run <file>`: runs a program on the simulated loop and prints its output as
 * `node <file>` would — same bytes on stdout and stderr, same exit code — so it can be diffed
 * against real Node. Everything the tool itself says (usage errors, the summary, budget stops)
 * goes to stderr.
 */
import { EventKind } from '../core/trace/format';
import fs from 'node:fs';
import path from 'node:path';
import { runProgram } from '../core/engine/run';
import { parseArgs, USAGE, UsageError, type CliArgs } from './args';
import { runCompare } from './compare';
import { runExplore } from './explore';
import { parseScheduleId } from '../core/explore/schedule-id';
import { exportHtml } from './html';
import { renderChromeTraceJson } from '../core/export/perfetto';
import { runView } from './view';
import { serializeTrace } from '../core/export/trace-file';
import { formatSummary, summarize } from './summary';
import { cliCacheDir } from './cache-dir';
import { cliNodeTarget } from './node-target';
import { analyzeRun, formatReport } from '../core/analysis/index';

async function run(args: CliArgs): Promise<number> {
  const cwd = process.cwd();
  const controller = new AbortController();
  // Ctrl+C stops the program but still writes the trace so far.
  process.once('SIGINT', () => controller.abort());
  const schedule = args.schedule !== undefined ? parseScheduleId(args.schedule) : undefined;
  if (schedule && 'error' in schedule) {
    process.stderr.write(`async-timeline: --schedule: ${schedule.error}\n`);
    return 2;
  }
  const node = await cliNodeTarget(args.node, cwd, args.file!);
  // --test: the file's own text, wrapped to run only the matching tests (mocha), or run with
  // Node's --test-name-pattern (node:test, on the line imitated), or why not. Loaded only for --test: it needs the `typescript` package,
  // whose load would otherwise be a good part of a short run's start-up.
  const test = args.testPattern !== undefined ? (await import('./test-run.js')).testProgram(path.resolve(cwd, args.file!), args.testPattern, node) : undefined;
  if (test && 'error' in test) {
    process.stderr.write(`async-timeline: ${test.error}\n`);
    return test.exitCode;
  }
  if (test?.warning) process.stderr.write(`async-timeline: ${test.warning}\n`);
  const result = await runProgram({
    ...(schedule && { schedule }),
    file: args.file!,
    node,
    ...(test ? { source: test.source, ...(test.execArgv && { execArgv: test.execArgv }) } : {}),
    cwd,
    entryFunction: args.entryFunction,
    entryArgs: args.entryArgs,
    seed: args.seed,
    unhandledRejections: args.unhandledRejections,
    budgets: args.budgets,
    io: args.io,
    ...(args.typescript && { typescript: args.typescript }),
    ...(args.cpu && { cpu: args.cpu }),
    cacheDir: cliCacheDir(args.cacheDir, cwd),
    // The program's process.stdin is this command's, read for real when the program reads it.
    stdin: 'inherit',
    // Hosts outside the program: the CLI replays the recording and records what it lacks
    // (performing it for real, and saying so on stderr) unless told otherwise.
    network: { mode: args.network ?? 'record-missing', ...(args.recordingsDir !== undefined && { recordingsDir: path.resolve(cwd, args.recordingsDir) }) },
    signal: controller.signal,
    onOutput: (stream, text) => (stream === 'stdout' ? process.stdout : process.stderr).write(text),
  });
  let exitCode = result.exitCode;
  for (const notice of result.notices ?? []) process.stderr.write(`async-timeline: ${notice}\n`);
  // The summary, the warnings and the trace's JSON read the columns as they came from the engine
  // (typed arrays): a million events made plain would cost more than the run itself.
  const scan = result.scanTrace;
  if (args.tracePath) fs.writeFileSync(path.resolve(cwd, args.tracePath), serializeTrace(scan));
  if (args.htmlPath) {
    const out = exportHtml(result.trace);
    if ('html' in out) {
      fs.writeFileSync(path.resolve(cwd, args.htmlPath), out.html);
    } else {
      process.stderr.write(`async-timeline: --html is not available: ${out.error}\n`);
      exitCode = exitCode || 2;
    }
  }
  if (args.perfettoPath) fs.writeFileSync(path.resolve(cwd, args.perfettoPath), renderChromeTraceJson(result.trace));
  if (args.summary) {
    // The engine's warnings are the tool's words, not the program's: only with --summary, so
    // that plain `run` prints exactly what `node` would.
    const { kind, b } = scan.events;
    for (let i = 0; i < kind.length; i++) {
      if (kind[i] === EventKind.Warning) process.stderr.write(`async-timeline: warning: ${scan.strings[b[i]]}\n`);
    }
    process.stderr.write(formatSummary(summarize(scan)) + '\n');
  }
  if (args.report) {
    const analysis = analyzeRun(result.trace, args.blockingThresholdMs !== undefined ? { blockingThresholdMs: args.blockingThresholdMs } : {});
    process.stderr.write(formatReport(analysis));
  }
  return exitCode;
}

async function main(argv: string[]): Promise<void> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`async-timeline: ${e.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (args.command === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  // Let stdout drain (a large output piped to a slow reader) instead of process.exit().
  process.exitCode =
    args.command === 'compare' ? await runCompare(args) : args.command === 'view' ? runView(args) : args.command === 'explore' ? await runExplore(args) : await run(args);
}

// `async-timeline run x.ts | head`: a closed pipe ends the CLI quietly, as it does `node x.ts`.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`async-timeline: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 70;
});
