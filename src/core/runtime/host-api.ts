/**
 * The contract between the engine (worker / vm / bundling side, `src/core/engine`) and the
 * simulated runtime (`src/core/runtime`).
 *
 * `dist/runtime.js` (built from `src/core/runtime/index.ts`) is an IIFE evaluated INSIDE the
 * sandbox's vm context. Evaluating it defines one global, `INSTALL_GLOBAL`, a function of type
 * `InstallFn`. The engine calls it once, before any user code, with the sandbox's global object
 * and a `RuntimeHost`; it replaces the sandbox's `Promise`, timers, `process`, `console`, `Date`,
 * `performance`, `queueMicrotask` and `Atomics`, installs the instrumentation object
 * (`INSTRUMENTATION_GLOBAL`) and returns a `RuntimeHandle` the engine drives the run with:
 *
 *   const handle = context.__asyncTimelineInstall(vm.runInContext('globalThis', context), host);
 *   // (pass the context's own globalThis — its Promise/Date/Atomics are the ones replaced)
 *   handle.runMain(mainFn);                        // the bundled program's body, as a function
 *   while (handle.runSlice(50) === 'more') { ... } // in chunks, e.g. under a vm timeout
 *   const trace = handle.trace(meta);
 *
 * Everything the runtime needs from the outside world comes through `RuntimeHost`, so the
 * runtime has no Node-only dependency (it can run in a browser worker with a different host).
 * This module holds types and constants only.
 */
import type { SchedulePerturbation, TraceFile, TraceMeta } from '../trace/format';
import type { Recorder, TypedTrace } from '../trace/recorder';
import type { ScheduleChoices } from './schedule';
import type { Simulation } from '../sim/simulation';
import type { ThreadLoop } from '../sim/types';
import type { IoModelOptions } from '../io/model';
import type { IoSystem } from '../io/io-system';
import type { Network } from '../sim/net';
import type { NodeMajor } from '../versions/targets';

/** The sandbox global under which evaluating `dist/runtime.js` leaves the `InstallFn`. */
export const INSTALL_GLOBAL = '__asyncTimelineInstall';

/** The simulated `process.pid` unless `RuntimeOptions.pid` says otherwise: a fixed number, so warnings' "(node:PID)" are the same in every run. */
export const SIMULATED_PID = 4242;

/** The `code` of the error for what the simulation does not run (a module, a `process` method), so tools and tests can tell it from the program's own errors. */
export const NOT_SIMULATED_CODE = 'ERR_ASYNC_TIMELINE_NOT_SIMULATED';

/** Node's `--unhandled-rejections` modes (same as engine/api.ts). Node 20's default is `throw`. */
export type RuntimeUnhandledRejectionsMode = 'throw' | 'strict' | 'warn' | 'none' | 'warn-with-error-code';

export interface RuntimeBudgets {
  /** Real time (ms) one synchronous stretch of user code may run before `loop()` throws a budget error. */
  realTimeMs: number;
  /** Virtual time (ms) after which the loop stops (truncated). */
  virtualTimeMs: number;
  /** Number of recorded trace events after which the loop stops (truncated); with tracing off only forced events count. */
  events: number;
}

export interface RuntimeOptions {
  /** Varies the documented tie rules (see docs/cost-model.md); 0 = the default rule (timers first). */
  seed: number;
  /** 'module': the main body runs as a promise job (microtasks drain before nextTicks). */
  moduleKind: 'commonjs' | 'module';
  unhandledRejections: RuntimeUnhandledRejectionsMode;
  budgets: RuntimeBudgets;
  /** false: record nothing but RunStart/RunEnd/Console/errors (for the benchmark). */
  tracing: boolean;
  /** `process.argv` (default ['node', '/sandbox/main.js']). */
  argv?: string[];
  /**
   * `process.execArgv`: Node's options on the command line (default []). Set before any module
   * of the program evaluates, as Node's are: node:test reads `--test-name-pattern` when it loads.
   */
  execArgv?: string[];
  /** `process.env` (copied). */
  env?: Record<string, string>;
  /** `process.cwd()` (default '/'). */
  cwd?: string;
  /** `process.platform` (default 'linux'). */
  platform?: string;
  /** Overrides of `process.versions` (default: the `nodeMajor` line's, versions/process-facts.ts); `versions.node` also gives `process.version`. */
  versions?: Record<string, string>;
  /** `process.pid` used in warnings "(node:PID)" (default SIMULATED_PID). */
  pid?: number;
  /** Virtual wall-clock start of the run for `Date` (ms since epoch; default 1700000000000). */
  epochMs?: number;
  /** The I/O latency model: 'model' (default, deterministic) or 'measured', and per-kind costs. */
  io?: Omit<IoModelOptions, 'seed'>;
  /** The Node line imitated (globals, defaults, printing); absent: 20. See src/core/versions. */
  nodeMajor?: NodeMajor;
  /**
   * How synchronous code costs virtual time (docs/cost-model.md): 'model' (absent; free, with
   * the clock-read model — deterministic) or 'measured' (each synchronous stretch is charged its
   * real measured duration — not deterministic; the trace's `meta.cpu` says so).
   */
  cpu?: 'model' | 'measured';
  /**
   * A schedule to run under (the race explorer, src/core/explore): which racy decisions to take
   * otherwise than by default (runtime/schedule.ts). Absent: every choice point takes its default
   * (and the seed's bits flip racy ties, as always). The decisions taken are in the trace's
   * `meta.perturbations`, so (seed, perturbations) reproduces the run exactly.
   */
  schedule?: RuntimeSchedule;
}

