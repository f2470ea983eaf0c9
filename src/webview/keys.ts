/**
 * The timeline's keyboard: ← → step (Shift: follow the task, Ctrl/⌘: pan), ↑ ↓ move from lane to
 * lane (the cursor goes to that lane's event at the same moment), PageUp/PageDown scroll the
 * lanes, + − zoom around the cursor, F/0 fit, Home/End, Space plays, Enter opens the source.
 */
import { nextStep, type TimelineModel } from '../core/viewmodel/index';
import { laneEventNear } from '../core/viewmodel/companion';
import { viewRowLanes } from '../core/viewmodel/view-rows';
import { maxScrollTop, ROW_H, scrollRowIntoView, type Scene } from './scene';
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

/** The lane a row stands for when moving onto it (a merged row: its first lane); -1 for headers without lanes. */
function laneOfRow(scene: Scene, row: number): number {
  const r = scene.rows[row];
  if (!r || r.kind === 'thread' || r.kind === 'cores') return -1;
  if ((r.kind === 'group' || r.kind === 'context') && !r.collapsed) return -1;
  return viewRowLanes(scene.model.lanes, r)[0] ?? -1;
}

/** Moves the selection to the next (dir 1) or previous lane row; returns whether it moved. */
export function moveLane(scene: Scene, dir: 1 | -1, setCursor: (seq: number) => void): boolean {
  const { model } = scene;
  const current = scene.selectedLane >= 0 ? scene.rowOfLane[scene.selectedLane] : -1;
  let row = current < 0 ? (dir === 1 ? -1 : scene.rows.length) : current;
  for (row += dir; row >= 0 && row < scene.rows.length; row += dir) {
    const lane = laneOfRow(scene, row);
    if (lane < 0) continue;
    const x = scene.cursorSeq >= 0 ? model.axis.pos[scene.cursorSeq] : scene.view.toX(scene.view.widthPx / 2);
    const seq = laneEventNear(model.lanes.lanes[lane], x);
    if (seq < 0) continue;
    scrollRowIntoView(scene, row);
    setCursor(seq);
    // The cursor's event may sit in another row (a merged one): keep the row we moved to selected.
    scene.selectedLane = lane;
    return true;
  }
  return false;
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
    const dir = e.key === 'ArrowDown' ? 1 : -1;
    if (e.ctrlKey || e.metaKey) {
      scene.scrollTop = Math.max(0, Math.min(maxScrollTop(scene, k.view.heightPx), scene.scrollTop + dir * ROW_H));
      k.redraw();
    } else {
      moveLane(scene, dir, (seq) => k.setCursor(seq));
      k.redraw();
    }
  } else if (e.key === 'PageDown' || e.key === 'PageUp') {
    const page = Math.max(ROW_H, k.view.heightPx - 2 * ROW_H);
    scene.scrollTop = Math.max(0, Math.min(maxScrollTop(scene, k.view.heightPx), scene.scrollTop + (e.key === 'PageDown' ? page : -page)));
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
