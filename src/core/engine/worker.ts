/**
 * The sandbox: runs in a worker_threads Worker (so the CLI or the extension host never
 * freezes, and `resourceLimits` caps the heap). It bundles the program, makes a fresh `vm`
 * context, evaluates dist/runtime.js in it, installs the runtime, evaluates the bundle, and
 * drives the simulated loop in slices, each under a vm `timeout` as a last-resort backstop
 * (the first line of defence against an endless synchronous loop is the `$.loop` probe, which
 * names the loop). Output is streamed to the parent in batches; the trace is sent at the end,
 * and snapshots on the way so a worker killed by OOM still leaves a trace behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { INSTRUMENTATION_GLOBAL, type InstrumentationApi } from '../runtime/instrumentation-api';
import { INSTALL_GLOBAL, type InstallFn, type RuntimeHandle, type RuntimeHost } from '../runtime/host-api';
import type { TraceFile } from '../trace/format';
import { TLA_GLOBAL } from '../instrument/transform';
import type { SourceDiagnostic } from './api';
import { bundle } from './bundle';
import { displayName } from './paths';
import type { OutputChunk, ParentMessage, WorkerInput, WorkerMessage } from './protocol';
import { BUNDLE_FILENAME, StackMapper } from './stack-map';
import { capConsoleText, emptyTrace, markTruncated } from './trace-util';

/** The console text a trace keeps (characters); the rest is printed but not stored. */
const TRACE_CONSOLE_CAP = 8_000_000;
/** Output is sent to the parent once this much is pending (or at the end of a slice). */
const FLUSH_CHARS = 64 * 1024;
/** Real time one slice of the loop may take before the engine checks messages and snapshots. */
const SLICE_MS = 50;
/** Names in the sandbox that user code never uses. */
const HANDLE_VAR = '__asyncTimeline$handle';
const MAIN_VAR = TLA_GLOBAL;

const input = workerData as WorkerInput;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

