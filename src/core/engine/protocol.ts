/**
 * Messages between `run.ts` (the parent: CLI or extension host) and `worker.ts` (the worker
 * thread that bundles and runs the program). Types only.
 */
import type { SchedulePerturbation, TraceFile } from '../trace/format';
import type { TypedTrace } from '../trace/recorder';
import type { IoOptions, NetworkOptions, RunBudgets, SourceDiagnostic, UnhandledRejectionsMode } from './api';
import type { NodeMajor } from '../versions/targets';
import type { RuntimeSchedule } from '../runtime/host-api';
import type { TypeScriptMode } from './strip-types';

/** What the worker runs: its `workerData`, or the `start` message of a spare worker. */
export interface WorkerInput {
  /** Absolute path of the entry file. */
  entry: string;
  /** The entry as the user gave it (recorded in the trace's meta). */
  entryDisplay: string;
  source?: string;
  cwd: string;
  entryFunction?: string;
  /** The program's `process.execArgv` (RunOptions.execArgv); absent: []. */
  execArgv?: string[];
  /** Where the program's process.stdin reads (RunOptions.stdin); absent: 'none'. */
  stdin?: 'inherit' | 'none';
  entryArgs?: string;
  seed: number;
  unhandledRejections: UnhandledRejectionsMode;
  budgets: RunBudgets;
  /** Directory holding runtime.js. */
  distDir: string;
  engineVersion: string;
  /** Real-time interval between trace snapshots (ms), so an OOM-killed worker leaves a trace. */
  snapshotEveryMs: number;
  /** Record trace events (off only for the benchmark's baseline column). */
  tracing: boolean;
  /** RunOptions.benchmarkClock: the program may read the worker's real clocks. */
  benchmarkClock?: boolean;
  io?: IoOptions;
  /** 'measured': synchronous code is charged its real duration (RunOptions.cpu); absent: the model. */
  cpu?: 'measured';
  /** Folder of the instrumentation cache (instrument-cache.ts); absent: no cache. */
  instrumentCacheDir?: string;
  /** The Node line imitated (resolved: never 'auto'). */
  nodeMajor: NodeMajor;
  /** The schedule to run under (the race explorer; RuntimeOptions.schedule). */
  schedule?: RuntimeSchedule;
  /** Hosts outside the program (RunOptions.network; src/core/netrec); absent: 'off'. */
  network?: NetworkOptions;
  /** How `.ts` files become JavaScript (RunOptions.typescript); absent: 'node'. */
  typescript?: TypeScriptMode;
  /**
   * Explorer mode (src/core/explore): bundle once, then run the program once per `run` message
   * (each in a fresh sandbox, under that message's schedule) and answer each with `ran`.
   */
  explore?: boolean;
}

/** What the run cost, measured inside the worker (for the benchmark). */
export interface RunStats {
  instrumentAndBundleMs: number;
  runMs: number;
  /** Date.now() when the worker had its input and was warm (a spare's wait for its program ends here), and when it posted the trace. */
  readyAt: number;
  doneAt: number;
  peakHeapBytes: number;
  traceBytesInMemory: number;
  /** Events the trace holds. */
  eventCount: number;
  /** Instrumentation cache hits and misses (files), when a cache was used. */
  instrumentCache?: { hits: number; misses: number; rejected: number };
}

export type OutputChunk = [stream: 1 | 2, text: string];

export type WorkerMessage =
  | { type: 'output'; chunks: OutputChunk[] }
  /** A spare worker has loaded what every run needs and waits for its program. */
  | { type: 'warm' }
  // Traces cross with typed-array columns, transferred (a trace the runtime never made may be plain).
  | { type: 'snapshot'; trace: TypedTrace }
  | { type: 'done'; trace: TraceFile | TypedTrace; exitCode: number; diagnostics: SourceDiagnostic[]; stats?: RunStats; notices?: string[] };

/**
 * What a spare worker gets as `workerData`: it loads what every run needs (typescript,
 * esbuild's service, the runtime's compiled code) and waits for its `start` message.
 */
export interface SpareWorkerData {
  spare: true;
  distDir: string;
}


/** What one explorer run produced (explorer mode): enough to group it by outcome. */
export interface ExploreRunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Why the run stopped early (a budget), if it did. */
  truncated?: string;
  /** The decisions it took otherwise than by default. */
  perturbations: SchedulePerturbation[];
  /** Its virtual end time (ms). */
  endTime: number;
  /** Real time the run took (ms). */
  realMs: number;
}

export type ExploreWorkerMessage =
  | { type: 'ready'; diagnostics: SourceDiagnostic[]; failed: boolean; output: string }
  | { type: 'ran'; id: number; result: ExploreRunResult };

/** To a worker: stop; start (a spare worker's program); run one explorer schedule. */
export type ParentMessage =
  | { type: 'stop'; reason: string }
  | { type: 'start'; input: WorkerInput }
  | { type: 'run'; id: number; schedule: RuntimeSchedule };