/**
 * `perturbations`: exactly these decisions (by kind and ordinal), every other choice point its
 * default. `random`: each choice point deviates with probability `rate` (0…1), drawn from
 * `seed` and the point's kind and ordinal, so the same seed always gives the same run.
 */
export type RuntimeSchedule = { perturbations: SchedulePerturbation[] } | { random: { seed: number; rate: number } };

export interface RuntimeHost {
  /** Output of the program: 1 = stdout, 2 = stderr. `text` includes newlines. */
  write(stream: 1 | 2, text: string): void;
  /** The host's real monotonic clock in ms (e.g. `performance.now()` of the worker). */
  realNow(): number;
  /** Node's `util.formatWithOptions`, so console output is byte-identical to Node. */
  formatWithOptions(options: object, ...args: unknown[]): string;
  /** Node's `util.inspect`. */
  inspect(value: unknown, options?: object): string;
  /**
   * Optional: the "file:line\nsource line\n     ^\n\n" header Node prints above an uncaught
   * error (it needs source maps, which only the engine has). Return '' when unknown.
   */
  errorSourceHeader?(error: unknown, fromPromise?: boolean): string;
  /**
   * Optional: "url:line\nsource line\n     ^\n" for a position in one of the program's files
   * (`file` as the trace names it), or '' when unknown — Node 22+'s unsettled top-level await
   * warning points there.
   */
  sourceHeaderAt?(file: string, line: number, column: number): string;
  /**
   * Optional: where the program's own code is on the current stack — its innermost frame in the
   * program's bundle, as the user's file (display name), line and column — or undefined. Costs a
   * stack capture: called only for rare events (a blocking call, a setInterval), for the
   * run's analysis (src/core/analysis). Absent: those sites stay unknown.
   */
  userPosition?(): { file: string; line: number; column: number } | undefined;
  options: RuntimeOptions;
  /**
   * Optional: the host's own Node built-in module (`require(name)` outside the sandbox). The
   * runtime builds the few modules that mix simulated and real parts from it (`perf_hooks`: the
   * sandbox's virtual `performance`, Node's other exports). Absent: those stay the host's.
   */
  requireBuiltin?(name: string): unknown;
  /**
   * Optional: instruments the source text of one function expression made at run time
   * (`new AsyncFunction(…)`, `new AsyncGeneratorFunction(…)`) and returns the code, a script
   * whose completion value is the function. Without it such functions are V8's own.
   */
  instrumentFunction?(source: string): string;
  /**
   * Optional: the program's own text of a function whose V8 text (a slice of the bundle) is
   * `generated`, for Function.prototype.toString (engine/function-source.ts); undefined when it
   * is not one of the program's functions. Without it toString gives V8's text.
   */
  functionSource?(generated: string): string | undefined;
  /**
   * Optional: the text of a direct eval declaring `using`/`await using`, for a host V8 without
   * that syntax (runtime/eval-source.ts): the lowered script (its completion value kept), the
   * target's SyntaxError message (also for a text that does not parse), or undefined to evaluate
   * the text as it is
   * (instrument/eval-text.ts). Absent: such an eval is the host's SyntaxError.
   */
  lowerEvalSource?(source: string): { code: string } | { syntaxError: string } | undefined;
  /**
   * Optional: the host's own structuredClone (V8's serializer). The sandbox's `structuredClone`
   * and the simulated `postMessage` let it validate and detach (its errors are the exact ones),
   * then copy the result into the sandbox's realm. Absent: the simulation's own clone.
   */
  structuredClone?(...args: unknown[]): unknown;
  /**
   * Node's `new Worker(file)`: the engine makes a fresh context for the new simulated thread,
   * evaluates the runtime there, installs it with `thread` = { id, ...shared } (thread mode),
   * loads `specifier` into it (with `evalCode`, `specifier` is the worker's code itself: Node's
   * `{ eval: true }`) and returns that runtime's `threadRuntime`. Absent: workers on a file are
   * refused with a clear error.
   */
  createWorker?(id: number, name: string, specifier: string, evalCode: boolean, shared: ThreadShare): ThreadRuntime;
  /** Set when this runtime is a simulated thread's (a Worker on a file), not the program's main. */
  thread?: ThreadShare & { id: number };
}

