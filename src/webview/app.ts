/**
 * The timeline application: holds the view state (zoom, cursor, collapsed groups, scroll),
 * answers host messages, and keeps the canvas, lane labels, event-loop panel, console and
 * status line in step with the cursor. Builds its own DOM inside the given root, so the
 * extension's webview HTML and the standalone export only need to load the script and style.
 */
import type { TraceFile } from '../core/trace/format';
import {
  buildRows, buildTimeline, checkTrace, eventsAtLine, formatSite, nextStep, nextTaskEvent, summaryText, type Row, type TimelineModel,
} from '../core/viewmodel/index';
import type { HostToWebview, TimelineViewState } from '../shared/protocol';
import { makeComparison, type CompareView } from './compare-view';
import { ConsolePane } from './console-pane';
import { debugHandle } from './debug-handle';
import { h } from './dom';
import { handleKey } from './keys';
import type { HostBridge } from './host-bridge';
import { LaneLabels } from './lane-labels';
import { LoopPanel } from './loop-panel';
import { AXIS_H, ROW_H, rowOfLaneMap, type Scene } from './scene';
import { applyThemeClass, readPalette, watchTheme } from './theme';
import { TimelineView } from './timeline-view';
import { Toolbar } from './toolbar';
import { Tooltip } from './tooltip';
import { Viewport } from './viewport';
import { VScroll } from './vscroll';

const PERSIST_DELAY_MS = 250;
/** Above this many events, arrows are built after the first paint. */
const DEFER_ARROWS_OVER_EVENTS = 200_000;

export class App {
  private readonly root: HTMLElement;
  private readonly top: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly banners: HTMLElement;
  private readonly status: HTMLElement;
  private readonly body: HTMLElement;
  private model: TimelineModel | null = null;
  private scene: Scene | null = null;
  private view: TimelineView | null = null;
  private labels: LaneLabels | null = null;
  private loopPanel: LoopPanel | null = null;
  private consolePane: ConsolePane | null = null;
  private toolbar: Toolbar | null = null;
  private tooltip: Tooltip | null = null;
  private collapsed = new Set<string>();
  private playTimer: number | undefined;
  private speed = 5;
  private persistTimer: number | undefined;
  private firstPaintDone = false;
  /** The file the shown run came from (kept in the saved state for the panel serializer). */
  private sourceUri: string | undefined;
  private compareView: CompareView | null = null;
  private vscroll: VScroll | null = null;

  constructor(mount: HTMLElement, private readonly bridge: HostBridge) {
    this.summary = h('p', { class: 'tl-summary', role: 'status', 'aria-label': 'Run summary' }, 'Waiting for a trace…');
    this.banners = h('div', { class: 'tl-banners' });
    this.top = h('header', { class: 'tl-top' }, this.summary, this.banners);
    this.body = h('div', { class: 'tl-body', style: 'display:contents' });
    this.status = h('div', { class: 'tl-status', 'aria-live': 'polite', 'aria-label': 'Selected event' });
    this.root = h('div', { class: 'tl-app' }, this.top, this.body, this.status);
    mount.append(this.root);
    watchTheme(() => this.onThemeChanged());
  }

  /** A host message (VS Code only; the standalone file calls showTrace directly). */
  handle(message: HostToWebview): void {
    switch (message.type) {
      case 'init':
        if (message.theme) applyThemeClass(message.theme);
        if (message.sourceUri !== undefined) this.sourceUri = message.sourceUri;
        if (message.comparison) this.showComparison(message.comparison, message.comparisonSources);
        else if (message.trace) this.showTrace(message.trace, message.state ?? this.bridge.getState());
        else this.showPlaceholder('Nothing has run yet. Use “Async Timeline: Visualize concurrency” (or ▶ Visualize concurrency above an async function) to see a timeline here.');
        break;
      case 'showTrace':
        if (message.sourceUri !== undefined) this.sourceUri = message.sourceUri;
        this.showTrace(message.trace, this.currentState() ?? undefined);
        break;
      case 'showComparison':
        this.showComparison(message.runs, message.sources);
        break;
      case 'runStatus':
        this.setStatus(message.status === 'running' ? `Running ${message.file ?? 'the program'}…` : `Run ${message.status}${message.message ? `: ${message.message}` : ''}`);
        break;
      case 'runError':
        this.showBanner(`The run failed: ${message.message}${message.location ? ` (${message.location.file}:${message.location.line}:${message.location.column})` : ''}`, true);
        if (!this.model) this.showFatal('The program could not be run', message.message);
        break;
      case 'selectEvents':
        this.selectLine(message.file, message.line);
        break;
      case 'setTheme':
        applyThemeClass(message.kind);
        break;
    }
  }

