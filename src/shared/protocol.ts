/**
 * The one message protocol between the extension host and the timeline webview.
 *
 * Both sides import this module (it depends on neither): the host posts `HostToWebview`
 * messages and receives `WebviewToHost`; the webview the reverse. Every message is a plain,
 * structured-cloneable object with a `type` field. User-derived strings (trace contents, file
 * names, error messages) travel only inside these messages, never into the webview's HTML.
 *
 * Traces cross as one ArrayBuffer each (`PostedTrace`: the columnar layout of
 * src/core/trace/columnar.ts), never as JSON: VS Code's `postMessage` sends an ArrayBuffer as
 * raw bytes beside the message's JSON and recreates it in the webview, so a run of a million
 * awaits costs its 23 bytes per event and no per-event value on either side. The webview decodes
 * it with the core's decoder, through `checkTrace` (the same validation a saved JSON trace gets):
 * a damaged buffer is the panel's "This trace cannot be shown" with the reason, never a crash.
 *
 * Handshake: the webview posts `ready` once its script has loaded and its listeners are in
 * place; the host answers with `init` (carrying the trace, or null while none exists yet).
 * Messages the host sends before `ready` may be lost, so the host must wait for it — and
 * answer again after every `ready`, since a webview reloaded from its serializer says `ready`
 * anew.
 *
 * History:
 * - 2: traces are `PostedTrace` buffers (issue 13; see below).
 * - 1: first version. Later additive changes (an old peer ignores what it does not know):
 *   `showComparison`; `sourceUri` in `init`, `showTrace` and the view state; `sources` in
 *   `showComparison` and `comparisonSources` in `init` (a compare panel's state, CompareViewState).
 *   Then: the layout fields of the view state (split, name column, axis mode, context, tab,
 *   pinned); `stop` and `canContinue` in `runStatus`; `stale`; `pinned` in `init` and
 *   `panelMode`; `continueRun` and `cancelRun` from the webview; `races` in CompareViewState and
 *   `shownSchedules` in RaceReport (a Find races panel restored after a reload); `recordAgain` from the webview
 *   (a run whose outside hosts were replayed from a recording, docs/recordings.md); `colourBy` in
 *   the view state (the timeline coloured by an AsyncLocalStorage's store).
 */
import type { TraceFile } from '../core/trace/format';

/** Incremented on every incompatible change; sent in `ready` so a stale webview is detectable. */
export const PROTOCOL_VERSION = 2;

/** The VS Code theme kinds, as VS Code names them in the webview body class (`vscode-dark` …). */
export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** A position in the user's source: `file` exactly as in `TraceFile.files`; 1-based line and column. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/**
 * The settings the panel's Answers (src/core/analysis, computed in the webview from the trace)
 * depend on: `asyncTimeline.analysis.blockingThresholdMs`. Absent: the analysis' defaults.
 */
export interface AnalysisSettings {
  blockingThresholdMs?: number;
}

/** What the webview remembers across reloads (stored with `setState`, also echoed to the host). */
export interface TimelineViewState {
  /** Visible window over the layout's x axis, in layout units (see src/core/viewmodel). */
  viewStart: number;
  viewEnd: number;
  /** The selected event's seq, or -1 for none. */
  cursorSeq: number;
  /** Names of task groups the user collapsed. */
  collapsedGroups: string[];
  /** Vertical scroll of the lanes, in CSS pixels. */
  scrollTop: number;
  /** The source file the shown run came from (a URI string), so a restored panel knows what to run. */
  sourceUri?: string;
  /** Height of the bottom panes (event loop, tasks, console) in CSS px, and whether they are hidden. */
  bottomSize?: number;
  bottomCollapsed?: boolean;
  /** Width of the lane-name column in CSS px. */
  labelWidth?: number;
  /** The time axis shown. */
  axisMode?: 'compressed' | 'linear';
  /** "Colour by": 0 (or absent) = the bars' state; n = the store of AsyncLocalStorage number n of the trace. */
  colourBy?: number;
  /** A visualized function's run: whether the rest of the run (its context) is collapsed. */
  contextCollapsed?: boolean;
  /** The left bottom pane's tab. */
  bottomTab?: 'loop' | 'tasks' | 'answers';
  /** The critical path is highlighted on the canvas (the Answers tab's toggle). */
  criticalPathShown?: boolean;
  /** The panel was kept (pinned to its file) rather than being the reusable preview. */
  pinned?: boolean;
}

/**
 * What a compare panel remembers across reloads (its `setState`): the files it compared, as
 * URI strings in order, so the host can run them again and show the comparison anew. A Find
 * races panel also keeps the explorer's result (`races`, with the schedules of the runs shown):
 * the host replays those schedules and shows the outcomes again, without exploring anew.
 */
export interface CompareViewState {
  compareSources: string[];
  races?: RaceReport;
}

/** Either kind of panel's saved state. */
export type WebviewState = TimelineViewState | CompareViewState;

