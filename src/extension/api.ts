/**
 * What `activate` returns. VS Code hands it to anyone calling `extension.activate()`; our
 * integration suite uses it to observe runs, panels and decorations without scraping the UI,
 * and to force the Restricted Mode branch (code-server's test workbench runs with trust off).
 * Not a public API for other extensions: it may change with any release.
 */
import * as vscode from 'vscode';
import type { SourceDecorations } from './decorations';
import type { EntryArguments } from './entries';
import type { TimelinePanel } from './panel';
import type { PanelManager } from './panels';
import { VIEW_TYPE } from './webviewHtml';
import type { RunRecord, Runner } from './runner';
import type { RunStatusBar, StatusSnapshot } from './statusBar';
import type { TraceEditorProvider } from './traceEditor';
import { setTrustOverride } from './trust';
import { whenEngineWarm } from './engine';

export interface PanelSnapshot {
  title: string;
  viewType: string;
  viewColumn: vscode.ViewColumn | undefined;
  html: string;
  localResourceRoots: string[];
  retainContextWhenHidden: boolean;
  ready: boolean;
  hasTrace: boolean;
  /** Types of the messages posted to the webview, oldest first. */
  posted: string[];
  /** First frames painted for new traces so far, and the time of the last one (Date.now()). */
  paints: number;
  lastPaintAt: number;
  /** The webview's own part of the last first frame: from receiving the trace to painting it (ms). */
  lastPaintMs?: number;
  /** The last trace posted to the webview: its columnar buffer's bytes, the host's ms to encode and post it, and when (Date.now()). */
  lastTracePost?: { bytes: number; ms: number; at: number };
  /** The file whose runs it shows, and whether it was kept (pinned) rather than being the preview. */
  sourceUri: string;
  pinned: boolean;
}

export interface AsyncTimelineTestApi {
  getLastRun(uri: vscode.Uri): RunRecord | undefined;
  getPanel(uri: vscode.Uri): PanelSnapshot | undefined;
  /** The compare panels open now. */
  getComparisons(): PanelSnapshot[];
  /** Every timeline panel (the preview first, then the kept ones). */
  getPanels(): PanelSnapshot[];
  /** The run status-bar item as it is now. */
  getStatusBar(): StatusSnapshot;
  /** The run before the last one of a document. */
  getPreviousRun(uri: vscode.Uri): RunRecord | undefined;
  /**
   * What the serializer does after a window reload, for a new panel: `restore(panel, state)`
   * with a webview state saved before (a reload itself is what the UI walk tests).
   */
  restorePanel(state: unknown): Thenable<void>;
  getHints(uri: vscode.Uri): [line: number, text: string][];
  /** Remembers arguments for a function, as if typed into the InputBox (which a test cannot answer). */
  setEntryArguments(uri: vscode.Uri, functionName: string, args: string): Thenable<void>;
  /** Cancels the document's run, as the progress notification's Cancel button does. */
  cancel(uri: vscode.Uri): void;
  /** Forces `vscode.workspace.isTrusted` as seen by the extension; `undefined` restores it. */
  setTrustOverride(trusted: boolean | undefined): void;
  /** The open read-only trace editors (saved *.async-timeline.json files). */
  getTraceEditors(): PanelSnapshot[];
  /** Resolves once the engine's next worker is warm (engine/run.ts `whenEngineWarm`). */
  whenEngineWarm(): Thenable<void>;
}

function snapshot(p: TimelinePanel): PanelSnapshot {
  return {
    title: p.panel.title,
    viewType: p.panel.viewType,
    viewColumn: p.panel.viewColumn,
    html: p.html,
    localResourceRoots: (p.panel.webview.options.localResourceRoots ?? []).map((u) => u.toString()),
    retainContextWhenHidden: p.panel.options.retainContextWhenHidden ?? false,
    ready: p.ready,
    hasTrace: p.currentTrace !== null,
    posted: [...p.posted],
    paints: p.paints,
    lastPaintAt: p.lastPaintAt,
    lastPaintMs: p.lastPaintMs,
    lastTracePost: p.lastTracePost,
    sourceUri: p.sourceUri.toString(),
    pinned: p.pinned,
  };
}

export function makeTestApi(runner: Runner, panels: PanelManager, decorations: SourceDecorations, args: EntryArguments, statusBar: RunStatusBar, traceEditor?: TraceEditorProvider): AsyncTimelineTestApi {
  return {
    getTraceEditors: () => traceEditor?.all().map(snapshot) ?? [],
    whenEngineWarm: () => whenEngineWarm(),
    getPanels: () => panels.all().map(snapshot),
    getStatusBar: () => statusBar.snapshot(),
    getPreviousRun: (uri) => runner.previousRun(uri),
    getLastRun: (uri) => runner.lastRun(uri),
    getPanel: (uri) => {
      const p = panels.get(uri);
      return p ? snapshot(p) : undefined;
    },
    getComparisons: () => panels.allComparisons().map(snapshot),
    restorePanel: (state) => panels.restore(vscode.window.createWebviewPanel(VIEW_TYPE, 'restored', vscode.ViewColumn.Beside, {}), state),
    getHints: (uri) => [...decorations.hintsOf(uri)],
    setEntryArguments: (uri, name, text) => args.set(uri, { name }, text),
    cancel: (uri) => runner.cancel(uri),
    setTrustOverride,
  };
}
