/**
 * The timeline application: holds the view state (zoom, cursor, collapsed groups, scroll, the
 * layout of its panes), answers host messages, and keeps the canvas, lane labels, event-loop
 * panel, tasks table, console and status line in step with the cursor. Builds its own DOM
 * inside the given root, so the extension's webview HTML and the standalone export only need to
 * load the script and style.
 *
 * Layout, top to bottom: the run's header (summary, progress, banners), the toolbar (one row),
 * the lanes (names | canvas, with a resizable name column), a splitter, the bottom panes
 * (event loop / tasks as tabs, and the console), the status line. The split, the name column,
 * the axis mode and the chosen tab are part of the saved view state.
 */
import type { ScannableTrace } from '../core/trace/format';
import {
  alsStorageName, alsStorages, buildAlsColouring, buildRows, checkTrace, collapsedAtFirst, eventsAtLine, formatSite, nextStep, nextTaskEvent, summaryText, type AxisMode, type TimelineModel,
} from '../core/viewmodel/index';
import { buildTimelineIn } from '../core/viewmodel/modes';
import { buildViewRows } from '../core/viewmodel/view-rows';
import type { AnalysisSettings, HostToWebview, RaceReport, RunStop, SavedTraceInfo, TimelineViewState } from '../shared/protocol';
import { buildAnswers, type AnswersModel } from '../core/viewmodel/answers';
import { networkNotice } from '../core/viewmodel/network-notice';
import { makeComparison, type CompareView } from './compare-view';
import { ConsolePane } from './console-pane';
import { debugHandle } from './debug-handle';
import { h } from './dom';
import { handleKey } from './keys';
import type { HostBridge } from './host-bridge';
import { LaneLabels } from './lane-labels';
import { LoopPanel } from './loop-panel';
import { AXIS_H, maxScrollTop, ROW_H, rowOfLaneMap, scrollRowIntoView, type Scene } from './scene';
import { Splitter } from './splitter';
import { TaskTable } from './task-table';
import { AnswersPane } from './answers-pane';
import { applyThemeClass, readPalette, watchTheme } from './theme';
import { TimelineView } from './timeline-view';
import { Toolbar } from './toolbar';
import { TraceActions } from './trace-actions';
import { Tooltip } from './tooltip';
import { Viewport } from './viewport';
import { VScroll } from './vscroll';

const PERSIST_DELAY_MS = 250;
/** Above this many events, arrows are built after the first paint. */
const DEFER_ARROWS_OVER_EVENTS = 200_000;
/** The lanes keep at least this much height; the bottom panes at least MIN_BOTTOM when shown. */
const MIN_MAIN = 96;
const MIN_BOTTOM = 72;
const MIN_LABELS = 80;

type BottomTab = 'loop' | 'tasks' | 'answers';

export class App {
  private readonly root: HTMLElement;
  private readonly top: HTMLElement;
  /** Save trace… / Open in Perfetto… (VS Code only). */
  private readonly traceActions: TraceActions | null;
  /** Set when the trace shown is a saved file, opened read-only. */
  private savedTrace: SavedTraceInfo | undefined;
  private readonly summary: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly banners: HTMLElement;
  private readonly status: HTMLElement;
  private readonly body: HTMLElement;
  private model: TimelineModel | null = null;
  private trace: ScannableTrace | null = null;
  private scene: Scene | null = null;
  private view: TimelineView | null = null;
  private labels: LaneLabels | null = null;
  private loopPanel: LoopPanel | null = null;
  private taskTable: TaskTable | null = null;
  private consolePane: ConsolePane | null = null;
  private answersPane: AnswersPane | null = null;
  /** The run's answers (src/core/analysis via the view model), built with the host's settings. */
  private answers: AnswersModel | null = null;
  private analysisSettings: AnalysisSettings = {};
  private criticalPathShown = false;
  private toolbar: Toolbar | null = null;
  private tooltip: Tooltip | null = null;
  private collapsed = new Set<string>();
  private contextCollapsed = true;
  private axisMode: AxisMode = 'compressed';
  /** "Colour by": 0 = the bars' state, n = the store of AsyncLocalStorage number n (viewmodel/als.ts). */
  private colourBy = 0;
  private bottomSize = 0;
  private bottomCollapsed = false;
  private labelWidth = 0;
  private bottomTab: BottomTab = 'loop';
  private pinned = false;
  private playTimer: number | undefined;
  private speed = 5;
  private persistTimer: number | undefined;
  private firstPaintDone = false;
  /** The model whose first painted frame was reported to the host (click-to-timeline timing). */
  private paintReportedFor: TimelineModel | null = null;
  /** The file the shown run came from (kept in the saved state for the panel serializer). */
  private sourceUri: string | undefined;
  private compareView: CompareView | null = null;
  private vscroll: VScroll | null = null;
  private splitters: Splitter[] = [];
  private bottomEl: HTMLElement | null = null;
  private labelsEl: HTMLElement | null = null;
  private running: string | undefined;

