/**
 * `runProgram`: the engine's one entry point for the CLI and the extension host. It starts a
 * worker thread (worker.ts, built to dist/worker.js) that bundles and runs the program, relays
 * its output as it comes, and resolves with the trace. Whatever happens to the worker (a heap
 * out of memory, a crash, a cancel), the promise resolves with the best trace there is —
 * the last snapshot, marked truncated — never rejects for a problem of the user's program.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TraceFile } from '../trace/format';
import { plainTrace, type TypedTrace } from '../trace/recorder';
import type { RunBudgets, RunOptions, RunResult } from './api';
import { displayName, moduleKindOf } from './paths';
import type { ParentMessage, SpareWorkerData, WorkerInput, WorkerMessage } from './protocol';
import type { NodeMajor } from '../versions/targets';
import { emptyTrace, markTruncated } from './trace-util';
import { resolveNodeTarget } from '../versions/resolve-target';

export const ENGINE_VERSION = 'async-timeline 0.1.0';

export const DEFAULT_BUDGETS: RunBudgets = {
  realTimeMs: 3000,
  virtualTimeMs: 3_600_000,
  events: 10_000_000,
  memoryMb: 1024,
};

/** After a cancel, how long the worker gets to hand over its trace before it is terminated. */
const STOP_GRACE_MS = 2000;

/**
 * The directory holding worker.js and runtime.js: next to the running bundle (dist/cli.js,
 * dist/extension.js), or the repository's dist/ when running from sources (tests via tsx).
 * `ASYNC_TIMELINE_DIST` overrides both.
 */
export function locateDist(): string {
  const candidates = [process.env.ASYNC_TIMELINE_DIST, __dirname, path.resolve(__dirname, '../../../dist')];
  for (const dir of candidates) {
    if (dir && fs.existsSync(path.join(dir, 'worker.js')) && fs.existsSync(path.join(dir, 'runtime.js'))) return dir;
  }
  throw new Error(`async-timeline: dist/worker.js and dist/runtime.js not found (looked in ${candidates.filter(Boolean).join(', ')}); run \`npm run build\``);
}

/**
 * The result with `trace` made plain (number[] columns, the TraceFile shape) on first read: a
 * caller that only wants the exit code and the numbers (the benchmark at ten million events)
 * never pays for the copy, and one that only scans the trace reads `scanTrace`, the columns as
 * they came.
 */
function withLazyTrace(typed: TraceFile | TypedTrace, rest: Omit<RunResult, 'trace' | 'scanTrace'>): RunResult {
  let plain: TraceFile | undefined;
  return {
    ...rest,
    scanTrace: typed,
    get trace() {
      return (plain ??= plainTrace(typed));
    },
  };
}

/**
 * A worker started before it is needed (`prepareEngine`): it has loaded typescript, started
 * esbuild's service and compiled the runtime while nobody waited, and runs the next program
 * whose memory cap it has. Unreferenced: it never keeps a process alive.
 */
let spare: { worker: Worker; memoryMb: number; distDir: string; warm: Promise<void>; unlisten: () => void } | undefined;

function workerOptions(memoryMb: number) {
  return { resourceLimits: { maxOldGenerationSizeMb: memoryMb, stackSizeMb: 4 }, stdout: false, stderr: false };
}

/**
 * Starts a spare worker for the next run, unless one is ready. For a caller that runs programs
 * again and again (the extension calls it after each run): the next run starts without the
 * worker's start-up, most of the time from a click to a timeline. Costs one idle worker
 * (typescript loaded: tens of MB) while it waits.
 */
export function prepareEngine(memoryMb: number = DEFAULT_BUDGETS.memoryMb): void {
  const distDir = locateDist();
  if (spare && spare.memoryMb === memoryMb && spare.distDir === distDir) return;
  void spare?.worker.terminate();
  const data: SpareWorkerData = { spare: true, distDir };
  const worker = new Worker(path.join(distDir, 'worker.js'), { workerData: data, ...workerOptions(memoryMb) });
  worker.unref();
  let warmed = () => undefined as void;
  const warm = new Promise<void>((resolve) => (warmed = resolve));
  const forget = () => {
    warmed();
    if (spare?.worker === worker) spare = undefined;
  };
  const onMessage = (m: WorkerMessage) => m.type === 'warm' && warmed();
  worker.on('message', onMessage);
  worker.on('error', forget);
  worker.on('exit', forget);
  // Only these: `removeAllListeners()` would also take Node's own listeners, which keep the
  // worker's message port referenced while someone listens (then the run's messages never come).
  const unlisten = () => {
    worker.off('message', onMessage);
    worker.off('error', forget);
    worker.off('exit', forget);
    warmed();
  };
  spare = { worker, memoryMb, distDir, warm, unlisten };
}

/**
 * Resolves once the spare worker (if one is starting) is warm: the next run starts at once.
 * For the click-to-timeline measure, whose re-runs come after the timeline was read, as a
 * user's do — not a moment after the previous run, while the spare is still loading.
 */
export function whenEngineWarm(): Promise<void> {
  return spare?.warm ?? Promise.resolve();
}

/** Ends the spare worker, if there is one (the extension's deactivation). */
export function releaseEngine(): void {
  void spare?.worker.terminate();
  spare = undefined;
}

