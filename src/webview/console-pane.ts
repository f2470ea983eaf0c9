/**
 * The program's output, each line tied to the event that printed it: clicking a line moves
 * the cursor there; moving the cursor marks the last line printed so far (and dims the rest,
 * which has not been printed yet at that step).
 */
import { consoleLineAt, formatDuration, type TimelineModel } from '../core/viewmodel/index';
import { h } from './dom';

/** Beyond this many lines the pane lists the first ones only (the timeline still marks all). */
const MAX_LINES = 5000;

export class ConsolePane {
  readonly el: HTMLElement;
  private readonly list: HTMLOListElement;
  private items: HTMLLIElement[] = [];
  private current = -1;
  private model: TimelineModel | null = null;

  constructor(private readonly onPick: (seq: number) => void) {
    this.list = h('ol', { 'aria-label': 'Program output' });
    this.el = h('section', { class: 'tl-console', 'aria-label': 'Console output' }, h('h3', {}, 'Console'), this.list);
  }

  setModel(model: TimelineModel): void {
    this.model = model;
    const lines = model.console.slice(0, MAX_LINES);
    const { t } = model.trace.events;
    this.items = lines.map((line) => {
      const li = h('li', { tabindex: -1, class: line.stream === 'stderr' ? 'tl-stderr' : undefined, 'data-seq': line.seq },
        h('span', { class: 'tl-when' }, formatDuration(t[line.seq])), h('span', { class: 'tl-text' }, line.text));
      li.addEventListener('click', () => this.onPick(line.seq));
      li.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          this.onPick(line.seq);
        }
      });
      return li;
    });
    if (model.console.length > MAX_LINES) this.items.push(h('li', { class: 'tl-future' }, `… ${model.console.length - MAX_LINES} more lines`));
    if (model.console.length === 0) this.list.replaceChildren(h('li', { class: 'tl-future' }, 'The program printed nothing.'));
    else this.list.replaceChildren(...this.items);
    this.current = -1;
  }

  /** Marks the line printed at or before `seq`. */
  setCursor(seq: number): void {
    if (!this.model) return;
    const index = consoleLineAt(this.model.console, seq);
    const lines = this.model.console;
    for (let i = 0; i < this.items.length && i < lines.length; i++) {
      this.items[i].classList.toggle('tl-future', lines[i].seq > seq);
    }
    if (index === this.current) return;
    this.items[this.current]?.classList.remove('tl-current');
    this.items[this.current]?.removeAttribute('aria-current');
    this.current = index;
    const item = this.items[index];
    if (item) {
      item.classList.add('tl-current');
      item.setAttribute('aria-current', 'step');
      item.tabIndex = 0;
      const pane = this.el;
      if (item.offsetTop < pane.scrollTop || item.offsetTop > pane.scrollTop + pane.clientHeight - 20) pane.scrollTop = item.offsetTop - pane.clientHeight / 2;
    }
  }
}
