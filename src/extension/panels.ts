/**
 * The panel manager. One timeline *preview* panel by default, reused for whatever file runs
 * next (like the Markdown preview); "Keep this timeline" pins a panel to its file, and the next
 * run of another file opens a new preview. Compare mode reuses one compare panel. Panels open
 * beside the editor — in an existing other group when there is one, never a third column because
 * the editor sits in the timeline's group — and are restored after a window reload by a
 * `WebviewPanelSerializer` (no `retainContextWhenHidden`: the webview keeps its own view state
 * with `setState`, and the host re-sends the trace). It routes the webview's requests (reveal
 * a source line, re-run, continue, stop) and marks a panel out of date when its file changes.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { asCompareState, type ComparisonRun, type RaceReport, type SourceLocation } from '../shared/protocol';
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

/** What the manager asks of the commands module (which owns how a file runs). */
export interface PanelCommands {
  /** Runs a document again the way it last ran. */
  rerun(uri: vscode.Uri): void;
  /** Runs it again with a larger budget than the one that stopped it. */
  continueRun(uri: vscode.Uri): void;
  /** Runs it again performing its outside requests for real (network mode 'record'). */
  recordAgain(uri: vscode.Uri): void;
}

export class PanelManager implements vscode.Disposable, PanelHost {
  /** The reusable preview (at most one). */
  private preview: TimelinePanel | undefined;
  /** Kept panels, one per file. */
  private readonly kept = new Map<string, TimelinePanel>();
  /** Compare panels: not tied to one file; after a reload they run their files again (`rerunComparison`). */
  private readonly comparisons = new Set<TimelinePanel>();
  /** Runs `uris` again and shows the comparison in `into` (owned by the compare module). */
  rerunComparison: ((uris: vscode.Uri[], into: vscode.WebviewPanel) => void) | undefined;
  /** Find races panels: after a reload they replay the runs they showed, beside the saved report (findRaces.ts). */
  rerunRaces: ((uri: vscode.Uri, races: RaceReport, into: vscode.WebviewPanel) => void) | undefined;
  private readonly didChangeCursor = new vscode.EventEmitter<CursorChange>();
  /** The webview's cursor moved to an event (the decorations highlight its line). */
  readonly onDidChangeCursor = this.didChangeCursor.event;
  private readonly disposables: vscode.Disposable[] = [this.didChangeCursor];
  /** The last line we revealed for the webview, so the editor's selection change it causes is not echoed back. */
  private lastReveal: { uri: string; line: number; at: number } | undefined;

