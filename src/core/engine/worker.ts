/**
 * The sandbox: runs in a worker_threads Worker (so the CLI or the extension host never
 * freezes, and `resourceLimits` caps the heap). It bundles the program, makes a fresh `vm`
 * context, evaluates dist/runtime.js in it, installs the runtime, evaluates the bundle, and
 * drives the simulated loop in slices, each under a vm `timeout` as a last-resort backstop
 * (the first line of defence against an endless synchronous loop is the `$.loop` probe, which
 * names the loop). Output is streamed to the parent in batches; the trace is sent at the end,
 * and snapshots on the way so a worker killed by OOM still leaves a trace behind.
 */
// First: loads `typescript` through a code cache before the bundle's own require of it runs.
import { saveTypeScriptCodeCache } from './ts-code-cache';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { INSTRUMENTATION_GLOBAL, type InstrumentationApi } from '../runtime/instrumentation-api';
import { INSTALL_GLOBAL, type InstallFn, type RuntimeHandle, type RuntimeHost, type ThreadRuntime, type ThreadShare } from '../runtime/host-api';
import type { TraceFile } from '../trace/format';
import { TLA_GLOBAL } from '../instrument/transform';
import type { SourceDiagnostic } from './api';
import { bundle, type BundleOutput } from './bundle';
import { instrumentSource } from '../instrument/index';
import { workerFileFor } from './worker-entries';
import { displayName } from './paths';
import type { OutputChunk, ParentMessage, RunStats, WorkerInput, WorkerMessage } from './protocol';
import { BUNDLE_FILENAME, BundleMaps, StackMapper, workerBundleFilename } from './stack-map';
import { capConsoleText, emptyTrace, markTruncated } from './trace-util';

/** The console text a trace keeps (characters); the rest is printed but not stored. */
const TRACE_CONSOLE_CAP = 8_000_000;
/** Output is sent to the parent once this much is pending (or at the end of a slice). */
const FLUSH_CHARS = 64 * 1024;
const FLUSH_MS = 30;
/** Real time one slice of the loop may take before the engine checks messages and snapshots. */
const SLICE_MS = 50;
/** Names in the sandbox that user code never uses. */
const HANDLE_VAR = '__asyncTimeline$handle';
const MAIN_VAR = TLA_GLOBAL;

const input = workerData as WorkerInput;

/** Host globals handed to the sandbox as they are (none of them queues work on Node's loop). */
const HOST_GLOBALS = [
  'AbortController', 'AbortSignal', 'EventTarget', 'Event', 'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams',
  'Buffer', 'structuredClone', 'atob', 'btoa', 'DOMException', 'Blob', 'crypto',
];

/**
 * The frames under a CommonJS main module's top level in Node 20 (its module loader). This
 * file is itself loaded by that loader, so its own stack gives the real line numbers of this
 * Node; the names are those the main thread shows, and the last frame (main-thread only) is
 * Node 20's.
 */
