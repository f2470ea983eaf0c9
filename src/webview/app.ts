/**
 * The timeline application: the controller that keeps the canvas, lane labels, event-loop panel,
 * tasks table, answers, console and status line in step with the cursor. Builds its own DOM
 * inside the given root, so the extension's webview HTML and the standalone export only need to
 * load the script and style.
 *
 * Layout, top to bottom: the run's header (run-header.ts: summary, progress, banners), the
 * workspace (pane-layout.ts: toolbar, lanes, splitter, bottom panes), the status line. Its
 * neighbours: host-messages.ts reads the host's messages, view-state.ts holds and saves the view
 * settings, bottom-tabs.ts builds the bottom panes, playback.ts plays, compare-view.ts shows
 * a comparison (or a Find races report).
 */
import type { ScannableTrace } from '../core/trace/format';
import {
  alsStorageName, alsStorages, buildAlsColouring, buildRows, checkTrace, collapsedAtFirst, eventsAtLine, formatSite, nextStep, nextTaskEvent, type AxisMode, type TimelineModel,
} from '../core/viewmodel/index';
import { buildTimelineIn } from '../core/viewmodel/modes';
import { buildViewRows } from '../core/viewmodel/view-rows';
import type { AnalysisSettings, HostToWebview, RaceReport, SavedTraceInfo, TimelineViewState } from '../shared/protocol';
import { buildAnswers, type AnswersModel } from '../core/viewmodel/answers';
import { networkNotice } from '../core/viewmodel/network-notice';
import { buildBottomPanes } from './bottom-tabs';
import { makeComparison, type CompareView } from './compare-view';
import { ConsolePane } from './console-pane';
import { debugHandle } from './debug-handle';
import { h } from './dom';
import { receiveHostMessage, type HostMessageTarget, type RunStatusMessage } from './host-messages';
import { handleKey } from './keys';
import type { HostBridge } from './host-bridge';
import { LaneLabels } from './lane-labels';
import { LoopPanel } from './loop-panel';
import { PaneLayout } from './pane-layout';
import { Playback } from './playback';
import { RunHeader } from './run-header';
import { AXIS_H, maxScrollTop, ROW_H, rowOfLaneMap, scrollRowIntoView, type Scene } from './scene';
import { TaskTable } from './task-table';
import { AnswersPane } from './answers-pane';
import { readPalette, watchTheme } from './theme';
import { TimelineView } from './timeline-view';
import { Toolbar } from './toolbar';
import { Tooltip } from './tooltip';
import { Viewport } from './viewport';
import { VScroll } from './vscroll';
import { StateSaver, ViewSettings } from './view-state';

/** Above this many events, arrows are built after the first paint. */
const DEFER_ARROWS_OVER_EVENTS = 200_000;

export class App implements HostMessageTarget {
  private readonly root: HTMLElement;
  private readonly header: RunHeader;
  private readonly status: HTMLElement;
  private readonly body: HTMLElement;
  readonly settings = new ViewSettings();
  private readonly saver: StateSaver;
  private readonly layout: PaneLayout;
  private readonly playback: Playback;
  /** Set when the trace shown is a saved file, opened read-only. */
  savedTrace: SavedTraceInfo | undefined;
  analysisSettings: AnalysisSettings = {};
  /** The file of the run going on, if one is. */
  running: string | undefined;
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
  private toolbar: Toolbar | null = null;
  private tooltip: Tooltip | null = null;
  private firstPaintDone = false;
  /** The model whose first painted frame was reported to the host (click-to-timeline timing). */
  private paintReportedFor: TimelineModel | null = null;
  /** When the last message with a trace came in (the `painted` report says how long its first frame took). */
  private traceReceivedAt = 0;
  private compareView: CompareView | null = null;
  private vscroll: VScroll | null = null;

  constructor(mount: HTMLElement, private readonly bridge: HostBridge) {
    this.header = new RunHeader(bridge.standalone ? null : (m) => this.bridge.post(m));
    this.body = h('div', { class: 'tl-body' });
    this.status = h('div', { class: 'tl-status', 'aria-live': 'polite', 'aria-label': 'Selected event' });
    this.root = h('div', { class: 'tl-app' }, this.header.el, this.body, this.status);
    this.saver = new StateSaver(() => this.currentState(), (state) => this.bridge.setState(state));
    this.layout = new PaneLayout(this.root, this.body, this.settings, () => this.persistSoon());
    this.playback = new Playback(() => this.step(1), (playing) => this.toolbar?.setPlaying(playing));
    mount.append(this.root);
    watchTheme(() => this.onThemeChanged());
    new ResizeObserver(() => this.fitPanes()).observe(this.root);
  }

