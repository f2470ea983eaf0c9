/**
 * The contributed settings (`asyncTimeline.*`, documented in package.json), read in one place
 * so every consumer sees the same defaults.
 */
import * as vscode from 'vscode';
import type { CpuMode, IoOptions, RunBudgets, UnhandledRejectionsMode } from '../core/engine/api';
import { parseNodeChoice, type NodeChoice } from '../core/versions/resolve-target';
import { DEFAULT_BLOCKING_THRESHOLD_MS } from '../core/analysis/types';
import { NETWORK_MODES, type NetworkMode } from '../core/netrec/types';
import type { TypeScriptMode } from '../core/engine/strip-types';

export const SECTION = 'asyncTimeline';

/**
 * The editor's real-time budget when the setting is left alone: real programs (a CPU-heavy loop,
 * a big parse) run for seconds, and in the editor a run can be stopped by hand (Stop, Cancel),
 * so the budget is ten times the engine's (the CLI keeps the engine's 3 s). The manifest's
 * default says the same number; a test checks that they agree.
 */
export const EDITOR_REAL_TIME_MS = 30_000;
/** "Continue for longer" multiplies the budget that stopped a run by this. */
export const CONTINUE_FACTOR = 4;

export interface RunSettings {
  seed: number;
  unhandledRejections: UnhandledRejectionsMode;
  budgets: Partial<RunBudgets>;
  /** How real I/O takes virtual time (docs/io-model.md). */
  io: IoOptions;
  /** The Node line to imitate (`asyncTimeline.nodeVersion`; 'auto' also for a value the manifest does not list). */
  node: NodeChoice;
  /** Hosts outside the program: recorded once and replayed (`asyncTimeline.network`, docs/recordings.md). */
  network: NetworkMode;
  /** How a .ts file becomes JavaScript (`asyncTimeline.typescript`; engine/strip-types.ts). */
  typescript: TypeScriptMode;
  /** How the program's synchronous code takes virtual time (`asyncTimeline.cpu`, docs/cost-model.md). */
  cpu: CpuMode;
}

/** Settings that shape a run, for the file at `scope` (folder settings win over user settings). */
export function readRunSettings(scope?: vscode.Uri): RunSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const budgets: Partial<RunBudgets> = {};
  // Only pass what the user set: the engine owns the defaults.
  const virtualTimeMs = c.get<number | null>('budgets.virtualTimeMs', null);
  const events = c.get<number | null>('budgets.events', null);
  // The manifest's default is EDITOR_REAL_TIME_MS; 0 means the engine's own default.
  const realTimeMs = c.get<number | null>('budgets.realTimeMs', EDITOR_REAL_TIME_MS);
  if (typeof virtualTimeMs === 'number' && virtualTimeMs > 0) budgets.virtualTimeMs = virtualTimeMs;
  if (typeof events === 'number' && events > 0) budgets.events = events;
  if (typeof realTimeMs === 'number' && realTimeMs > 0) budgets.realTimeMs = realTimeMs;
  return {
    seed: c.get<number>('seed', 0),
    // The manifest declares the values as strings ("22"); a hand-edited 22 works too.
    node: parseNodeChoice(String(c.get<string | number>('nodeVersion', 'auto'))) ?? 'auto',
    unhandledRejections: c.get<UnhandledRejectionsMode>('unhandledRejections', 'throw'),
    budgets,
    network: networkModeOf(c.get<string>('network', 'record-missing')),
    typescript: c.get<string>('typescript', 'node') === 'compile' ? 'compile' : 'node',
    // A hand-edited value the manifest does not list means the default (deterministic) model.
    cpu: c.get<string>('cpu', 'model') === 'measured' ? 'measured' : 'model',
    // A copy: the configuration hands out read-only proxies, which the worker's postMessage cannot clone.
    io: { time: c.get<'model' | 'measured'>('io.time', 'model'), costs: JSON.parse(JSON.stringify(c.get<IoOptions['costs']>('io.costs', {}) ?? {})) as IoOptions['costs'] },
  };
}

/** A hand-edited value the manifest does not list means the default. */
function networkModeOf(value: unknown): NetworkMode {
  return (NETWORK_MODES as readonly unknown[]).includes(value) ? (value as NetworkMode) : 'record-missing';
}

/** The run analysis' settings (src/core/analysis): the panel's Answers and the Problems entries. */
export function readAnalysisSettings(scope?: vscode.Uri): { blockingThresholdMs: number; problems: boolean } {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const threshold = c.get<number>('analysis.blockingThresholdMs', DEFAULT_BLOCKING_THRESHOLD_MS);
  return {
    blockingThresholdMs: typeof threshold === 'number' && threshold >= 0 ? threshold : DEFAULT_BLOCKING_THRESHOLD_MS,
    problems: c.get<boolean>('analysis.problems', true),
  };
}

export function codeLensEnabled(scope?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration(SECTION, scope).get<boolean>('codeLens.enabled', true);
}

export function rerunOnSave(scope?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration(SECTION, scope).get<boolean>('rerunOnSave', true);
}

export function inlineHintsEnabled(scope?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration(SECTION, scope).get<boolean>('inlineHints.enabled', true);
}

/** Languages the extension runs; also used for the CodeLens document selector. */
export const LANGUAGES = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact'] as const;

export function isRunnable(document: vscode.TextDocument): boolean {
  return (LANGUAGES as readonly string[]).includes(document.languageId);
}
