/**
 * The engine's worker: runs in a worker_threads Worker (so the CLI or the extension host never
 * freezes, and `resourceLimits` caps the heap). It bundles the program (and the files it starts
 * Workers on), makes its sandbox (sandbox.ts: a fresh `vm` context with dist/runtime.js
 * installed), evaluates the bundle, and drives the simulated loop in slices, each under a vm `timeout` as a last-resort backstop
 * (the first line of defence against an endless synchronous loop is the `$.loop` probe, which
 * names the loop). Output is streamed to the parent in batches; the trace is sent at the end,
 * and snapshots on the way so a worker killed by OOM still leaves a trace behind.
 */
// First: loads `typescript` through a code cache before the bundle's own require of it runs.
import './ts-code-cache';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import type { TraceFile } from '../trace/format';
import { columnBuffers, type TypedTrace } from '../trace/recorder';

function typedBuffers(trace: TraceFile | TypedTrace): ArrayBuffer[] {
  return Array.isArray(trace.events.kind) ? [] : columnBuffers(trace as TypedTrace);
}
import type { SourceDiagnostic } from './api';
import { bundle, warmBundler, type BundleOutput } from './bundle';
import { InstrumentCache } from './instrument-cache';
import { displayName } from './paths';
import type { ExploreRunResult, ExploreWorkerMessage, OutputChunk, ParentMessage, RunStats, SpareWorkerData, WorkerInput, WorkerMessage } from './protocol';
import { HANDLE_VAR, precompileSandboxScripts, Sandboxes } from './sandbox';
import { saveCodeCaches } from './code-cache';
import { SIMULATED_PID } from '../runtime/host-api';
import { callbackFrames, INTERNAL_FRAMES } from '../versions/internal-frames';
import { capConsoleText, emptyTrace, markTruncated } from './trace-util';
import { RemoteHosts } from '../netrec/remote-hosts';

/** The console text a trace keeps (characters); the rest is printed but not stored. */
const TRACE_CONSOLE_CAP = 8_000_000;
/** Output is sent to the parent once this much is pending (or at the end of a slice). */
const FLUSH_CHARS = 64 * 1024;
const FLUSH_MS = 30;
/** Real time one slice of the loop may take before the engine checks messages and snapshots. */
const SLICE_MS = 50;
const data = workerData as WorkerInput | SpareWorkerData;
/** The run's input: the worker's data, or the `start` message a spare worker waits for. */
let input: WorkerInput = 'spare' in data ? (undefined as unknown as WorkerInput) : data;

/** Instrumented files of earlier runs, when the caller gave a cache folder (set once the input is known). */
let instrumentCache: InstrumentCache | undefined;

const post = (m: WorkerMessage) => {
  // Every final message says whether the cache had to be switched off (once per run).
  if (m.type === 'done' && instrumentCache?.warning) m = { ...m, notices: [...(m.notices ?? []), instrumentCache.warning] };
  // A trace's columns are transferred, not cloned: the worker does not need them afterwards.
  parentPort!.postMessage(m, m.type === 'done' || m.type === 'snapshot' ? typedBuffers(m.trace) : []);
};

let pending: OutputChunk[] = [];
let pendingChars = 0;
let lastFlush = 0;
function write(stream: 1 | 2, text: string): void {
  const last = pending[pending.length - 1];
  if (last && last[0] === stream) last[1] += text;
  else pending.push([stream, text]);
  pendingChars += text.length;
  // Batch (a flood of small lines must not become a flood of messages), but never sit on
  // output for long: a log line before a long computation shows up while it runs.
  if (pendingChars >= FLUSH_CHARS || performance.now() - lastFlush > FLUSH_MS) flush();
}
function flush(): void {
  lastFlush = performance.now();
  if (pending.length) post({ type: 'output', chunks: pending });
  pending = [];
  pendingChars = 0;
}

let stopRequest: string | undefined;
let startRun: (input: WorkerInput) => void = () => undefined;
const started = new Promise<WorkerInput>((resolve) => (startRun = resolve));
parentPort!.on('message', (m: ParentMessage) => {
  if (m.type === 'stop') stopRequest = m.reason;
  else if (m.type === 'start') startRun(m.input);
});

/**
 * The run's input. A spare worker (run.ts `prepareEngine`) first does what every run needs and
 * no run decides — typescript is loaded by now (ts-code-cache.ts), esbuild's service started,
 * the runtime's code compiled — then waits for its program: the wait for a click is spent here.
 */