/** The spare worker, if it fits this run (then it is no longer spare), else a new worker. */
function workerFor(input: WorkerInput): Worker {
  const ready = spare;
  // (threadId is -1 once the thread is gone: a spare that died and whose exit is still on its way.)
  if (ready && ready.memoryMb === input.budgets.memoryMb && ready.distDir === input.distDir && ready.worker.threadId !== -1) {
    spare = undefined;
    ready.unlisten();
    ready.worker.ref();
    ready.worker.postMessage({ type: 'start', input } satisfies ParentMessage);
    return ready.worker;
  }
  return new Worker(path.join(input.distDir, 'worker.js'), { workerData: input, ...workerOptions(input.budgets.memoryMb) });
}

export async function runProgram(options: RunOptions): Promise<RunResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const distDir = locateDist(); // a broken installation (dist/ missing) rejects: the caller's to report
  const node = options.node === undefined || options.node === 'auto' ? (await resolveNodeTarget('auto', { cwd, file: options.file })).major : options.node;
  return start(options, cwd, distDir, node);
}

function start(options: RunOptions, cwd: string, distDir: string, nodeMajor: NodeMajor): Promise<RunResult> {
  const entry = path.resolve(cwd, options.file);
  const budgets: RunBudgets = { ...DEFAULT_BUDGETS, ...options.budgets };
  const seed = options.seed ?? 0;
  const input: WorkerInput = {
    entry,
    entryDisplay: displayName(entry, cwd),
    source: options.source,
    cwd,
    entryFunction: options.entryFunction,
    ...(options.execArgv?.length && { execArgv: options.execArgv }),
    ...(options.stdin === 'inherit' ? { stdin: 'inherit' as const } : {}),
    entryArgs: options.entryArgs,
    seed,
    unhandledRejections: options.unhandledRejections ?? 'throw',
    budgets,
    distDir,
    engineVersion: ENGINE_VERSION,
    snapshotEveryMs: 1000,
    tracing: options.tracing ?? true,
    ...(options.benchmarkClock && { benchmarkClock: true }),
    io: options.io,
    ...(options.cpu === 'measured' && { cpu: 'measured' as const }),
    ...(options.cacheDir ? { instrumentCacheDir: options.cacheDir } : {}),
    nodeMajor,
    ...(options.schedule && { schedule: options.schedule }),
    ...(options.network && { network: options.network }),
    ...(options.typescript && { typescript: options.typescript }),
  };
  const fallbackMeta = { entry: input.entryDisplay, engine: ENGINE_VERSION, seed, moduleKind: moduleKindOf(entry, nodeMajor), nodeMajor, exitCode: 1 };

  if (options.source === undefined && !fs.existsSync(entry)) {
    const message = `Cannot find module '${entry}'`;
    options.onOutput?.('stderr', `Error: ${message}\n`);
    const trace = emptyTrace(fallbackMeta);
    return Promise.resolve({
      trace,
      scanTrace: trace,
      exitCode: 1,
      diagnostics: [{ file: entry, line: 1, column: 1, message, severity: 'error' }],
    });
  }

  return new Promise<RunResult>((resolve) => {
    const worker = workerFor(input);
    // Kept as it came (typed columns): made plain only if the worker dies and it is needed.
    let snapshot: TypedTrace | undefined;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (result: RunResult) => {
      if (settled) return;
      settled = true;
      if (killTimer) clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
      void worker.terminate();
    };
    /** The worker is gone without a final trace: keep the last snapshot. */
    const salvage = (reason: string, exitCode: number, printed: string) => {
      if (settled) return;
      options.onOutput?.('stderr', printed);
      const trace = markTruncated(snapshot ? plainTrace(snapshot) : emptyTrace(fallbackMeta), reason, exitCode);
      finish({ trace, scanTrace: trace, exitCode, diagnostics: [] });
    };
    const onAbort = () => {
      worker.postMessage({ type: 'stop', reason: 'cancelled' });
      killTimer = setTimeout(() => salvage('cancelled', 130, ''), STOP_GRACE_MS);
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort);

    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'output') {
        for (const [stream, text] of m.chunks) options.onOutput?.(stream === 1 ? 'stdout' : 'stderr', text);
      } else if (m.type === 'snapshot') {
        snapshot = m.trace;
      } else if (m.type === 'done') {
        const s = m.stats;
        finish(withLazyTrace(m.trace, {
          exitCode: m.exitCode, diagnostics: m.diagnostics,
          ...(m.notices && { notices: m.notices }),
          ...(s && { timings: { instrumentAndBundleMs: s.instrumentAndBundleMs, runMs: s.runMs, workerReadyAt: s.readyAt, workerDoneAt: s.doneAt }, peakHeapBytes: s.peakHeapBytes, traceBytesInMemory: s.traceBytesInMemory, eventCount: s.eventCount }),
          ...(s?.instrumentCache && { instrumentCache: s.instrumentCache }),
        }));
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        // Node itself aborts (exit 134) with this message when the heap is exhausted.
        salvage(`out of memory (heap limit ${budgets.memoryMb} MB)`, 134, `\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n`);
      } else {
        salvage(`engine crashed: ${e.message}`, 70, `async-timeline: engine crashed: ${e.stack ?? e.message}\n`);
      }
    });
    worker.on('exit', (code) => salvage(`the engine exited (code ${code})`, 70, settled ? '' : `async-timeline: the engine exited unexpectedly (code ${code})\n`));
  });
}
