/**
 * "Event loop at the cursor": the call stack and every queue after the selected step, the way
 * JS Visualizer 9000 shows them, but computed from the real trace (core/viewmodel/loop-state).
 */
import { formatDuration, formatSite, threadNames, type LoopItem, type LoopState, type TimelineModel } from '../core/viewmodel/index';
import { h } from './dom';

/** Queues longer than this show their head and a count: the panel must stay responsive. */
const MAX_ITEMS = 40;

export class LoopPanel {
  readonly el: HTMLElement;
  private readonly head: HTMLElement;
  private readonly grid: HTMLElement;

  constructor() {
    this.head = h('div', { class: 'tl-loop-head' });
    this.grid = h('div', { class: 'tl-loop-grid' });
    this.el = h('section', { class: 'tl-loop', 'aria-label': 'Event loop at the cursor' }, h('h3', {}, 'Event loop at the cursor'), this.head, this.grid);
  }

  /** Thread names of the model shown (a trace with simulated threads), made once per model. */
  private names: { model: TimelineModel; names: Map<number, string> | null } | undefined;

  render(model: TimelineModel, state: LoopState): void {
    const step = state.seq < 0 ? 'before the first event' : `after step ${state.seq}`;
    if (this.names?.model !== model) this.names = { model, names: model.occupancy !== null ? threadNames(model.trace) : null };
    // Each simulated thread has its own loop: say whose this is.
    const names = this.names.names;
    const thread = names ? `thread: ${names.get(state.thread) ?? `thread ${state.thread}`} · ` : '';
    this.head.textContent = `${thread}${step} · ${formatDuration(state.time)}${state.macrotask ? ` · macrotask: ${state.macrotask}` : ' · between macrotasks'}${state.blocked ? ' · BLOCKED by synchronous work' : ''}`;
    const site = (item: LoopItem): string => (item.site ? ` — ${formatSite(model.trace, item.site)}` : '');
    const section = <T extends LoopItem>(title: string, cls: string, items: readonly T[], text: (item: T) => string): HTMLElement => {
      const shown = items.slice(0, MAX_ITEMS).map((item) => h('li', { title: text(item) }, text(item)));
      if (items.length > MAX_ITEMS) shown.push(h('li', { class: 'tl-empty' }, `… and ${items.length - MAX_ITEMS} more`));
      if (items.length === 0) shown.push(h('li', { class: 'tl-empty' }, 'empty'));
      return h('div', { class: `tl-loop-section ${cls}`, 'data-section': cls.replace('tl-', '') },
        h('h4', {}, `${title} (${items.length})`), h('ol', {}, ...shown));
    };
    const stackTopFirst = state.stack.slice().reverse();
    this.grid.replaceChildren(
      section('Call stack', 'tl-stack', stackTopFirst, (item) => `${item.label}${site(item)}`),
      section('nextTick queue', 'tl-ticks', state.ticks, (item) => `${item.label}${site(item)}`),
      section('Microtask queue', 'tl-micro', state.microtasks, (item) => `${item.label}${site(item)}`),
      section('Timers', 'tl-timers', state.timers, (item) => `${item.label} → due ${formatDuration(item.due)}`),
      section('Immediates', 'tl-immediates', state.immediates, (item) => `${item.label}${site(item)}`),
      section('Pending I/O', 'tl-io', state.io, (item) => `${item.label}${site(item)}`),
    );
  }
}
