/**
 * Answers from one run (issue 11): leftovers, floating promises, the critical path and
 * blocking, computed from the trace alone. Pure: no vscode, no DOM, no Node APIs.
 */
import type { ScannableTrace } from '../trace/format';
import { findBlocking } from './blocking';
import { criticalPath } from './critical-path';
import { findFloating } from './floating';
import { findLeftovers } from './leftovers';
import { indexTrace } from './trace-index';
import { DEFAULT_BLOCKING_THRESHOLD_MS, type AnalysisOptions, type CriticalPath, type RunAnalysis } from './types';

export type * from './types';
export { DEFAULT_BLOCKING_THRESHOLD_MS } from './types';
export { CAUSE_NAMES, formatReport, formatTimeByCause } from './report';

/** Only the critical path (time by cause), for a reader that needs no findings (compare mode). */
export function runCriticalPath(trace: ScannableTrace): CriticalPath {
  return criticalPath(indexTrace(trace));
}

export function analyzeRun(trace: ScannableTrace, options: AnalysisOptions = {}): RunAnalysis {
  const threshold = options.blockingThresholdMs ?? DEFAULT_BLOCKING_THRESHOLD_MS;
  const ix = indexTrace(trace);
  const findings = [...findLeftovers(ix), ...findFloating(ix), ...findBlocking(ix, threshold)];
  return { findings, criticalPath: criticalPath(ix), blockingThresholdMs: threshold };
}