  /** A host message (VS Code only; the standalone file calls showTrace directly). */
  handle(message: HostToWebview): void {
    if (message.type === 'showTrace' || message.type === 'init') this.traceReceivedAt = performance.now();
    receiveHostMessage(this, message);
  }

  // ─────────────────────────── honest states ───────────────────────────

  onRunStatus(message: RunStatusMessage): void {
    if (message.status === 'running') {
      this.running = message.file ?? 'the program';
      this.header.showRunning(this.running, () => this.bridge.post({ type: 'cancelRun' }));
      this.root.dataset.running = 'true';
      this.setStatus(`Running ${this.running}…`);
      if (!this.model && !this.compareView) this.showPlaceholder(`Running ${this.running}…`);
      return;
    }
    this.running = undefined;
    this.header.hideProgress();
    delete this.root.dataset.running;
    if (message.stop) this.header.showStop(message.stop, message.canContinue === true ? () => this.bridge.post({ type: 'continueRun' }) : undefined);
    const text = message.stop?.message ?? `Run ${message.status}${message.message ? `: ${message.message}` : ''}`;
    this.setStatus(text);
    this.root.dataset.runStatus = message.status;
  }

  setStale(stale: boolean, reason?: string): void {
    this.root.classList.toggle('tl-is-stale', stale);
    this.header.setStale(stale, reason, this.bridge.standalone ? undefined : () => this.bridge.post({ type: 'rerun' }));
  }

  showRunError(text: string): void {
    this.header.showBanner(text, 'error');
  }

  hasTimeline(): boolean {
    return this.model !== null;
  }

  // ─────────────────────────── showing runs ───────────────────────────

  /**
   * Compare mode: validates every run and shows them on one time scale. `sources` (the files
   * compared, from the host) are saved as the panel's state, so a reload can run them again.
   */
  showComparison(value: unknown, sources?: string[], races?: RaceReport): void {
    this.playback.stop();
    this.saver.cancel();
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
    this.header.setTraceActionsAvailable(false);
    this.header.clearBanners();
    this.header.showComparisonSummary(made.count, made.headline);
    this.compareView = made.view;
    this.body.replaceChildren(made.view.el);
    Object.assign(this.root.dataset, { runs: String(made.count), firstPaintMs: String(Math.round(performance.now())) });
    this.setStatus(races?.divergence
      ? `The dashed line is where the two runs part, at ${+races.divergence.t.toFixed(3)} ms: ${races.divergence.description}.`
      : 'Each band is one run on the same virtual-time scale; rows are its tasks (solid: running, outline: waiting, tall: blocked).');
  }