/**
 * What the main thread's runtime shares with the runtime of each Worker thread: one trace,
 * one simulated world, and the way back for what only the main runtime may decide.
 */
export interface ThreadShare {
  /** The main runtime's recorder: every thread writes its events (and ids) into it. */
  recorder: Recorder;
  /** The run's schedule (the race explorer's, runtime/schedule.ts): it decides the thread's choice points too. Absent: no schedule. */
  schedule?: ScheduleChoices;
  simulation: Simulation;
  /** An error escaped the thread's code with no 'uncaughtException' listener in it. */
  uncaught(thread: number, error: unknown): void;
  /** The whole run must stop (a budget in the thread). */
  stop(reason: string): void;
  /** The thread's stdout/stderr: Node forwards it to the main thread, which writes it. */
  output(stream: 1 | 2, text: string): void;
}

/** A thread-mode runtime as the simulation drives it. */
export interface ThreadRuntime {
  loop: ThreadLoop;
  /** Evaluates the thread's module as its first macrotask. */
  start(): void;
  /** The thread's Promise (promise-returning simulated APIs called from it make these). */
  Promise: PromiseConstructor;
  /** What unwinds the thread's code once the run is stopped (its runtime's exit signal). */
  exitSignal: unknown;
  /** Structured clone made in this thread's realm (messages and workerData sent to it). */
  clone(value: unknown): unknown;
  /** A function thread made by this thread's code (sim.thread, a pool): it runs in this runtime. */
  functionThread(id: number, fn: () => unknown): { loop: ThreadLoop; start: () => void };
}

/**
 * 'more': call runSlice again soon. 'wait': nothing simulated is runnable, but a native
 * (external) promise the program awaited is still pending — let the host's real event loop run
 * (e.g. sleep 1 ms), then call runSlice again. 'done': the run is over.
 */
export type SliceResult = 'more' | 'wait' | 'done';

/**
 * The names of the runtime's frames under every job that resumes an async function or runs a
 * `.then` callback (runtime/job-frame.ts), the lowest level first (the frame nearest the job's
 * code): their line numbers spell the job, which the stack mapper hands to
 * `RuntimeHandle.asyncFrames`.
 */
export const ASYNC_JOB_FRAMES = ['__asyncTimeline$job0', '__asyncTimeline$job1'] as const;

/**
 * One `at async …` frame: an await of an async function (`name` is its function's, `thisArg`
 * its receiver; the position is its await's, `file` as the site table names it) or a
 * combinator's element (`at async Promise.all (index 1)`).
 */
export type AsyncFrameInfo = { name: string; thisArg: unknown; file: string; line: number; column: number } | { name: string; index: number };

