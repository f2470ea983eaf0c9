/**
 * Messages between `run.ts` (the parent: CLI or extension host) and `worker.ts` (the worker
 * thread that bundles and runs the program). Types only.
 */
import type { TraceFile } from '../trace/format';
import type { NodeMajor } from '../versions/targets';
import type { IoOptions, RunBudgets, SourceDiagnostic, UnhandledRejectionsMode } from './api';

/** What the worker gets as `workerData`. */
export interface WorkerInput {
  /** Absolute path of the entry file. */
  entry: string;
  /** The entry as the user gave it (recorded in the trace's meta). */
  entryDisplay: string;
  source?: string;
  cwd: string;
  entryFunction?: string;
  entryArgs?: string;
  seed: number;
  /** The Node line imitated; absent: 20. */
  nodeMajor?: NodeMajor;
  unhandledRejections: UnhandledRejectionsMode;
  budgets: RunBudgets;
  /** Directory holding runtime.js. */
  distDir: string;
  engineVersion: string;
  /** Real-time interval between trace snapshots (ms), so an OOM-killed worker leaves a trace. */
  snapshotEveryMs: number;
  /** Record trace events (off only for the benchmark's baseline column). */
  tracing: boolean;
  io?: IoOptions;
}

/** What the run cost, measured inside the worker (for the benchmark). */
export interface RunStats {
  instrumentAndBundleMs: number;
  runMs: number;
  peakHeapBytes: number;
  traceBytesInMemory: number;
}

export type OutputChunk = [stream: 1 | 2, text: string];

export type WorkerMessage =
  | { type: 'output'; chunks: OutputChunk[] }
  | { type: 'snapshot'; trace: TraceFile }
  | { type: 'done'; trace: TraceFile; exitCode: number; diagnostics: SourceDiagnostic[]; stats?: RunStats };

export type ParentMessage = { type: 'stop'; reason: string };
