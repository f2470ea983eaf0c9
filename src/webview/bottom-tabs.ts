/**
 * The bottom panes: the left one is a tab list (event loop | tasks | answers, the WAI-ARIA tabs
 * pattern: ← → move between tabs) and the console sits beside it.
 */
import type { AnswersModel } from '../core/viewmodel/answers';
import { h } from './dom';
import type { BottomTab } from './view-state';

export interface BottomPanes {
  loop: HTMLElement;
  tasks: HTMLElement;
  answers: HTMLElement;
  console: HTMLElement;
}

/** Builds the panes with `initial` selected; `onSelect` hears every choice, the first included. */
export function buildBottomPanes(panes: BottomPanes, answers: AnswersModel | null, initial: BottomTab, onSelect: (tab: BottomTab) => void): HTMLElement {
  const tabs: Record<BottomTab, { tab: HTMLButtonElement; panel: HTMLElement }> = {
    loop: { tab: h('button', { type: 'button', role: 'tab', id: 'tl-tab-loop', 'aria-controls': 'tl-panel-loop' }, 'Event loop'), panel: panes.loop },
    tasks: { tab: h('button', { type: 'button', role: 'tab', id: 'tl-tab-tasks', 'aria-controls': 'tl-panel-tasks' }, 'Tasks'), panel: panes.tasks },
    answers: { tab: h('button', { type: 'button', role: 'tab', id: 'tl-tab-answers', 'aria-controls': 'tl-panel-answers' }, answersTabLabel(answers)), panel: panes.answers },
  };
  const panels = (Object.keys(tabs) as BottomTab[]).map((key) => {
    const panel = h('div', { role: 'tabpanel', id: `tl-panel-${key}`, 'aria-labelledby': `tl-tab-${key}`, class: 'tl-tabpanel', tabindex: key === 'tasks' ? undefined : 0 }, tabs[key].panel);
    return [key, panel] as const;
  });
  const select = (key: BottomTab, focus = false): void => {
    for (const [k, panel] of panels) {
      const on = k === key;
      panel.hidden = !on;
      tabs[k].tab.setAttribute('aria-selected', String(on));
      tabs[k].tab.tabIndex = on ? 0 : -1;
      if (on && focus) tabs[k].tab.focus();
    }
    onSelect(key);
  };
  for (const key of Object.keys(tabs) as BottomTab[]) {
    tabs[key].tab.addEventListener('click', () => select(key));
    tabs[key].tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      e.preventDefault();
      const order = Object.keys(tabs) as BottomTab[];
      const next = (order.indexOf(key) + (e.key === 'ArrowRight' ? 1 : order.length - 1)) % order.length;
      select(order[next], true);
    });
  }
  const tablist = h('div', { role: 'tablist', 'aria-label': 'Bottom panes', class: 'tl-tabs' }, tabs.loop.tab, tabs.tasks.tab, tabs.answers.tab);
  const left = h('section', { class: 'tl-bottom-left', 'aria-label': 'Event loop and tasks' }, tablist, ...panels.map(([, p]) => p));
  select(initial);
  return h('div', { class: 'tl-bottom' }, left, panes.console);
}

/** `Answers`, with how many findings (warnings) there are: `Answers · 2`. */
function answersTabLabel(answers: AnswersModel | null): string {
  const n = answers ? answers.analysis.findings.filter((f) => f.severity === 'warning').length : 0;
  return n > 0 ? `Answers · ${n}` : 'Answers';
}
