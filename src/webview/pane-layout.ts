/**
 * The workspace's panes, top to bottom: the toolbar row, the lanes (names | canvas, with a
 * resizable name column), a splitter with the hide/show button, the bottom panes. The split and
 * the name column are sizes in the view settings; they are kept within what the window allows.
 */
import { h } from './dom';
import { Splitter } from './splitter';
import type { ViewSettings } from './view-state';

/** The lanes keep at least this much height; the bottom panes at least MIN_BOTTOM when shown. */
const MIN_MAIN = 96;
const MIN_BOTTOM = 72;
const MIN_LABELS = 80;

export class PaneLayout {
  private bottomEl: HTMLElement | null = null;
  private labelsEl: HTMLElement | null = null;
  private splitters: Splitter[] = [];

  /** `persist` is called after every size the user chooses. */
  constructor(
    private readonly root: HTMLElement,
    private readonly body: HTMLElement,
    private readonly settings: ViewSettings,
    private readonly persist: () => void,
  ) {}

  /** Fills the body: the toolbar row, the lanes, the splitter and the bottom panes `buildBottom` makes. */
  mount(toolbar: HTMLElement, labels: HTMLElement, canvasWrap: HTMLElement, buildBottom: () => HTMLElement): void {
    this.labelsEl = labels;
    const labelSplitter = new Splitter({
      orientation: 'vertical', label: 'Width of the lane names', min: MIN_LABELS,
      max: () => Math.max(MIN_LABELS, this.root.clientWidth - 160), size: () => this.labelsEl?.getBoundingClientRect().width ?? 160,
      setSize: (px) => { this.settings.labelWidth = Math.round(px); this.apply(); this.persist(); },
    });
    const main = h('div', { class: 'tl-main' }, labels, labelSplitter.el, canvasWrap);
    const bottom = buildBottom();
    const split = new Splitter({
      orientation: 'horizontal', label: 'Size of the event loop, tasks and console panes', min: MIN_BOTTOM, inverted: true,
      max: () => this.maxBottom(), size: () => (this.settings.bottomCollapsed ? 0 : this.settings.bottomSize),
      setSize: (px) => { this.settings.bottomSize = Math.round(px); this.apply(); this.persist(); },
      collapsible: { collapsed: () => this.settings.bottomCollapsed, toggle: () => this.setBottomCollapsed(!this.settings.bottomCollapsed) },
    });
    const collapseButton = h('button', { type: 'button', class: 'tl-collapse-bottom' });
    collapseButton.addEventListener('click', () => this.setBottomCollapsed(!this.settings.bottomCollapsed));
    const splitBar = h('div', { class: 'tl-split-bar' }, split.el, collapseButton);
    this.splitters = [labelSplitter, split];
    this.bottomEl = bottom;
    this.body.replaceChildren(h('div', { class: 'tl-toolbar-row' }, toolbar), main, splitBar, bottom);
  }

  /** Applies the split and the name column, within what the window allows now. */
  apply(): void {
    if (!this.bottomEl || !this.labelsEl) return;
    const settings = this.settings;
    if (settings.bottomSize <= 0) settings.bottomSize = Math.round(Math.max(MIN_BOTTOM, Math.min(260, (this.body.clientHeight || window.innerHeight) * 0.3)));
    const size = Math.max(MIN_BOTTOM, Math.min(this.maxBottom(), settings.bottomSize));
    this.bottomEl.hidden = settings.bottomCollapsed;
    this.bottomEl.style.height = `${size}px`;
    if (settings.labelWidth <= 0) settings.labelWidth = Math.round(Math.max(140, Math.min(220, window.innerWidth * 0.16)));
    const width = Math.max(MIN_LABELS, Math.min(Math.max(MIN_LABELS, this.root.clientWidth - 160), settings.labelWidth));
    this.labelsEl.style.width = `${width}px`;
    const button = this.body.querySelector<HTMLButtonElement>('.tl-collapse-bottom');
    if (button) {
      button.textContent = settings.bottomCollapsed ? '▴ Show event loop, tasks & console' : '▾ Hide';
      button.setAttribute('aria-expanded', String(!settings.bottomCollapsed));
      button.setAttribute('aria-label', settings.bottomCollapsed ? 'Show the event loop, tasks and console panes' : 'Hide the event loop, tasks and console panes');
    }
    this.root.dataset.bottomCollapsed = String(settings.bottomCollapsed);
    for (const s of this.splitters) s.update();
  }

  private setBottomCollapsed(collapsed: boolean): void {
    this.settings.bottomCollapsed = collapsed;
    this.apply();
    this.persist();
  }

  private maxBottom(): number {
    const bodyH = this.body.clientHeight || window.innerHeight;
    const toolbarH = (this.body.querySelector('.tl-toolbar-row') as HTMLElement | null)?.offsetHeight ?? 30;
    return Math.max(MIN_BOTTOM, bodyH - toolbarH - MIN_MAIN - 8);
  }
}