  /** Validates and shows a trace; any problem becomes a message, never a blank view. */
  showTrace(value: unknown, restore?: TimelineViewState): void {
    this.playback.stop();
    this.compareView = null;
    const check = checkTrace(value);
    if (!check.ok) {
      this.showFatal('This trace cannot be shown', check.message);
      this.bridge.post({ type: 'webviewError', message: check.message });
      return;
    }
    // Another program (or another function of it) in this panel: its view starts fitted, with no
    // cursor, no collapsed groups and no colouring; only the layout (panes, axis) carries over. A
    // re-run of the same entry keeps the whole view.
    const previous = this.trace?.meta;
    if (restore && previous && (previous.entry !== check.trace.meta.entry || previous.entryFunction !== check.trace.meta.entryFunction)) {
      restore = { ...restore, viewStart: 0, viewEnd: 0, cursorSeq: -1, collapsedGroups: [], scrollTop: 0, colourBy: 0 };
    }
    if (restore) this.settings.restore(restore);
    let model: TimelineModel;
    try {
      model = buildTimelineIn(check.trace, this.settings.axisMode);
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
    this.root.classList.remove('tl-is-stale');
    this.header.showTraceNotices({
      notices: check.notices, errors: model.summary.errors, threadErrors: model.summary.threadErrors, savedTrace: this.savedTrace,
      network: networkNotice(check.trace.meta.network),
      ...(!this.bridge.standalone && !this.savedTrace && { recordAgain: () => this.bridge.post({ type: 'recordAgain' }) }),
    });
    this.header.setTraceActionsAvailable(true);
    this.header.showRunSummary(check.trace, model);
    this.buildWorkspace(model, restore);
  }

  /** Rebuilds the model on the other time axis, keeping the cursor, rows and layout. */
  private setAxisMode(mode: AxisMode): void {
    if (mode === this.settings.axisMode || !this.trace || !this.scene) return;
    this.settings.axisMode = mode;
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
    this.settings.colourBy = storage;
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
    const colourBy = this.settings.colourBy;
    const known = colourBy > 0 && alsStorages(trace).some((s) => s.storage === colourBy);
    scene.colouring = known ? buildAlsColouring(trace, lanes, colourBy) : null;
    this.root.dataset.colourBy = String(scene.colouring?.storage ?? 0);
    this.toolbar?.setColouring(scene.colouring);
  }

  private buildWorkspace(model: TimelineModel, restore?: TimelineViewState): void {
    const settings = this.settings;
    // Node's own async functions (fs.promises, streams) start collapsed: the program's tasks come first; so does a network of many connections.
    settings.collapsed = new Set(restore?.collapsedGroups ?? collapsedAtFirst(model.lanes));
    const hadFocus = this.body.contains(document.activeElement) ? (document.activeElement as HTMLElement).tagName : '';
    this.toolbar = new Toolbar({
      fit: () => { this.scene?.view.fit(); this.redraw(); this.persistSoon(); },
      zoom: (factor) => { if (this.scene) { this.scene.view.zoomAt(this.scene.view.widthPx / 2, factor); this.redraw(); this.persistSoon(); } },
      step: (dir) => this.step(dir),
      stepTask: (dir) => this.stepTask(dir),
      togglePlay: () => this.playback.toggle(),
      setSpeed: (s) => this.playback.setSpeed(s),
      setAxisMode: (mode) => this.setAxisMode(mode),
      setColourBy: (storage) => this.setColourBy(storage),
    });
    this.toolbar.setAxisMode(settings.axisMode);
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
    this.labels.setAxisMode(settings.axisMode);
    this.tooltip = new Tooltip();
    const canvasWrap = h('div', { class: 'tl-canvas-wrap' });
    const loopPanel = this.loopPanel = new LoopPanel();
    const taskTable = this.taskTable = new TaskTable((lane, seq) => this.chooseLane(lane, seq));
    const consolePane = this.consolePane = new ConsolePane((seq) => this.setCursor(seq));
    consolePane.setModel(model);
    const answersPane = this.answersPane = new AnswersPane({
      pick: (seq, place) => {
        if (seq >= 0) this.setCursor(seq, { reveal: false });
        if (place && !this.bridge.standalone) this.bridge.post({ type: 'revealSource', file: place.file, line: place.line, column: place.column });
        else if (seq >= 0) this.revealSource(seq, 0);
      },
      showPath: (on) => {
        settings.criticalPathShown = on;
        if (this.scene?.answers) this.scene.answers.showPath = on;
        this.redraw();
        this.persistSoon();
      },
    });
    if (this.answers) answersPane.setModel(this.answers, settings.criticalPathShown);
    this.layout.mount(this.toolbar.el, this.labels.el, canvasWrap, () => buildBottomPanes(
      { loop: loopPanel.el, tasks: taskTable.el, answers: answersPane.el, console: consolePane.el },
      this.answers,
      settings.bottomTab,
      (tab) => {
        settings.bottomTab = tab;
        this.taskTable?.setVisible(tab === 'tasks');
        this.persistSoon();
      },
    ));
    Object.assign(this.root.dataset, { lanes: String(model.lanes.lanes.length), events: String(model.summary.events), axis: settings.axisMode });
    if (!deferArrows) this.showArrowCounts(model);

    const viewport = new Viewport(model.axis.width);
    if (restore && restore.viewEnd > restore.viewStart) viewport.set(restore.viewStart, restore.viewEnd);
    const rows = buildViewRows(model.trace, model.lanes, settings.collapsed, settings.contextCollapsed);
    const scene: Scene = {
      model, rows: rows.rows, pinned: rows.pinned, rowOfLane: rowOfLaneMap(model, rows.rows), view: viewport, palette: readPalette(),
      scrollTop: restore?.scrollTop ?? 0, widthPx: 1, heightPx: 1, cursorSeq: -1, highlights: [], selectedLane: -1,
      answers: this.answers ? { pathSeqs: this.answers.pathSeqs, showPath: settings.criticalPathShown, marks: this.answers.marks } : null,
      colouring: null,
    };
    this.applyColouring(scene);
    this.scene = scene;
    this.root.dataset.entryLane = String(rows.entryLane);
    taskTable.setModel(model, laneOrder(model, rows.entryLane));
    taskTable.setVisible(settings.bottomTab === 'tasks');
    // The canvas passes from the last trace's view to this one (see TimelineView: a new one costs a first frame its backing store).
    const canvas = this.view?.release();
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
    }, canvas);
    this.vscroll = new VScroll(AXIS_H, (top) => {
      scene.scrollTop = Math.max(0, Math.min(this.view?.maxScrollTop() ?? 0, top));
      this.redraw();
      this.persistSoon();
    });
    canvasWrap.append(this.tooltip.el, this.vscroll.el);
    this.view.onPainted = () => {
      if (this.paintReportedFor !== model) {
        this.paintReportedFor = model;
        this.bridge.post({ type: 'painted', events: model.trace.events.kind.length, ms: performance.now() - this.traceReceivedAt });
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
    this.layout.apply();
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

  /** The window changed size: keep the split and the name column within bounds, and the labels in step. */
  private fitPanes(): void {
    this.layout.apply();
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
    else if (dir === 1) this.playback.stop();
  }

  private stepTask(dir: 1 | -1): void {
    if (!this.model || !this.scene) return;
    const seq = this.scene.cursorSeq;
    const task = seq >= 0 ? this.model.lanes.taskOfEvent[seq] : -1;
    if (task < 0) return this.step(dir);
    this.setCursor(nextTaskEvent(this.model, seq, task, dir));
  }

  /** `selectEvents`: highlight the events at the editor's line and move to the next one. */
  selectLine(file: string, line: number): void {
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
      setCursor: (seq) => this.setCursor(seq), togglePlay: () => this.playback.toggle(), reveal: (seq) => this.revealSource(seq, 0), persist: () => this.persistSoon(),
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
    const rows = buildViewRows(this.model.trace, this.model.lanes, this.settings.collapsed, this.settings.contextCollapsed);
    this.scene.rows = rows.rows;
    this.scene.pinned = rows.pinned;
    this.scene.rowOfLane = rowOfLaneMap(this.model, rows.rows);
    if (this.view) this.scene.scrollTop = Math.min(this.scene.scrollTop, this.view.maxScrollTop());
    this.redraw();
    this.persistSoon();
  }

  private toggleGroup(key: string): void {
    const collapsed = this.settings.collapsed;
    if (collapsed.has(key)) collapsed.delete(key);
    else collapsed.add(key);
    this.rebuildRows();
  }

  private toggleContext(): void {
    this.settings.contextCollapsed = !this.settings.contextCollapsed;
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

  showFatal(title: string, message: string): void {
    this.model = null;
    this.scene = null;
    this.trace = null;
    this.header.showTitleOnly();
    this.body.replaceChildren(h('div', { class: 'tl-scroll-area' }, h('div', { class: 'tl-fatal', role: 'alert' }, h('h2', {}, title), message)));
  }

  showPlaceholder(message: string): void {
    this.header.showTitleOnly();
    this.body.replaceChildren(h('div', { class: 'tl-scroll-area' }, h('div', { class: 'tl-fatal tl-placeholder' }, message)));
  }

  // ─────────────────────────── saved state ───────────────────────────

  private currentState(): TimelineViewState | null {
    return this.scene ? this.settings.stateOf(this.scene) : null;
  }

  stateToKeep(): TimelineViewState | undefined {
    return this.currentState() ?? this.bridge.getState();
  }

  savedState(): TimelineViewState | undefined {
    return this.bridge.getState();
  }

  persistSoon(): void {
    this.saver.soon();
  }

  private showArrowCounts(model: TimelineModel): void {
    const c = model.arrows.counts;
    Object.assign(this.root.dataset, {
      arrowsResume: String(c.resume), arrowsSpawn: String(c.spawn), arrowsCombinator: String(c.combinator), arrowsYield: String(c.yield), arrowsIo: String(c.io),
    });
  }
}

/** Every lane, in the order they are drawn (entry first, groups expanded): the tasks table's rows. */
function laneOrder(model: TimelineModel, entryLane: number): number[] {
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

function formatTime(model: TimelineModel, seq: number): string {
  const t = model.trace.events.t[seq];
  return t < 1000 ? `${t} ms` : `${(t / 1000).toFixed(3)} s`;
}

export type { ScannableTrace };
