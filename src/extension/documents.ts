import * as vscode from 'vscode';

/**
 * The document for a URI: the open one (with its unsaved edits, which is what a run should see),
 * or the file opened from disk. Commands receive URIs from menus, lenses, tests and restored
 * panels; they all go through here.
 */
export async function documentOf(uri: vscode.Uri | string): Promise<vscode.TextDocument> {
  const parsed = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
  const key = parsed.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key) ?? vscode.workspace.openTextDocument(parsed);
}
