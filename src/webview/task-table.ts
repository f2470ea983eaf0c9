/**
 * The canvas's accessible companion: a table with one row per lane — its name, its state at
 * the cursor, since when, and what it waits on — kept in step with the selection both ways
 * (moving the cursor marks the selected lane's row; choosing a row selects that lane's event
 * at the cursor). A screen reader reads the timeline from here; the keyboard moves through it
 * with ↑ ↓ (one tab stop, roving), Enter selects.
 *
 * Rendered only while visible (its tab is chosen), and capped: a trace with tens of thousands
 * of tasks lists the first MAX_ROWS lanes and says how many more there are.
 */
import type { TimelineModel } from '../core/viewmodel/index';
import { formatSpan, laneStateAt } from '../core/viewmodel/companion';
import { h } from './dom';

const MAX_ROWS = 2000;

export class TaskTable {
  readonly el: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly note: HTMLElement;
  private model: TimelineModel | null = null;
  private cursorSeq = -1;
  private selectedLane = -1;
  /** Lanes in row order (the table's order: as drawn, entry first). */
  private order: number[] = [];
  private visible = false;
  private dirty = true;

  constructor(private readonly onChoose: (lane: number, seq: number) => void) {
    this.body = h('tbody', {});
    this.note = h('p', { class: 'tl-table-note' });
    const head = h('thead', {}, h('tr', {}, ...['Lane', 'State at the cursor', 'Time', 'Waiting on'].map((t) => h('th', { scope: 'col' }, t))));
    const table = h('table', { class: 'tl-task-table', 'aria-label': 'Tasks at the cursor: one row per lane of the timeline' }, head, this.body);
    this.el = h('div', { class: 'tl-task-table-wrap' }, table, this.note);
    this.body.addEventListener('keydown', (e) => this.onKey(e));
  }

  setModel(model: TimelineModel, order: number[]): void {
    this.model = model;
    this.order = order;
    this.dirty = true;
    this.renderIfVisible();
  }

  setCursor(seq: number, selectedLane: number): void {
    this.cursorSeq = seq;
    this.selectedLane = selectedLane;
    this.dirty = true;
    this.renderIfVisible();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.renderIfVisible();
  }

  private renderIfVisible(): void {
    if (!this.visible || !this.dirty || !this.model) return;
    this.dirty = false;
    const model = this.model;
    const focusedLane = this.body.contains(document.activeElement) ? Number((document.activeElement as HTMLElement).dataset.lane ?? -1) : -1;
    const lanes = this.order.slice(0, MAX_ROWS);
    const tabLane = lanes.includes(this.selectedLane) ? this.selectedLane : lanes[0];
    const rows = lanes.map((lane) => {
      const s = laneStateAt(model, lane, this.cursorSeq);
      const label = model.lanes.lanes[lane].label;
      const selected = lane === this.selectedLane;
      const tr = h('tr', {
        tabindex: lane === tabLane ? 0 : -1, 'data-lane': lane, 'data-state': s.state, 'aria-selected': String(selected),
        class: selected ? 'tl-selected' : undefined,
      }, h('th', { scope: 'row' }, label), h('td', {}, h('span', { class: `tl-state-icon tl-state-${s.state.toLowerCase().replace(/[^a-z]+/g, '-')}`, 'aria-hidden': 'true' }), s.state),
      h('td', {}, formatSpan(s)), h('td', {}, s.waitsOn));
      tr.addEventListener('click', () => this.choose(lane));
      return tr;
    });
    this.body.replaceChildren(...rows);
    this.note.textContent = this.order.length > MAX_ROWS ? `… and ${this.order.length - MAX_ROWS} more lanes (the first ${MAX_ROWS} are listed).` : '';
    if (focusedLane >= 0) this.body.querySelector<HTMLElement>(`tr[data-lane="${focusedLane}"]`)?.focus({ preventScroll: true });
    // Keep the selected row in view by scrolling the pane only (scrollIntoView could scroll the page itself).
    const selected = this.body.querySelector<HTMLElement>('tr.tl-selected');
    const pane = this.el.closest<HTMLElement>('.tl-tabpanel');
    if (selected && pane) {
      const top = selected.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop;
      const head = (this.el.querySelector('thead') as HTMLElement | null)?.offsetHeight ?? 0;
      if (top - head < pane.scrollTop) pane.scrollTop = Math.max(0, top - head);
      else if (top + selected.offsetHeight > pane.scrollTop + pane.clientHeight) pane.scrollTop = top + selected.offsetHeight - pane.clientHeight;
    }
  }

  private choose(lane: number): void {
    const model = this.model;
    if (!model) return;
    const s = laneStateAt(model, lane, this.cursorSeq);
    if (s.seq >= 0) this.onChoose(lane, s.seq);
  }

  private onKey(e: KeyboardEvent): void {
    const tr = (e.target as HTMLElement).closest<HTMLElement>('tr[data-lane]');
    if (!tr) return;
    let next: Element | null;
    if (e.key === 'ArrowDown') next = tr.nextElementSibling;
    else if (e.key === 'ArrowUp') next = tr.previousElementSibling;
    else if (e.key === 'Home') next = this.body.firstElementChild;
    else if (e.key === 'End') next = this.body.lastElementChild;
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.choose(Number(tr.dataset.lane));
      return;
    } else return;
    e.preventDefault();
    if (next instanceof HTMLElement) {
      for (const row of this.body.querySelectorAll<HTMLElement>('tr[tabindex="0"]')) row.tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
      this.choose(Number(next.dataset.lane));
    }
  }
}