  /** The timeline panel that was active last (the title-bar actions act on it). */
  private active: TimelinePanel | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly runner: Runner,
    private readonly commands: PanelCommands,
  ) {
    this.disposables.push(
      runner.onDidStart(({ uri, runPath }) => this.get(uri)?.showRunning(runPath)),
      runner.onDidRun((record) => this.onRun(record)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        const panel = this.get(e.document.uri);
        const record = this.runner.lastRun(e.document.uri);
        if (panel && record?.result && record.version !== e.document.version) {
          panel.setStale(true, 'the file changed since this run. Save it (it re-runs) or Re-run.');
        }
      }),
    );
  }

  private onRun(record: RunRecord): void {
    const panel = this.get(record.uri);
    if (!panel) return;
    panel.showRecord(record);
    // A run of text that has changed since (edits during the run) is out of date at once.
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === record.uri);
    if (record.result && document && document.version !== record.version) panel.setStale(true, 'the file changed while it ran. Save it (it re-runs) or Re-run.');
  }

  /** The panel showing this file's runs: its kept panel, else the preview if it shows this file. */
  get(uri: vscode.Uri | string): TimelinePanel | undefined {
    const key = uri.toString();
    return this.kept.get(key) ?? (this.preview?.sourceUri.toString() === key ? this.preview : undefined);
  }

  /** Every timeline panel (not compare panels): the preview first. */
  all(): TimelinePanel[] {
    return [...(this.preview ? [this.preview] : []), ...this.kept.values()];
  }

  /** The panel the title-bar actions mean: the active timeline panel, else the active editor's file's panel. */
  current(uri?: vscode.Uri): TimelinePanel | undefined {
    if (uri) return this.get(uri);
    if (this.active?.panel.active) return this.active;
    const editor = vscode.window.activeTextEditor;
    return (editor && this.get(editor.document.uri)) ?? this.active ?? this.preview;
  }

  /**
   * Where a panel goes so it sits beside the active editor: an existing group other than the
   * editor's (right neighbour first), else a new one beside it. Never the editor's own group
   * (it would hide the editor), never a third column when two groups exist.
   */
  private columnBeside(current?: vscode.ViewColumn): vscode.ViewColumn {
    const editorColumn = vscode.window.activeTextEditor?.viewColumn;
    if (editorColumn === undefined) return current ?? vscode.ViewColumn.Beside;
    if (current !== undefined && current !== editorColumn) return current;
    const others = vscode.window.tabGroups.all.map((g) => g.viewColumn).filter((c) => c !== editorColumn);
    return others.find((c) => c === editorColumn + 1) ?? others.find((c) => c === editorColumn - 1) ?? others[0] ?? vscode.ViewColumn.Beside;
  }

  /** The file's panel, revealed beside the editor: its kept one, else the preview (switched to this file), else a new preview. */
  showFor(sourceUri: vscode.Uri): TimelinePanel {
    const existing = this.get(sourceUri) ?? this.preview;
    if (existing) {
      if (existing === this.preview && existing.sourceUri.toString() !== sourceUri.toString()) {
        this.retarget(existing, sourceUri);
        // What this file last showed, if it ran before (a run about to start replaces it).
        const last = this.runner.lastRun(sourceUri);
        if (last) existing.showRecord(last);
      }
      const column = this.columnBeside(existing.panel.viewColumn);
      existing.reveal(column === existing.panel.viewColumn ? undefined : column);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, panelTitle(sourceUri),
      { viewColumn: this.columnBeside(), preserveFocus: true }, {});
    return this.adopt(panel, sourceUri, undefined, false);
  }

  private retarget(panel: TimelinePanel, uri: vscode.Uri): void {
    if (panel.sourceUri.toString() === uri.toString()) return;
    const oldTitle = panel.panel.title;
    panel.retarget(uri);
    void this.rememberTitle(oldTitle, undefined).then(() => this.rememberTitle(panel.panel.title, uri.toString()));
  }

  /** "Keep this timeline": the panel stays with its file; the next run of another file opens a new preview. */
  keep(panel: TimelinePanel | undefined = this.current()): boolean {
    if (!panel || panel.pinned || this.comparisons.has(panel)) return false;
    const key = panel.sourceUri.toString();
    const oldTitle = panel.panel.title;
    // An older kept panel of the same file gives way (one panel per file).
    const older = this.kept.get(key);
    if (older && older !== panel) older.dispose();
    if (this.preview === panel) this.preview = undefined;
    this.kept.set(key, panel);
    panel.setPinned(true);
    void this.rememberTitle(oldTitle, undefined).then(() => this.rememberTitle(panel.panel.title, key));
    this.updateContext();
    return true;
  }

  /**
   * A compare panel showing `runs` of `uris` (the first file names it for source links): the
   * open compare panel reused, else a new one beside the active editor, or `into` (a panel
   * restored after a reload).
   */
  showComparison(runs: ComparisonRun[], uris: vscode.Uri[], into?: vscode.WebviewPanel, races?: RaceReport): TimelinePanel {
    const reuse = into ? undefined : [...this.comparisons][0];
    if (reuse) {
      reuse.showComparison(runs, uris, races);
      reuse.reveal();
      return reuse;
    }
    const webviewPanel = into ?? vscode.window.createWebviewPanel(VIEW_TYPE, 'Compare runs', { viewColumn: this.columnBeside(), preserveFocus: true }, {});
    const panel = new TimelinePanel(webviewPanel, uris[0], this.context.extensionUri, this);
    this.comparisons.add(panel);
    panel.onDidDispose(() => this.comparisons.delete(panel));
    panel.showComparison(runs, uris, races);
    return panel;
  }

  /** The compare panels open now (the test API reads them). */
  allComparisons(): TimelinePanel[] {
    return [...this.comparisons];
  }

  private adopt(webviewPanel: vscode.WebviewPanel, sourceUri: vscode.Uri, state: unknown, pinned: boolean): TimelinePanel {
    const panel = new TimelinePanel(webviewPanel, sourceUri, this.context.extensionUri, this, state, pinned);
    if (pinned) this.kept.set(sourceUri.toString(), panel);
    else this.preview = panel;
    void this.rememberTitle(webviewPanel.title, sourceUri.toString());
    // Read on every change: a disposed panel throws on every property access.
    let title = webviewPanel.title;
    webviewPanel.onDidChangeViewState((e) => {
      title = e.webviewPanel.title;
      if (e.webviewPanel.active) this.active = panel;
      this.updateContext();
    });
    panel.onDidDispose(() => {
      if (this.preview === panel) this.preview = undefined;
      for (const [key, p] of this.kept) if (p === panel) this.kept.delete(key);
      if (this.active === panel) this.active = undefined;
      void this.rememberTitle(title, undefined);
      this.updateContext();
    });
    this.active = panel;
    const last = this.runner.lastRun(sourceUri);
    if (last) panel.showRecord(last);
    this.updateContext();
    return panel;
  }

  /** Context keys for the title-bar actions: whether the active timeline is kept. */
  private updateContext(): void {
    const active = this.active;
    void vscode.commands.executeCommand('setContext', 'asyncTimeline.activePanelKept', active?.pinned ?? false);
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
      if (compared.races) {
        if (this.rerunRaces && (uris[0].scheme !== 'file' || fs.existsSync(uris[0].fsPath))) this.rerunRaces(uris[0], compared.races, webviewPanel);
        else webviewPanel.dispose();
        return;
      }
      if (this.rerunComparison && uris.every((u) => u.scheme !== 'file' || fs.existsSync(u.fsPath))) this.rerunComparison(uris, webviewPanel);
      else webviewPanel.dispose(); // a compared file is gone: nothing faithful to show
      return;
    }
    const saved = state as { sourceUri?: unknown; pinned?: unknown } | undefined;
    const titles = this.context.workspaceState.get<Record<string, string>>(TITLES_KEY, {});
    const uriText = typeof saved?.sourceUri === 'string' ? saved.sourceUri : titles[webviewPanel.title];
    // A kept panel stays kept; a second preview (it cannot be) would be a duplicate.
    const pinned = saved?.pinned === true || / \(kept\)$/.test(webviewPanel.title);
    if (!uriText || this.kept.has(uriText) || (!pinned && this.preview)) {
      // Nothing to show it for (or a duplicate): a blank panel would only confuse.
      webviewPanel.dispose();
      return;
    }
    const uri = vscode.Uri.parse(uriText);
    this.adopt(webviewPanel, uri, state, pinned);
    if (uri.scheme !== 'file' || fs.existsSync(uri.fsPath)) this.commands.rerun(uri);
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
    this.commands.rerun(panel.sourceUri);
  }

  continueRun(panel: TimelinePanel): void {
    this.commands.continueRun(panel.sourceUri);
  }

  recordAgain(panel: TimelinePanel): void {
    this.commands.recordAgain(panel.sourceUri);
  }

  cancelRun(panel: TimelinePanel): void {
    this.runner.cancel(panel.sourceUri);
  }

  log(message: string): void {
    output().appendLine(message);
  }

  painted(): void {
    this.runner.prepareNextRun();
  }

  dispose(): void {
    for (const p of this.all()) p.dispose();
    this.kept.clear();
    this.preview = undefined;
    for (const p of [...this.comparisons]) p.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export function registerPanels(context: vscode.ExtensionContext, runner: Runner, commands: PanelCommands): PanelManager {
  const manager = new PanelManager(context, runner, commands);
  context.subscriptions.push(
    manager,
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => manager.restore(panel, state),
    }),
  );
  return manager;
}