/** A compare panel's saved state, or undefined for anything else. */
export function asCompareState(value: unknown): CompareViewState | undefined {
  const state = value as { compareSources?: unknown; races?: unknown } | null | undefined;
  const sources = state?.compareSources;
  if (!Array.isArray(sources) || !sources.every((s) => typeof s === 'string')) return undefined;
  const races = asRaceReport(state?.races);
  // A comparison is of two files or more; a Find races panel compares one file's runs.
  if (sources.length < (races ? 1 : 2)) return undefined;
  return { compareSources: sources as string[], ...(races && { races }) };
}

/**
 * A race report from saved state, if every field a restored panel draws has its type: the state
 * is the webview's own, but a hand-edited or older one must close the panel, not break drawing.
 */
function asRaceReport(value: unknown): RaceReport | undefined {
  const r = value as Partial<RaceReport> | null | undefined;
  if (typeof r !== 'object' || r === null || typeof r.headline !== 'string' || !Array.isArray(r.outcomes)) return undefined;
  if (!r.outcomes.every(isRaceOutcome)) return undefined;
  if (!Array.isArray(r.shownSchedules) || r.shownSchedules.length === 0 || !r.shownSchedules.every((s) => typeof s === 'string')) return undefined;
  if (r.divergence !== undefined && (typeof r.divergence !== 'object' || r.divergence === null || typeof r.divergence.t !== 'number' || typeof r.divergence.description !== 'string')) return undefined;
  if (r.note !== undefined && typeof r.note !== 'string') return undefined;
  if (r.test !== undefined && (typeof r.test !== 'object' || r.test === null || typeof r.test.fullTitle !== 'string' || (r.test.kind !== 'suite' && r.test.kind !== 'test'))) return undefined;
  return r as RaceReport;
}

function isRaceOutcome(value: unknown): value is RaceReport['outcomes'][number] {
  const o = value as Partial<RaceReport['outcomes'][number]> | null;
  return typeof o === 'object' && o !== null && typeof o.label === 'string' && typeof o.schedule === 'string'
    && Number.isFinite(o.count) && Number.isFinite(o.frequency) && typeof o.shown === 'boolean';
}

/** One run of a comparison: what to call it, and its trace. */
export interface ComparisonRun {
  label: string;
  trace: TraceFile;
}

/**
 * A trace as the host posts it: `encodeColumnarTrace(trace)` (src/core/trace/columnar.ts), one
 * ArrayBuffer. The webview reads it with `checkTrace` (src/core/viewmodel/validate.ts).
 */
export type PostedTrace = ArrayBuffer;

/** A run of a comparison as posted: its label and its trace's buffer. */
export interface PostedComparisonRun {
  label: string;
  trace: PostedTrace;
}

/**
 * The race explorer's result ("Find races", src/core/explore), shown above the comparison of
 * the default run and a differing one: every distinct outcome with its frequency, and where the
 * two runs shown part (a line through both bands).
 */
export interface RaceReport {
  /** "samples/race.ts: 200 runs, 2 outcomes — a race: …". */
  headline: string;
  outcomes: {
    /** "default schedule", or what differs ("prints …", an error, a budget stop). */
    label: string;
    count: number;
    /** count / runs. */
    frequency: number;
    /** The schedule that replays it (`async-timeline run --schedule …`): shrunk when it could be. */
    schedule: string;
    /** It is one of the two runs shown. */
    shown: boolean;
  }[];
  /** The first divergence of the two runs shown: virtual time and what each run did there. */
  divergence?: { t: number; description: string };
  /** E.g. the program is not deterministic by itself. */
  note?: string;
  /** The schedule of each run shown, in order ('default' for the default schedule): a restored panel replays them. */
  shownSchedules?: string[];
  /** The test the runs selected in the file ("Find races in this test"): a restored panel replays that test. */
  test?: { fullTitle: string; kind: 'suite' | 'test' };
}

/** A trace opened from a saved file (read-only): its file name, and what reading it said (e.g. it was upgraded). */
export interface SavedTraceInfo {
  name: string;
  notices: string[];
}

/** Where a run is. `running` shows progress; the others end it. */
export type RunStatus = 'running' | 'finished' | 'cancelled' | 'failed';

/** Why a run stopped before its end: a budget (which one), or the user's Cancel. */
export type RunStopKind = 'cancel' | 'realTime' | 'virtualTime' | 'events' | 'memory' | 'other';

/** The one message every surface (banner, status line, status bar, Problems) shows for a stop. */
export interface RunStop {
  kind: RunStopKind;
  /** A sentence for people: "Run cancelled: …", "Stopped by the real-time budget (30000 ms) …". */
  message: string;
}

// ───────────────────────────── host → webview ─────────────────────────────

