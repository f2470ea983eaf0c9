/**
 * Run problems (syntax errors, uncaught errors, budget stops, engine warnings) in the Problems
 * view, at their line. Each run replaces the diagnostics the previous run of the same entry file
 * produced, including ones in imported files.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SourceDiagnostic } from '../core/engine/api';

let collection: vscode.DiagnosticCollection | undefined;
/** Entry file URI → the URIs its last run put diagnostics on. */
const owned = new Map<string, vscode.Uri[]>();

export function registerDiagnostics(context: vscode.ExtensionContext): void {
  collection = vscode.languages.createDiagnosticCollection('async-timeline');
  context.subscriptions.push(collection);
}

export function toDiagnostic(d: SourceDiagnostic): vscode.Diagnostic {
  const line = Math.max(0, d.line - 1);
  const col = Math.max(0, d.column - 1);
  const diag = new vscode.Diagnostic(
    new vscode.Range(line, col, line, Number.MAX_SAFE_INTEGER),
    d.message,
    d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error,
  );
  diag.source = 'Async Timeline';
  return diag;
}

/**
 * Replaces the diagnostics of the run of `entry`, which ran under the path `runPath` (differs
 * from the document's for untitled documents). Relative paths are resolved against `cwd`.
 */
export function setRunDiagnostics(entry: vscode.Uri, runPath: string, cwd: string, diagnostics: readonly SourceDiagnostic[]): void {
  if (!collection) return;
  for (const uri of owned.get(entry.toString()) ?? []) collection.delete(uri);
  const byFile = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[] }>();
  for (const d of diagnostics) {
    // The entry's own problems go to its document (an untitled one has no file on disk).
    const abs = path.resolve(cwd, d.file);
    const uri = abs === path.resolve(runPath) ? entry : vscode.Uri.file(abs);
    const key = uri.toString();
    let slot = byFile.get(key);
    if (!slot) byFile.set(key, (slot = { uri, list: [] }));
    slot.list.push(toDiagnostic(d));
  }
  for (const { uri, list } of byFile.values()) collection.set(uri, list);
  owned.set(entry.toString(), [...byFile.values()].map((s) => s.uri));
}

export function clearRunDiagnostics(entry: vscode.Uri): void {
  for (const uri of owned.get(entry.toString()) ?? []) collection?.delete(uri);
  owned.delete(entry.toString());
}
