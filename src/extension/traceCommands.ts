/**
 * The trace commands: "Save trace…" and "Open in Perfetto…" (the panel's and the trace editor's
 * title bar, the Command Palette), "Open saved trace…", and "Get started" (the walkthrough). They act on the timeline the user
 * is looking at: the active trace editor, else the active (or the file's) timeline panel.
 */
import * as vscode from 'vscode';
import { TRACE_FILE_SUFFIX } from '../core/export/trace-file';
import { CommandId, registerCommand } from './commands';
import type { TimelinePanel } from './panel';
import type { PanelManager } from './panels';
import type { ExportResult } from './traceExport';
import { TRACE_EDITOR_VIEW_TYPE, type TraceEditorProvider } from './traceEditor';

export function registerTraceCommands(context: vscode.ExtensionContext, panels: PanelManager, editors: TraceEditorProvider): void {
  /** The timeline meant: by its file (a trace file or a run's source), else the one in front. */
  const target = (uri: unknown): TimelinePanel | undefined => {
    if (uri instanceof vscode.Uri) {
      const editor = editors.all().find((p) => p.sourceUri.toString() === uri.toString());
      return editor ?? panels.get(uri) ?? panels.current();
    }
    return editors.current() ?? panels.current();
  };
  const run = async (uri: unknown, act: (panel: TimelinePanel) => Promise<ExportResult>): Promise<ExportResult> => {
    const panel = target(uri);
    const result = panel ? await act(panel) : { status: 'nothing' as const, message: 'There is no timeline to save: run a file first (Visualize concurrency) or open a saved trace.' };
    if (result.status === 'nothing' && result.message) void vscode.window.showInformationMessage(result.message);
    return result;
  };
  context.subscriptions.push(
    registerCommand(CommandId.SaveTrace, (uri, to) => run(uri, (p) => p.saveTrace(to instanceof vscode.Uri ? to : undefined))),
    registerCommand(CommandId.OpenInPerfetto, (uri, to) => run(uri, (p) => p.exportToPerfetto(to instanceof vscode.Uri ? to : undefined))),
    registerCommand(CommandId.OpenTraceFile, async (uri) => {
      const file = uri instanceof vscode.Uri ? uri : (await vscode.window.showOpenDialog({
        canSelectMany: false, title: 'Open saved trace', openLabel: 'Open trace',
        filters: { 'Async Timeline trace': ['json'] },
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      }))?.[0];
      if (!file) return { status: 'cancelled' };
      if (!file.path.endsWith(TRACE_FILE_SUFFIX)) {
        void vscode.window.showInformationMessage(`Opening ${file.path.split('/').pop()} as a trace (saved traces are named *${TRACE_FILE_SUFFIX}).`);
      }
      await vscode.commands.executeCommand('vscode.openWith', file, TRACE_EDITOR_VIEW_TYPE);
      return { status: 'opened', uri: file.toString() };
    }),
    // The Getting Started walkthrough (contributes.walkthroughs), also reachable from the palette.
    registerCommand(CommandId.GetStarted, () => vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#gettingStarted`, false)),
  );
}
