/**
 * The one place the host reaches the engine. `runProgram` starts a worker thread (dist/worker.js,
 * next to dist/extension.js), so a runaway program never freezes the extension host.
 */
export { DEFAULT_BUDGETS, prepareEngine, releaseEngine, runProgram, whenEngineWarm } from '../core/engine/run';
export type { RunOptions, RunResult, SourceDiagnostic } from '../core/engine/api';
