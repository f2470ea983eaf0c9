/**
 * The program's output, each line tied to the event that printed it: clicking a line moves
 * the cursor there; moving the cursor marks the last line printed so far (and sets the lines
 * not printed yet at that step in italics, at full contrast).
 *
 * A program can print a million lines, so the list is virtual: lines have a fixed height and
 * only those in view (plus a margin) exist in the DOM. Long lines scroll horizontally (the pane
 * scrolls both ways; nothing is cut with "…").
 *
 * Keyboard: the list is one tab stop (the current line, else the first); ↑ ↓ Home End move the
 * cursor line by line, and focus follows across re-renders.
 */
import { consoleLineAt, formatDuration, type TimelineModel } from '../core/viewmodel/index';
import { h } from './dom';

const LINE_H = 18;
const OVERSCAN = 20;

export class ConsolePane {
  readonly el: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly scroller: HTMLElement;
  private model: TimelineModel | null = null;
  private cursorSeq = -1;
  private current = -1;
  /** The line that holds the tab stop (the current line, else the last one focused, else the first). */
  private tabStop = 0;
  private frame = 0;

  constructor(private readonly onPick: (seq: number) => void) {
    this.list = h('ol', { 'aria-label': 'Program output, one item per line' });
    this.scroller = h('div', { class: 'tl-console-scroll' }, this.list);
    this.el = h('section', { class: 'tl-console', 'aria-label': 'Console output' }, h('h3', { id: 'tl-console-title' }, 'Console'), this.scroller);
    this.scroller.addEventListener('scroll', () => {
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => this.renderVisible());
    });
    this.list.addEventListener('keydown', (e) => this.onKey(e));
  }

  setModel(model: TimelineModel): void {
    this.model = model;
    this.current = -1;
    this.cursorSeq = -1;
    this.tabStop = 0;
    this.list.style.height = `${model.console.length * LINE_H}px`;
    if (model.console.length === 0) this.list.replaceChildren(h('li', { class: 'tl-static tl-empty' }, 'The program printed nothing.'));
    else this.renderVisible();
  }

  /**
   * Marks the line printed at or before `seq`. It scrolls only when that line is out of view
   * (a click on a visible line never moves the list under the pointer).
   */
  setCursor(seq: number): void {
    if (!this.model) return;
    this.cursorSeq = seq;
    const index = consoleLineAt(this.model.console, seq);
    if (index !== this.current) {
      this.current = index;
      if (index >= 0) {
        this.tabStop = index;
        this.scrollLineIntoView(index);
      }
    }
    this.renderVisible();
  }

  /** Scrolls the least needed for line `index` to be fully visible. */
  private scrollLineIntoView(index: number): void {
    const pane = this.scroller;
    const top = index * LINE_H;
    const view = pane.clientHeight;
    if (view <= 0) return;
    if (top < pane.scrollTop) pane.scrollTop = top;
    else if (top + LINE_H > pane.scrollTop + view) pane.scrollTop = top + LINE_H - view;
  }

  private onKey(e: KeyboardEvent): void {
    const model = this.model;
    if (!model || model.console.length === 0) return;
    const li = (e.target as HTMLElement).closest<HTMLElement>('li[data-index]');
    const at = li ? Number(li.dataset.index) : this.tabStop;
    let to: number;
    if (e.key === 'ArrowDown') to = Math.min(model.console.length - 1, at + 1);
    else if (e.key === 'ArrowUp') to = Math.max(0, at - 1);
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = model.console.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.onPick(model.console[at].seq);
      return;
    } else return;
    e.preventDefault();
    this.tabStop = to;
    this.scrollLineIntoView(to);
    this.onPick(model.console[to].seq);
    this.renderVisible();
    this.list.querySelector<HTMLElement>(`li[data-index="${to}"]`)?.focus({ preventScroll: true });
  }

  private renderVisible(): void {
    const model = this.model;
    if (!model || model.console.length === 0) return;
    const lines = model.console;
    const focusedIndex = this.list.contains(document.activeElement) ? Number((document.activeElement as HTMLElement).dataset.index ?? -1) : -1;
    const scroll = Math.max(0, this.scroller.scrollTop);
    const first = Math.max(0, Math.floor(scroll / LINE_H) - OVERSCAN);
    const last = Math.min(lines.length - 1, Math.ceil((scroll + (this.scroller.clientHeight || 400)) / LINE_H) + OVERSCAN);
    const tabStop = Math.min(this.tabStop, lines.length - 1);
    const { t } = model.trace.events;
    const items: HTMLLIElement[] = [];
    for (let i = first; i <= last; i++) {
      const line = lines[i];
      const future = line.seq > this.cursorSeq;
      const classes = [line.stream === 'stderr' ? 'tl-stderr' : '', future ? 'tl-future' : '', i === this.current ? 'tl-current' : ''];
      const li = h('li', {
        tabindex: i === tabStop ? 0 : -1, class: classes.filter(Boolean).join(' ') || undefined, 'data-seq': line.seq, 'data-index': i,
        'aria-current': i === this.current ? 'step' : undefined, style: `top:${i * LINE_H}px`, title: line.text || undefined,
        'aria-label': `${formatDuration(t[line.seq])}${line.stream === 'stderr' ? ', stderr' : ''}${future ? ', not printed yet at the cursor' : ''}: ${line.text}`,
      }, h('span', { class: 'tl-when' }, formatDuration(t[line.seq])), h('span', { class: 'tl-text' }, line.text));
      li.addEventListener('click', () => {
        this.tabStop = i;
        this.onPick(line.seq);
      });
      items.push(li);
    }
    this.list.replaceChildren(...items);
    // The tab stop must exist even when it is scrolled out of the rendered window.
    if (tabStop < first || tabStop > last) {
      const li = items[0];
      if (li) li.tabIndex = 0;
    }
    if (focusedIndex >= 0) this.list.querySelector<HTMLElement>(`li[data-index="${focusedIndex}"]`)?.focus({ preventScroll: true });
  }
}
