/**
 * The toolbar (fit, zoom, step, follow task, play at a speed, the time-axis toggle) and the
 * legend with the arrow counts. Buttons only call back; the app decides what they do.
 *
 * It stays one row at any width: items that do not fit move, last first, into a "More" menu
 * (a button with aria-haspopup; Escape closes it and gives focus back). Toggle buttons say
 * their state with aria-pressed.
 *
 * "Colour by" (shown when the run used AsyncLocalStorage): the bars in their state's colour, or
 * in the colour of the store of one AsyncLocalStorage (src/core/viewmodel/als.ts); the legend then
 * lists the store values. Store labels come from the trace: they are put in as text only.
 */
import { alsStorages, SegState, type AlsColouring, type AxisMode, type TimelineModel } from '../core/viewmodel/index';
import { h } from './dom';
import { STORE_COLOURS } from './theme';

/** Store values the legend lists by name; the rest are counted. */
const LEGEND_VALUES = 12;

export interface ToolbarActions {
  fit(): void;
  zoom(factor: number): void;
  step(dir: 1 | -1): void;
  stepTask(dir: 1 | -1): void;
  togglePlay(): void;
  setSpeed(stepsPerSecond: number): void;
  setAxisMode(mode: AxisMode): void;
  /** 0: colour by state; n: by the store of AsyncLocalStorage number n. */
  setColourBy(storage: number): void;
}

export const SPEEDS = [1, 2, 5, 10, 30];

export class Toolbar {
  readonly el: HTMLElement;
  private readonly row: HTMLElement;
  private readonly items: HTMLElement[];
  private readonly moreButton: HTMLButtonElement;
  private readonly menu: HTMLElement;
  private readonly playButton: HTMLButtonElement;
  private readonly legend: HTMLElement;
  private readonly axisButtons: Record<AxisMode, HTMLButtonElement>;
  private readonly colourSelect: HTMLSelectElement;
  private readonly colourItem: HTMLElement;
  private model: TimelineModel | null = null;
  private colouring: AlsColouring | null = null;
  private layoutFrame = 0;

