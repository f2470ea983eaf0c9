/**
 * The toolbar (fit, zoom, step, follow task, play at a speed) and the colour legend with the
 * arrow counts. Buttons only call back; the app decides what they do.
 */
import type { TimelineModel } from '../core/viewmodel/index';
import { h } from './dom';

export interface ToolbarActions {
  fit(): void;
  zoom(factor: number): void;
  step(dir: 1 | -1): void;
  stepTask(dir: 1 | -1): void;
  togglePlay(): void;
  setSpeed(stepsPerSecond: number): void;
}

export const SPEEDS = [1, 2, 5, 10, 30];

export class Toolbar {
  readonly el: HTMLElement;
  private readonly playButton: HTMLButtonElement;
  private readonly legend: HTMLElement;

  constructor(actions: ToolbarActions) {
    const button = (label: string, title: string, onClick: () => void): HTMLButtonElement => {
      const b = h('button', { type: 'button', title, 'aria-label': title }, label);
      b.addEventListener('click', onClick);
      return b;
    };
    this.playButton = button('▶ Play', 'Play: step forward automatically (Space)', () => actions.togglePlay());
    const speed = h('select', { 'aria-label': 'Playback speed (steps per second)', title: 'Playback speed' },
      ...SPEEDS.map((s) => h('option', { value: s, selected: s === 5 }, `${s} steps/s`)));
    speed.addEventListener('change', () => actions.setSpeed(Number(speed.value)));
    this.legend = h('div', { class: 'tl-legend', 'aria-label': 'Legend' });
    this.el = h('div', { class: 'tl-toolbar', role: 'toolbar', 'aria-label': 'Timeline controls' },
      button('Fit', 'Fit the whole run in view (F)', () => actions.fit()),
      button('−', 'Zoom out (-)', () => actions.zoom(1 / 1.6)),
      button('+', 'Zoom in (+)', () => actions.zoom(1.6)),
      button('◀', 'Step back (←)', () => actions.step(-1)),
      button('▶', 'Step forward (→)', () => actions.step(1)),
      button('◀ task', 'Previous event of the selected task (Shift+←)', () => actions.stepTask(-1)),
      button('task ▶', 'Next event of the selected task (Shift+→)', () => actions.stepTask(1)),
      this.playButton,
      speed,
      this.legend);
  }

  setPlaying(playing: boolean): void {
    this.playButton.textContent = playing ? '⏸ Pause' : '▶ Play';
  }

  setModel(model: TimelineModel): void {
    const swatch = (cssVar: string, label: string, outline = false): HTMLElement =>
      h('span', {}, h('span', { class: 'tl-swatch', style: outline ? `border:1px solid var(${cssVar})` : `background:var(${cssVar})` }), label);
    const c = model.arrowsReady() ? model.arrows.counts : null;
    const arrowText = !c ? 'arrows: computing…'
      : `arrows: ${c.resume} settle→resume · ${c.spawn} spawn · ${c.combinator} combinator${c.yield ? ` · ${c.yield} yield` : ''}`;
    this.legend.replaceChildren(
      swatch('--tl-running', 'running'),
      swatch('--tl-suspended', 'suspended', true),
      swatch('--tl-queued', 'queued'),
      swatch('--tl-blocked', 'blocked'),
      swatch('--tl-callback', 'callback'),
      ...(model.occupancy ? [swatch('--tl-computing', 'computing (on a core)')] : []),
      h('span', { class: 'tl-arrow-counts', 'data-resume': c?.resume, 'data-spawn': c?.spawn, 'data-combinator': c?.combinator, 'data-yield': c?.yield }, arrowText),
    );
  }
}
