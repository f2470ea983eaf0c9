/**
 * The lane names beside the canvas, as DOM (so they are real text: selectable, read by screen
 * readers, clickable to collapse a group). Only the rows in view exist in the DOM, so a trace
 * with thousands of tasks costs a screenful of elements.
 */
import { rowLabel, type Row, type TimelineModel } from '../core/viewmodel/index';
import { h } from './dom';
import { AXIS_H, ROW_H } from './scene';

export class LaneLabels {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;

  constructor(private readonly onToggleGroup: (name: string) => void) {
    this.list = h('div', { role: 'list', 'aria-label': 'Lanes' });
    this.el = h('div', { class: 'tl-labels' },
      h('div', { class: 'tl-labels-axis', style: `height:${AXIS_H}px` }, 'virtual time ▸', h('br'), 'macrotasks ▸'),
      this.list);
  }

  render(model: TimelineModel, rows: readonly Row[], scrollTop: number, heightPx: number, selectedLane: number): void {
    const first = Math.max(0, Math.floor(scrollTop / ROW_H));
    const last = Math.min(rows.length - 1, Math.ceil((scrollTop + heightPx) / ROW_H));
    const items: HTMLElement[] = [];
    const threaded = model.lanes.threads.length > 1;
    for (let r = first; r <= last; r++) {
      const row = rows[r];
      const top = AXIS_H + r * ROW_H - scrollTop;
      const style = `top:${top}px;height:${ROW_H}px`;
      if (row.kind === 'group') {
        const group = model.lanes.groups[row.group];
        const button = h('button', { type: 'button', 'aria-expanded': String(!row.collapsed), title: row.collapsed ? 'Expand group' : 'Collapse group' },
          `${row.collapsed ? '▸' : '▾'} ${rowLabel(model.lanes, row)}`);
        button.addEventListener('click', () => this.onToggleGroup(group.key));
        items.push(h('div', { class: `tl-label${threaded ? ' tl-in-thread' : ''}`, role: 'listitem', style, 'data-group': group.key, 'data-count': group.lanes.length }, button));
      } else if (row.kind === 'thread' || row.kind === 'cores') {
        const text = rowLabel(model.lanes, row);
        const title = row.kind === 'cores'
          ? `How many threads run on a core at each moment (at most ${model.occupancy?.maxCount ?? 0} at once)`
          : `${text}: the line is its lifetime, the bars are when it runs`;
        items.push(h('div', { class: `tl-label tl-thread-head${row.kind === 'cores' ? ' tl-cores' : ''}`, role: 'listitem', style, title }, text));
      } else {
        const lane = model.lanes.lanes[row.lane];
        const classes = ['tl-label', row.nested ? 'tl-nested' : '', threaded ? 'tl-in-thread' : '',
          lane.kind === 'task' || lane.kind === 'script' ? '' : 'tl-loop-lane', row.lane === selectedLane ? 'tl-selected' : ''];
        items.push(h('div', {
          class: classes.filter(Boolean).join(' '), role: 'listitem', style, title: lane.label,
          'data-lane-kind': lane.kind, 'data-task-name': lane.group || undefined,
        }, lane.label));
      }
    }
    this.list.replaceChildren(...items);
  }
}