  constructor(mount: HTMLElement, private readonly bridge: HostBridge) {
    this.summary = h('p', { class: 'tl-summary', role: 'status', 'aria-label': 'Run summary' }, 'Waiting for a trace…');
    this.progress = h('div', { class: 'tl-progress', hidden: true });
    this.banners = h('div', { class: 'tl-banners' });
    this.traceActions = bridge.standalone ? null : new TraceActions((m) => this.bridge.post(m));
    this.top = h('header', { class: 'tl-top' }, h('div', { class: 'tl-top-row' }, this.summary, this.traceActions?.el), this.progress, this.banners);
    this.body = h('div', { class: 'tl-body' });
    this.status = h('div', { class: 'tl-status', 'aria-live': 'polite', 'aria-label': 'Selected event' });
    this.root = h('div', { class: 'tl-app' }, this.top, this.body, this.status);
    mount.append(this.root);
    watchTheme(() => this.onThemeChanged());
    new ResizeObserver(() => this.fitPanes()).observe(this.root);
  }

  /** A host message (VS Code only; the standalone file calls showTrace directly). */
  handle(message: HostToWebview): void {
    switch (message.type) {
      case 'init':
        if (message.theme) applyThemeClass(message.theme);
        if (message.sourceUri !== undefined) this.sourceUri = message.sourceUri;
        if (message.pinned !== undefined) this.pinned = message.pinned;
        this.savedTrace = message.savedTrace;
        if (message.analysis) this.analysisSettings = message.analysis;
        if (message.comparison) this.showComparison(message.comparison, message.comparisonSources, message.races);
        else if (message.trace) this.showTrace(message.trace, message.state ?? this.bridge.getState());
        else this.showPlaceholder(this.running
          ? `Running ${this.running}…`
          : 'Nothing has run yet. Use “Async Timeline: Visualize concurrency” (or ▶ Visualize concurrency above an async function) to see a timeline here.');
        break;
      case 'showTrace':
        if (message.sourceUri !== undefined) this.sourceUri = message.sourceUri;
        if (message.analysis) this.analysisSettings = message.analysis;
        this.showTrace(message.trace, this.currentState() ?? this.bridge.getState());
        break;
      case 'showComparison':
        this.showComparison(message.runs, message.sources, message.races);
        break;
      case 'runStatus':
        this.onRunStatus(message);
        break;
      case 'traceError':
        this.showFatal('This trace cannot be shown', message.message);
        break;
      case 'runError':
        this.showBanner(`The run failed: ${message.message}${message.location ? ` (${message.location.file}:${message.location.line}:${message.location.column})` : ''}`, 'error');
        if (!this.model) this.showFatal('The program could not be run', message.message);
        break;
      case 'selectEvents':
        this.selectLine(message.file, message.line);
        break;
      case 'setTheme':
        applyThemeClass(message.kind);
        break;
      case 'stale':
        this.setStale(message.stale, message.reason);
        break;
      case 'panelMode':
        this.pinned = message.pinned;
        this.persistSoon();
        break;
    }
  }

  // ─────────────────────────── honest states ───────────────────────────

  private onRunStatus(message: Extract<HostToWebview, { type: 'runStatus' }>): void {
    if (message.status === 'running') {
      this.running = message.file ?? 'the program';
      this.progress.replaceChildren(
        h('div', { class: 'tl-progress-bar', role: 'progressbar', 'aria-label': `Running ${this.running}`, 'aria-valuetext': 'running' }),
        h('span', { class: 'tl-progress-text' }, `Running ${this.running}…`),
        this.actionButton('Stop', 'Stop this run (the timeline keeps what ran so far)', () => this.bridge.post({ type: 'cancelRun' })),
      );
      this.progress.hidden = false;
      this.root.dataset.running = 'true';
      this.setStatus(`Running ${this.running}…`);
      if (!this.model && !this.compareView) this.showPlaceholder(`Running ${this.running}…`);
      return;
    }
    this.running = undefined;
    this.progress.hidden = true;
    this.progress.replaceChildren();
    delete this.root.dataset.running;
    if (message.stop) this.showStop(message.stop, message.canContinue === true);
    const text = message.stop?.message ?? `Run ${message.status}${message.message ? `: ${message.message}` : ''}`;
    this.setStatus(text);
    this.root.dataset.runStatus = message.status;
  }

  /** One banner for an early stop, in the host's words (replacing the trace's own notice), with "Continue for longer" when it can. */
  private showStop(stop: RunStop, canContinue: boolean): void {
    for (const old of this.banners.querySelectorAll('[data-kind=stop]')) old.remove();
    const banner = this.showBanner(stop.message, stop.kind === 'cancel' ? 'notice' : 'warning', 'stop');
    banner.dataset.stop = stop.kind;
    if (canContinue) {
      banner.append(' ', this.actionButton('Continue for longer', 'Run it again with a larger budget', () => this.bridge.post({ type: 'continueRun' })));
    }
  }

  private setStale(stale: boolean, reason?: string): void {
    for (const old of this.banners.querySelectorAll('[data-kind=stale]')) old.remove();
    this.root.classList.toggle('tl-is-stale', stale);
    if (!stale) return;
    const banner = this.showBanner(`Out of date: ${reason ?? 'this timeline is from an earlier version of the file.'}`, 'warning', 'stale');
    if (!this.bridge.standalone) banner.append(' ', this.actionButton('Re-run', 'Run the current text of the file', () => this.bridge.post({ type: 'rerun' })));
  }

  private actionButton(label: string, title: string, onClick: () => void): HTMLButtonElement {
    const b = h('button', { type: 'button', class: 'tl-action', title }, label);
    b.addEventListener('click', onClick);
    return b;
  }

