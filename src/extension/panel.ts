/**
 * One timeline panel: a webview beside the editor showing the last run of one source file.
 * It speaks only the typed protocol (src/shared/protocol.ts) and keeps what it last showed,
 * so it can answer every `ready` (a webview restored or reloaded says `ready` again) with the
 * same picture. What to do with the webview's requests (open a file, re-run) is the owner's
 * business, passed in as `PanelHost`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  isWebviewToHost, PROTOCOL_VERSION,
  type AnalysisSettings, type ComparisonRun, type HostToWebview, type PostedComparisonRun, type PostedTrace, type RaceReport, type SavedTraceInfo, type SourceLocation, type ThemeKind, type TimelineViewState, type WebviewToHost,
} from '../shared/protocol';
import { encodeColumnarTrace } from '../core/trace/columnar';
import type { ScannableTrace, TraceFile } from '../core/trace/format';
import { readAnalysisSettings } from './config';
import type { RunRecord } from './runner';
import { openInPerfetto, saveTraceFile, type ExportResult } from './traceExport';
import { timelineHtml, webviewOptions } from './webviewHtml';

export interface PanelHost {
  revealSource(panel: TimelinePanel, file: string, line: number, column: number): void;
  cursorChanged(panel: TimelinePanel, location: SourceLocation | undefined): void;
  rerun(panel: TimelinePanel): void;
  continueRun(panel: TimelinePanel): void;
  /** "Record again": run it performing its outside requests for real, refreshing their recording. */
  recordAgain(panel: TimelinePanel): void;
  cancelRun(panel: TimelinePanel): void;
  log(message: string): void;
  /** The webview painted the first frame of a trace (the engine may load for the next run now). */
  painted?(panel: TimelinePanel): void;
}

/** "Timeline · x.ts" for the reusable preview; a kept panel says so. */
/** How a panel differs from a run's panel: the read-only trace editor keeps its tab's title (the file's name). */
export interface PanelOptions {
  keepTitle?: boolean;
}

export function panelTitle(sourceUri: vscode.Uri, pinned = false): string {
  return `Timeline · ${path.basename(sourceUri.path)}${pinned ? ' (kept)' : ''}`;
}

export function themeKind(kind: vscode.ColorThemeKind): ThemeKind {
  switch (kind) {
    case vscode.ColorThemeKind.Dark: return 'dark';
    case vscode.ColorThemeKind.HighContrast: return 'high-contrast';
    case vscode.ColorThemeKind.HighContrastLight: return 'high-contrast-light';
    default: return 'light';
  }
}

function isViewState(value: unknown): value is TimelineViewState {
  const v = value as Partial<TimelineViewState> | null;
  return typeof v === 'object' && v !== null && typeof v.viewStart === 'number' && typeof v.viewEnd === 'number';
}

