/** Helpers shared by the integration tests (they run inside the real extension host). */
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { AsyncTimelineTestApi } from '../../../src/extension/api';

export const EXTENSION_ID = 'async-timeline.async-timeline';
export const VIEW_TYPE = 'asyncTimeline.timeline';

export async function activate(): Promise<AsyncTimelineTestApi> {
  const ext = vscode.extensions.getExtension<AsyncTimelineTestApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext.activate();
}

/** A file of the test workspace (a copy of test/fixtures/workspace plus samples/). */
export function wsFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsFile(relative));
  return vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
}

/** Polls `check` until it returns a truthy value (VS Code updates tabs and diagnostics asynchronously). */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The timeline webview tabs (their input's viewType carries a host prefix: match the end). */
export function timelineTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