  // ─────────────────────────── showing runs ───────────────────────────

  /**
   * Compare mode: validates every run and shows them on one time scale. `sources` (the files
   * compared, from the host) are saved as the panel's state, so a reload can run them again.
   */
  showComparison(value: unknown, sources?: string[], races?: RaceReport): void {
    this.stopPlaying();
    window.clearTimeout(this.persistTimer);
    // A Find races panel may show one run (one outcome): its state still names the file and the report.
    if (sources && (sources.length >= 2 || races?.shownSchedules)) this.bridge.setState({ compareSources: sources, ...(races?.shownSchedules && { races }) });
    const made = makeComparison(value, races);
    if ('error' in made) {
      this.showFatal('These runs cannot be compared', made.error);
      this.bridge.post({ type: 'webviewError', message: made.error });
      return;
    }
    this.model = this.scene = null;
    this.trace = null;
    this.traceActions?.setAvailable(false);
    this.banners.replaceChildren();
    this.summary.replaceChildren(h('span', { class: 'tl-summary-file' }, `Comparing ${made.count} runs`), made.headline);
    this.compareView = made.view;
    this.body.replaceChildren(made.view.el);
    Object.assign(this.root.dataset, { runs: String(made.count), firstPaintMs: String(Math.round(performance.now())) });
    this.setStatus(races?.divergence
      ? `The dashed line is where the two runs part, at ${+races.divergence.t.toFixed(3)} ms: ${races.divergence.description}.`
      : 'Each band is one run on the same virtual-time scale; rows are its tasks (solid: running, outline: waiting, tall: blocked).');
  }

  /** Validates and shows a trace; any problem becomes a message, never a blank view. */
  showTrace(value: unknown, restore?: TimelineViewState): void {
    this.stopPlaying();
    this.compareView = null;
    const check = checkTrace(value);
    if (!check.ok) {
      this.showFatal('This trace cannot be shown', check.message);
      this.bridge.post({ type: 'webviewError', message: check.message });
      return;
    }
    if (restore) this.restoreLayout(restore);
    let model: TimelineModel;
    try {
      model = buildTimelineIn(check.trace, this.axisMode);
    } catch (err) {
      const message = `The trace could not be laid out: ${err instanceof Error ? err.message : String(err)}`;
      this.showFatal('This trace cannot be shown', message);
      this.bridge.post({ type: 'webviewError', message });
      return;
    }
    this.model = model;
    this.trace = check.trace;
    try {
      this.answers = buildAnswers(check.trace, this.analysisSettings);
    } catch (err) {
      // The answers are extra: a trace they cannot read still shows its timeline.
      this.answers = null;
      this.bridge.post({ type: 'webviewError', message: `The run's analysis failed: ${err instanceof Error ? err.message : String(err)}` });
    }
    this.banners.replaceChildren();
    this.root.classList.remove('tl-is-stale');
    for (const notice of check.notices) this.showBanner(notice, 'warning', /stopped before its end/.test(notice) ? 'stop' : 'notice');
    for (const error of model.summary.errors) this.showBanner(`The program ended with an error:\n${error}`, 'error');
    for (const error of model.summary.threadErrors) this.showBanner(`A worker thread ended with an error (its parent got it as an 'error' event):\n${error}`, 'notice');
    if (this.savedTrace) {
      const saved = this.showBanner(`Saved trace ${this.savedTrace.name} (read-only): nothing runs here; source links open the files it names, as they are now.`, 'notice', 'saved');
      for (const notice of this.savedTrace.notices) saved.append(h('span', { class: 'tl-banner-text' }, ` ${notice}`));
    }
    const network = networkNotice(check.trace.meta.network);
    if (network) {
      const banner = this.showBanner(network.text, 'notice', 'network');
      if (network.canRecordAgain && !this.bridge.standalone && !this.savedTrace) {
        banner.append(' ', this.actionButton('Record again', 'Run it again, performing its requests to outside hosts for real and replacing their recording', () => this.bridge.post({ type: 'recordAgain' })));
      }
    }
    this.traceActions?.setAvailable(true);
    const entry = check.trace.meta.entryFunction;
    // The imitated Node line; a trace from before lines could be chosen imitated Node 20 (format.ts).
    const nodeMajor = typeof check.trace.meta.nodeMajor === 'number' ? check.trace.meta.nodeMajor : 20;
    this.summary.replaceChildren(
      h('span', { class: 'tl-summary-file' }, check.trace.meta.entry || 'trace'),
      h('span', { class: 'tl-summary-node', title: 'The Node.js line this run imitated' }, `Node ${nodeMajor} · `),
      ...(entry ? [h('span', { class: 'tl-summary-entry' }, `${entry}() · `)] : []),
      summaryText(model.summary),
      h('span', { class: 'tl-stale-badge' }, ' · out of date'),
    );
    this.summary.setAttribute('aria-label', `Run summary: ${entry ? `${entry}(), ` : ''}${summaryText(model.summary)}, imitating Node ${nodeMajor}`);
    this.buildWorkspace(model, restore);
  }