  constructor(actions: ToolbarActions) {
    const button = (label: string, title: string, onClick: () => void, extra: Record<string, string> = {}): HTMLButtonElement => {
      const b = h('button', { type: 'button', title, 'aria-label': title, ...extra }, label);
      b.addEventListener('click', onClick);
      return b;
    };
    this.playButton = button('▶ Play', 'Play: step forward automatically (Space)', () => actions.togglePlay(), { 'aria-pressed': 'false' });
    const speed = h('select', { 'aria-label': 'Playback speed (steps per second)', title: 'Playback speed' },
      ...SPEEDS.map((s) => h('option', { value: s, selected: s === 5 }, `${s} steps/s`)));
    speed.addEventListener('change', () => actions.setSpeed(Number(speed.value)));
    this.axisButtons = {
      compressed: button('Compressed', 'Time axis: idle gaps compressed, every step opened (order and time)', () => actions.setAxisMode('compressed'), { 'aria-pressed': 'true' }),
      linear: button('Linear', 'Time axis: linear, proportional to virtual time', () => actions.setAxisMode('linear'), { 'aria-pressed': 'false' }),
    };
    const axisGroup = h('div', { class: 'tl-segmented', role: 'group', 'aria-label': 'Time axis' },
      h('span', { class: 'tl-segmented-label', 'aria-hidden': 'true' }, 'Axis:'), this.axisButtons.compressed, this.axisButtons.linear);
    this.legend = h('div', { class: 'tl-legend', role: 'group', 'aria-label': 'Legend' });
    this.colourSelect = h('select', { class: 'tl-colour-by', 'aria-label': 'Colour the bars by', title: 'Colour the bars by their state, or by the store of an AsyncLocalStorage' });
    this.colourSelect.addEventListener('change', () => actions.setColourBy(Number(this.colourSelect.value)));
    const colourGroup = h('label', { class: 'tl-segmented' }, h('span', { class: 'tl-segmented-label' }, 'Colour by:'), this.colourSelect);
    this.items = [
      button('Fit', 'Fit the whole run in view (F)', () => actions.fit()),
      button('−', 'Zoom out (-, or Ctrl+wheel)', () => actions.zoom(1 / 1.6)),
      button('+', 'Zoom in (+, or Ctrl+wheel)', () => actions.zoom(1.6)),
      button('◀', 'Step back (←)', () => actions.step(-1)),
      button('▶', 'Step forward (→)', () => actions.step(1)),
      this.playButton,
      axisGroup,
      button('◀ task', 'Previous event of the selected task (Shift+←)', () => actions.stepTask(-1)),
      button('task ▶', 'Next event of the selected task (Shift+→)', () => actions.stepTask(1)),
      colourGroup,
      speed,
      this.legend,
    ].map((el) => h('div', { class: 'tl-toolbar-item' }, el));
    this.colourItem = this.items.find((item) => item.contains(colourGroup))!;
    this.menu = h('div', { class: 'tl-toolbar-menu', role: 'group', 'aria-label': 'More timeline controls', hidden: true });
    this.moreButton = button('⋯', 'More controls', () => this.toggleMenu(), { 'aria-haspopup': 'true', 'aria-expanded': 'false' });
    this.moreButton.classList.add('tl-more');
    this.row = h('div', { class: 'tl-toolbar', role: 'toolbar', 'aria-label': 'Timeline controls' }, ...this.items, this.moreButton);
    this.el = h('div', { class: 'tl-toolbar-host' }, this.row, this.menu);
    this.menu.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        this.closeMenu();
        this.moreButton.focus();
      }
    });
    new ResizeObserver(() => {
      cancelAnimationFrame(this.layoutFrame);
      this.layoutFrame = requestAnimationFrame(() => this.layout());
    }).observe(this.el);
  }

  /** Puts every item in the row, then moves the last ones into the menu until the row fits. */
  layout(): void {
    const wasOpen = !this.menu.hidden;
    for (const item of this.items) this.row.insertBefore(item, this.moreButton);
    this.moreButton.hidden = true;
    const fits = (): boolean => this.row.scrollWidth <= this.row.clientWidth + 1;
    if (!fits()) {
      this.moreButton.hidden = false;
      // Last items leave first; at least the first item stays (a handful of reflows: ≤ 11 items).
      for (let i = this.items.length - 1; i > 0 && !fits(); i--) this.menu.prepend(this.items[i]);
    }
    if (this.menu.children.length === 0) this.closeMenu();
    else if (wasOpen) this.menu.hidden = false;
    this.el.dataset.overflow = String(this.menu.children.length);
  }

  private toggleMenu(): void {
    if (this.menu.hidden) {
      this.menu.hidden = false;
      this.moreButton.setAttribute('aria-expanded', 'true');
      this.menu.querySelector<HTMLElement>('button, select')?.focus();
    } else {
      this.closeMenu();
    }
  }

  private closeMenu(): void {
    this.menu.hidden = true;
    this.moreButton.setAttribute('aria-expanded', 'false');
  }

  setPlaying(playing: boolean): void {
    this.playButton.textContent = playing ? '⏸ Pause' : '▶ Play';
    this.playButton.setAttribute('aria-pressed', String(playing));
  }

  setAxisMode(mode: AxisMode): void {
    for (const [m, b] of Object.entries(this.axisButtons)) b.setAttribute('aria-pressed', String(m === mode));
  }

  /** The colouring shown (null: by state): the select follows, the legend lists its store values. */
  setColouring(colouring: AlsColouring | null): void {
    this.colouring = colouring;
    this.colourSelect.value = String(colouring?.storage ?? 0);
    if (this.model) this.setModel(this.model);
  }

  setModel(model: TimelineModel): void {
    if (this.model !== model) {
      this.model = model;
      const storages = alsStorages(model.trace);
      this.colourItem.hidden = storages.length === 0;
      this.colourSelect.replaceChildren(
        h('option', { value: '0' }, 'state (default)'),
        ...storages.map((s) => h('option', { value: String(s.storage) }, s.label)),
      );
      this.colourSelect.value = String(this.colouring?.storage ?? 0);
    }
    if (this.colouring) {
      this.legend.replaceChildren(...this.storeLegend(this.colouring));
      this.layout();
      return;
    }
    // Each swatch shows the state's shape cue too (style.css: .tl-swatch-*), as the canvas draws it.
    const swatch = (state: string, label: string): HTMLElement =>
      h('span', { class: 'tl-legend-item' }, h('span', { class: `tl-swatch tl-swatch-${state}`, 'aria-hidden': 'true' }), label);
    const c = model.arrowsReady() ? model.arrows.counts : null;
    const arrowText = !c ? 'arrows: computing…'
      : `arrows: ${c.resume} settle→resume · ${c.spawn} spawn · ${c.combinator} combinator${c.yield ? ` · ${c.yield} yield` : ''}${c.io ? ` · ${c.io} I/O→callback` : ''}`;
    const { lanes } = model;
    const ioLanes = [...lanes.poolLanes, ...lanes.processLanes];
    // Pool threads compute on a core for crypto and zlib: the computing swatch explains their bars too.
    const computes = model.occupancy !== null || lanes.poolLanes.some((l) => lanes.lanes[l].segments.state.includes(SegState.Computing));
    this.legend.replaceChildren(
      swatch('running', 'running'),
      swatch('callback', 'callback'),
      swatch('suspended', 'waiting'),
      swatch('queued', 'queued'),
      swatch('blocked', 'blocked'),
      ...(computes ? [swatch('computing', 'computing (on a core)')] : []),
      ...(ioLanes.length > 0 ? [swatch('io', 'I/O (outside JavaScript)')] : []),
      h('span', { class: 'tl-arrow-counts', 'data-resume': c?.resume, 'data-spawn': c?.spawn, 'data-combinator': c?.combinator, 'data-yield': c?.yield, 'data-io': c?.io }, arrowText),
    );
    this.layout();
  }

  /** The store values in their colours (most used first is not needed: first seen first, as the colours go), then "no store". */
  private storeLegend(colouring: AlsColouring): HTMLElement[] {
    const item = (colour: string | null, text: string, title: string): HTMLElement => {
      const swatch = h('span', { class: `tl-swatch tl-swatch-store${colour === null ? ' tl-swatch-no-store' : ''}`, 'aria-hidden': 'true' });
      // CSSOM, not a style attribute: the CSP allows it, and the colour is ours, not the trace's.
      if (colour !== null) swatch.style.backgroundColor = colour;
      const el = h('span', { class: 'tl-legend-item tl-store-value', title }, swatch, text);
      return el;
    };
    const shown = colouring.values.slice(0, LEGEND_VALUES).map((value, v) =>
      item(STORE_COLOURS[v % STORE_COLOURS.length], value, `${value}: ${colouring.slices[v]} run slice${colouring.slices[v] === 1 ? '' : 's'}`));
    const more = colouring.values.length - shown.length;
    return [
      ...shown,
      ...(more > 0 ? [h('span', { class: 'tl-legend-item' }, `+${more} more (colours repeat every ${STORE_COLOURS.length})`)] : []),
      ...(colouring.slicesWithout > 0 ? [item(null, 'no store', `${colouring.slicesWithout} run slices without a store`)] : []),
    ];
  }
}
