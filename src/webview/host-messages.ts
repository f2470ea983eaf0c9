/**
 * Protocol intake: what the view does for each message from the extension host
 * (`HostToWebview`, src/shared/protocol.ts). This is the one place that reads the host's
 * messages; the standalone page has no host and calls `showTrace`/`showComparison` itself.
 */
import type { AnalysisSettings, HostToWebview, RaceReport, SavedTraceInfo, TimelineViewState } from '../shared/protocol';
import { applyThemeClass } from './theme';
import type { ViewSettings } from './view-state';

export type RunStatusMessage = Extract<HostToWebview, { type: 'runStatus' }>;

/** The view, as the host's messages see it (the App). */
export interface HostMessageTarget {
  /** sourceUri and pinned come from the host. */
  readonly settings: ViewSettings;
  /** Set when the trace shown is a saved file, opened read-only. */
  savedTrace: SavedTraceInfo | undefined;
  analysisSettings: AnalysisSettings;
  /** The file of the run going on, if one is. */
  readonly running: string | undefined;
  /** A single run's timeline is shown. */
  hasTimeline(): boolean;
  /** The view's state to keep when a new trace replaces the shown one (else the saved state). */
  stateToKeep(): TimelineViewState | undefined;
  /** The webview's saved state (a reloaded panel's). */
  savedState(): TimelineViewState | undefined;
  showTrace(value: unknown, restore?: TimelineViewState): void;
  showComparison(value: unknown, sources?: string[], races?: RaceReport): void;
  showPlaceholder(message: string): void;
  showFatal(title: string, message: string): void;
  showRunError(text: string): void;
  onRunStatus(message: RunStatusMessage): void;
  selectLine(file: string, line: number): void;
  setStale(stale: boolean, reason?: string): void;
  persistSoon(): void;
}

export function receiveHostMessage(view: HostMessageTarget, message: HostToWebview): void {
  switch (message.type) {
    case 'init':
      if (message.theme) applyThemeClass(message.theme);
      if (message.sourceUri !== undefined) view.settings.sourceUri = message.sourceUri;
      if (message.pinned !== undefined) view.settings.pinned = message.pinned;
      view.savedTrace = message.savedTrace;
      if (message.analysis) view.analysisSettings = message.analysis;
      if (message.comparison) view.showComparison(message.comparison, message.comparisonSources, message.races);
      else if (message.trace) view.showTrace(message.trace, message.state ?? view.savedState());
      else view.showPlaceholder(view.running
        ? `Running ${view.running}…`
        : 'Nothing has run yet. Use “Async Timeline: Visualize concurrency” (or ▶ Visualize concurrency above an async function) to see a timeline here.');
      break;
    case 'showTrace':
      if (message.sourceUri !== undefined) view.settings.sourceUri = message.sourceUri;
      if (message.analysis) view.analysisSettings = message.analysis;
      view.showTrace(message.trace, view.stateToKeep());
      break;
    case 'showComparison':
      view.showComparison(message.runs, message.sources, message.races);
      break;
    case 'runStatus':
      view.onRunStatus(message);
      break;
    case 'traceError':
      view.showFatal('This trace cannot be shown', message.message);
      break;
    case 'runError':
      view.showRunError(`The run failed: ${message.message}${message.location ? ` (${message.location.file}:${message.location.line}:${message.location.column})` : ''}`);
      if (!view.hasTimeline()) view.showFatal('The program could not be run', message.message);
      break;
    case 'selectEvents':
      view.selectLine(message.file, message.line);
      break;
    case 'setTheme':
      applyThemeClass(message.kind);
      break;
    case 'stale':
      view.setStale(message.stale, message.reason);
      break;
    case 'panelMode':
      view.settings.pinned = message.pinned;
      view.persistSoon();
      break;
  }
}
