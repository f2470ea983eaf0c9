/**
 * A real, visible vertical scrollbar for the lanes when they do not fit: the canvas scrolls
 * by itself (shift+wheel, drag, ↑ ↓), which nobody discovers without a scrollbar. This is a
 * thin native scroller beside the canvas whose content is as tall as the rows; the app keeps
 * its position and the canvas's scrollTop in step, both ways.
 */
import { h } from './dom';

export class VScroll {
  readonly el: HTMLElement;
  private readonly spacer: HTMLElement;
  /** Set while we move it ourselves, so our own change is not reported back. */
  private syncing = false;

  constructor(top: number, onScroll: (scrollTop: number) => void) {
    this.spacer = h('div', { class: 'tl-vscroll-spacer' });
    // Not a tab stop (a scrollable box is focusable by default): the keyboard scrolls the canvas itself.
    this.el = h('div', { class: 'tl-vscroll', style: `top:${top}px`, 'aria-hidden': 'true', tabindex: -1, hidden: true }, this.spacer);
    this.el.addEventListener('scroll', () => {
      if (this.syncing) { this.syncing = false; return; }
      onScroll(this.el.scrollTop);
    });
  }

  /** Content and viewport heights in CSS px, and the current scroll; hidden when everything fits. */
  update(contentPx: number, viewportPx: number, scrollTop: number): void {
    const overflow = contentPx > viewportPx + 1;
    this.el.hidden = !overflow;
    if (!overflow) return;
    this.spacer.style.height = `${contentPx}px`;
    if (Math.abs(this.el.scrollTop - scrollTop) >= 1) {
      this.syncing = true;
      this.el.scrollTop = scrollTop;
    }
  }
}
