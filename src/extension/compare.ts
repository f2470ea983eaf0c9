/**
 * "Compare runs…": run two or more files and show them side by side
 * on one time scale with their totals and speed-ups (the webview's compare mode). The files
 * come from the explorer selection (when invoked with URIs), else from a quick pick of the
 * workspace's TypeScript/JavaScript files (samples first), with "Browse…" for any other file.
 * And one file against itself: its last run against the run before ("Compare with previous
 * run"), or its saved text against its current, unsaved text ("Compare with saved version").
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComparisonRun } from '../shared/protocol';
import { CommandId, registerCommand } from './commands';
import { documentOf } from './documents';
import { output } from './output';
import type { PanelManager } from './panels';
import type { RunRecord, Runner } from './runner';

const MAX_PICK_FILES = 200;

interface FileItem extends vscode.QuickPickItem {
  uri?: vscode.Uri;
}

async function pickFiles(): Promise<vscode.Uri[] | undefined> {
  const found = await vscode.workspace.findFiles('**/*.{ts,mts,cts,js,mjs,cjs}', '{**/node_modules/**,**/dist/**,**/out/**,**/*.d.ts}', MAX_PICK_FILES);
  const rank = (u: vscode.Uri): number => (/[\\/]samples[\\/]/.test(u.fsPath) ? 0 : 1);
  found.sort((a, b) => rank(a) - rank(b) || a.fsPath.localeCompare(b.fsPath));
  const browse: FileItem = { label: '$(folder-opened) Browse…', description: 'choose files on disk' };
  const items: FileItem[] = [browse, ...found.map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri), uri }))];
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true, title: 'Compare runs', placeHolder: 'Pick two or more programs to run and compare (in this order)',
  });
  if (!picked) return undefined;
  if (picked.includes(browse)) {
    return vscode.window.showOpenDialog({
      canSelectMany: true, openLabel: 'Compare', title: 'Compare runs: pick two or more programs',
      filters: { 'TypeScript / JavaScript': ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'] },
    });
  }
  return picked.flatMap((item) => (item.uri ? [item.uri] : []));
}

/** Runs the files (picked, or `given`) and shows them compared: in a new panel, or `into` one restored after a reload. */
export async function compareRuns(runner: Runner, panels: PanelManager, given?: vscode.Uri[], into?: vscode.WebviewPanel): Promise<ComparisonRun[] | undefined> {
  const uris = given && given.length >= 2 ? given : await pickFiles();
  if (!uris) return undefined;
  if (uris.length < 2) {
    void vscode.window.showWarningMessage('Pick at least two files to compare.');
    return undefined;
  }
  const runs: ComparisonRun[] = [];
  for (const uri of uris) {
    const document = await documentOf(uri);
    const record = await runner.run({ document });
    const label = path.basename(uri.fsPath).replace(/\.[cm]?[jt]sx?$/, '');
    if (!record.result || record.result.trace.events.kind.length === 0) {
      const why = record.message ?? record.status;
      output().appendLine(`compare: ${uri.fsPath} produced no trace (${why})`);
      void vscode.window.showErrorMessage(`Cannot compare: ${label} did not run (${why}).`);
      into?.dispose();
      return undefined;
    }
    runs.push({ label, trace: record.result.trace });
  }
  panels.showComparison(runs, uris, into);
  return runs;
}

function hasTrace(record: RunRecord | undefined): record is RunRecord & { result: NonNullable<RunRecord['result']> } {
  return record?.result !== undefined && record.result.trace.events.kind.length > 0;
}

/** This file's last run against the run before it; runs it first when its text changed since. */
export async function compareWithPrevious(runner: Runner, panels: PanelManager, uri: vscode.Uri | undefined): Promise<ComparisonRun[] | undefined> {
  if (!uri) return undefined;
  const document = await documentOf(uri);
  const last = runner.lastRun(uri);
  if (!last || last.version !== document.version) await runner.run({ document, entry: last?.entry });
  const previous = runner.previousRun(uri);
  const current = runner.lastRun(uri);
  if (!hasTrace(previous) || !hasTrace(current)) {
    void vscode.window.showInformationMessage('There is no earlier run of this file to compare with: edit it and run it again, then compare.');
    return undefined;
  }
  const name = path.basename(uri.fsPath);
  const runs: ComparisonRun[] = [
    { label: `${name} (previous run)`, trace: previous.result.trace },
    { label: `${name} (last run)`, trace: current.result.trace },
  ];
  panels.showComparison(runs, [uri, uri]);
  return runs;
}

/** This file as saved on disk against its current text (unsaved edits included). Neither run touches the file's panel. */
export async function compareWithSaved(runner: Runner, panels: PanelManager, uri: vscode.Uri | undefined): Promise<ComparisonRun[] | undefined> {
  if (!uri || uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('Compare with saved version needs a file that is saved on disk.');
    return undefined;
  }
  const document = await documentOf(uri);
  // Both texts now (an auto-save during the runs must not change what is compared), both run
  // as whole files: the question is what the edit changed in the program.
  const saved = fs.readFileSync(uri.fsPath, 'utf8');
  const current = document.getText();
  const [before, after] = await Promise.all([
    runner.run({ document, source: saved, detached: true }),
    runner.run({ document, source: current, detached: true }),
  ]);
  if (!hasTrace(before) || !hasTrace(after)) {
    void vscode.window.showErrorMessage(`Cannot compare: ${(!hasTrace(before) ? before : after).message ?? 'a run produced no trace'}.`);
    return undefined;
  }
  const name = path.basename(uri.fsPath);
  const runs: ComparisonRun[] = [
    { label: `${name} (saved)`, trace: before.result.trace },
    { label: `${name} (${current !== saved ? 'unsaved edits' : 'same as saved'})`, trace: after.result.trace },
  ];
  panels.showComparison(runs, [uri, uri]);
  return runs;
}

export function registerCompare(context: vscode.ExtensionContext, runner: Runner, panels: PanelManager): void {
  const target = (uri: unknown): vscode.Uri | undefined =>
    uri instanceof vscode.Uri ? uri : panels.current()?.sourceUri ?? vscode.window.activeTextEditor?.document.uri;
  context.subscriptions.push(
    registerCommand(CommandId.CompareWithPrevious, (uri) => compareWithPrevious(runner, panels, target(uri))),
    registerCommand(CommandId.CompareWithSaved, (uri) => compareWithSaved(runner, panels, target(uri))),
  );
  // A compare panel restored after a reload runs its files again.
  panels.rerunComparison = (uris, into) => void compareRuns(runner, panels, uris, into);
  context.subscriptions.push(
    registerCommand(CommandId.CompareRuns, (uris) => compareRuns(runner, panels, Array.isArray(uris) ? uris.filter((u) => u instanceof vscode.Uri) : undefined)),
  );
}
