/**
 * The contributed settings (`asyncTimeline.*`, documented in package.json), read in one place
 * so every consumer sees the same defaults.
 */
import * as vscode from 'vscode';
import type { RunBudgets, UnhandledRejectionsMode } from '../core/engine/api';

export const SECTION = 'asyncTimeline';

export interface RunSettings {
  seed: number;
  unhandledRejections: UnhandledRejectionsMode;
  budgets: Partial<RunBudgets>;
}

/** Settings that shape a run, for the file at `scope` (folder settings win over user settings). */
export function readRunSettings(scope?: vscode.Uri): RunSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const budgets: Partial<RunBudgets> = {};
  // Only pass what the user set: the engine owns the defaults.
  const virtualTimeMs = c.get<number | null>('budgets.virtualTimeMs', null);
  const events = c.get<number | null>('budgets.events', null);
  const realTimeMs = c.get<number | null>('budgets.realTimeMs', null);
  if (typeof virtualTimeMs === 'number' && virtualTimeMs > 0) budgets.virtualTimeMs = virtualTimeMs;
  if (typeof events === 'number' && events > 0) budgets.events = events;
  if (typeof realTimeMs === 'number' && realTimeMs > 0) budgets.realTimeMs = realTimeMs;
  return {
    seed: c.get<number>('seed', 0),
    unhandledRejections: c.get<UnhandledRejectionsMode>('unhandledRejections', 'throw'),
    budgets,
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
