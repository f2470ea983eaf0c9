/**
 * The sandboxes of one run: a fresh `vm` context per simulated JavaScript thread — the
 * program's main thread, and every `new Worker(file | code)` — each with dist/runtime.js
 * evaluated and installed in it and a bundle wrapped like Node's module wrapper, ready to run.
 *
 * A Worker's runtime is installed in *thread mode* (`RuntimeHost.thread`): it shares the main
 * runtime's recorder and simulation (see runtime/sim-bridge.ts, runtime/thread-loops.ts). Every
 * context's errors are mapped to the user's files through one registry of the run's bundles
 * (stack-map.ts), so a stack that crosses threads reads right. What the program's `require` and
 * globals are in a context (host modules, the runtime's, Node's layer) is sandbox-builtins.ts.
 */
import type { RemoteNetwork } from '../netrec/types';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { INSTRUMENTATION_GLOBAL, type InstrumentationApi } from '../runtime/instrumentation-api';
import { INSTALL_GLOBAL, type InstallFn, type RuntimeHandle, type RuntimeHost, type ThreadRuntime, type ThreadShare } from '../runtime/host-api';
import { instrumentSource } from '../instrument/index';
import { lowerEvalText } from '../instrument/eval-text';
import type { NodeLibHost } from '../node/host';
import { TLA_GLOBAL } from '../instrument/transform';
import type { BundleOutput } from './bundle';
import { displayName } from './paths';
import { compileWithCodeCache } from './code-cache';
import type { WorkerInput } from './protocol';
import { FunctionSources } from './function-source';
import { BUNDLE_FILENAME, BundleMaps, StackMapper, innermostUserPosition, workerBundleFilename } from './stack-map';
import { workerFileFor } from './worker-entries';
import { addProcessModuleFacts } from './process-module-facts';
import { shareBinaryGlobals, shareHostGlobals, wireSandboxBuiltins } from './sandbox-builtins';

/** Names in the sandbox that user code never uses. */
export const HANDLE_VAR = '__asyncTimeline$handle';
const MAIN_VAR = TLA_GLOBAL;

/** A bundled file, ready to be evaluated in sandboxes (the program's entry, a Worker's file or code). */
interface Program {
  /** What `__filename` is in it. */
  file: string;
  /** The vm file name its code runs under (stack-map.ts maps frames by it). */
  filename: string;
  built: BundleOutput;
  wrapperSource: string;
  require: NodeJS.Require;
}

/** One context, installed and ready: `evaluate()` runs the bundle as its main module. */
export interface Sandbox {
  context: vm.Context;
  sandbox: Record<string, unknown>;
  sandboxError: ErrorConstructor;
  handle: RuntimeHandle;
  module: { exports: Record<string, unknown>; id: string; filename: string; loaded: boolean };
  /** Evaluates the bundle as this context's main module; returns the ESM evaluation promise, if any. */
  evaluate(): unknown;
}

export interface SandboxOptions {
  input: WorkerInput;
  /** The program's output (every thread's goes to the same place). */
  write(stream: 1 | 2, text: string): void;
  /** Node's frames under a runtime callback (worker.ts observes them in this very Node). */
  callerFrames: (names: string[]) => string[] | undefined;
  /** Node's frames under the main module's top level. */
  belowMain: string[];
  /** Hosts outside the program, recorded and replayed (src/core/netrec); absent: refused. */
  remote?: RemoteNetwork;
}

/** The host V8's SyntaxError message for a script text, or undefined when it parses (instrument/eval-text.ts). */
function hostSyntaxError(script: string): string | undefined {
  try {
    new vm.Script(script);
    return undefined;
  } catch (e) {
    return e instanceof SyntaxError ? e.message : undefined;
  }
}

/** dist/runtime.js and dist/nodelib.js compiled once per worker (a spare worker compiles them before its run), through V8 code caches on disk. */
const compiled = new Map<string, vm.Script>();

function compiledOnce(file: string, filename: string): vm.Script {
  let script = compiled.get(file);
  if (!script) {
    script = compileWithCodeCache(file, filename);
    compiled.set(file, script);
  }
  return script;
}