  /** Rebuilds the model on the other time axis, keeping the cursor, rows and layout. */
  private setAxisMode(mode: AxisMode): void {
    if (mode === this.axisMode || !this.trace || !this.scene) return;
    this.axisMode = mode;
    const state = this.currentState();
    if (!state) return;
    const model = buildTimelineIn(this.trace, mode);
    this.model = model;
    // Layout units differ between the axes: fit, keep the rest.
    this.buildWorkspace(model, { ...state, viewStart: 0, viewEnd: 0, axisMode: mode });
    this.setStatus(mode === 'linear'
      ? 'Linear time axis: x is proportional to virtual time; steps at one instant are slivers (switch to Compressed to see their order).'
      : 'Compressed time axis: idle gaps are squeezed (each drawn as a break with its real length), each instant opened into its steps.');
  }

  /** "Colour by": the bars by their state (0) or by the store of AsyncLocalStorage number `storage`. */
  private setColourBy(storage: number): void {
    if (!this.scene) return;
    this.colourBy = storage;
    this.applyColouring(this.scene);
    this.redraw();
    this.persistSoon();
    const colouring = this.scene.colouring;
    this.setStatus(colouring
      ? `Bars coloured by the store of ${alsStorageName(this.scene.model.trace, colouring.storage)}: ${colouring.values.length} value${colouring.values.length === 1 ? '' : 's'}; grey bars ran without a store.`
      : 'Bars coloured by their state (running, callback, waiting, queued, blocked).');
  }

  /** Builds the scene's colouring for `colourBy` (by state when the run has no such storage). */
  private applyColouring(scene: Scene): void {
    const { trace, lanes } = scene.model;
    const known = this.colourBy > 0 && alsStorages(trace).some((s) => s.storage === this.colourBy);
    scene.colouring = known ? buildAlsColouring(trace, lanes, this.colourBy) : null;
    this.root.dataset.colourBy = String(scene.colouring?.storage ?? 0);
    this.toolbar?.setColouring(scene.colouring);
  }

  private restoreLayout(state: TimelineViewState): void {
    if (typeof state.bottomSize === 'number' && state.bottomSize > 0) this.bottomSize = state.bottomSize;
    if (typeof state.bottomCollapsed === 'boolean') this.bottomCollapsed = state.bottomCollapsed;
    if (typeof state.labelWidth === 'number' && state.labelWidth > 0) this.labelWidth = state.labelWidth;
    if (state.axisMode === 'linear' || state.axisMode === 'compressed') this.axisMode = state.axisMode;
    if (typeof state.colourBy === 'number' && Number.isInteger(state.colourBy) && state.colourBy >= 0) this.colourBy = state.colourBy;
    if (typeof state.contextCollapsed === 'boolean') this.contextCollapsed = state.contextCollapsed;
    if (state.bottomTab === 'loop' || state.bottomTab === 'tasks' || state.bottomTab === 'answers') this.bottomTab = state.bottomTab;
    if (typeof state.criticalPathShown === 'boolean') this.criticalPathShown = state.criticalPathShown;
    if (typeof state.pinned === 'boolean') this.pinned = state.pinned;
  }

