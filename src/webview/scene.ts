/**
 * What one frame of the canvas draws, and the geometry shared by the painters and the hit
 * test. Coordinate spaces are named: `x` is layout units (the axis), `px` is CSS pixels
 * (the canvas is scaled by devicePixelRatio once, so painters think in CSS pixels only).
 */
import type { Row, TimelineModel } from '../core/viewmodel/index';
import type { Palette } from './theme';
import type { Viewport } from './viewport';

/** Height of the axis band at the top of the canvas (time labels, then macrotasks and steps). */
export const AXIS_H = 42;
export const ROW_H = 24;

export interface Scene {
  model: TimelineModel;
  rows: Row[];
  /** Row index of each lane (a collapsed group's lanes map to its header row). */
  rowOfLane: Int32Array;
  view: Viewport;
  palette: Palette;
  /** Vertical scroll of the lanes (CSS px). */
  scrollTop: number;
  widthPx: number;
  heightPx: number;
  cursorSeq: number;
  /** Events to mark (the editor's cursor line, via `selectEvents`). */
  highlights: readonly number[];
  /** The lane of the selected event (-1: none), drawn highlighted. */
  selectedLane: number;
}

/** Top of row `row` in canvas CSS px. */
export function rowTop(scene: Scene, row: number): number {
  return AXIS_H + row * ROW_H - scene.scrollTop;
}

/** The rows that intersect the visible lane area. */
export function visibleRowRange(scene: Scene): [number, number] {
  const first = Math.max(0, Math.floor(scene.scrollTop / ROW_H));
  const last = Math.min(scene.rows.length - 1, Math.floor((scene.scrollTop + scene.heightPx - AXIS_H) / ROW_H));
  return [first, last];
}

/** Where an event's step is drawn: its centre in CSS px (the left edge for a zero-width event). */
export function eventPx(scene: Scene, seq: number): number {
  const { pos, end } = scene.model.axis;
  return scene.view.toPx((pos[seq] + end[seq]) / 2);
}

/** Centre of a step that starts at layout x (markers and arrows use the middle of the step). */
export function stepCenterPx(scene: Scene, x: number): number {
  return scene.view.toPx(x + 0.5);
}

export function rowOfLaneMap(model: TimelineModel, rows: readonly Row[]): Int32Array {
  const map = new Int32Array(model.lanes.lanes.length).fill(-1);
  rows.forEach((row, index) => {
    if (row.kind === 'lane') map[row.lane] = index;
    else if (row.kind === 'group' && row.collapsed) for (const lane of model.lanes.groups[row.group].lanes) map[lane] = index;
  });
  return map;
}