function runtimeScript(distDir: string): vm.Script {
  const file = path.join(distDir, 'runtime.js');
  return compiledOnce(file, file);
}

function nodeLibScript(distDir: string): vm.Script {
  return compiledOnce(path.join(distDir, 'nodelib.js'), 'node:internal (async-timeline nodelib)');
}

/** The classes and functions of Node's layer that its bundle renamed, as `__name` restores them: `[EventEmitter4, EventEmitter]`. */
let nodeLibRenamesRead: [string, string][] | undefined;
function nodeLibRenames(distDir: string): [string, string][] {
  if (nodeLibRenamesRead) return nodeLibRenamesRead;
  const pairs: [string, string][] = (nodeLibRenamesRead = []);
  for (const m of fs.readFileSync(path.join(distDir, 'nodelib.js'), 'utf8').matchAll(/__name\(([A-Za-z_$][\w$]*), "([A-Za-z_$][\w$]*)"\)/g)) {
    if (m[1] !== m[2]) pairs.push([m[1], m[2]]);
  }
  return pairs;
}

/** Compiles the runtime and Node's layer ahead of a run (a spare worker, waiting for its program). */
export function precompileSandboxScripts(distDir: string): void {
  runtimeScript(distDir);
  nodeLibScript(distDir);
}

export class Sandboxes {
  private readonly bundleMaps = new BundleMaps();
  /** Function.prototype.toString's texts of the program's functions (function-source.ts). */
  private readonly functionSources: FunctionSources;
  private readonly runtimeScript: vm.Script;
  private readonly main: Program;
  private readonly workerPrograms: Map<string, Program>;
  private evalWorkers = 0;
  private nodeLibScript: vm.Script | undefined;
  /** The main context's Error: errors thrown at the main thread's calls are of its realm. */
  private mainError: ErrorConstructor | undefined;

  constructor(
    private readonly options: SandboxOptions,
    built: BundleOutput,
    /** Bundles of the files the program may start Workers on (worker-entries.ts), by absolute path. */
    workerBundles: Map<string, BundleOutput>,
  ) {
    this.runtimeScript = runtimeScript(options.input.distDir);
    this.functionSources = new FunctionSources(this.bundleMaps, options.input);
    this.bundleMaps.addRenames(() => nodeLibRenames(options.input.distDir));
    this.main = this.programOf(options.input.entry, built, BUNDLE_FILENAME);
    this.workerPrograms = new Map([...workerBundles].map(([file, b], i) => [file, this.programOf(file, b, workerBundleFilename(i + 1))]));
  }

  /** The program's own sandbox (made once). */
  makeMain(): Sandbox {
    const main = this.make(this.main);
    this.mainError = main.sandboxError;
    return main;
  }

  private programOf(file: string, b: BundleOutput, filename: string): Program {
    this.bundleMaps.add(filename, b.map, b.sources, b.code);
    // esbuild keeps the entry's `#!` line first; inside the wrapper it must become a comment.
    const code = b.code.startsWith('#!') ? '//' + b.code : b.code;
    return { file, filename, built: b, wrapperSource: `(function (exports, require, module, __filename, __dirname) {${code}\n})`, require: createRequire(file) };
  }