  private buildWorkspace(model: TimelineModel, restore?: TimelineViewState): void {
    // Node's own async functions (fs.promises, streams) start collapsed: the program's tasks come first; so does a network of many connections.
    this.collapsed = new Set(restore?.collapsedGroups ?? collapsedAtFirst(model.lanes));
    const hadFocus = this.body.contains(document.activeElement) ? (document.activeElement as HTMLElement).tagName : '';
    this.toolbar = new Toolbar({
      fit: () => { this.scene?.view.fit(); this.redraw(); this.persistSoon(); },
      zoom: (factor) => { if (this.scene) { this.scene.view.zoomAt(this.scene.view.widthPx / 2, factor); this.redraw(); this.persistSoon(); } },
      step: (dir) => this.step(dir),
      stepTask: (dir) => this.stepTask(dir),
      togglePlay: () => this.togglePlay(),
      setSpeed: (s) => { this.speed = s; if (this.playTimer !== undefined) { this.stopPlaying(); this.togglePlay(); } },
      setAxisMode: (mode) => this.setAxisMode(mode),
      setColourBy: (storage) => this.setColourBy(storage),
    });
    this.toolbar.setAxisMode(this.axisMode);
    // A large trace paints its lanes first and its arrows right after (they take a pass over
    // every event and are hidden at fit-to-view anyway); a small one builds them now.
    const deferArrows = model.summary.events > DEFER_ARROWS_OVER_EVENTS;
    if (!deferArrows) void model.arrows;
    this.toolbar.setModel(model);
    this.labels = new LaneLabels({
      toggleGroup: (key) => this.toggleGroup(key),
      toggleContext: () => this.toggleContext(),
      scrollBy: (dy) => this.scrollLanesBy(dy),
      wheel: (e) => this.view?.wheel(e, this.view.widthPx / 2),
    });
    this.labels.setAxisMode(this.axisMode);
    this.labelsEl = this.labels.el;
    this.tooltip = new Tooltip();
    const canvasWrap = h('div', { class: 'tl-canvas-wrap' });
    this.loopPanel = new LoopPanel();
    this.taskTable = new TaskTable((lane, seq) => this.chooseLane(lane, seq));
    this.consolePane = new ConsolePane((seq) => this.setCursor(seq));
    this.consolePane.setModel(model);
    this.answersPane = new AnswersPane({
      pick: (seq, place) => {
        if (seq >= 0) this.setCursor(seq, { reveal: false });
        if (place && !this.bridge.standalone) this.bridge.post({ type: 'revealSource', file: place.file, line: place.line, column: place.column });
        else if (seq >= 0) this.revealSource(seq, 0);
      },
      showPath: (on) => {
        this.criticalPathShown = on;
        if (this.scene?.answers) this.scene.answers.showPath = on;
        this.redraw();
        this.persistSoon();
      },
    });
    if (this.answers) this.answersPane.setModel(this.answers, this.criticalPathShown);
    const labelSplitter = new Splitter({
      orientation: 'vertical', label: 'Width of the lane names', min: MIN_LABELS,
      max: () => Math.max(MIN_LABELS, this.root.clientWidth - 160), size: () => this.labelsEl?.getBoundingClientRect().width ?? 160,
      setSize: (px) => { this.labelWidth = Math.round(px); this.applyLayout(); this.persistSoon(); },
    });
    const main = h('div', { class: 'tl-main' }, this.labels.el, labelSplitter.el, canvasWrap);
    const bottom = this.buildBottom();
    const split = new Splitter({
      orientation: 'horizontal', label: 'Size of the event loop, tasks and console panes', min: MIN_BOTTOM, inverted: true,
      max: () => this.maxBottom(), size: () => (this.bottomCollapsed ? 0 : this.bottomSize),
      setSize: (px) => { this.bottomSize = Math.round(px); this.applyLayout(); this.persistSoon(); },
      collapsible: { collapsed: () => this.bottomCollapsed, toggle: () => this.setBottomCollapsed(!this.bottomCollapsed) },
    });
    const collapseButton = h('button', { type: 'button', class: 'tl-collapse-bottom' });
    collapseButton.addEventListener('click', () => this.setBottomCollapsed(!this.bottomCollapsed));
    const splitBar = h('div', { class: 'tl-split-bar' }, split.el, collapseButton);
    this.splitters = [labelSplitter, split];
    this.bottomEl = bottom;
    this.body.replaceChildren(h('div', { class: 'tl-toolbar-row' }, this.toolbar.el), main, splitBar, bottom);
    Object.assign(this.root.dataset, { lanes: String(model.lanes.lanes.length), events: String(model.summary.events), axis: this.axisMode });
    if (!deferArrows) this.showArrowCounts(model);

    const viewport = new Viewport(model.axis.width);
    if (restore && restore.viewEnd > restore.viewStart) viewport.set(restore.viewStart, restore.viewEnd);
    const rows = buildViewRows(model.trace, model.lanes, this.collapsed, this.contextCollapsed);
    const scene: Scene = {
      model, rows: rows.rows, pinned: rows.pinned, rowOfLane: rowOfLaneMap(model, rows.rows), view: viewport, palette: readPalette(),
      scrollTop: restore?.scrollTop ?? 0, widthPx: 1, heightPx: 1, cursorSeq: -1, highlights: [], selectedLane: -1,
      answers: this.answers ? { pathSeqs: this.answers.pathSeqs, showPath: this.criticalPathShown, marks: this.answers.marks } : null,
      colouring: null,
    };
    this.applyColouring(scene);
    this.scene = scene;
    this.root.dataset.entryLane = String(rows.entryLane);
    this.taskTable.setModel(model, this.laneOrder(model, rows.entryLane));
    this.taskTable.setVisible(this.bottomTab === 'tasks');
    this.view = new TimelineView(canvasWrap, {
      onSelect: (hit) => {
        this.setCursor(hit.seq, { reveal: false });
        this.revealSource(hit.seq, hit.segment >= 0 ? model.lanes.lanes[hit.lane].segments.site[hit.segment] : 0);
      },
      onHover: (hit, px, py) => {
        if (hit && this.model) this.tooltip?.show(this.model, hit, px, py, canvasWrap.clientWidth, scene.colouring);
        else if (!this.tooltip?.showRow(scene, px, py, canvasWrap.clientWidth)) this.tooltip?.hide();
      },
      onViewChanged: () => { this.renderLabels(); this.persistSoon(); },
      onKey: (e) => this.onKey(e),
    });
    this.vscroll = new VScroll(AXIS_H, (top) => {
      scene.scrollTop = Math.max(0, Math.min(this.view?.maxScrollTop() ?? 0, top));
      this.redraw();
      this.persistSoon();
    });
    canvasWrap.append(this.tooltip.el, this.vscroll.el);
    this.view.onPainted = () => {
      if (this.paintReportedFor !== model) {
        this.paintReportedFor = model;
        this.bridge.post({ type: 'painted', events: model.trace.events.kind.length });
      }
      if (this.firstPaintDone) return;
      this.firstPaintDone = true;
      this.root.dataset.firstPaintMs = String(Math.round(performance.now()));
      if (deferArrows) {
        window.setTimeout(() => {
          if (this.model !== model) return;
          this.showArrowCounts(model);
          this.toolbar?.setModel(model);
          this.redraw();
        }, 0);
      }
    };
    this.applyLayout();
    if (!restore || restore.viewEnd <= restore.viewStart) viewport.fit();
    this.view.setScene(this.scene);
    this.setCursor(restore && restore.cursorSeq < model.summary.events ? restore.cursorSeq : -1, { reveal: false, announce: false });
    if (hadFocus === 'CANVAS') this.view.canvas.focus({ preventScroll: true });
    this.setStatus(this.bridge.standalone
      ? 'Click a segment or marker to see its source location; ← → step through events, ↑ ↓ move between lanes.'
      : 'Click a segment or marker to open its source; ← → step through events, ↑ ↓ move between lanes.');
    // A handle for tests and the render benchmark.
    (window as unknown as { asyncTimeline?: unknown }).asyncTimeline = debugHandle({
      scene: () => this.scene, view: () => this.view, setCursor: (seq) => this.setCursor(seq), state: () => this.currentState(),
    });
    // Saved at once (not only after the first zoom), so a reload finds the file (sourceUri) to run again.
    this.persistSoon();
  }