  /**
   * Compare mode: validates every run and shows them on one time scale. `sources` (the files
   * compared, from the host) are saved as the panel's state, so a reload can run them again.
   */
  showComparison(value: unknown, sources?: string[]): void {
    this.stopPlaying();
    window.clearTimeout(this.persistTimer);
    if (sources && sources.length >= 2) this.bridge.setState({ compareSources: sources });
    const made = makeComparison(value);
    if ('error' in made) {
      this.showFatal('These runs cannot be compared', made.error);
      this.bridge.post({ type: 'webviewError', message: made.error });
      return;
    }
    this.model = this.scene = null;
    this.banners.replaceChildren();
    this.summary.replaceChildren(h('span', { class: 'tl-summary-file' }, `Comparing ${made.count} runs`), made.headline);
    this.compareView = made.view;
    this.body.replaceChildren(made.view.el);
    Object.assign(this.root.dataset, { runs: String(made.count), firstPaintMs: String(Math.round(performance.now())) });
    this.setStatus('Each band is one run on the same virtual-time scale; rows are its tasks (blue running, outline waiting, red blocked).');
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
    let model: TimelineModel;
    try {
      model = buildTimeline(check.trace);
    } catch (err) {
      const message = `The trace could not be laid out: ${err instanceof Error ? err.message : String(err)}`;
      this.showFatal('This trace cannot be shown', message);
      this.bridge.post({ type: 'webviewError', message });
      return;
    }
    this.model = model;
    this.banners.replaceChildren();
    for (const notice of check.notices) this.showBanner(notice, false);
    for (const error of model.summary.errors) this.showBanner(`The program ended with an error:\n${error}`, true);
    for (const error of model.summary.threadErrors) this.showBanner(`A worker thread ended with an error (its parent got it as an 'error' event):\n${error}`, false);
    this.summary.replaceChildren(
      h('span', { class: 'tl-summary-file' }, check.trace.meta.entry || 'trace'),
      summaryText(model.summary),
    );
    this.summary.setAttribute('aria-label', `Run summary: ${summaryText(model.summary)}`);
    this.buildWorkspace(model, restore);
  }

