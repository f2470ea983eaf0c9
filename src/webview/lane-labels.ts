/**
 * The lane names beside the canvas, as DOM (so they are real text: selectable, read by screen
 * readers, clickable to collapse a group). Only the rows in view exist in the DOM, so a trace
 * with thousands of tasks costs a screenful of elements.
 *
 * One geometry with the canvas (scene.ts: rowTop), and one scroll position: the app's
 * `scene.scrollTop`. The column itself never keeps a scroll offset of its own — when the browser
 * scrolls it (Tab onto a half-hidden group button scrolls it into view), the offset is handed to
 * the app as a lane scroll and the column is put back at 0, so names cannot drift off their lanes.
 */
import type { TimelineModel } from '../core/viewmodel/index';
import { viewRowLabel, type ViewRow } from '../core/viewmodel/view-rows';
import { h } from './dom';
import { AXIS_H, ROW_H, rowTop, visibleRows, type Scene } from './scene';

export interface LaneLabelEvents {
  toggleGroup(key: string): void;
  toggleContext(): void;
  /** The column was scrolled by the browser (focus) or the wheel: scroll the lanes by `dy` px. */
  scrollBy(dy: number): void;
  /** A wheel event over the names: treated as over the canvas. */
  wheel(event: WheelEvent): void;
}

export class LaneLabels {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private readonly axisLabel: HTMLElement;

  constructor(private readonly events: LaneLabelEvents) {
    this.list = h('div', { role: 'list', 'aria-label': 'Lanes', class: 'tl-labels-list' });
    this.axisLabel = h('div', { class: 'tl-labels-axis', style: `height:${AXIS_H}px` });
    this.el = h('div', { class: 'tl-labels' }, this.list, this.axisLabel);
    this.el.addEventListener('scroll', () => {
      const dy = this.el.scrollTop;
      if (dy === 0) return;
      this.el.scrollTop = 0;
      this.events.scrollBy(dy);
    });
    this.el.addEventListener('wheel', (e) => this.events.wheel(e), { passive: false });
  }

  /** The axis header: which time scale is shown (plain text, not a control). */
  setAxisMode(mode: 'compressed' | 'linear'): void {
    this.axisLabel.replaceChildren(
      h('div', { title: mode === 'linear' ? 'Time axis: linear' : 'Time axis: idle gaps compressed (each drawn as a break with its length)' }, mode === 'linear' ? 'time: linear' : 'time: compressed'),
      h('div', {}, 'macrotasks'));
  }

  render(scene: Scene, heightPx: number): void {
    const model = scene.model;
    // Keep keyboard focus on the same row's control across the re-render.
    const focused = this.list.contains(document.activeElement) ? (document.activeElement as HTMLElement).closest<HTMLElement>('[data-key]')?.dataset.key : undefined;
    const items: HTMLElement[] = [];
    const threaded = model.lanes.threads.length > 1;
    for (const r of visibleRows({ ...scene, heightPx })) {
      const row = scene.rows[r];
      const top = rowTop(scene, r);
      items.push(this.item(model, row, r, `top:${top}px;height:${ROW_H}px`, threaded, scene.selectedLane, r < scene.pinned));
    }
    this.list.replaceChildren(...items);
    if (focused) this.list.querySelector<HTMLElement>(`[data-key="${CSS.escape(focused)}"] button`)?.focus({ preventScroll: true });
    if (this.el.scrollTop !== 0) this.el.scrollTop = 0;
  }

  private item(model: TimelineModel, row: ViewRow, index: number, style: string, threaded: boolean, selectedLane: number, pinned: boolean): HTMLElement {
    const text = viewRowLabel(model.lanes, row);
    if (row.kind === 'group' || row.kind === 'context') {
      const key = row.kind === 'group' ? `group:${model.lanes.groups[row.group].key}` : 'context';
      const what = row.kind === 'context' ? 'the rest of the run' : 'group';
      const button = h('button', {
        type: 'button', 'aria-expanded': String(!row.collapsed),
        'aria-label': `${row.collapsed ? 'Expand' : 'Collapse'} ${what}: ${text}`, title: `${text} — ${row.collapsed ? 'expand' : 'collapse'}`,
      }, `${row.collapsed ? '▸' : '▾'} ${text}`);
      button.addEventListener('click', () => {
        if (row.kind === 'group') this.events.toggleGroup(model.lanes.groups[row.group].key);
        else this.events.toggleContext();
      });
      const attrs: Record<string, string | number | undefined> = {
        class: `tl-label tl-group-label${threaded ? ' tl-in-thread' : ''}${row.kind === 'context' ? ' tl-context' : ''}`,
        role: 'listitem', style, 'data-key': key, 'data-row': index,
      };
      if (row.kind === 'group') {
        attrs['data-group'] = model.lanes.groups[row.group].key;
        attrs['data-count'] = model.lanes.groups[row.group].lanes.length;
      }
      return h('div', attrs, button);
    }
    if (row.kind === 'thread' || row.kind === 'cores') {
      const title = row.kind === 'cores'
        ? `How many threads run on a core at each moment (at most ${model.occupancy?.maxCount ?? 0} at once)`
        : `${text}: the line is its lifetime, the bars are when it runs`;
      return h('div', { class: `tl-label tl-thread-head${row.kind === 'cores' ? ' tl-cores' : ''}`, role: 'listitem', style, title, 'data-row': index }, text);
    }
    const lane = model.lanes.lanes[row.lane];
    const classes = ['tl-label', row.nested ? 'tl-nested' : '', threaded ? 'tl-in-thread' : '',
      lane.kind === 'task' || lane.kind === 'script' ? '' : 'tl-loop-lane', row.lane === selectedLane ? 'tl-selected' : '',
      row.entry ? 'tl-entry' : '', pinned ? 'tl-pinned' : ''];
    const title = row.entry ? `${lane.label} — the function you visualized: its call, pinned at the top` : lane.label;
    return h('div', {
      class: classes.filter(Boolean).join(' '), role: 'listitem', style, title,
      'aria-current': row.lane === selectedLane ? 'true' : undefined,
      'data-lane-kind': lane.kind, 'data-task-name': lane.group || undefined, 'data-lane': row.lane, 'data-row': index,
    }, row.entry ? h('span', { class: 'tl-entry-mark', 'aria-label': 'entry call:' }, '▶') : null, h('span', { class: 'tl-label-text' }, lane.label));
  }
}