  /** The left bottom pane (event loop | tasks, as tabs) and the console. */
  private buildBottom(): HTMLElement {
    const tabs: Record<BottomTab, { tab: HTMLButtonElement; panel: HTMLElement }> = {
      loop: { tab: h('button', { type: 'button', role: 'tab', id: 'tl-tab-loop', 'aria-controls': 'tl-panel-loop' }, 'Event loop'), panel: this.loopPanel!.el },
      tasks: { tab: h('button', { type: 'button', role: 'tab', id: 'tl-tab-tasks', 'aria-controls': 'tl-panel-tasks' }, 'Tasks'), panel: this.taskTable!.el },
      answers: { tab: h('button', { type: 'button', role: 'tab', id: 'tl-tab-answers', 'aria-controls': 'tl-panel-answers' }, answersTabLabel(this.answers)), panel: this.answersPane!.el },
    };
    const panels = (Object.keys(tabs) as BottomTab[]).map((key) => {
      const panel = h('div', { role: 'tabpanel', id: `tl-panel-${key}`, 'aria-labelledby': `tl-tab-${key}`, class: 'tl-tabpanel', tabindex: key === 'tasks' ? undefined : 0 }, tabs[key].panel);
      return [key, panel] as const;
    });
    const select = (key: BottomTab, focus = false): void => {
      this.bottomTab = key;
      for (const [k, panel] of panels) {
        const on = k === key;
        panel.hidden = !on;
        tabs[k].tab.setAttribute('aria-selected', String(on));
        tabs[k].tab.tabIndex = on ? 0 : -1;
        if (on && focus) tabs[k].tab.focus();
      }
      this.taskTable?.setVisible(key === 'tasks');
      this.persistSoon();
    };
    for (const key of Object.keys(tabs) as BottomTab[]) {
      tabs[key].tab.addEventListener('click', () => select(key));
      tabs[key].tab.addEventListener('keydown', (e) => {
        if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
        e.preventDefault();
        const order = Object.keys(tabs) as BottomTab[];
        const next = (order.indexOf(key) + (e.key === 'ArrowRight' ? 1 : order.length - 1)) % order.length;
        select(order[next], true);
      });
    }
    const tablist = h('div', { role: 'tablist', 'aria-label': 'Bottom panes', class: 'tl-tabs' }, tabs.loop.tab, tabs.tasks.tab, tabs.answers.tab);
    const left = h('section', { class: 'tl-bottom-left', 'aria-label': 'Event loop and tasks' }, tablist, ...panels.map(([, p]) => p));
    select(this.bottomTab);
    return h('div', { class: 'tl-bottom' }, left, this.consolePane!.el);
  }

  /** Every lane, in the order they are drawn (entry first, groups expanded): the tasks table's rows. */
  private laneOrder(model: TimelineModel, entryLane: number): number[] {
    const order: number[] = entryLane >= 0 ? [entryLane] : [];
    const seen = new Set(order);
    for (const row of buildRows(model.lanes, new Set())) {
      if (row.kind !== 'lane' || seen.has(row.lane)) continue;
      seen.add(row.lane);
      order.push(row.lane);
    }
    for (const lane of model.lanes.lanes) if (!seen.has(lane.index)) order.push(lane.index);
    return order;
  }

  // ─────────────────────────── layout ───────────────────────────

  private maxBottom(): number {
    const bodyH = this.body.clientHeight || window.innerHeight;
    const toolbarH = (this.body.querySelector('.tl-toolbar-row') as HTMLElement | null)?.offsetHeight ?? 30;
    return Math.max(MIN_BOTTOM, bodyH - toolbarH - MIN_MAIN - 8);
  }

  /** Applies the split and the name column, within what the window allows now. */
  private applyLayout(): void {
    if (!this.bottomEl || !this.labelsEl) return;
    if (this.bottomSize <= 0) this.bottomSize = Math.round(Math.max(MIN_BOTTOM, Math.min(260, (this.body.clientHeight || window.innerHeight) * 0.3)));
    const size = Math.max(MIN_BOTTOM, Math.min(this.maxBottom(), this.bottomSize));
    this.bottomEl.hidden = this.bottomCollapsed;
    this.bottomEl.style.height = `${size}px`;
    if (this.labelWidth <= 0) this.labelWidth = Math.round(Math.max(140, Math.min(220, window.innerWidth * 0.16)));
    const width = Math.max(MIN_LABELS, Math.min(Math.max(MIN_LABELS, this.root.clientWidth - 160), this.labelWidth));
    this.labelsEl.style.width = `${width}px`;
    const button = this.body.querySelector<HTMLButtonElement>('.tl-collapse-bottom');
    if (button) {
      button.textContent = this.bottomCollapsed ? '▴ Show event loop, tasks & console' : '▾ Hide';
      button.setAttribute('aria-expanded', String(!this.bottomCollapsed));
      button.setAttribute('aria-label', this.bottomCollapsed ? 'Show the event loop, tasks and console panes' : 'Hide the event loop, tasks and console panes');
    }
    this.root.dataset.bottomCollapsed = String(this.bottomCollapsed);
    for (const s of this.splitters) s.update();
  }

