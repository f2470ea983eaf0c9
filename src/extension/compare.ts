/**
 * "Visualize concurrency: Compare runs…": run two or more files and show them side by side
 * on one time scale with their totals and speed-ups (the webview's compare mode). The files
 * come from the explorer selection (when invoked with URIs), else from a quick pick of the
 * workspace's TypeScript/JavaScript files (samples first), with "Browse…" for any other file.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComparisonRun } from '../shared/protocol';
import { CommandId, registerCommand } from './commands';
import { output } from './output';
import type { PanelManager } from './panels';
import type { Runner } from './runner';

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
    const document = await vscode.workspace.openTextDocument(uri);
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

export function registerCompare(context: vscode.ExtensionContext, runner: Runner, panels: PanelManager): void {
  // A compare panel restored after a reload runs its files again.
  panels.rerunComparison = (uris, into) => void compareRuns(runner, panels, uris, into);
  context.subscriptions.push(
    registerCommand(CommandId.CompareRuns, (uris) => compareRuns(runner, panels, Array.isArray(uris) ? uris.filter((u) => u instanceof vscode.Uri) : undefined)),
  );
}
