/**
 * The panel manager: at most one timeline panel per source file, opened beside the editor,
 * restored after a window reload by a `WebviewPanelSerializer` (no `retainContextWhenHidden`:
 * the webview keeps its own view state with `setState`, and the host re-sends the trace).
 * It also routes the webview's requests: reveal a source line in the editor group next to the
 * panel, and re-run.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { asCompareState, type ComparisonRun, type SourceLocation } from '../shared/protocol';
import { output } from './output';
import { TimelinePanel, panelTitle, type PanelHost } from './panel';
import type { RunRecord, Runner } from './runner';
import { resolveTraceFile } from './traceSummary';
import { VIEW_TYPE } from './webviewHtml';

/** workspaceState key: panel title → source URI, so a restored panel knows its file. */
const TITLES_KEY = 'asyncTimeline.panelSources';

export interface CursorChange {
  panel: TimelinePanel;
  /** Absolute path of the file the event is in, and its 1-based line. */
  location?: { fsPath: string; line: number };
}

export class PanelManager implements vscode.Disposable, PanelHost {
  private readonly panels = new Map<string, TimelinePanel>();
  /** Compare panels: not tied to one file; after a reload they run their files again (`rerunComparison`). */
  private readonly comparisons = new Set<TimelinePanel>();
  /** Runs `uris` again and shows the comparison in `into` (owned by the compare module). */
  rerunComparison: ((uris: vscode.Uri[], into: vscode.WebviewPanel) => void) | undefined;
  private readonly didChangeCursor = new vscode.EventEmitter<CursorChange>();
  /** The webview's cursor moved to an event (the decorations highlight its line). */
  readonly onDidChangeCursor = this.didChangeCursor.event;
  private readonly disposables: vscode.Disposable[] = [this.didChangeCursor];
  /** The last line we revealed for the webview, so the editor's selection change it causes is not echoed back. */
  private lastReveal: { uri: string; line: number; at: number } | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly runner: Runner,
    /** Re-runs a document the way it last ran (owned by the commands module). */
    private readonly rerunDocument: (uri: vscode.Uri) => void,
  ) {
    this.disposables.push(
      runner.onDidStart(({ uri, runPath }) => this.panels.get(uri)?.showRunning(runPath)),
      runner.onDidRun((record) => this.panels.get(record.uri)?.showRecord(record)),
    );
  }

  get(uri: vscode.Uri | string): TimelinePanel | undefined {
    return this.panels.get(uri.toString());
  }

  all(): TimelinePanel[] {
    return [...this.panels.values()];
  }

  /** The file's panel, revealed where it is; or a new one beside the active editor. */
  showFor(sourceUri: vscode.Uri): TimelinePanel {
    const existing = this.get(sourceUri);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, panelTitle(sourceUri),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
    return this.adopt(panel, sourceUri);
  }

  /**
   * A compare panel showing `runs` of `uris` (the first file names it for source links): a new
   * one beside the active editor, or `into` (a panel restored after a reload).
   */
  showComparison(runs: ComparisonRun[], uris: vscode.Uri[], into?: vscode.WebviewPanel): TimelinePanel {
    const webviewPanel = into ?? vscode.window.createWebviewPanel(VIEW_TYPE, 'Compare runs', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
    const panel = new TimelinePanel(webviewPanel, uris[0], this.context.extensionUri, this);
    this.comparisons.add(panel);
    panel.onDidDispose(() => this.comparisons.delete(panel));
    panel.showComparison(runs, uris);
    return panel;
  }

  /** The compare panels open now (the test API reads them). */
  allComparisons(): TimelinePanel[] {
    return [...this.comparisons];
  }

  private adopt(webviewPanel: vscode.WebviewPanel, sourceUri: vscode.Uri, state?: unknown): TimelinePanel {
    const panel = new TimelinePanel(webviewPanel, sourceUri, this.context.extensionUri, this, state);
    const key = sourceUri.toString();
    // Read now: a disposed panel throws on every property access.
    const title = webviewPanel.title;
    this.panels.set(key, panel);
    void this.rememberTitle(title, key);
    panel.onDidDispose(() => {
      if (this.panels.get(key) === panel) this.panels.delete(key);
      void this.rememberTitle(title, undefined);
    });
    const last = this.runner.lastRun(sourceUri);
    if (last) panel.showRecord(last);
    return panel;
  }

  private rememberTitle(title: string, uri: string | undefined): Thenable<void> {
    const map = { ...this.context.workspaceState.get<Record<string, string>>(TITLES_KEY, {}) };
    if (uri) map[title] = uri;
    else delete map[title];
    return this.context.workspaceState.update(TITLES_KEY, map);
  }

  /** Serializer: a panel survived a reload. Find its file (from the webview state, else by its title) and run it again. */
  async restore(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const compared = asCompareState(state);
    if (compared) {
      const uris = compared.compareSources.map((u) => vscode.Uri.parse(u));
      if (this.rerunComparison && uris.every((u) => u.scheme !== 'file' || fs.existsSync(u.fsPath))) this.rerunComparison(uris, webviewPanel);
      else webviewPanel.dispose(); // a compared file is gone: nothing faithful to show
      return;
    }
    const fromState = (state as { sourceUri?: unknown } | undefined)?.sourceUri;
    const titles = this.context.workspaceState.get<Record<string, string>>(TITLES_KEY, {});
    const uriText = typeof fromState === 'string' ? fromState : titles[webviewPanel.title];
    if (!uriText || this.panels.has(uriText)) {
      // Nothing to show it for (or a duplicate): a blank panel would only confuse.
      webviewPanel.dispose();
      return;
    }
    const uri = vscode.Uri.parse(uriText);
    this.adopt(webviewPanel, uri, state);
    if (uri.scheme !== 'file' || fs.existsSync(uri.fsPath)) this.rerunDocument(uri);
  }

  revealSource(panel: TimelinePanel, file: string, line: number, column: number): void {
    const cwd = this.runner.lastRun(panel.sourceUri)?.cwd;
    const target = this.resolve(panel, file, cwd);
    const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
    // The editor group beside the panel: where the file is already visible, else the group next to the panel.
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString());
    const panelColumn = panel.panel.viewColumn ?? vscode.ViewColumn.Two;
    const viewColumn = visible?.viewColumn ?? (panelColumn > 1 ? panelColumn - 1 : panelColumn + 1);
    this.lastReveal = { uri: target.toString(), line: position.line, at: Date.now() };
    void vscode.window.showTextDocument(target, { viewColumn, selection: new vscode.Range(position, position), preserveFocus: false })
      .then((editor) => editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport),
        (err: unknown) => output().appendLine(`cannot open ${target.toString()}: ${String(err)}`));
  }

  /** Is this editor selection the one our last reveal made (within a second)? Then the webview already knows. */
  isRevealEcho(uri: vscode.Uri, line: number): boolean {
    const r = this.lastReveal;
    return r !== undefined && r.uri === uri.toString() && r.line === line && Date.now() - r.at < 1000;
  }

  /** A trace file name → a URI; the entry itself maps to its (possibly untitled) document. */
  private resolve(panel: TimelinePanel, file: string, cwd: string | undefined): vscode.Uri {
    const record: RunRecord | undefined = this.runner.lastRun(panel.sourceUri);
    const abs = resolveTraceFile(file, cwd ?? '/');
    if (!record || abs === record.runPath) return panel.sourceUri;
    return vscode.Uri.file(abs);
  }

  cursorChanged(panel: TimelinePanel, location: SourceLocation | undefined): void {
    const cwd = this.runner.lastRun(panel.sourceUri)?.cwd ?? '/';
    this.didChangeCursor.fire({ panel, location: location ? { fsPath: resolveTraceFile(location.file, cwd), line: location.line } : undefined });
  }

  rerun(panel: TimelinePanel): void {
    this.rerunDocument(panel.sourceUri);
  }

  log(message: string): void {
    output().appendLine(message);
  }

  dispose(): void {
    for (const p of this.panels.values()) p.dispose();
    this.panels.clear();
    for (const p of [...this.comparisons]) p.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export function registerPanels(context: vscode.ExtensionContext, runner: Runner, rerunDocument: (uri: vscode.Uri) => void): PanelManager {
  const manager = new PanelManager(context, runner, rerunDocument);
  context.subscriptions.push(
    manager,
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => manager.restore(panel, state),
    }),
  );
  return manager;
}
