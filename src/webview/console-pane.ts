/**
 * The program's output, each line tied to the event that printed it: clicking a line moves
 * the cursor there; moving the cursor marks the last line printed so far (and dims the lines
 * not printed yet at that step).
 *
 * A program can print a million lines, so the list is virtual: lines have a fixed height and
 * only those in view (plus a margin) exist in the DOM.
 */
import { consoleLineAt, formatDuration, type TimelineModel } from '../core/viewmodel/index';
import { h } from './dom';

const LINE_H = 18;
const OVERSCAN = 20;

export class ConsolePane {
  readonly el: HTMLElement;
  private readonly list: HTMLOListElement;
  private model: TimelineModel | null = null;
  private cursorSeq = -1;
  private current = -1;
  private frame = 0;

  constructor(private readonly onPick: (seq: number) => void) {
    this.list = h('ol', { 'aria-label': 'Program output' });
    this.el = h('section', { class: 'tl-console', 'aria-label': 'Console output' }, h('h3', {}, 'Console'), this.list);
    this.el.addEventListener('scroll', () => {
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => this.renderVisible());
    });
  }

  setModel(model: TimelineModel): void {
    this.model = model;
    this.current = -1;
    this.cursorSeq = -1;
    this.list.style.height = `${model.console.length * LINE_H}px`;
    if (model.console.length === 0) this.list.replaceChildren(h('li', { class: 'tl-future tl-static' }, 'The program printed nothing.'));
    else this.renderVisible();
  }

  /** Marks the line printed at or before `seq`, scrolling it into view. */
  setCursor(seq: number): void {
    if (!this.model) return;
    this.cursorSeq = seq;
    const index = consoleLineAt(this.model.console, seq);
    if (index !== this.current) {
      this.current = index;
      if (index >= 0) {
        const top = this.list.offsetTop + index * LINE_H;
        const pane = this.el;
        if (top < pane.scrollTop || top > pane.scrollTop + pane.clientHeight - LINE_H * 2) pane.scrollTop = top - pane.clientHeight / 2;
      }
    }
    this.renderVisible();
  }

  private renderVisible(): void {
    const model = this.model;
    if (!model || model.console.length === 0) return;
    const lines = model.console;
    const scroll = Math.max(0, this.el.scrollTop - this.list.offsetTop);
    const first = Math.max(0, Math.floor(scroll / LINE_H) - OVERSCAN);
    const last = Math.min(lines.length - 1, Math.ceil((scroll + (this.el.clientHeight || 400)) / LINE_H) + OVERSCAN);
    const { t } = model.trace.events;
    const items: HTMLLIElement[] = [];
    for (let i = first; i <= last; i++) {
      const line = lines[i];
      const classes = [line.stream === 'stderr' ? 'tl-stderr' : '', line.seq > this.cursorSeq ? 'tl-future' : '', i === this.current ? 'tl-current' : ''];
      const li = h('li', {
        tabindex: i === this.current ? 0 : -1, class: classes.filter(Boolean).join(' ') || undefined, 'data-seq': line.seq,
        'aria-current': i === this.current ? 'step' : undefined, style: `top:${i * LINE_H}px`, title: line.text || undefined,
      }, h('span', { class: 'tl-when' }, formatDuration(t[line.seq])), h('span', { class: 'tl-text' }, line.text));
      li.addEventListener('click', () => this.onPick(line.seq));
      li.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          this.onPick(line.seq);
        }
      });
      items.push(li);
    }
    this.list.replaceChildren(...items);
  }
}