  private buildWorkspace(model: TimelineModel, restore?: TimelineViewState): void {
    this.collapsed = new Set(restore?.collapsedGroups ?? []);
    this.toolbar = new Toolbar({
      fit: () => { this.scene?.view.fit(); this.redraw(); },
      zoom: (factor) => { if (this.scene) { this.scene.view.zoomAt(this.scene.view.widthPx / 2, factor); this.redraw(); } },
      step: (dir) => this.step(dir),
      stepTask: (dir) => this.stepTask(dir),
      togglePlay: () => this.togglePlay(),
      setSpeed: (s) => { this.speed = s; if (this.playTimer !== undefined) { this.stopPlaying(); this.togglePlay(); } },
    });
    // A large trace paints its lanes first and its arrows right after (they take a pass over
    // every event and are hidden at fit-to-view anyway); a small one builds them now.
    const deferArrows = model.summary.events > DEFER_ARROWS_OVER_EVENTS;
    if (!deferArrows) void model.arrows;
    this.toolbar.setModel(model);
    this.labels = new LaneLabels((name) => this.toggleGroup(name));
    this.tooltip = new Tooltip();
    const canvasWrap = h('div', { class: 'tl-canvas-wrap' });
    this.loopPanel = new LoopPanel();
    this.consolePane = new ConsolePane((seq) => this.setCursor(seq));
    this.consolePane.setModel(model);
    const main = h('div', { class: 'tl-main' }, this.labels.el, canvasWrap);
    this.body.replaceChildren(h('div', { class: 'tl-toolbar-row', style: 'padding:4px 10px;border-bottom:1px solid var(--tl-border)' }, this.toolbar.el), main,
      h('div', { class: 'tl-bottom' }, this.loopPanel.el, this.consolePane.el));
    Object.assign(this.root.dataset, { lanes: String(model.lanes.lanes.length), events: String(model.summary.events) });
    if (!deferArrows) this.showArrowCounts(model);

    const viewport = new Viewport(model.axis.width);
    if (restore && restore.viewEnd > restore.viewStart) viewport.set(restore.viewStart, restore.viewEnd);
    const rows = buildRows(model.lanes, this.collapsed);
    const scene: Scene = {
      model, rows, rowOfLane: rowOfLaneMap(model, rows), view: viewport, palette: readPalette(), scrollTop: restore?.scrollTop ?? 0,
      widthPx: 1, heightPx: 1, cursorSeq: -1, highlights: [], selectedLane: -1,
    };
    this.scene = scene;
    this.view = new TimelineView(canvasWrap, {
      onSelect: (hit) => {
        this.setCursor(hit.seq, { reveal: false });
        this.revealSource(hit.seq, hit.segment >= 0 ? model.lanes.lanes[hit.lane].segments.site[hit.segment] : 0);
      },
      onHover: (hit, px, py) => {
        if (hit && this.model) this.tooltip?.show(this.model, hit, px, py, canvasWrap.clientWidth);
        else if (!this.tooltip?.showRow(scene, px, py, canvasWrap.clientWidth)) this.tooltip?.hide();
      },
      onViewChanged: () => { this.renderLabels(); this.persistSoon(); },
      onKey: (e) => this.onKey(e),
    });
    this.vscroll = new VScroll(AXIS_H, (top) => {
      scene.scrollTop = Math.max(0, Math.min(this.view?.maxScrollTop(scene.rows.length) ?? 0, top));
      this.redraw();
      this.persistSoon();
    });
    canvasWrap.append(this.tooltip.el, this.vscroll.el);
    this.view.onPainted = () => {
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
    if (!restore || restore.viewEnd <= restore.viewStart) viewport.fit();
    this.view.setScene(this.scene);
    this.setCursor(restore && restore.cursorSeq < model.summary.events ? restore.cursorSeq : -1, { reveal: false, announce: false });
    this.setStatus(this.bridge.standalone
      ? 'Click a segment or marker to see its source location; ← → step through events.'
      : 'Click a segment or marker to open its source; ← → step through events.');
    // A handle for tests and the render benchmark.
    (window as unknown as { asyncTimeline?: unknown }).asyncTimeline = debugHandle({
      scene: () => this.scene, view: () => this.view, setCursor: (seq) => this.setCursor(seq), state: () => this.currentState(),
    });
    // Saved at once (not only after the first zoom), so a reload finds the file (sourceUri) to run again.
    this.persistSoon();
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
    if (seq >= 0 && opts.announce !== false) {
      const where = formatSite(model.trace, model.lanes.siteOfEvent[seq]);
      this.setStatus(`Step ${seq} of ${n - 1} at ${formatTime(model, seq)}: ${model.describe(seq)}`, where);
      this.bridge.post({ type: 'cursorChanged', seq, location: this.locationOf(model.lanes.siteOfEvent[seq]) });
    }
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
  }

  private toggleGroup(name: string): void {
    if (!this.scene || !this.model) return;
    if (this.collapsed.has(name)) this.collapsed.delete(name);
    else this.collapsed.add(name);
    this.scene.rows = buildRows(this.model.lanes, this.collapsed);
    this.scene.rowOfLane = rowOfLaneMap(this.model, this.scene.rows);
    this.redraw();
    this.persistSoon();
  }

  // ─────────────────────────── output ───────────────────────────

  private redraw(): void {
    this.view?.requestPaint();
    this.renderLabels();
  }

  private renderLabels(): void {
    const scene = this.scene;
    if (!scene || !this.labels || !this.view) return;
    this.labels.render(scene.model, scene.rows as Row[], scene.scrollTop, this.view.heightPx, scene.selectedLane);
    this.vscroll?.update(scene.rows.length * ROW_H + 8, this.view.heightPx - AXIS_H, scene.scrollTop);
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

  private showBanner(text: string, isError: boolean): void {
    this.banners.append(h('div', { class: `tl-banner${isError ? ' tl-error' : ''}`, role: isError ? 'alert' : 'note' }, text));
  }

  private showFatal(title: string, message: string): void {
    this.model = null;
    this.scene = null;
    this.summary.textContent = 'Async Timeline';
    this.body.replaceChildren(h('div', { style: 'flex:1 1 auto;overflow:auto' }, h('div', { class: 'tl-fatal', role: 'alert' }, h('h2', {}, title), message)));
  }

  private showPlaceholder(message: string): void {
    this.summary.textContent = 'Async Timeline';
    this.body.replaceChildren(h('div', { style: 'flex:1 1 auto;overflow:auto' }, h('div', { class: 'tl-fatal', style: 'border-color:var(--tl-border)' }, message)));
  }

  private currentState(): TimelineViewState | null {
    const scene = this.scene;
    if (!scene) return null;
    return {
      viewStart: scene.view.x0, viewEnd: scene.view.x1, cursorSeq: scene.cursorSeq, collapsedGroups: [...this.collapsed], scrollTop: scene.scrollTop,
      ...(this.sourceUri !== undefined ? { sourceUri: this.sourceUri } : {}),
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
      arrowsResume: String(c.resume), arrowsSpawn: String(c.spawn), arrowsCombinator: String(c.combinator), arrowsYield: String(c.yield),
    });
  }
}

function formatTime(model: TimelineModel, seq: number): string {
  const t = model.trace.events.t[seq];
  return t < 1000 ? `${t} ms` : `${(t / 1000).toFixed(3)} s`;
}

export type { TraceFile };