const NODE_MAIN_FRAMES: string[] = (() => {
  const names: Record<string, string> = { 'Object..js': 'Module._extensions..js', 'Function._load': 'Module._load' };
  const frames = (new Error().stack ?? '').split('\n').filter((l) => /\(node:internal\/modules\/(cjs\/loader|run_main):/.test(l));
  if (frames.length !== 5) return [];
  const named = frames.map((l) => l.replace(/at (\S+) \(/, (m, fn: string) => (names[fn] ? `at ${names[fn]} (` : m)));
  return [...named, '    at node:internal/main/run_main_module:28:49'];
})();

/**
 * Node's internal frames under a timer, immediate and nextTick callback, observed in this very
 * Node (the worker has the same internals), keyed by the runtime function that plays that part.
 */
async function nodeCallbackFrames(): Promise<(names: string[]) => string[] | undefined> {
  const below = () => (new Error().stack ?? '').split('\n').slice(2).filter((l) => /\(?node:internal\//.test(l));
  const timer = await new Promise<string[]>((resolve) => setTimeout(() => resolve(below()), 0));
  const immediate = await new Promise<string[]>((resolve) => setImmediate(() => resolve(below())));
  const tick = await new Promise<string[]>((resolve) => process.nextTick(() => resolve(below())));
  const table: [RegExp, string[]][] = [
    [/^listOnTimeout\d*$/, timer],
    [/^processImmediate\d*$/, immediate],
    [/^runOneTick\d*$/, tick],
  ];
  return (names) => table.find(([re]) => names.some((n) => re.test(n)))?.[1];
}

/** The same for an ES module entry; a worker cannot observe these, so they are Node 20.20's. */
const NODE_ESM_MAIN_FRAMES: string[] =
  process.version === 'v20.20.2'
    ? [
        '    at ModuleJob.run (node:internal/modules/esm/module_job:325:25)',
        '    at async ModuleLoader.import (node:internal/modules/esm/loader:606:24)',
        '    at async asyncRunEntryPointWithESMLoader (node:internal/modules/run_main:117:5)',
      ]
    : [];
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

/**
 * What an instrumented async (generator) function's source looks like (transform.ts): a header
 * with simple parameters, optional `const __at$super… = …;` helpers, then the call into the
 * runtime. Arrows: `(…) => __at$.async(…)`.
 */
const INSTRUMENTED_FN = /^\s*(?:(?:\([^()]*\)|[\w$]+)\s*=>\s*(?:\{\s*(?:const __at\$super\w* = [^;]*;\s*)*return\s+)?|[^{=]*\{\s*(?:const __at\$super\w* = [^;]*;\s*)*return\s+)__at\$\.(async|asyncGenerator)\(/;

/**
 * The sandbox's `require('util')`: a copy of the host's `util` whose `types.isPromise`,
 * `isAsyncFunction` and `isGeneratorFunction` also recognize the runtime's promises and the
 * instrumented async (generator) functions, which V8 sees as a plain object / plain functions.
 */
function makeSandboxUtil(handle: RuntimeHandle): typeof util {
  const instrumented = (value: unknown): string | undefined => {
    if (typeof value !== 'function') return undefined;
    let text: string;
    try {
      text = Function.prototype.toString.call(value);
    } catch {
      return undefined;
    }
    return INSTRUMENTED_FN.exec(text)?.[1];
  };
  const types = Object.defineProperties({}, Object.getOwnPropertyDescriptors(util.types)) as typeof util.types;
  Object.assign(types, {
    isPromise: (value: unknown): boolean => handle.isPromise(value) || util.types.isPromise(value),
    isAsyncFunction: (value: unknown): boolean => util.types.isAsyncFunction(value) || instrumented(value) !== undefined,
    isGeneratorFunction: (value: unknown): boolean => util.types.isGeneratorFunction(value) || instrumented(value) === 'asyncGenerator',
  });
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(util)) as typeof util;
  Object.defineProperty(copy, 'types', { value: types, writable: true, enumerable: true, configurable: true });
  return copy;
}

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
parentPort!.on('message', (m: ParentMessage) => {
  if (m.type === 'stop') stopRequest = m.reason;
});

/** Node's own wording around a syntax error or a failed import, with the place first. */
function printDiagnostics(diagnostics: SourceDiagnostic[], sources: Map<string, string>): void {
  for (const d of diagnostics.filter((x) => x.severity === 'error')) {
    const text = sources.get(d.file) ?? (fs.existsSync(d.file) ? fs.readFileSync(d.file, 'utf8') : '');
    const line = text.split(/\r?\n/)[d.line - 1];
    const where = `${d.file}:${d.line}:${d.column}`;
    const kind = /Could not resolve|not simulated/.test(d.message) ? 'Error' : 'SyntaxError';
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
function describeSite(trace: TraceFile, site: number): string {
  const s = trace.sites[site];
  if (!s || site === 0) return 'an unknown place';
  return `${trace.files[s.file] ?? '?'}:${s.line}:${s.column} (${s.label})`;
}

/** Bundles every file the program may start a Worker on, and theirs in turn (by absolute path). */
async function bundleWorkerEntries(built: BundleOutput): Promise<Map<string, BundleOutput>> {
  const out = new Map<string, BundleOutput>();
  const queue = built.workerEntries.filter((f) => f !== input.entry);
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (out.has(file)) continue;
    const b = await bundle({ entry: file, cwd: input.cwd });
    out.set(file, b);
    for (const next of b.workerEntries) if (next !== input.entry && !out.has(next)) queue.push(next);
  }
  return out;
}

async function main(): Promise<void> {
  const meta = { entry: input.entryDisplay, engine: input.engineVersion, entryFunction: input.entryFunction };
  const bundleStart = performance.now();
  const built = await bundle({ entry: input.entry, source: input.source, cwd: input.cwd });
  saveTypeScriptCodeCache();
  // Files the program may start Workers on are bundled now: `new Worker` is synchronous.
  const workerBundles = built.diagnostics.some((d) => d.severity === 'error') ? new Map<string, BundleOutput>() : await bundleWorkerEntries(built);
  const instrumentAndBundleMs = performance.now() - bundleStart;
  if (built.diagnostics.some((d) => d.severity === 'error')) {
    printDiagnostics(built.diagnostics, built.sources);
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
      flush();
      post({ type: 'done', trace: emptyTrace({ ...meta, seed: input.seed, moduleKind: built.moduleKind, exitCode: 2 }), exitCode: 2, diagnostics: [] });
      return;
    }
  }

  const callerFrames = await nodeCallbackFrames();
  const runtimePath = path.join(input.distDir, 'runtime.js');
  const runtimeScript = new vm.Script(fs.readFileSync(runtimePath, 'utf8'), { filename: runtimePath });
  /** A bundled file, ready to be evaluated in sandboxes (the program's entry, or a Worker's file). */
  interface Program {
    file: string;
    /** The vm file name its code runs under (stack-map.ts maps frames by it). */
    filename: string;
    built: BundleOutput;
    wrapperSource: string;
    require: NodeJS.Require;
  }
  const bundleMaps = new BundleMaps();
  const programOf = (file: string, b: BundleOutput, filename: string): Program => {
    bundleMaps.add(filename, b.map, b.sources);
    // esbuild keeps the entry's `#!` line first; inside the wrapper it must become a comment.
    const code = b.code.startsWith('#!') ? '//' + b.code : b.code;
    return { file, filename, built: b, wrapperSource: `(function (exports, require, module, __filename, __dirname) {${code}\n})`, require: createRequire(file) };
  };
  const mainProgram = programOf(input.entry, built, BUNDLE_FILENAME);
  let evalWorkers = 0;
  /**
   * `new Worker(code, { eval: true })`: Node runs the code as a CommonJS script named
   * `[worker eval]`. Nothing to bundle (it can only `require`), so it is instrumented here, at
   * the call — synchronously, as the constructor is.
   */
  const evalProgram = (code: string): Program | { error: string } => {
    const name = '[worker eval]';
    try {
      new vm.Script(code, { filename: name });
    } catch (e) {
      // As in Node, the worker fails to start: a SyntaxError thrown in it ('error' + 'exit' 1).
      const message = e instanceof Error ? e.message : String(e);
      code = `throw new SyntaxError(${JSON.stringify(message)});`;
    }
    const result = instrumentSource(code, { fileName: name, displayName: name });
    if (result.diagnostics.length > 0) {
      const d = result.diagnostics[0];
      return { error: `${name}:${d.line}:${d.column}: ${d.message}` };
    }
    const inlineMap = /\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(result.code)?.[1];
    const b: BundleOutput = {
      code: result.code,
      map: inlineMap ? Buffer.from(inlineMap, 'base64').toString('utf8') : '',
      sources: new Map([[name, code]]),
      moduleKind: 'commonjs',
      diagnostics: [],
      workerEntries: [],
    };
    const program = programOf(path.join(input.cwd, name), b, workerBundleFilename(1000 + ++evalWorkers));
    return { ...program, file: name };
  };
  const workerPrograms = new Map([...workerBundles].map(([file, b], i) => [file, programOf(file, b, workerBundleFilename(i + 1))]));

  /**
   * One sandbox: a fresh vm context with the runtime installed and the bundle wrapped like
   * Node's module wrapper, ready to run. The program's main thread gets one; so does every
   * simulated Worker on a file (`thread` set: its runtime shares the main one's trace and world).
   */
  const makeSandbox = (program: Program, thread?: ThreadShare & { id: number }) => {
    const { built, file, require: realRequire } = program;
    const esm = built.moduleKind === 'module';
    const context = vm.createContext({});
    const sandboxError = vm.runInContext('Error', context) as ErrorConstructor;
    const mapper = new StackMapper(bundleMaps, {
      esm,
      belowMain: thread ? [] : esm ? NODE_ESM_MAIN_FRAMES : NODE_MAIN_FRAMES,
      stackLimit: () => Number(sandboxError.stackTraceLimit) || 0,
      callerFrames,
    });
    // V8 asks the realm's own Error for the hook, so errors made in the sandbox get original positions.
    sandboxError.prepareStackTrace = mapper.prepareStackTrace as never;
    runtimeScript.runInContext(context);
    // The runtime needs the context's real global (built-ins like Promise live there, not on the
    // contextified object we hold).
    const sandbox = vm.runInContext('globalThis', context) as Record<string, unknown>;
    const install = sandbox[INSTALL_GLOBAL] as InstallFn;
    const host: RuntimeHost = {
      write: thread ? (stream, text) => thread.output(stream, text) : write,
      realNow: () => performance.now(),
      formatWithOptions: (options, ...args) => util.formatWithOptions(options as util.InspectOptions, ...args),
      inspect: (value, options) => util.inspect(value, options as util.InspectOptions),
      errorSourceHeader: mapper.errorSourceHeader,
      options: {
        seed: input.seed,
        moduleKind: built.moduleKind,
        unhandledRejections: input.unhandledRejections,
        budgets: { realTimeMs: input.budgets.realTimeMs, virtualTimeMs: input.budgets.virtualTimeMs, events: input.budgets.events },
        tracing: input.tracing,
        argv: [process.execPath, input.entry],
        env: { ...process.env } as Record<string, string>,
        cwd: input.cwd,
        platform: process.platform,
        versions: { ...process.versions } as Record<string, string>,
      },
      createWorker,
      thread,
    };
    const handle: RuntimeHandle = install(sandbox, host);
    // Node's web-platform globals that do no I/O of their own: the host's, so their behaviour is
    // exactly Node's (AbortSignal drives timers/promises cancellation, Buffer/URL are everywhere).
    for (const name of HOST_GLOBALS) {
      if (sandbox[name] === undefined && (globalThis as Record<string, unknown>)[name] !== undefined) {
        Object.defineProperty(sandbox, name, { value: (globalThis as Record<string, unknown>)[name], writable: true, configurable: true, enumerable: false });
      }
    }
    // The trace's file 0 is the entry; imported files register first when the bundle runs.
    if (!thread) (sandbox[INSTRUMENTATION_GLOBAL] as InstrumentationApi).sites(input.entryDisplay, []);

    // The bundle is CommonJS: wrap it like Node's module wrapper. `require` gives the runtime's
    // simulated built-ins first, then real Node built-ins (path, util, events, …).
    const module = { exports: {} as Record<string, unknown>, id: '.', filename: file, loaded: false };
    const sandboxUtil = makeSandboxUtil(handle);
    const sandboxBuiltin = (name: string): unknown => {
      const bare = name.startsWith('node:') ? name.slice(5) : name;
      if (bare === 'util') return sandboxUtil;
      if (bare === 'util/types') return sandboxUtil.types;
      return handle.builtinModule(name) ?? realRequire(name);
    };
    const sandboxRequire = Object.assign(sandboxBuiltin, { main: module, resolve: realRequire.resolve });
    const wrapper = new vm.Script(program.wrapperSource, { filename: program.filename }).runInContext(context) as (...a: unknown[]) => void;
    sandbox[MAIN_VAR] = undefined;
    sandbox[HANDLE_VAR] = handle;
    /** Evaluates the bundle as this context's main module; returns the ESM evaluation promise, if any. */
    const evaluate = (): unknown => {
      wrapper.call(module.exports, module.exports, sandboxRequire, module, file, path.dirname(file));
      module.loaded = true;
      return sandbox[MAIN_VAR];
    };
    return { context, sandbox, sandboxError, handle, module, evaluate };
  };

  /**
   * Node's `new Worker(file)` in the simulation: a sandbox of its own for the thread, with the
   * file's bundle — the program's own (`new Worker(__filename)`, the usual idiom with
   * `isMainThread`) or one made before the run (worker-entries.ts). Node resolves a relative
   * path against the working directory.
   */
  function createWorker(id: number, _name: string, specifier: string, evalCode: boolean, shared: ThreadShare): ThreadRuntime {
    // Errors of the calling thread's realm, so their stacks are mapped to the user's line.
    const Err = (shared.simulation.world.current.id === 0 ? mainError : undefined) ?? Error;
    if (evalCode) {
      const evaluated = evalProgram(specifier);
      if ('error' in evaluated) throw new Err(`new Worker(code, { eval: true }): ${evaluated.error}`);
      const worker = makeSandbox(evaluated, { id, ...shared });
      return worker.handle.threadRuntime!(worker.evaluate);
    }
    const requested = specifier.startsWith('file:') ? fileURLToPath(specifier) : path.resolve(input.cwd, specifier);
    const file = workerFileFor(requested) ?? requested;
    if (!fs.existsSync(file)) {
      // As in Node, the Worker is made and fails to start: 'error' (MODULE_NOT_FOUND), 'exit' 1.
      const missing = `const e = new Error(${JSON.stringify(`Cannot find module '${requested}'`)}); e.code = 'MODULE_NOT_FOUND'; e.requireStack = []; throw e;`;
      const failing = evalProgram(missing);
      if ('error' in failing) throw new Err(failing.error);
      const worker = makeSandbox(failing, { id, ...shared });
      return worker.handle.threadRuntime!(worker.evaluate);
    }
    const program = file === input.entry ? mainProgram : workerPrograms.get(file);
    if (program === undefined) {
      const known = [input.entry, ...workerPrograms.keys()].map((f) => displayName(f, input.cwd)).join(', ');
      throw new Err(
        `new Worker('${specifier}'): ${displayName(file, input.cwd)} is not among the files the program names in a Worker-shaped way. Files a Worker can run: ${known}. ` +
          `Name the file in the call (new Worker('./w.js'), new Worker(new URL('./w.ts', import.meta.url)), ` +
          `new Worker(path.join(__dirname, 'w.js'))) or use new Worker(__filename) with isMainThread.`,
      );
    }
    const failed = program.built.diagnostics.filter((d) => d.severity === 'error');
    if (failed.length > 0) {
      const d = failed[0];
      throw new Err(`new Worker('${specifier}'): ${displayName(d.file, input.cwd)}:${d.line}:${d.column}: ${d.message}`);
    }
    const worker = makeSandbox(program, { id, ...shared });
    return worker.handle.threadRuntime!(worker.evaluate);
  }

  const { context, sandbox, sandboxError: mainError, handle, module, evaluate } = makeSandbox(mainProgram);
  sandbox['__asyncTimeline$program'] = () => {
    const tla = evaluate();
    if (!input.entryFunction) return tla;
    const fn = (module.exports as Record<string, unknown>)[input.entryFunction];
    if (typeof fn !== 'function') {
      // A usage problem, not the program's: say so plainly and end the (simulated) process.
      const exported = Object.keys(module.exports).join(', ') || 'none';
      write(2, `async-timeline: --entry: '${input.entryFunction}' is not an exported function of ${input.entryDisplay} (exports: ${exported})\n`);
      (sandbox.process as { exit(code: number): never }).exit(2);
      return undefined; // not reached: exit() unwinds
    }
    const args = input.entryArgs ? argsScript!.runInContext(context) : [];
    return fn(...(Array.isArray(args) ? args : [args]));
  };

  const backstop = input.budgets.realTimeMs + 1000;
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
        stopReason = `real-time budget: synchronous code ran longer than ${input.budgets.realTimeMs} ms`;
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
  // built: the JS heap plus external memory, where the recorder's typed arrays live.
  let peakHeapBytes = 0;
  const sampleHeap = () => {
    const h = v8.getHeapStatistics() as v8.HeapInfo & { external_memory?: number };
    peakHeapBytes = Math.max(peakHeapBytes, h.used_heap_size + (h.external_memory ?? process.memoryUsage().external));
  };
  const runStart = performance.now();
  let lastSnapshot = performance.now();
  let snapshotGap = input.snapshotEveryMs;
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
    if (!over && performance.now() - lastSnapshot > snapshotGap) {
      const t0 = performance.now();
      post({ type: 'snapshot', trace: capConsoleText(handle.trace(meta), TRACE_CONSOLE_CAP) });
      lastSnapshot = performance.now();
      // A snapshot copies the whole trace so far: space them so they never take more than
      // about a tenth of the run, however long the trace grows.
      snapshotGap = Math.max(input.snapshotEveryMs, 10 * (lastSnapshot - t0));
    }
    // Let real I/O (a native promise the program awaited) make progress between slices.
    // 'wait' (proposed for the runtime): only something external (a native promise adopted by
    // an await) is pending, so sleep a little instead of spinning.
    if (!over) await new Promise((resolve) => (waiting ? setTimeout(resolve, 1) : setImmediate(resolve)));
  }

  const runMs = performance.now() - runStart;
  sampleHeap();
  // `final`: the recorder frees each column while it copies it (the peak would otherwise hold both).
  const trace = capConsoleText(handle.trace(meta, { final: true }), TRACE_CONSOLE_CAP);
  sampleHeap();
  // The recorder's columns are fixed width: 1 (kind) + 8 (t) + 3×4 (a, b, c) + 2 (thread) bytes.
  const stats: RunStats = { instrumentAndBundleMs, runMs, peakHeapBytes, traceBytesInMemory: trace.events.kind.length * 23 };
  let exitCode = handle.exitCode;
  if (budgetSite >= 0 || stopReason?.startsWith('real-time budget')) {
    // We caught the budget error ourselves: name the loop from the trace's site table.
    const where = budgetSite > 0 ? ` at ${describeSite(trace, budgetSite)}` : '';
    markTruncated(trace, stopReason + where, exitCode || 1);
    trace.meta.truncated = { reason: stopReason + where };
  }
  const truncated = trace.meta.truncated?.reason;
  if (truncated) {
    write(2, `async-timeline: stopped: ${truncated} (the trace so far is kept)\n`);
    // A program stopped before its end did not succeed, whatever its exit code was so far.
    exitCode = exitCode || (truncated === 'cancelled' ? 130 : 1);
    trace.meta.exitCode = exitCode;
  }
  flush();
  post({ type: 'done', trace, exitCode, diagnostics: built.diagnostics, stats });
}

main().catch((e: unknown) => {
  write(2, `async-timeline: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  flush();
  const trace = emptyTrace({ entry: input.entryDisplay, engine: input.engineVersion, seed: input.seed, moduleKind: 'commonjs', exitCode: 70 });
  post({ type: 'done', trace: markTruncated(trace, 'internal error', 70), exitCode: 70, diagnostics: [] });
});