async function runInput(): Promise<WorkerInput> {
  if (!('spare' in data)) return data;
  precompileSandboxScripts(data.distDir);
  await warmBundler();
  post({ type: 'warm' });
  return started;
}

/** Node's own wording around a syntax error or a failed import, with the place first. */
function printDiagnostics(diagnostics: SourceDiagnostic[], sources: Map<string, string>): void {
  for (const d of diagnostics.filter((x) => x.severity === 'error')) {
    if (d.nodeStderr !== undefined) {
      write(2, d.nodeStderr);
      continue;
    }
    const text = sources.get(d.file) ?? (fs.existsSync(d.file) ? fs.readFileSync(d.file, 'utf8') : '');
    const line = text.split(/\r?\n/)[d.line - 1];
    const where = `${d.file}:${d.line}:${d.column}`;
    const kind = /Could not resolve|not simulated|ERR_REQUIRE_ASYNC_MODULE/.test(d.message) ? 'Error' : 'SyntaxError';
    write(2, `${where}\n${line !== undefined ? `${line}\n${' '.repeat(d.column - 1)}^\n` : ''}\n${kind}: ${d.message}\n`);
  }
}

interface BudgetError { name: string; code: string; message: string; site: number }
function isBudgetError(e: unknown): e is BudgetError {
  return !!e && typeof e === 'object' && (e as BudgetError).name === 'AsyncTimelineBudgetError';
}
function isVmTimeout(e: unknown): boolean {
  return !!e && typeof e === 'object' && (e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/** "samples/x.ts:3:1 (while (true))" for a site id of the trace. */
function describeSite(trace: Pick<TraceFile, 'sites' | 'files'>, site: number): string {
  const s = trace.sites[site];
  if (!s || site === 0) return 'an unknown place';
  return `${trace.files[s.file] ?? '?'}:${s.line}:${s.column} (${s.label})`;
}

/**
 * Node's MODULE_TYPELESS_PACKAGE_JSON warning (lib/internal/modules/esm/get_format.js): the
 * entry ran as an ES module by syntax detection under a package.json that names no "type".
 */
function typelessPackageWarning(built: BundleOutput): string | undefined {
  const { by, packageJson } = built.moduleDecision;
  if (by !== 'syntax' || packageJson === undefined || (input.source !== undefined && !fs.existsSync(input.entry))) return undefined;
  if (input.entry.split(path.sep).includes('node_modules')) return undefined;
  return (
    `Module type of ${pathToFileURL(input.entry).href} is not specified and it doesn't parse as CommonJS.\n` +
    'Reparsing as ES module because module syntax was detected. This incurs a performance overhead.\n' +
    `To eliminate this warning, add "type": "module" to ${packageJson}.`
  );
}

/** Bundles every file the program may start a Worker on, and theirs in turn (by absolute path). */
async function bundleWorkerEntries(built: BundleOutput): Promise<Map<string, BundleOutput>> {
  const out = new Map<string, BundleOutput>();
  const queue = built.workerEntries.filter((f) => f !== input.entry);
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (out.has(file)) continue;
    const b = await bundle({ entry: file, cwd: input.cwd, nodeMajor: input.nodeMajor, typescript: input.typescript, cache: instrumentCache });
    out.set(file, b);
    for (const next of b.workerEntries) if (next !== input.entry && !out.has(next)) queue.push(next);
  }
  return out;
}

/** Explorer mode: the program cannot run at all; what would have been printed goes with the answer. */
function explorerFailed(diagnostics: SourceDiagnostic[]): void {
  const output = pending.map(([, text]) => text).join('');
  pending = [];
  const ready: ExploreWorkerMessage = { type: 'ready', diagnostics, failed: true, output };
  parentPort!.postMessage(ready);
}

async function main(): Promise<void> {
  input = await runInput();
  const readyAt = Date.now();
  if (input.instrumentCacheDir) instrumentCache = new InstrumentCache(input.instrumentCacheDir);
  const meta = { entry: input.entryDisplay, engine: input.engineVersion, entryFunction: input.entryFunction, nodeMajor: input.nodeMajor };
  const bundleStart = performance.now();
  const built = await bundle({ entry: input.entry, source: input.source, cwd: input.cwd, nodeMajor: input.nodeMajor, typescript: input.typescript, cache: instrumentCache });
  saveCodeCaches();
  // Files the program may start Workers on are bundled now: `new Worker` is synchronous.
  const workerBundles = built.diagnostics.some((d) => d.severity === 'error') ? new Map<string, BundleOutput>() : await bundleWorkerEntries(built);
  const instrumentAndBundleMs = performance.now() - bundleStart;
  instrumentCache?.prune();
  if (built.diagnostics.some((d) => d.severity === 'error')) {
    // An import of the detected ES module entry failed to load: Node 24+ has warned about the
    // entry's package.json by then, synchronously (22 warns on a tick the failure never reaches).
    const typeless = input.nodeMajor >= 24 && built.diagnostics.some((d) => d.nodeStderr !== undefined && d.file !== input.entry) ? typelessPackageWarning(built) : undefined;
    if (typeless !== undefined) write(2, `(node:${SIMULATED_PID}) [MODULE_TYPELESS_PACKAGE_JSON] Warning: ${typeless}\n(Use \`node --trace-warnings ...\` to show where the warning was created)\n`);
    printDiagnostics(built.diagnostics, built.sources);
    if (input.explore) return explorerFailed(built.diagnostics);
    flush();
    const trace = emptyTrace({ ...meta, seed: input.seed, moduleKind: built.moduleKind, exitCode: 1 }, [displayName(input.entry, input.cwd)]);
    post({ type: 'done', trace, exitCode: 1, diagnostics: built.diagnostics });
    return;
  }

  // Check --args before anything runs, so a typo is a usage error, not a crash.
  let argsScript: vm.Script | undefined;
  if (input.entryArgs) {
    try {
      argsScript = new vm.Script(`(${input.entryArgs})`, { filename: '--args' });
    } catch (e) {
      write(2, `async-timeline: --args: ${e instanceof Error ? e.message : String(e)} in ${JSON.stringify(input.entryArgs)}\n`);
      if (input.explore) return explorerFailed([]);
      flush();
      post({ type: 'done', trace: emptyTrace({ ...meta, seed: input.seed, moduleKind: built.moduleKind, exitCode: 2 }), exitCode: 2, diagnostics: [] });
      return;
    }
  }

  const callerFrames = callbackFrames(input.nodeMajor);
  const setup: RunSetup = { built, workerBundles, argsScript, callerFrames };
  if (input.explore) {
    serveExplorer(setup);
    return;
  }
  const { trace, exitCode, stats } = await runOnce(input, write, setup, { snapshots: true });
  // Before the trace goes: the parent ends this worker once it has it. A no-op once the caches fit.
  saveCodeCaches();
  flush();
  post({ type: 'done', trace, exitCode, diagnostics: built.diagnostics, stats: { instrumentAndBundleMs, readyAt, doneAt: Date.now(), ...stats } });
}

/** What every run of one program shares: its bundles, the checked --args, Node's frames. */
interface RunSetup {
  built: BundleOutput;
  workerBundles: Map<string, BundleOutput>;
  argsScript: vm.Script | undefined;
  callerFrames: (names: string[]) => string[] | undefined;
}

/**
 * Runs the program once in a fresh sandbox under `runInput` (its seed, schedule, budgets),
 * writing its output with `out`, and returns its trace (typed) and exit code.
 */
async function runOnce(
  runInput: WorkerInput,
  out: (stream: 1 | 2, text: string) => void,
  { built, workerBundles, argsScript, callerFrames }: RunSetup,
  { snapshots }: { snapshots: boolean },
): Promise<{ trace: TypedTrace; exitCode: number; stats: Omit<RunStats, 'instrumentAndBundleMs' | 'readyAt' | 'doneAt'> }> {
  const meta = { entry: runInput.entryDisplay, engine: runInput.engineVersion, entryFunction: runInput.entryFunction, nodeMajor: runInput.nodeMajor };
  // Hosts outside the program (src/core/netrec): what it says goes to stderr, not into the program's output of the trace.
  const network = runInput.network;
  const remote = network && network.mode !== 'off' ? new RemoteHosts({ mode: network.mode, entry: runInput.entry, recordingsDir: network.recordingsDir, realRequestTimeoutMs: network.realRequestTimeoutMs, distDir: runInput.distDir, say: (text) => out(2, text) }) : undefined;
  const sandboxes = new Sandboxes({ input: runInput, write: out, callerFrames, belowMain: built.moduleKind === 'module' ? INTERNAL_FRAMES[runInput.nodeMajor].esmMain : INTERNAL_FRAMES[runInput.nodeMajor].cjsMain, ...(remote && { remote }) }, built, workerBundles);
  const { context, sandbox, handle, module, evaluate } = sandboxes.makeMain();
  const typeless = typelessPackageWarning(built);
  if (runInput.benchmarkClock) {
    // RunOptions.benchmarkClock: real wall and CPU time (ms) and the minor page faults so far,
    // for the benchmark's steady-state phase (bench/scaling.mjs).
    sandbox['__asyncTimeline$benchmarkClock'] = () => {
      const cpu = process.cpuUsage();
      return [performance.now(), (cpu.user + cpu.system) / 1000, process.resourceUsage().minorPageFault];
    };
  }
  sandbox['__asyncTimeline$program'] = () => {
    // Node's loader warns while it loads the entry, before the module runs.
    if (typeless !== undefined) (sandbox.process as { emitWarning(w: string, o: object): void }).emitWarning(typeless, { code: 'MODULE_TYPELESS_PACKAGE_JSON' });
    const tla = evaluate();
    if (!runInput.entryFunction) return tla;
    const fn = (module.exports as Record<string, unknown>)[runInput.entryFunction];
    if (typeof fn !== 'function') {
      // A usage problem, not the program's: say so plainly and end the (simulated) process.
      const exported = Object.keys(module.exports).join(', ') || 'none';
      out(2, `async-timeline: --entry: '${runInput.entryFunction}' is not an exported function of ${runInput.entryDisplay} (exports: ${exported})\n`);
      (sandbox.process as { exit(code: number): never }).exit(2);
      return undefined; // not reached: exit() unwinds
    }
    const args = runInput.entryArgs ? argsScript!.runInContext(context) : [];
    return fn(...(Array.isArray(args) ? args : [args]));
  };

  const backstop = runInput.budgets.realTimeMs + 1000;
  const runMain = new vm.Script(`${HANDLE_VAR}.runMain(__asyncTimeline$program)`, { filename: 'async-timeline:main' });
  const runSlice = new vm.Script(`${HANDLE_VAR}.runSlice(${SLICE_MS})`, { filename: 'async-timeline:slice' });
  let budgetSite = -1;
  let waiting = false;
  let stopReason: string | undefined;
  /** Runs one step; returns true when the run is over. */
  const step = (script: vm.Script): boolean => {
    try {
      const r = script.runInContext(context, { timeout: backstop }) as string;
      waiting = r === 'wait';
      return r === 'done' || handle.done;
    } catch (e) {
      if (isBudgetError(e)) {
        budgetSite = e.site;
        stopReason = `real-time budget: synchronous code ran longer than ${runInput.budgets.realTimeMs} ms`;
      } else if (isVmTimeout(e)) {
        stopReason = `real-time budget: synchronous code ran longer than ${backstop} ms (stopped by the vm timeout)`;
      } else {
        stopReason = `engine error: ${e instanceof Error ? e.message : String(e)}`;
      }
      handle.stop(stopReason);
      return true;
    }
  };

  // Peak memory is sampled between slices (cheap; a slice is short) and after the trace is
  // built: the JS heap plus external memory plus the recorder's columns, 23 bytes an event
  // (shared buffers, which V8's statistics leave out).
  let peakHeapBytes = 0;
  const sampleHeap = () => {
    const h = v8.getHeapStatistics() as v8.HeapInfo & { external_memory?: number };
    peakHeapBytes = Math.max(peakHeapBytes, h.used_heap_size + (h.external_memory ?? process.memoryUsage().external) + handle.eventCount * 23);
  };
  const runStart = performance.now();
  let lastSnapshot = performance.now();
  let snapshotGap = runInput.snapshotEveryMs;
  let over = step(runMain);
  sampleHeap();
  flush();
  while (!over) {
    if (stopRequest) {
      stopReason = stopRequest;
      handle.stop(stopRequest);
      break;
    }
    over = step(runSlice);
    sampleHeap();
    flush();
    if (snapshots && !over && performance.now() - lastSnapshot > snapshotGap) {
      const t0 = performance.now();
      post({ type: 'snapshot', trace: capConsoleText(handle.trace(meta, { typed: true }), TRACE_CONSOLE_CAP) });
      lastSnapshot = performance.now();
      // A snapshot copies the whole trace so far: space them so they never take more than
      // about a tenth of the run, however long the trace grows.
      snapshotGap = Math.max(runInput.snapshotEveryMs, 10 * (lastSnapshot - t0));
    }
    // Let real I/O (a native promise the program awaited) make progress between slices.
    // 'wait' (proposed for the runtime): only something external (a native promise adopted by
    // an await) is pending, so sleep a little instead of spinning.
    if (!over) await new Promise((resolve) => (waiting ? setTimeout(resolve, 1) : setImmediate(resolve)));
  }

  const runMs = performance.now() - runStart;
  sampleHeap();
  // `final`: the recorder frees each column while it copies it (the peak would otherwise hold both).
  const trace = capConsoleText(handle.trace(meta, { final: true, typed: true }), TRACE_CONSOLE_CAP);
  remote?.close();
  if (network) trace.meta.network = remote?.summary() ?? { mode: network.mode, replayed: 0, recorded: 0 };
  sampleHeap();
  // The recorder's columns are fixed width: 1 (kind) + 8 (t) + 3×4 (a, b, c) + 2 (thread) bytes.
  const stats = {
    runMs, peakHeapBytes, traceBytesInMemory: trace.events.kind.length * 23, eventCount: trace.events.kind.length,
    ...(instrumentCache && { instrumentCache: { hits: instrumentCache.stats.hits, misses: instrumentCache.stats.misses, rejected: instrumentCache.stats.rejected } }),
  };
  let exitCode = handle.exitCode;
  if (budgetSite >= 0 || stopReason?.startsWith('real-time budget')) {
    // We caught the budget error ourselves: name the loop from the trace's site table.
    const where = budgetSite > 0 ? ` at ${describeSite(trace, budgetSite)}` : '';
    markTruncated(trace, stopReason + where, exitCode || 1);
    trace.meta.truncated = { reason: stopReason + where };
  }
  const truncated = trace.meta.truncated?.reason;
  if (truncated) {
    out(2, `async-timeline: stopped: ${truncated} (the trace so far is kept)\n`);
    // A program stopped before its end did not succeed, whatever its exit code was so far.
    exitCode = exitCode || (truncated === 'cancelled' ? 130 : 1);
    trace.meta.exitCode = exitCode;
  }
  return { trace, exitCode, stats };
}

/**
 * Explorer mode: the program is bundled; run it once per `run` message, each in a fresh
 * sandbox under that message's schedule, with no trace recorded beyond its output (the
 * explorer groups runs by output and exit code; it replays the ones it shows with a trace).
 */
function serveExplorer(setup: RunSetup): void {
  let queue = Promise.resolve();
  parentPort!.on('message', (m: ParentMessage) => {
    if (m.type !== 'run') return;
    queue = queue.then(async () => {
      if (stopRequest) return;
      const stdout: string[] = [];
      const stderr: string[] = [];
      const out = (stream: 1 | 2, text: string) => void (stream === 1 ? stdout : stderr).push(text);
      const t0 = performance.now();
      const { trace, exitCode } = await runOnce({ ...input, schedule: m.schedule, tracing: false }, out, setup, { snapshots: false });
      const result: ExploreRunResult = {
        stdout: stdout.join(''), stderr: stderr.join(''), exitCode,
        ...(trace.meta.truncated && { truncated: trace.meta.truncated.reason }),
        perturbations: trace.meta.perturbations ?? [],
        endTime: trace.meta.endTime,
        realMs: performance.now() - t0,
      };
      const reply: ExploreWorkerMessage = { type: 'ran', id: m.id, result };
      parentPort!.postMessage(reply);
    });
  });
  const ready: ExploreWorkerMessage = { type: 'ready', diagnostics: setup.built.diagnostics, failed: false, output: '' };
  parentPort!.postMessage(ready);
}

main().catch((e: unknown) => {
  write(2, `async-timeline: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  flush();
  // (A spare worker that failed before its start message has no input: a trace of nothing.)
  const trace = emptyTrace({ entry: input?.entryDisplay ?? '', engine: input?.engineVersion ?? '', seed: input?.seed ?? 0, moduleKind: 'commonjs', nodeMajor: input?.nodeMajor ?? 20, exitCode: 70 });
  post({ type: 'done', trace: markTruncated(trace, 'internal error', 70), exitCode: 70, diagnostics: [] });
});
