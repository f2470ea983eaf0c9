/**
 * The runtime's shared state: one mutable record the modules of the runtime read and write.
 *
 * `dist/runtime.js` is evaluated once per sandbox, so one module-level record is one runtime.
 * A plain object with fixed fields (not getters, not a class hierarchy) keeps every access a
 * monomorphic property load on the hot paths (promise jobs, awaits).
 */
import { Recorder } from '../trace/recorder';
import type { RuntimeHost } from './host-api';

/** Thrown by process.exit() to unwind user code; never reported as an error. */
export const EXIT_SIGNAL: { readonly exitSignal: true } = Object.freeze({ exitSignal: true as const });

export interface RuntimeState {
  host: RuntimeHost;
  rec: Recorder;
  tracing: boolean;
  /** Task running now (0 = main script / plain callbacks). */
  task: number;
  /** The process has exited (process.exit, fatal error, stop): nothing else runs. */
  exited: boolean;
  exitCode: number;
  /** process.exitCode was given a value (Node's kHasExitCode): a fatal error then exits with it. */
  exitCodeSet: boolean;
  /** Why the run was stopped early (budget, stop()), '' if not. */
  truncated: string;
  /** Incremented at every entry into user code from the loop (a job, a callback): one synchronous stretch. */
  stretch: number;
  /** The user's code threw the real-time budget error (sticky). */
  budgetError: unknown;
  /** Site of the setTimeout/setInterval/setImmediate call about to run (InstrumentationApi.callSite); taken by the call. */
  callSite: number;
}

export const rt: RuntimeState = {
  host: undefined as unknown as RuntimeHost,
  rec: new Recorder(false),
  tracing: false,
  task: 0,
  exited: false,
  exitCode: 0,
  exitCodeSet: false,
  truncated: '',
  stretch: 0,
  budgetError: undefined,
  callSite: 0,
};

/** Errors that must unwind through user-level catch handlers of the runtime (exit, budget). */
export function isAbort(e: unknown): boolean {
  return e === EXIT_SIGNAL || (e !== undefined && e === rt.budgetError);
}
