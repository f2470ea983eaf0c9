/**
 * Workspace Trust. Running a file executes the user's code (in a worker, but with Node's
 * powers), so in a restricted workspace we refuse and say why. The manifest declares
 * `untrustedWorkspaces: limited`: lenses still show, only running is refused.
 */
import * as vscode from 'vscode';

let override: boolean | undefined;

/**
 * Test hook: code-server runs the test workbench with trust disabled (everything trusted), so
 * the integration suite forces the restricted branch through this. `undefined` restores reality.
 */
export function setTrustOverride(value: boolean | undefined): void {
  override = value;
}

export function isTrusted(): boolean {
  return override ?? vscode.workspace.isTrusted;
}

export const UNTRUSTED_MESSAGE =
  'Async Timeline runs your code, so it is disabled in Restricted Mode. Trust this workspace to visualize it.';
const MANAGE = 'Manage Workspace Trust';

/** Explains the refusal; the button opens VS Code's trust editor. Not awaited by callers: a notification may stay open. */
export function explainUntrusted(): void {
  void vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, MANAGE).then((choice) => {
    if (choice === MANAGE) void vscode.commands.executeCommand('workbench.trust.manage');
  });
}
