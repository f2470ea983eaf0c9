/**
 * The Answers tab (issue 11): the critical path and time by cause, then what was left over,
 * floating promises and blocking — each row a button that moves the cursor to its event (and
 * opens its source). A checkbox draws the critical path on the canvas. Every string is user
 * data and goes in as text (dom.ts).
 */
import type { AnswerRow, AnswersModel, AnswerSection } from '../core/viewmodel/index';
import { h } from './dom';

const SECTION_TITLES: Record<AnswerSection, string> = {
  path: 'Critical path',
  leftovers: 'Leftovers',
  floating: 'Floating promises',
  blocking: 'Blocking',
};

const EMPTY: Record<AnswerSection, string> = {
  path: 'No virtual time passed.',
  leftovers: 'Nothing was left waiting.',
  floating: 'Every promise was awaited or handled.',
  blocking: 'Nothing blocked the event loop that long.',
};

export interface AnswersPaneActions {
  /** Move the cursor to an event and open its source (`line`: a place, when the row has one). */
  pick(seq: number, place?: { file: string; line: number; column: number }): void;
  /** Show or hide the critical path on the canvas. */
  showPath(on: boolean): void;
}

export class AnswersPane {
  readonly el: HTMLElement;

  constructor(private readonly actions: AnswersPaneActions) {
    this.el = h('div', { class: 'tl-answers', 'aria-label': 'Answers from this run' });
  }

  setModel(answers: AnswersModel, pathShown: boolean): void {
    const toggle = h('input', { type: 'checkbox', id: 'tl-answers-path-toggle', checked: pathShown });
    toggle.addEventListener('change', () => this.actions.showPath(toggle.checked));
    const header = h('div', { class: 'tl-answers-head' },
      h('p', { class: 'tl-answers-headline' }, answers.headline),
      h('p', { class: 'tl-answers-causes' }, answers.timeByCause),
      h('label', { class: 'tl-answers-toggle', for: 'tl-answers-path-toggle' }, toggle, ' Show the critical path on the timeline'),
    );
    const sections: HTMLElement[] = [];
    for (const section of Object.keys(SECTION_TITLES) as AnswerSection[]) {
      const rows = answers.rows.filter((r) => r.section === section);
      const title = section === 'blocking' ? `${SECTION_TITLES[section]} (≥ ${answers.analysis.blockingThresholdMs} ms)` : SECTION_TITLES[section];
      const list = rows.length
        ? h('ul', {}, ...rows.map((r) => this.row(r)))
        : h('p', { class: 'tl-answers-empty' }, EMPTY[section]);
      sections.push(h('section', { class: `tl-answers-section tl-answers-${section}`, 'data-count': rows.length }, h('h4', {}, `${title}${rows.length ? ` · ${rows.length}` : ''}`), list));
    }
    this.el.replaceChildren(header, ...sections);
    this.el.dataset.findings = String(answers.analysis.findings.length);
  }

  private row(r: AnswerRow): HTMLElement {
    const where = r.place ? `${r.place.file}:${r.place.line}` : '';
    const button = h('button', { type: 'button', class: `tl-answer tl-answer-${r.severity}`, 'data-kind': r.kind, disabled: r.seq < 0 && !r.place },
      h('span', { class: 'tl-answer-text' }, r.text),
      where ? h('span', { class: 'tl-answer-where' }, ` ${where}`) : null,
    );
    button.addEventListener('click', () => this.actions.pick(r.seq, r.place));
    const details = r.details.map((d) => {
      const b = h('button', { type: 'button', class: 'tl-answer-detail', disabled: d.seq < 0 && !d.place }, `↳ ${d.text}${d.place ? ` (${d.place.file}:${d.place.line})` : ''}`);
      b.addEventListener('click', () => this.actions.pick(d.seq, d.place));
      return h('li', {}, b);
    });
    return h('li', {}, button, details.length ? h('ul', { class: 'tl-answer-details' }, ...details) : null);
  }
}