  private setBottomCollapsed(collapsed: boolean): void {
    this.bottomCollapsed = collapsed;
    this.applyLayout();
    this.persistSoon();
  }

  /** The window changed size: keep the split and the name column within bounds, and the labels in step. */
  private fitPanes(): void {
    this.applyLayout();
    if (this.scene && this.view) {
      this.scene.scrollTop = Math.min(this.scene.scrollTop, maxScrollTop(this.scene, this.view.heightPx));
      this.redraw();
    }
  }

  // ─────────────────────────── cursor ───────────────────────────

  setCursor(seq: number, opts: { reveal?: boolean; announce?: boolean } = {}): void {
    const model = this.model;
    const scene = this.scene;
    if (!model || !scene) return;
    const n = model.summary.events;
    seq = Math.max(-1, Math.min(n - 1, seq));
    scene.cursorSeq = seq;
    scene.selectedLane = seq >= 0 ? model.lanes.laneOfEvent[seq] : -1;
    this.root.dataset.cursor = String(seq);
    if (seq >= 0 && opts.reveal !== false) scene.view.reveal(model.axis.pos[seq]);
    this.loopPanel?.render(model, model.loop.stateAt(seq));
    this.consolePane?.setCursor(seq);
    this.taskTable?.setCursor(seq, scene.selectedLane);
    if (seq >= 0 && opts.announce !== false) {
      const where = formatSite(model.trace, model.lanes.siteOfEvent[seq]);
      const lane = model.lanes.lanes[scene.selectedLane]?.label;
      this.setStatus(`${lane ? `${lane} · ` : ''}Step ${seq} of ${n - 1} at ${formatTime(model, seq)}: ${model.describe(seq)}`, where);
      this.bridge.post({ type: 'cursorChanged', seq, location: this.locationOf(model.lanes.siteOfEvent[seq]) });
    }
    this.redraw();
  }

  /** The tasks table chose a lane: select its event at the cursor, and show its row. */
  private chooseLane(lane: number, seq: number): void {
    const scene = this.scene;
    if (!scene) return;
    this.setCursor(seq);
    scene.selectedLane = lane;
    const row = scene.rowOfLane[lane];
    if (row >= 0) scrollRowIntoView(scene, row);
    this.taskTable?.setCursor(scene.cursorSeq, lane);
    this.redraw();
  }

  private step(dir: 1 | -1): void {
    if (!this.model || !this.scene) return;
    const from = this.scene.cursorSeq;
    const to = nextStep(this.model, from, dir);
    if (to !== from) this.setCursor(to);
    else if (dir === 1) this.stopPlaying();
  }

  private stepTask(dir: 1 | -1): void {
    if (!this.model || !this.scene) return;
    const seq = this.scene.cursorSeq;
    const task = seq >= 0 ? this.model.lanes.taskOfEvent[seq] : -1;
    if (task < 0) return this.step(dir);
    this.setCursor(nextTaskEvent(this.model, seq, task, dir));
  }

  private togglePlay(): void {
    if (this.playTimer !== undefined) return this.stopPlaying();
    this.playTimer = window.setInterval(() => this.step(1), 1000 / this.speed);
    this.toolbar?.setPlaying(true);
  }

  private stopPlaying(): void {
    if (this.playTimer !== undefined) window.clearInterval(this.playTimer);
    this.playTimer = undefined;
    this.toolbar?.setPlaying(false);
  }

  /** `selectEvents`: highlight the events at the editor's line and move to the next one. */
  private selectLine(file: string, line: number): void {
    if (!this.model || !this.scene) return;
    const seqs = eventsAtLine(this.model, file, line);
    this.scene.highlights = seqs;
    if (seqs.length > 0) this.setCursor(seqs.find((s) => s > this.scene!.cursorSeq) ?? seqs[0]);
    else this.redraw();
  }

  private revealSource(seq: number, preferredSite: number): void {
    const model = this.model;
    if (!model) return;
    const site = preferredSite || model.lanes.siteOfEvent[seq];
    const location = this.locationOf(site);
    if (!location) return;
    if (this.bridge.standalone) {
      this.setStatus(`${model.describe(seq)}`, `${location.file}:${location.line}:${location.column}`);
    } else {
      this.bridge.post({ type: 'revealSource', ...location });
    }
  }

  private locationOf(site: number): { file: string; line: number; column: number } | undefined {
    const s = site > 0 ? this.model?.trace.sites[site] : undefined;
    if (!s) return undefined;
    return { file: this.model!.trace.files[s.file] ?? '', line: s.line, column: s.column };
  }

  // ─────────────────────────── input ───────────────────────────