  /**
   * `new Worker(code, { eval: true })`: Node runs the code as a CommonJS script named
   * `[worker eval]`. Nothing to bundle (it can only `require`), so it is instrumented here, at
   * the call — synchronously, as the constructor is.
   */
  private evalProgram(code: string): Program | { error: string } {
    const name = '[worker eval]';
    try {
      new vm.Script(code, { filename: name });
    } catch (e) {
      // As in Node, the worker fails to start: a SyntaxError thrown in it ('error' + 'exit' 1).
      const message = e instanceof Error ? e.message : String(e);
      code = `throw new SyntaxError(${JSON.stringify(message)});`;
    }
    const result = instrumentSource(code, { fileName: name, displayName: name, nodeMajor: this.options.input.nodeMajor });
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
      moduleDecision: { kind: 'commonjs', by: 'default' },
      diagnostics: [],
      workerEntries: [],
    };
    const program = this.programOf(path.join(this.options.input.cwd, name), b, workerBundleFilename(1000 + ++this.evalWorkers));
    return { ...program, file: name };
  }

  /** A fresh context with the runtime installed (in thread mode when `thread` is given) and `program` wrapped. */
  private make(program: Program, thread?: ThreadShare & { id: number }): Sandbox {
    const { input, write } = this.options;
    const { built, file, require: realRequire } = program;
    const esm = built.moduleKind === 'module';
    const context = vm.createContext({});
    const sandboxError = vm.runInContext('Error', context) as ErrorConstructor;
    /** The runtime, once installed (the mapper is made first: it formats the runtime's own errors too). */
    const installed: { handle?: RuntimeHandle } = {};
    const mapper = new StackMapper(this.bundleMaps, {
      esm,
      belowMain: thread ? [] : this.options.belowMain,
      // The program's limit: the runtime raises the realm's while frames of its own are on the stack (runtime/stack-limit.ts).
      stackLimit: () => (Number(sandboxError.stackTraceLimit) || 0) - (installed.handle?.stackLimitRaise() ?? 0),
      callerFrames: this.options.callerFrames,
      asyncFrames: (jobLines, limit) => installed.handle?.asyncFrames(jobLines, limit) ?? [],
      siteFile: (file) => path.resolve(input.cwd, file),
    });
    // V8 asks the realm's own Error for the hook, so errors made in the sandbox get original positions.
    sandboxError.prepareStackTrace = mapper.prepareStackTrace as never;
    shareBinaryGlobals(context);
    this.runtimeScript.runInContext(context);
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
      sourceHeaderAt: (file, line, column) => mapper.sourceHeaderAt(path.resolve(input.cwd, file), line, column),
      userPosition: () => {
        const pos = innermostUserPosition(this.bundleMaps);
        return pos && { ...pos, file: displayName(pos.file, input.cwd) };
      },
      requireBuiltin: (name) => realRequire(name),
      // The runtime's own structuredClone (results in the sandbox's realm) starts from the host's.
      structuredClone: (...args: unknown[]) => (structuredClone as (...a: unknown[]) => unknown)(...args),
      functionSource: (generated) => this.functionSources.textOf(generated),
      instrumentFunction: (source) => instrumentSource(source, { fileName: 'anonymous.js', displayName: '<anonymous>', sourceMap: false }).code,
      lowerEvalSource: (source) => lowerEvalText(source, hostSyntaxError),
      options: {
        seed: input.seed,
        moduleKind: built.moduleKind,
        ...(input.nodeMajor !== undefined ? { nodeMajor: input.nodeMajor } : {}),
        unhandledRejections: input.unhandledRejections,
        budgets: { realTimeMs: input.budgets.realTimeMs, virtualTimeMs: input.budgets.virtualTimeMs, events: input.budgets.events },
        tracing: input.tracing,
        argv: [process.execPath, input.entry],
        ...(input.execArgv && { execArgv: input.execArgv }),
        env: { ...process.env } as Record<string, string>,
        cwd: input.cwd,
        platform: process.platform,
        nodeMajor: input.nodeMajor,
        io: input.io as RuntimeHost['options']['io'],
        ...(input.nodeMajor !== undefined && { nodeMajor: input.nodeMajor }),
        ...(input.schedule && !thread && { schedule: input.schedule }),
        ...(input.cpu === 'measured' && { cpu: 'measured' as const }),
      },
      createWorker: this.createWorker,
      thread,
    };
    const handle: RuntimeHandle = install(sandbox, host);
    installed.handle = handle;
    shareHostGlobals(sandbox);
    // The trace's file 0 is the entry; imported files register first when the bundle runs.
    if (!thread) (sandbox[INSTRUMENTATION_GLOBAL] as InstrumentationApi).sites(input.entryDisplay, []);

    // The bundle is CommonJS: wrap it like Node's module wrapper. `require` gives the runtime's
    // simulated built-ins first, then real Node built-ins (path, util, events, …).
    const module = { exports: {} as Record<string, unknown>, id: '.', filename: file, loaded: false };
    const sandboxBuiltin = wireSandboxBuiltins({
      sandbox, sandboxError, handle, input, realRequire, isThread: thread !== undefined, remote: this.options.remote,
      installNodeLib: (nodeLibHost) => this.installNodeLib(context, sandbox, nodeLibHost),
    });
    const sandboxRequire = Object.assign(sandboxBuiltin, { main: module, resolve: realRequire.resolve });
    // The rest of `process` that needs the engine: getBuiltinModule, mainModule, loadEnvFile, config…
    const proc = sandbox.process as Record<string, unknown> | undefined;
    if (proc !== undefined) {
      addProcessModuleFacts(proc, {
        nodeMajor: input.nodeMajor ?? 20,
        requireBuiltin: sandboxBuiltin,
        mainModule: esm || thread ? undefined : module,
        parseInRealm: (json) => (vm.runInContext('JSON', context) as JSON).parse(json) as object,
        SetOfRealm: vm.runInContext('Set', context) as SetConstructor,
        TypeErrorOfRealm: vm.runInContext('TypeError', context) as TypeErrorConstructor,
        cwd: input.cwd,
      });
    }
    const wrapper = new vm.Script(program.wrapperSource, { filename: program.filename }).runInContext(context) as (...a: unknown[]) => void;
    sandbox[MAIN_VAR] = undefined;
    sandbox[HANDLE_VAR] = handle;
    const evaluate = (): unknown => {
      wrapper.call(module.exports, module.exports, sandboxRequire, module, file, path.dirname(file));
      module.loaded = true;
      return sandbox[MAIN_VAR];
    };
    return { context, sandbox, sandboxError, handle, module, evaluate };
  }

  /** Evaluates dist/nodelib.js (Node's JavaScript layer) in a context, on its first use there. */
  private installNodeLib(context: vm.Context, sandbox: Record<string, unknown>, host: NodeLibHost): (name: string) => unknown {
    this.nodeLibScript ??= nodeLibScript(this.options.input.distDir);
    this.nodeLibScript.runInContext(context);
    const install = sandbox.__asyncTimelineNodeLib as (h: NodeLibHost) => (name: string) => unknown;
    return install(host);
  }

  /**
   * Node's `new Worker(file)` in the simulation (RuntimeHost.createWorker): a sandbox of its own
   * for the thread, with the file's bundle — the program's own (`new Worker(__filename)`, the
   * usual idiom with `isMainThread`) or one made before the run (worker-entries.ts) — or with
   * the code itself (`{ eval: true }`). Node resolves a relative path against the working directory.
   */
  private readonly createWorker = (id: number, _name: string, specifier: string, evalCode: boolean, shared: ThreadShare): ThreadRuntime => {
    const { input } = this.options;
    // Errors of the calling thread's realm, so their stacks are mapped to the user's line.
    const Err = (shared.simulation.world.current.id === 0 ? this.mainError : undefined) ?? Error;
    const start = (program: Program): ThreadRuntime => {
      const worker = this.make(program, { id, ...shared });
      return worker.handle.threadRuntime!(worker.evaluate);
    };
    const startEval = (code: string): ThreadRuntime => {
      const evaluated = this.evalProgram(code);
      if ('error' in evaluated) throw new Err(`new Worker(code, { eval: true }): ${evaluated.error}`);
      return start(evaluated);
    };
    if (evalCode) return startEval(specifier);
    const requested = specifier.startsWith('file:') ? fileURLToPath(specifier) : path.resolve(input.cwd, specifier);
    const file = workerFileFor(requested) ?? requested;
    if (!fs.existsSync(file)) {
      // As in Node, the Worker is made and fails to start: 'error' (MODULE_NOT_FOUND), 'exit' 1.
      return startEval(`const e = new Error(${JSON.stringify(`Cannot find module '${requested}'`)}); e.code = 'MODULE_NOT_FOUND'; e.requireStack = []; throw e;`);
    }
    const program = file === input.entry ? this.main : this.workerPrograms.get(file);
    if (program === undefined) {
      const known = [input.entry, ...this.workerPrograms.keys()].map((f) => displayName(f, input.cwd)).join(', ');
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
    return start(program);
  };
}
