/**
 * The engine's public API: what the CLI and the extension host call to run a program.
 * (Implemented in `run.ts`; this module holds the types only, so either side can import them
 * without pulling in Node's worker machinery.)
 */
import type { ScannableTrace, TraceFile } from '../trace/format';
import type { NodeChoice } from '../versions/resolve-target';
import type { RuntimeSchedule } from '../runtime/host-api';
import type { NetworkMode } from '../netrec/types';
import type { TypeScriptMode } from './strip-types';

export type { NetworkMode } from '../netrec/types';

/** Node's `--unhandled-rejections` modes. Node 20's default is `throw`. */
export type UnhandledRejectionsMode = 'throw' | 'strict' | 'warn' | 'none' | 'warn-with-error-code';

export interface RunBudgets {
  /** Real time a single synchronous stretch of user code may take before it is stopped (ms). */
  realTimeMs: number;
  /** Virtual time after which a never-ending program is stopped (ms). */
  virtualTimeMs: number;
  /** Number of trace events after which the run is stopped. */
  events: number;
  /** Heap cap of the worker running the program (MB). */
  memoryMb: number;
}

export interface RunOptions {
  /** Path of the entry file (absolute, or relative to `cwd`). */
  file: string;
  /** The entry file's text, when it differs from the disk (an unsaved editor). */
  source?: string;
  /**
   * Node options the program runs under, as on `node <options> <file>`: the program's
   * `process.execArgv` from its first line (`run --test` puts `--test-name-pattern=…` there,
   * where node:test's runner reads it when it loads). Only what reads `process.execArgv` sees
   * them; default [].
   */
  execArgv?: string[];
  /** Run this exported async function as the entry after the module has loaded. */
  entryFunction?: string;
  /** A JS expression evaluating to the entry function's argument array, e.g. `[3, "x"]`. */
  entryArgs?: string;
  seed?: number;
  /** A schedule to run under (the race explorer's: src/core/explore; RuntimeOptions.schedule). */
  schedule?: RuntimeSchedule;
  unhandledRejections?: UnhandledRejectionsMode;
  budgets?: Partial<RunBudgets>;
  cwd?: string;
  /** Receives the program's output as it is produced (the CLI prints it; the extension logs it). */
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
  /** Aborting stops the run; the trace so far is kept and marked truncated. */
  signal?: AbortSignal;
  /** Record the trace (default true). Off for the benchmark's "tracing off" column. */
  tracing?: boolean;
  /**
   * For the benchmark only: the program gets `globalThis.__asyncTimeline$benchmarkClock()`,
   * which answers `[wall ms, CPU ms, minor page faults]` of the worker's real clocks
   * (`performance.now()`, `process.cpuUsage()`, `process.resourceUsage()`), so it can time one
   * phase of its own run — the steady state after the runtime's JIT warm-up, apart from it
   * (bench/scaling.mjs). Never for users: a program
   * that reads real time is not deterministic.
   */
  benchmarkClock?: boolean;
  /** How real I/O takes virtual time (docs/io-model.md). */
  io?: IoOptions;
  /**
   * How the program's own synchronous code takes virtual time (docs/cost-model.md): `'model'`
   * (the default: free, deterministic) or `'measured'` (each synchronous stretch is charged its
   * real measured duration, so computation blocks the loop as it does in Node; not deterministic).
   */
  cpu?: CpuMode;
  /**
   * Folder of the instrumentation cache (instrumented files keyed by content, engine and
   * options; engine/instrument-cache.ts). Absent or false: every file is instrumented.
   */
  cacheDir?: string | false;
  /**
   * Where the program's `process.stdin` reads: `'inherit'` — this process's own stdin, read for
   * real when the program reads (the CLI: a pipe, a file or a terminal) — or `'none'` (the
   * default; the VS Code panel): end of input at once.
   */
  stdin?: 'inherit' | 'none';
  /**
   * The Node line to imitate. `'auto'` (the default): the workspace's, found from `cwd` and the
   * file by `resolveNodeTarget` (src/core/versions), which callers that want its notice (an
   * unsupported workspace version) call themselves and pass the major they got.
   */
  node?: NodeChoice;
  /**
   * Hosts outside the program (docs/recordings.md): `'off'` (the default: refused, nothing
   * leaves the machine), `'record-missing'` (replay the recording; perform and record what it
   * lacks), `'record'` (perform everything for real and rewrite the recording), `'replay-only'`
   * (a request the recording lacks fails). `recordingsDir`: where recordings are (default
   * `.async-timeline/recordings` beside the entry file).
   */
  network?: NetworkOptions;
  /**
   * How a `.ts` file becomes JavaScript: `'node'` (the default) as `node file.ts` does on the
   * target — Node 22+ strips types and refuses TypeScript that needs a compiler (an enum, a
   * parameter property…) with ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX, before the file runs — or
   * `'compile'`, as tsc or tsx would (a project that compiles its TypeScript). engine/strip-types.ts.
   */
  typescript?: TypeScriptMode;
}

export interface NetworkOptions {
  mode: NetworkMode;
  recordingsDir?: string;
  /** Real time a real request may take before it is given up (default 30 000 ms; docs/recordings.md). */
  realRequestTimeoutMs?: number;
}

/** How synchronous code takes virtual time (RunOptions.cpu). */
export type CpuMode = 'model' | 'measured';
export const CPU_MODES: readonly CpuMode[] = ['model', 'measured'];

/** The I/O latency model: `model` (deterministic, default) or `measured`, and per-kind costs. */
export interface IoOptions {
  time?: 'model' | 'measured';
  /** Per-kind costs, e.g. `{ 'fs.read': 0.5 }` (base ms) or `{ 'fs.read': { base: 0.5, per: 2 } }`. */
  costs?: Record<string, number | { base?: number; per?: number }>;
}

/** A problem to show at a place in the user's source (Problems view, CLI message). */
export interface SourceDiagnostic {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  severity: 'error' | 'warning';
  /** What Node prints on stderr for this error, when the engine knows it exactly (a strip-only refusal). */
  nodeStderr?: string;
}

export interface RunResult {
  /** The trace in its JSON shape (plain arrays), made on first read: millions of events cost a copy. */
  trace: TraceFile;
  /**
   * The same trace as the engine handed it over (typed-array columns when the run ended
   * normally): for a reader that only scans it (the CLI's summary, the trace's JSON text),
   * without the plain copy.
   */
  scanTrace: ScannableTrace;
  exitCode: number;
  diagnostics: SourceDiagnostic[];
  /**
   * Real-time costs of the phases, for the benchmark (ms), and when (Date.now()) the worker was
   * ready to start (its input given, what every run needs loaded: before it, the run waited for
   * a worker) and when it posted the trace.
   */
  timings?: { instrumentAndBundleMs: number; runMs: number; workerReadyAt: number; workerDoneAt: number };
  /** Peak heap used by the worker during the run (bytes), for the benchmark. */
  peakHeapBytes?: number;
  /** Bytes the recorder's columns held for the events (not the JSON), for the benchmark. */
  traceBytesInMemory?: number;
  /** Events in the trace (without making the trace plain), for the benchmark. */
  eventCount?: number;
  /** Files taken from the instrumentation cache vs instrumented, for the benchmark. */
  instrumentCache?: { hits: number; misses: number; rejected: number };
  /** What the tool has to tell the user about the run itself (e.g. the cache was switched off). */
  notices?: string[];
}
