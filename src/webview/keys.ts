/**
 * The timeline's keyboard: ← → step (Shift: follow the task, Ctrl/⌘: pan), ↑ ↓ scroll the
 * lanes, + − zoom around the cursor, F/0 fit, Home/End, Space plays, Enter opens the source.
 */
import { nextStep, type TimelineModel } from '../core/viewmodel/index';
import type { Scene } from './scene';
import type { TimelineView } from './timeline-view';

export interface KeyContext {
  scene: Scene;
  model: TimelineModel;
  view: TimelineView;
  redraw(): void;
  step(dir: 1 | -1): void;
  stepTask(dir: 1 | -1): void;
  setCursor(seq: number): void;
  togglePlay(): void;
  reveal(seq: number): void;
  persist(): void;
}

export function handleKey(e: KeyboardEvent, k: KeyContext): void {
  const { scene, model } = k;
  const cursorPx = (): number => (scene.cursorSeq >= 0 ? scene.view.toPx(model.axis.pos[scene.cursorSeq]) : scene.view.widthPx / 2);
  let handled = true;
  if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
    const dir = e.key === 'ArrowRight' ? 1 : -1;
    if (e.ctrlKey || e.metaKey) { scene.view.panByPx(dir * scene.view.widthPx * 0.2); k.redraw(); }
    else if (e.shiftKey) k.stepTask(dir);
    else k.step(dir);
  } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
    scene.scrollTop = Math.max(0, Math.min(k.view.maxScrollTop(scene.rows.length), scene.scrollTop + (e.key === 'ArrowDown' ? 24 : -24)));
    k.redraw();
  } else if (e.key === '+' || e.key === '=') { scene.view.zoomAt(cursorPx(), 1.6); k.redraw(); }
  else if (e.key === '-' || e.key === '_') { scene.view.zoomAt(cursorPx(), 1 / 1.6); k.redraw(); }
  else if (e.key === 'f' || e.key === 'F' || e.key === '0') { scene.view.fit(); k.redraw(); }
  else if (e.key === 'Home') k.setCursor(nextStep(model, -1, 1));
  else if (e.key === 'End') k.setCursor(nextStep(model, model.summary.events, -1));
  else if (e.key === ' ') k.togglePlay();
  else if (e.key === 'Enter' && scene.cursorSeq >= 0) k.reveal(scene.cursorSeq);
  else handled = false;
  if (handled) {
    e.preventDefault();
    k.persist();
  }
}
