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

/**
 * Real I/O is real: a visualized program reads and writes real files and starts real
 * processes, as `node` would (only its timing is simulated), and its requests to outside hosts
 * leave the machine once, to be recorded (docs/recordings.md). Said once, at the first run in a
 * trusted workspace; the choice to not see it again is remembered.
 */
const REAL_IO_NOTICE =
  'Async Timeline runs your program for real: it reads and writes real files and starts real processes, exactly as `node` would — only time is simulated. ' +
  'Requests to hosts outside the program are performed for real once and recorded in .async-timeline/recordings/ (setting asyncTimeline.network). It runs only in trusted workspaces.';
const REAL_IO_SEEN = 'asyncTimeline.realIoNoticeSeen';
let memento: vscode.Memento | undefined;

export function registerRealIoNotice(context: vscode.ExtensionContext): void {
  memento = context.globalState;
}

export function noticeRealIoOnce(): void {
  if (memento === undefined || memento.get<boolean>(REAL_IO_SEEN)) return;
  void memento.update(REAL_IO_SEEN, true);
  void vscode.window.showInformationMessage(REAL_IO_NOTICE, 'OK');
}
