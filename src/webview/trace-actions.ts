/**
 * The panel's trace actions: "Save trace…" (the versioned trace as a `.async-timeline.json`
 * file, to reopen in VS Code or send to a colleague) and "Open in Perfetto…" (the run as Chrome
 * Trace Event JSON, with how to open it). Buttons only post a message; the host shows the save
 * dialog and writes the file. Inside VS Code only: the standalone page has no host to save with.
 */
import type { WebviewToHost } from '../shared/protocol';
import { h } from './dom';

export class TraceActions {
  readonly el: HTMLElement;

  constructor(post: (message: WebviewToHost) => void) {
    const button = (label: string, title: string, message: WebviewToHost): HTMLButtonElement => {
      const b = h('button', { type: 'button', class: 'tl-action', title, 'aria-label': title, 'data-action': message.type }, label);
      b.addEventListener('click', () => post(message));
      return b;
    };
    this.el = h('div', { class: 'tl-trace-actions', role: 'group', 'aria-label': 'Save and export', hidden: true },
      button('Save trace…', 'Save trace…: this trace as a .async-timeline.json file, to reopen in VS Code or send', { type: 'saveTrace' }),
      button('Open in Perfetto…', 'Open in Perfetto…: save this run as Chrome Trace Event JSON for ui.perfetto.dev or Chrome DevTools', { type: 'openInPerfetto' }),
    );
  }

  /** Shown while a single run's trace is on screen (not for a comparison, an error or nothing). */
  setAvailable(available: boolean): void {
    this.el.hidden = !available;
  }
}