export type HostToWebview =
  /** Answer to `ready`: the trace to show (null: nothing has run yet), theme, and restored state. */
  | { type: 'init'; trace: PostedTrace | null; theme?: ThemeKind; state?: TimelineViewState; sourceUri?: string; comparison?: PostedComparisonRun[]; comparisonSources?: string[]; races?: RaceReport; pinned?: boolean; savedTrace?: SavedTraceInfo; analysis?: AnalysisSettings }
  /** A saved trace file cannot be shown: `message` says why (cut short, newer version, not ours). */
  | { type: 'traceError'; message: string }
  /** A new run's trace replaces the one shown (view state is kept where it still fits). */
  | { type: 'showTrace'; trace: PostedTrace; sourceUri?: string; analysis?: AnalysisSettings }
  /** Several runs side by side on one time scale, with their totals and speed-ups (compare mode); `races`: the explorer's result above them. */
  | { type: 'showComparison'; runs: PostedComparisonRun[]; sources?: string[]; races?: RaceReport }
  /**
   * A run's progress: started, finished, cancelled or failed (`message` says why, as text).
   * `stop`: it ended early (a budget or Cancel), said the same way everywhere; `canContinue`:
   * the host can run it again with a larger budget (the webview offers "Continue for longer").
   */
  | { type: 'runStatus'; status: RunStatus; file?: string; message?: string; stop?: RunStop; canContinue?: boolean }
  /** Whether the shown run is out of date: the file changed since, or its last run failed. */
  | { type: 'stale'; stale: boolean; reason?: string }
  /** The panel became the reusable preview (false) or was kept for its file (true). */
  | { type: 'panelMode'; pinned: boolean }
  /** The run could not produce a trace (syntax error, crash): show `message`, at `location` if known. */
  | { type: 'runError'; message: string; location?: SourceLocation }
  /** The editor cursor moved onto a line with await/yield/call sites: highlight events whose site is there. */
  | { type: 'selectEvents'; file: string; line: number; column?: number }
  /** The colour theme changed (VS Code also updates the body class; the standalone file never sends it). */
  | { type: 'setTheme'; kind: ThemeKind };

// ───────────────────────────── webview → host ─────────────────────────────

export type WebviewToHost =
  /** The webview has loaded and listens: the host answers with `init`. */
  | { type: 'ready'; protocolVersion: number }
  /** The user clicked a segment, marker or console line: open `file` at line/column in an editor. */
  | { type: 'revealSource'; file: string; line: number; column: number }
  /** The cursor moved to an event (`seq`, -1 for none) at `location`: the host may decorate that line. */
  | { type: 'cursorChanged'; seq: number; location?: SourceLocation }
  /** The user asked to run the same program again (toolbar button). */
  | { type: 'rerun' }
  /** "Continue for longer": run it again with a larger budget than the one that stopped it. */
  | { type: 'continueRun' }
  /** Stop the run in progress (the progress bar's Stop). */
  | { type: 'cancelRun' }
  /** "Record again": run it again performing its outside requests for real, replacing their recording. */
  | { type: 'recordAgain' }
  /** "Save trace…": write the shown trace as a `.async-timeline.json` file. */
  | { type: 'saveTrace' }
  /** "Open in Perfetto…": write the shown trace as Chrome Trace Event JSON and say how to open it. */
  | { type: 'openInPerfetto' }
  /** Something failed inside the webview (bad trace, render error): the host logs `message`. */
  | { type: 'webviewError'; message: string }
  /**
   * The first frame of a newly shown trace is on screen (the host times click → timeline);
   * `ms`: from the message with the trace to that frame, inside the webview.
   */
  | { type: 'painted'; events: number; ms?: number };

/** Every `type` of each direction, for the runtime guards below. */
const HOST_TO_WEBVIEW_TYPES: ReadonlySet<string> = new Set<HostToWebview['type']>([
  'init', 'showTrace', 'showComparison', 'runStatus', 'runError', 'selectEvents', 'setTheme', 'stale', 'panelMode', 'traceError',
]);
const WEBVIEW_TO_HOST_TYPES: ReadonlySet<string> = new Set<WebviewToHost['type']>([
  'ready', 'revealSource', 'cursorChanged', 'rerun', 'continueRun', 'cancelRun', 'recordAgain', 'webviewError', 'saveTrace', 'openInPerfetto', 'painted',
]);

function hasType(value: unknown, types: ReadonlySet<string>): boolean {
  return typeof value === 'object' && value !== null && types.has((value as { type?: unknown }).type as string);
}

/** Is `value` a message the host may have sent? Checks the `type` tag only; the webview validates traces itself. */
export function isHostToWebview(value: unknown): value is HostToWebview {
  return hasType(value, HOST_TO_WEBVIEW_TYPES);
}

/**
 * Is `value` a message the webview may have sent? The tag, and for `revealSource` the field
 * types too: the host opens files from it, so it must not trust a malformed one.
 */
export function isWebviewToHost(value: unknown): value is WebviewToHost {
  if (!hasType(value, WEBVIEW_TO_HOST_TYPES)) return false;
  const msg = value as Record<string, unknown>;
  if (msg.type === 'revealSource') {
    return typeof msg.file === 'string' && Number.isInteger(msg.line) && Number.isInteger(msg.column);
  }
  return true;
}
