/**
 * The read-only trace editor: opening a `*.async-timeline.json` file shows its timeline — the
 * same webview and protocol as a run's panel (TimelinePanel), fed from the file instead of a
 * run. Nothing runs. The file is read by src/core/export/trace-file.ts: an older format version
 * is upgraded (the banner says so); a newer, cut-short or foreign file gets the panel's
 * "This trace cannot be shown" with one sentence saying why.
 *
 * Source links open the files the trace names, resolved against the workspace folders and the
 * trace file's own folder, as they are now (the trace may be older than them).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readTraceText, type TraceReadResult } from '../core/export/trace-file';
import type { SourceLocation } from '../shared/protocol';
import { output } from './output';
import { TimelinePanel, type PanelHost } from './panel';

export const TRACE_EDITOR_VIEW_TYPE = 'asyncTimeline.traceFile';

/** One opened trace file: what reading it gave. */
export class TraceDocument implements vscode.CustomDocument {
  constructor(readonly uri: vscode.Uri, readonly read: TraceReadResult) {}
  dispose(): void {
    // Nothing held: the trace is plain data.
  }
}

export class TraceEditorProvider implements vscode.CustomReadonlyEditorProvider<TraceDocument>, PanelHost {
  /** Every open trace editor (the test API and the title-bar commands read them). */
  private readonly panels = new Set<TimelinePanel>();
  private active: TimelinePanel | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {}

  async openCustomDocument(uri: vscode.Uri): Promise<TraceDocument> {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch (e) {
      return new TraceDocument(uri, { ok: false, message: `The file cannot be read: ${e instanceof Error ? e.message : String(e)}` });
    }
    return new TraceDocument(uri, readTraceText(text));
  }

  resolveCustomEditor(document: TraceDocument, webviewPanel: vscode.WebviewPanel): void {
    const panel = new TimelinePanel(webviewPanel, document.uri, this.context.extensionUri, this, undefined, false, { keepTitle: true });
    this.panels.add(panel);
    this.active = panel;
    webviewPanel.onDidChangeViewState((e) => { if (e.webviewPanel.active) this.active = panel; });
    panel.onDidDispose(() => {
      this.panels.delete(panel);
      if (this.active === panel) this.active = undefined;
    });
    const read = document.read;
    if (read.ok) panel.showSavedTrace(read.trace, { name: path.basename(document.uri.path), notices: read.upgradedFrom !== undefined ? read.notices.slice(0, 1) : [] });
    else {
      output().appendLine(`${document.uri.fsPath}: ${read.message}`);
      panel.showTraceError(read.message);
    }
  }

  /** The trace editor the title-bar actions mean (the active one). */
  current(): TimelinePanel | undefined {
    return this.active?.panel.active ? this.active : [...this.panels].find((p) => p.panel.active) ?? this.active;
  }

  all(): TimelinePanel[] {
    return [...this.panels];
  }

  revealSource(panel: TimelinePanel, file: string, line: number, column: number): void {
    const target = resolveTraceSource(panel.sourceUri, file);
    if (!target) {
      void vscode.window.showInformationMessage(`${file} is not on this machine (the trace names it as it was when it ran).`);
      return;
    }
    const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
    void vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Range(position, position) })
      .then(undefined, (err: unknown) => output().appendLine(`cannot open ${target.toString()}: ${String(err)}`));
  }

  cursorChanged(_panel: TimelinePanel, _location: SourceLocation | undefined): void {
    // A saved trace decorates no editor: its lines may have moved since it ran.
  }

  rerun(): void {
    void vscode.window.showInformationMessage('This is a saved trace: open its program and run it to see a new timeline.');
  }

  continueRun(): void {
    this.rerun();
  }

  recordAgain(): void {
    this.rerun();
  }

  cancelRun(): void {
    // Nothing runs in a trace editor.
  }

  log(message: string): void {
    output().appendLine(message);
  }
}

/** A file named in a saved trace: absolute, or relative to a workspace folder or the trace's own folder. */
export function resolveTraceSource(traceUri: vscode.Uri, file: string): vscode.Uri | undefined {
  if (path.isAbsolute(file)) return fs.existsSync(file) ? vscode.Uri.file(file) : undefined;
  const bases = [...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath), ...(traceUri.scheme === 'file' ? [path.dirname(traceUri.fsPath)] : [])];
  for (const base of bases) {
    const candidate = path.join(base, file);
    if (fs.existsSync(candidate)) return vscode.Uri.file(candidate);
  }
  return undefined;
}

export function registerTraceEditor(context: vscode.ExtensionContext): TraceEditorProvider {
  const provider = new TraceEditorProvider(context);
  context.subscriptions.push(vscode.window.registerCustomEditorProvider(TRACE_EDITOR_VIEW_TYPE, provider, {
    // The webview keeps its view state with setState; VS Code restores the editor by reopening the file.
    webviewOptions: { retainContextWhenHidden: false },
    supportsMultipleEditorsPerDocument: true,
  }));
  return provider;
}
