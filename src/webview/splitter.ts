/**
 * A draggable, keyboard-operable splitter (the WAI-ARIA "window splitter" pattern): a focusable
 * role=separator with aria-valuenow; drag it, or use the arrow keys (Shift: bigger steps), Home
 * and End; Enter collapses and restores (when `collapsible`). It only reports sizes; the owner
 * applies and remembers them.
 */
import { h } from './dom';

export interface SplitterOptions {
  /** 'horizontal': a bar between a top and a bottom area (drag up/down). 'vertical': between columns. */
  orientation: 'horizontal' | 'vertical';
  label: string;
  min: number;
  /** Largest size now (it depends on the window). */
  max(): number;
  /** The size of the area the splitter resizes, in CSS px. */
  size(): number;
  setSize(px: number): void;
  /** A bottom pane grows when the bar moves up: sizes run against the pointer. */
  inverted?: boolean;
  collapsible?: { collapsed(): boolean; toggle(): void };
}

export class Splitter {
  readonly el: HTMLElement;

  constructor(private readonly o: SplitterOptions) {
    this.el = h('div', {
      class: `tl-splitter tl-splitter-${o.orientation}`, role: 'separator', tabindex: 0,
      'aria-orientation': o.orientation, 'aria-label': o.label, 'aria-valuemin': o.min,
      title: `${o.label}: drag, or use the arrow keys${o.collapsible ? '; Enter hides and shows' : ''}`,
    });
    this.el.addEventListener('pointerdown', (e) => this.drag(e));
    this.el.addEventListener('keydown', (e) => this.key(e));
    this.el.addEventListener('dblclick', () => o.collapsible?.toggle());
    this.update();
  }

  /** Refreshes aria-valuenow / aria-valuemax (after a resize or a collapse). */
  update(): void {
    this.el.setAttribute('aria-valuenow', String(Math.round(this.o.collapsible?.collapsed() ? 0 : this.o.size())));
    this.el.setAttribute('aria-valuemax', String(Math.round(Math.max(this.o.min, this.o.max()))));
    if (this.o.collapsible) this.el.setAttribute('aria-expanded', String(!this.o.collapsible.collapsed()));
  }

  private set(px: number): void {
    this.o.setSize(Math.max(this.o.min, Math.min(this.o.max(), px)));
    this.update();
  }

  private drag(e: PointerEvent): void {
    if (e.button !== 0) return;
    e.preventDefault();
    const horizontal = this.o.orientation === 'horizontal';
    const start = horizontal ? e.clientY : e.clientX;
    const from = this.o.collapsible?.collapsed() ? 0 : this.o.size();
    this.el.setPointerCapture(e.pointerId);
    this.el.classList.add('tl-dragging');
    const move = (m: PointerEvent): void => {
      const d = (horizontal ? m.clientY : m.clientX) - start;
      if (this.o.collapsible?.collapsed() && Math.abs(d) > 4) this.o.collapsible.toggle();
      this.set(from + (this.o.inverted ? -d : d));
    };
    const up = (): void => {
      this.el.removeEventListener('pointermove', move);
      this.el.removeEventListener('pointerup', up);
      this.el.removeEventListener('pointercancel', up);
      this.el.classList.remove('tl-dragging');
    };
    this.el.addEventListener('pointermove', move);
    this.el.addEventListener('pointerup', up);
    this.el.addEventListener('pointercancel', up);
  }

  private key(e: KeyboardEvent): void {
    const step = e.shiftKey ? 64 : 16;
    const grow = this.o.orientation === 'horizontal' ? (this.o.inverted ? 'ArrowUp' : 'ArrowDown') : (this.o.inverted ? 'ArrowLeft' : 'ArrowRight');
    const shrink = this.o.orientation === 'horizontal' ? (this.o.inverted ? 'ArrowDown' : 'ArrowUp') : (this.o.inverted ? 'ArrowRight' : 'ArrowLeft');
    if (e.key === grow) this.set(this.o.size() + step);
    else if (e.key === shrink) this.set(this.o.size() - step);
    else if (e.key === 'Home') this.set(this.o.min);
    else if (e.key === 'End') this.set(this.o.max());
    else if (e.key === 'Enter' && this.o.collapsible) { this.o.collapsible.toggle(); this.update(); }
    else return;
    e.preventDefault();
  }
}