  private onKey(e: KeyboardEvent): void {
    if (!this.scene || !this.model || !this.view) return;
    handleKey(e, {
      scene: this.scene, model: this.model, view: this.view, redraw: () => this.redraw(), step: (d) => this.step(d), stepTask: (d) => this.stepTask(d),
      setCursor: (seq) => this.setCursor(seq), togglePlay: () => this.togglePlay(), reveal: (seq) => this.revealSource(seq, 0), persist: () => this.persistSoon(),
    });
    this.taskTable?.setCursor(this.scene.cursorSeq, this.scene.selectedLane);
  }

  private scrollLanesBy(dy: number): void {
    const scene = this.scene;
    if (!scene || !this.view) return;
    scene.scrollTop = Math.max(0, Math.min(this.view.maxScrollTop(), scene.scrollTop + dy));
    this.redraw();
    this.persistSoon();
  }

  private rebuildRows(): void {
    if (!this.scene || !this.model) return;
    const rows = buildViewRows(this.model.trace, this.model.lanes, this.collapsed, this.contextCollapsed);
    this.scene.rows = rows.rows;
    this.scene.pinned = rows.pinned;
    this.scene.rowOfLane = rowOfLaneMap(this.model, rows.rows);
    if (this.view) this.scene.scrollTop = Math.min(this.scene.scrollTop, this.view.maxScrollTop());
    this.redraw();
    this.persistSoon();
  }

  private toggleGroup(key: string): void {
    if (this.collapsed.has(key)) this.collapsed.delete(key);
    else this.collapsed.add(key);
    this.rebuildRows();
  }

  private toggleContext(): void {
    this.contextCollapsed = !this.contextCollapsed;
    this.rebuildRows();
  }

  // ─────────────────────────── output ───────────────────────────

  private redraw(): void {
    this.view?.requestPaint();
    this.renderLabels();
  }

  private renderLabels(): void {
    const scene = this.scene;
    if (!scene || !this.labels || !this.view) return;
    this.labels.render(scene, this.view.heightPx);
    this.vscroll?.update(scene.rows.length * ROW_H + 8, this.view.heightPx - AXIS_H, scene.scrollTop);
    this.root.dataset.scrollTop = String(Math.round(scene.scrollTop));
  }

  private onThemeChanged(): void {
    this.compareView?.refreshTheme();
    if (!this.scene) return;
    this.scene.palette = readPalette();
    this.view?.paintNow();
  }

  private setStatus(text: string, location?: string): void {
    this.status.replaceChildren(...(location ? [h('span', { class: 'tl-status-loc' }, location)] : []), text);
  }

  private showBanner(text: string, level: 'error' | 'warning' | 'notice', kind: string = level): HTMLElement {
    const banner = h('div', { class: `tl-banner tl-${level}`, role: level === 'error' ? 'alert' : 'note', 'data-kind': kind }, h('span', { class: 'tl-banner-text' }, text));
    this.banners.append(banner);
    return banner;
  }

  private showFatal(title: string, message: string): void {
    this.traceActions?.setAvailable(false);
    this.model = null;
    this.scene = null;
    this.trace = null;
    this.summary.textContent = 'Async Timeline';
    this.body.replaceChildren(h('div', { class: 'tl-scroll-area' }, h('div', { class: 'tl-fatal', role: 'alert' }, h('h2', {}, title), message)));
  }

  private showPlaceholder(message: string): void {
    this.traceActions?.setAvailable(false);
    this.summary.textContent = 'Async Timeline';
    this.body.replaceChildren(h('div', { class: 'tl-scroll-area' }, h('div', { class: 'tl-fatal tl-placeholder' }, message)));
  }

  private currentState(): TimelineViewState | null {
    const scene = this.scene;
    if (!scene) return null;
    return {
      viewStart: scene.view.x0, viewEnd: scene.view.x1, cursorSeq: scene.cursorSeq, collapsedGroups: [...this.collapsed], scrollTop: scene.scrollTop,
      ...(this.sourceUri !== undefined ? { sourceUri: this.sourceUri } : {}),
      bottomSize: this.bottomSize, bottomCollapsed: this.bottomCollapsed, labelWidth: this.labelWidth, axisMode: this.axisMode, colourBy: this.colourBy,
      contextCollapsed: this.contextCollapsed, bottomTab: this.bottomTab, pinned: this.pinned, criticalPathShown: this.criticalPathShown,
    };
  }

  private persistSoon(): void {
    window.clearTimeout(this.persistTimer);
    this.persistTimer = window.setTimeout(() => {
      const state = this.currentState();
      if (state) this.bridge.setState(state);
    }, PERSIST_DELAY_MS);
  }

  private showArrowCounts(model: TimelineModel): void {
    const c = model.arrows.counts;
    Object.assign(this.root.dataset, {
      arrowsResume: String(c.resume), arrowsSpawn: String(c.spawn), arrowsCombinator: String(c.combinator), arrowsYield: String(c.yield), arrowsIo: String(c.io),
    });
  }
}

function formatTime(model: TimelineModel, seq: number): string {
  const t = model.trace.events.t[seq];
  return t < 1000 ? `${t} ms` : `${(t / 1000).toFixed(3)} s`;
}

export type { ScannableTrace };

/** `Answers`, with how many findings (warnings) there are: `Answers · 2`. */
function answersTabLabel(answers: AnswersModel | null): string {
  const n = answers ? answers.analysis.findings.filter((f) => f.severity === 'warning').length : 0;
  return n > 0 ? `Answers · ${n}` : 'Answers';
}