export interface RuntimeHandle {
  /** V8's async frames (at most `limit`) for an error made in the job whose ASYNC_JOB_FRAMES frames were at these lines (`jobLines[i]`: the line of ASYNC_JOB_FRAMES[i]). */
  asyncFrames(jobLines: readonly number[], limit: number): AsyncFrameInfo[];
  /** How much the realm's Error.stackTraceLimit is raised now, for frames of ours (runtime/stack-limit.ts). */
  stackLimitRaise(): number;
  /**
   * A simulated built-in module for `require(name)` / `import`: 'timers', 'timers/promises',
   * 'process', 'console' (also with a 'node:' prefix). undefined if not simulated.
   */
  builtinModule(name: string): unknown;
  /**
   * Runs the main script as the first macrotask (MacrotaskKind.Script) followed by its
   * nextTicks/microtasks in the order of `moduleKind` (defaults to options.moduleKind). If `main`
   * returns a promise (ESM top-level await via `$.async`), it is the module's evaluation:
   * a rejection of it is reported as an uncaught error. A synchronous throw is an uncaught
   * exception (printed, exit code 1), exactly as Node does.
   */
  runMain(main: () => unknown, moduleKind?: 'commonjs' | 'module'): void;
  /**
   * Thread mode only (`host.thread` set): the thread as the simulation drives it; `start`
   * runs `main` like runMain does, without RunStart.
   */
  threadRuntime?(main: () => unknown): ThreadRuntime;
  /**
   * Runs the event loop for up to about `maxRealMs` of real time (never splitting a
   * macrotask). 'more': call again; 'wait': only external promises are pending (see
   * SliceResult); 'done': the program ended (loop empty, process.exit, fatal error, a budget
   * or stop). A budget error of `loop()` does not escape: it ends the run (truncated, with the
   * site in the reason) and runSlice/runMain return normally.
   */
  runSlice(maxRealMs: number): SliceResult;
  /**
   * Real I/O in virtual time (src/core/io): the run's I/O system — threadpool requests, real
   * channels for child processes. Node's modules in the sandbox (src/core/node) are built on it.
   */
  io(): IoSystem;
  /** The simulated network (src/core/sim/net.ts): ports and connections, for Node's net/http in the sandbox. */
  net(): Network;
  /** The process exit code so far (process.exitCode, 1 after a fatal error, process.exit(n)). */
  readonly exitCode: number;
  /** True once the run has ended. */
  readonly done: boolean;
  /** Current virtual time (ms). */
  readonly now: number;
  /** Events recorded so far (the engine's memory sample adds their bytes: shared buffers are not in V8's heap statistics). */
  readonly eventCount: number;
  /** True for the sandbox's promises (SimPromise and subclasses): lets the engine make `util.types.isPromise` agree. */
  isPromise(value: unknown): boolean;
  /** A sandbox promise's [[PromiseState]] (undefined for anything else): Node's webstreams ask V8 (`getPromiseDetails`). */
  promiseState(value: unknown): 'pending' | 'fulfilled' | 'rejected' | undefined;
  /** 'async' / 'asyncGenerator' for an instrumented async (generator) function: lets `util.types` agree. */
  instrumentedKind(value: unknown): 'async' | 'asyncGenerator' | undefined;
  /** Stops the run (e.g. the vm timeout fired, the user cancelled): records Truncated + RunEnd. */
  stop(reason: string): void;
  /** A value made by a host built-in, re-homed in the sandbox's realm (runtime/realm.ts). */
  intoRealm<T>(value: T): T;
  /** The sandbox-realm class standing for a host class (`fs.Stats`, `fs.Dirent`) (runtime/realm.ts). */
  mirrorClass<C extends abstract new (...a: never[]) => unknown>(hostCtor: C): C;
  /** A host module whose functions re-home what they return (`path`, `os`, `url`, …) (runtime/realm.ts). */
  realmModule<M extends object>(hostModule: M): M;
  /**
   * The trace so far. `meta` fields the runtime knows (endTime, exitCode, truncated, seed,
   * moduleKind) are filled in. `final: true` (once, at the very end) hands the recorder's own
   * columns over (typed) or frees them while copying them (plain): no second copy of a trace
   * of millions of events.
   */
  trace(meta: Pick<TraceMeta, 'entry' | 'engine'> & Partial<TraceMeta>, options?: { final?: boolean }): TraceFile;
  /** The same with typed-array columns, to transfer to the engine's caller (recorder.ts `TypedTrace`). */
  trace(meta: Pick<TraceMeta, 'entry' | 'engine'> & Partial<TraceMeta>, options: { final?: boolean; typed: true }): TypedTrace;
}

export type InstallFn = (globalObject: object, host: RuntimeHost) => RuntimeHandle;

/**
 * What `loop(site)` throws when one synchronous stretch of user code ran longer than
 * `budgets.realTimeMs` of real time. The engine recognises it by `name` and `code`; `site`
 * is the loop's site id (resolve it with the trace's `sites`). Once thrown, every further
 * `loop()` call throws again, so a user `catch` cannot swallow it.
 */
export interface BudgetErrorShape {
  name: 'AsyncTimelineBudgetError';
  code: 'ERR_ASYNC_TIMELINE_BUDGET';
  message: string;
  site: number;
}