export class TimelinePanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private isReady = false;
  private trace: TraceFile | null = null;
  /** The same trace as the engine handed it over (typed columns when it has them): what is encoded to post. */
  private traceToPost: ScannableTrace | null = null;
  /** Set for a compare panel: the runs it shows side by side (sent again after every `ready`). */
  private comparison: ComparisonRun[] | null = null;
  /** The compared files (URI strings, in order): the webview saves them to be restored. */
  private comparisonSources: string[] = [];
  /** The race explorer's result shown above the comparison (Find races). */
  private races: RaceReport | undefined;
  /** The last status/error message, replayed after `ready`. */
  private lastStatus: HostToWebview | undefined;
  private lastError: HostToWebview | undefined;
  private lastStale: HostToWebview | undefined;
  private isPinned = false;
  /** Set for a saved trace shown read-only (the trace editor). */
  private savedTrace: SavedTraceInfo | undefined;
  private readonly keepTitle: boolean;
  private readonly restoredState: TimelineViewState | undefined;
  private readonly didDispose = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.didDispose.event;
  /** Every message posted (newest last, capped): the test API reads it. */
  readonly posted: HostToWebview['type'][] = [];
  /** First frames painted for new traces, and when the last one was (Date.now(); the test API reads them). */
  paints = 0;
  lastPaintAt = 0;
  /** The webview's own time from receiving the last trace to its first frame (ms). */
  lastPaintMs: number | undefined;
  /** The last trace posted: its bytes and the host's time to encode and post it (ms; the test API reads them). */
  lastTracePost: { bytes: number; ms: number; at: number } | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private source: vscode.Uri,
    extensionUri: vscode.Uri,
    private readonly host: PanelHost,
    restoredState?: unknown,
    pinned = false,
    options: PanelOptions = {},
  ) {
    this.restoredState = isViewState(restoredState) ? restoredState : undefined;
    this.isPinned = pinned;
    this.keepTitle = options.keepTitle === true;
    panel.webview.options = webviewOptions(extensionUri);
    if (!this.keepTitle) panel.title = panelTitle(source, pinned);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      vscode.window.onDidChangeActiveColorTheme((t) => this.post({ type: 'setTheme', kind: themeKind(t.kind) })),
      panel.onDidDispose(() => this.dispose()),
    );
    // Set last: the webview starts loading now and will say `ready` when it listens.
    panel.webview.html = timelineHtml(panel.webview, extensionUri);
  }

  get ready(): boolean {
    return this.isReady;
  }

  /** The file whose runs this panel shows (a preview panel changes file; see retarget). */
  get sourceUri(): vscode.Uri {
    return this.source;
  }

  get pinned(): boolean {
    return this.isPinned;
  }

  /** Keep (pin) this panel for its file, or make it the reusable preview again. */
  setPinned(pinned: boolean): void {
    this.isPinned = pinned;
    this.panel.title = panelTitle(this.source, pinned);
    this.post({ type: 'panelMode', pinned });
  }

  /**
   * The preview panel now shows another file's runs. What it shows until that run arrives is
   * the other file's timeline: marked out of date, never passed off as this file's.
   */
  retarget(uri: vscode.Uri): void {
    if (uri.toString() === this.source.toString()) return;
    const from = path.basename(this.source.path);
    this.source = uri;
    this.panel.title = panelTitle(uri, this.isPinned);
    this.lastError = undefined;
    this.lastStatus = undefined;
    if (this.trace) this.setStale(true, `this is the timeline of ${from}, not of ${path.basename(uri.path)}.`);
  }

  /** Marks the shown run as out of date (or current again). */
  setStale(stale: boolean, reason?: string): void {
    this.lastStale = { type: 'stale', stale, reason };
    this.post(this.lastStale);
  }

  get currentTrace(): TraceFile | null {
    return this.trace;
  }

  get html(): string {
    return this.panel.webview.html;
  }

  /** Posts now if the webview listens; otherwise the state is replayed on `ready`. */
  private post(message: HostToWebview | (() => HostToWebview)): void {
    if (!this.isReady) return;
    this.encodeMs = 0;
    // A message with a trace is built only when it is posted: encoding copies the trace's columns.
    const built = typeof message === 'function' ? message() : message;
    this.posted.push(built.type);
    if (this.posted.length > 200) this.posted.shift();
    const posting = performance.now();
    void this.panel.webview.postMessage(built);
    const bytes = postedTraceBytes(built);
    if (bytes > 0) this.lastTracePost = { bytes, ms: this.encodeMs + performance.now() - posting, at: Date.now() };
  }

  /** Time spent encoding the traces of the message being built (ms). */
  private encodeMs = 0;

  /** A trace as posted (its columnar buffer), timed for `lastTracePost`. */
  private encoded(trace: ScannableTrace): PostedTrace {
    const started = performance.now();
    const buffer = encodeColumnarTrace(trace);
    this.encodeMs += performance.now() - started;
    return buffer;
  }

  /** A comparison's runs as posted: each trace in its columnar buffer. */
  private postedRuns(runs: readonly ComparisonRun[]): PostedComparisonRun[] {
    return runs.map((run) => ({ label: run.label, trace: this.encoded(run.trace) }));
  }

  showRunning(file: string): void {
    this.lastStatus = { type: 'runStatus', status: 'running', file: path.basename(file) };
    this.post(this.lastStatus);
  }

  /** Shows a run's outcome: its trace (with a status line saying how it ended), or an error when there is no trace. */
  showRecord(record: RunRecord): void {
    const file = path.basename(record.runPath);
    this.lastError = undefined;
    if (record.status === 'untrusted') {
      this.lastStatus = { type: 'runStatus', status: 'failed', file, message: record.message };
      this.post(this.lastStatus);
      return;
    }
    const result = record.result;
    if (!result || !hasRun(result.trace)) {
      // A syntax error, a crash of the engine, or a cancel before anything ran: no trace to draw.
      const firstError = record.diagnostics.find((d) => d.severity === 'error');
      const message = firstError?.message ?? record.message ?? (record.status === 'cancelled' ? 'The run was cancelled.' : 'The run produced no trace.');
      const location = firstError ? { file: firstError.file, line: firstError.line, column: firstError.column } : undefined;
      this.lastError = { type: 'runError', message, location };
      this.lastStatus = { type: 'runStatus', status: record.status === 'cancelled' ? 'cancelled' : 'failed', file, message, stop: record.stop };
      this.post(this.lastError);
      this.post(this.lastStatus);
      // The timeline still shown is an earlier run's: say so.
      if (this.trace) this.setStale(true, `the last run ${record.status === 'cancelled' ? 'was cancelled before anything ran' : 'failed'}; this timeline is from the run before it.`);
      return;
    }
    this.trace = result.trace;
    this.traceToPost = result.scanTrace;
    const posted = result.scanTrace;
    const analysis = this.analysisSettings();
    this.post(() => ({ type: 'showTrace', trace: this.encoded(posted), sourceUri: this.sourceUri.toString(), analysis }));
    const status = record.status === 'cancelled' ? 'cancelled' : record.message ? 'failed' : 'finished';
    this.lastStatus = { type: 'runStatus', status, file, message: record.message, stop: record.stop, canContinue: record.canContinue };
    this.post(this.lastStatus);
    this.setStale(false);
  }

  /** What the webview's Answers depend on (the blocking threshold setting of the shown file). */
  private analysisSettings(): AnalysisSettings {
    return { blockingThresholdMs: readAnalysisSettings(this.sourceUri).blockingThresholdMs };
  }

  /** A saved trace, read-only (the trace editor): shown as a run's trace is, with what reading it said. */
  showSavedTrace(trace: TraceFile, info: SavedTraceInfo): void {
    this.savedTrace = info;
    this.trace = this.traceToPost = trace;
    this.lastError = undefined;
    const init: HostToWebview = { type: 'init', trace: null, theme: themeKind(vscode.window.activeColorTheme.kind), state: this.restoredState, sourceUri: this.sourceUri.toString(), savedTrace: info, analysis: this.analysisSettings() };
    this.post(() => ({ ...init, trace: this.encoded(trace) }));
  }

  /** A saved trace file that cannot be shown: the webview says why (replayed after every `ready`). */
  showTraceError(message: string): void {
    this.trace = this.traceToPost = null;
    this.lastError = { type: 'traceError', message };
    this.post(this.lastError);
  }

  /** "Save trace…" for this panel's trace (`target`: no dialog, for tests). */
  saveTrace(target?: vscode.Uri): Promise<ExportResult> {
    return saveTraceFile(this.trace, this.sourceUri, target).catch((e: unknown) => this.exportFailed(e));
  }

  /** "Open in Perfetto…" for this panel's trace (`target`: no dialog, for tests). */
  exportToPerfetto(target?: vscode.Uri): Promise<ExportResult> {
    return openInPerfetto(this.trace, this.sourceUri, target).catch((e: unknown) => this.exportFailed(e));
  }

  private sayWhyNot(result: ExportResult): void {
    if (result.status === 'nothing' && result.message) void vscode.window.showInformationMessage(result.message);
  }

  private exportFailed(e: unknown): ExportResult {
    const message = `Could not write the file: ${e instanceof Error ? e.message : String(e)}`;
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', message };
  }

  /** Compare mode: several runs side by side on one time scale. */
  showComparison(runs: ComparisonRun[], sources: vscode.Uri[] = [], races?: RaceReport): void {
    this.comparison = runs;
    this.comparisonSources = sources.map((u) => u.toString());
    this.races = races;
    this.panel.title = races ? `Races · ${path.basename(sources[0]?.fsPath ?? '')}` : `Compare · ${runs.map((r) => r.label).join(' vs ')}`;
    this.post(() => ({ type: 'showComparison', runs: this.postedRuns(runs), sources: this.comparisonSources, ...(races && { races }) }));
  }

  /** The editor cursor is on a line with sites: the webview highlights its events. */
  selectEvents(file: string, line: number, column?: number): void {
    this.post({ type: 'selectEvents', file, line, column });
  }

  private onMessage(raw: unknown): void {
    if (!isWebviewToHost(raw)) {
      this.host.log(`ignored a malformed message from the timeline webview`);
      return;
    }
    const message: WebviewToHost = raw;
    switch (message.type) {
      case 'ready':
        if (message.protocolVersion !== PROTOCOL_VERSION) this.host.log(`webview protocol ${message.protocolVersion}, host ${PROTOCOL_VERSION}`);
        this.isReady = true;
        {
          const analysis = this.analysisSettings();
          const theme = themeKind(vscode.window.activeColorTheme.kind);
          this.post(() => ({
            type: 'init', trace: this.traceToPost && !this.comparison ? this.encoded(this.traceToPost) : null,
            theme, state: this.restoredState, sourceUri: this.sourceUri.toString(), pinned: this.isPinned, analysis,
            ...(this.savedTrace ? { savedTrace: this.savedTrace } : {}),
            ...(this.comparison ? { comparison: this.postedRuns(this.comparison), comparisonSources: this.comparisonSources, ...(this.races && { races: this.races }) } : {}),
          }));
        }
        if (this.lastError) this.post(this.lastError);
        if (this.lastStatus) this.post(this.lastStatus);
        if (this.lastStale) this.post(this.lastStale);
        break;
      case 'revealSource':
        this.host.revealSource(this, message.file, message.line, message.column);
        break;
      case 'cursorChanged':
        this.host.cursorChanged(this, message.location);
        break;
      case 'rerun':
        this.host.rerun(this);
        break;
      case 'continueRun':
        this.host.continueRun(this);
        break;
      case 'recordAgain':
        this.host.recordAgain(this);
        break;
      case 'cancelRun':
        this.host.cancelRun(this);
        break;
      case 'saveTrace':
        void this.saveTrace().then((r) => this.sayWhyNot(r));
        break;
      case 'openInPerfetto':
        void this.exportToPerfetto().then((r) => this.sayWhyNot(r));
        break;
      case 'webviewError':
        this.host.log(`timeline webview: ${message.message}`);
        break;
      case 'painted':
        this.paints++;
        this.lastPaintAt = Date.now();
        this.lastPaintMs = typeof message.ms === 'number' ? message.ms : undefined;
        this.host.painted?.(this);
        break;
    }
  }

  reveal(viewColumn?: vscode.ViewColumn): void {
    this.panel.reveal(viewColumn, true);
  }

  dispose(): void {
    if (this.disposables.length === 0) return;
    this.didDispose.fire();
    this.didDispose.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/** The bytes of the trace buffers a message carries (0: none). */
function postedTraceBytes(message: HostToWebview): number {
  const size = (trace: PostedTrace | null | undefined) => trace?.byteLength ?? 0;
  switch (message.type) {
    case 'init': return size(message.trace) + (message.comparison ?? []).reduce((sum, run) => sum + size(run.trace), 0);
    case 'showTrace': return size(message.trace);
    case 'showComparison': return message.runs.reduce((sum, run) => sum + size(run.trace), 0);
    default: return 0;
  }
}

function hasRun(trace: TraceFile): boolean {
  return trace.events.kind.length > 0;
}