let pending: OutputChunk[] = [];
let pendingChars = 0;
function write(stream: 1 | 2, text: string): void {
  const last = pending[pending.length - 1];
  if (last && last[0] === stream) last[1] += text;
  else pending.push([stream, text]);
  pendingChars += text.length;
  if (pendingChars >= FLUSH_CHARS) flush();
}
function flush(): void {
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
    const kind = /Could not resolve/.test(d.message) ? 'Error' : 'SyntaxError';
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

async function main(): Promise<void> {
  const meta = { entry: input.entryDisplay, engine: input.engineVersion, entryFunction: input.entryFunction };
  const built = await bundle({ entry: input.entry, source: input.source, cwd: input.cwd });
  if (built.diagnostics.some((d) => d.severity === 'error')) {
    printDiagnostics(built.diagnostics, built.sources);
    flush();
    const trace = emptyTrace({ ...meta, seed: input.seed, moduleKind: built.moduleKind, exitCode: 1 }, [displayName(input.entry, input.cwd)]);
    post({ type: 'done', trace, exitCode: 1, diagnostics: built.diagnostics });
    return;
  }

  const mapper = new StackMapper(built.map, built.sources);
  const context = vm.createContext({});
  // V8 asks the realm's own Error for the hook, so errors made in the sandbox get original positions.
  (vm.runInContext('Error', context) as ErrorConstructor).prepareStackTrace = mapper.prepareStackTrace as never;

  const runtimePath = path.join(input.distDir, 'runtime.js');
  new vm.Script(fs.readFileSync(runtimePath, 'utf8'), { filename: runtimePath }).runInContext(context);
  // The runtime needs the context's real global (built-ins like Promise live there, not on the
  // contextified object we hold).
  const sandbox = vm.runInContext('globalThis', context) as Record<string, unknown>;
  const install = sandbox[INSTALL_GLOBAL] as InstallFn;
  const host: RuntimeHost = {
    write,
    realNow: () => performance.now(),
    formatWithOptions: (options, ...args) => util.formatWithOptions(options as util.InspectOptions, ...args),
    inspect: (value, options) => util.inspect(value, options as util.InspectOptions),
    errorSourceHeader: mapper.errorSourceHeader,
    options: {
      seed: input.seed,
      moduleKind: built.moduleKind,
      unhandledRejections: input.unhandledRejections,
      budgets: { realTimeMs: input.budgets.realTimeMs, virtualTimeMs: input.budgets.virtualTimeMs, events: input.budgets.events },
      tracing: true,
      argv: [process.execPath, input.entry],
      env: { ...process.env } as Record<string, string>,
      cwd: input.cwd,
      platform: process.platform,
      versions: { ...process.versions } as Record<string, string>,
    },
  };
  const handle: RuntimeHandle = install(sandbox, host);
  // The trace's file 0 is the entry; imported files register first when the bundle runs.
  (sandbox[INSTRUMENTATION_GLOBAL] as InstrumentationApi).sites(input.entryDisplay, []);

  // The bundle is CommonJS: wrap it like Node's module wrapper. `require` gives the runtime's
  // simulated built-ins first, then real Node built-ins (path, util, events, …).
  const realRequire = createRequire(input.entry);
  const module = { exports: {} as Record<string, unknown>, id: '.', filename: input.entry, loaded: false };
  const sandboxRequire = Object.assign((name: string) => handle.builtinModule(name) ?? realRequire(name), { main: module, resolve: realRequire.resolve });
  const wrapper = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${built.code}\n})`, { filename: BUNDLE_FILENAME }).runInContext(context) as (...a: unknown[]) => void;
  sandbox[MAIN_VAR] = undefined;
  sandbox[HANDLE_VAR] = handle;
  sandbox['__asyncTimeline$program'] = () => {
    wrapper.call(module.exports, module.exports, sandboxRequire, module, input.entry, path.dirname(input.entry));
    module.loaded = true;
    const tla = sandbox[MAIN_VAR];
    if (!input.entryFunction) return tla;
    const fn = (module.exports as Record<string, unknown>)[input.entryFunction];
    if (typeof fn !== 'function') {
      const TypeErrorCtor = vm.runInContext('TypeError', context) as TypeErrorConstructor;
      throw new TypeErrorCtor(`--entry: '${input.entryFunction}' is not an exported function of ${input.entryDisplay}`);
    }
    const args = input.entryArgs ? vm.runInContext(`(${input.entryArgs})`, context) : [];
    return fn(...(Array.isArray(args) ? args : [args]));
  };

  const backstop = input.budgets.realTimeMs + 1000;
  const runMain = new vm.Script(`${HANDLE_VAR}.runMain(__asyncTimeline$program)`, { filename: 'async-timeline:main' });
  const runSlice = new vm.Script(`${HANDLE_VAR}.runSlice(${SLICE_MS})`, { filename: 'async-timeline:slice' });
  let budgetSite = -1;
  let stopReason: string | undefined;
  /** Runs one step; returns true when the run is over. */
  const step = (script: vm.Script): boolean => {
    try {
      const r = script.runInContext(context, { timeout: backstop });
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

  let lastSnapshot = performance.now();
  let over = step(runMain);
  flush();
  while (!over) {
    if (stopRequest) {
      stopReason = stopRequest;
      handle.stop(stopRequest);
      break;
    }
    over = step(runSlice);
    flush();
    if (!over && performance.now() - lastSnapshot > input.snapshotEveryMs) {
      post({ type: 'snapshot', trace: capConsoleText(handle.trace(meta), TRACE_CONSOLE_CAP) });
      lastSnapshot = performance.now();
    }
    // Let real I/O (a native promise the program awaited) make progress between slices.
    if (!over) await new Promise((resolve) => setImmediate(resolve));
  }

  const trace = capConsoleText(handle.trace(meta), TRACE_CONSOLE_CAP);
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
  post({ type: 'done', trace, exitCode, diagnostics: built.diagnostics });
}

main().catch((e: unknown) => {
  write(2, `async-timeline: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  flush();
  const trace = emptyTrace({ entry: input.entryDisplay, engine: input.engineVersion, seed: input.seed, moduleKind: 'commonjs', exitCode: 70 });
  post({ type: 'done', trace: markTruncated(trace, 'internal error', 70), exitCode: 70, diagnostics: [] });
});
