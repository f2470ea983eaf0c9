/**
 * What one frame of the canvas draws, and the geometry shared by the painters, the hit test
 * and the lane labels (one geometry, so labels and lanes cannot drift apart). Coordinate
 * spaces are named: `x` is layout units (the axis), `px` is CSS pixels (the canvas is scaled by
 * devicePixelRatio once, so painters think in CSS pixels only).
 *
 * Rows: the first `pinned` rows (a visualized function's entry lane) stay right under the axis;
 * the others scroll by `scrollTop`.
 */
import type { SceneAnswers } from './draw-answers';
import type { AlsColouring, TimelineModel } from '../core/viewmodel/index';
import { viewRowLanes, type ViewRow } from '../core/viewmodel/view-rows';
import type { Palette } from './theme';
import type { Viewport } from './viewport';

/** Height of the axis band at the top of the canvas (time labels, then macrotasks and steps). */
export const AXIS_H = 42;
export const ROW_H = 24;

export interface Scene {
  model: TimelineModel;
  rows: ViewRow[];
  /** Rows at the top that do not scroll. */
  pinned: number;
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
  /** The run's answers on the canvas (draw-answers.ts); null before they are built. */
  answers: SceneAnswers | null;
  /** "Colour by" an AsyncLocalStorage: each segment in its store's colour (theme.ts STORE_COLOURS); null: by state. */
  colouring: AlsColouring | null;
}

/** Where the scrolling rows start (below the axis and the pinned rows). */
export function scrollTopPx(scene: Pick<Scene, 'pinned'>): number {
  return AXIS_H + scene.pinned * ROW_H;
}

/** Top of row `row` in canvas CSS px. */
export function rowTop(scene: Pick<Scene, 'pinned' | 'scrollTop'>, row: number): number {
  return row < scene.pinned ? AXIS_H + row * ROW_H : AXIS_H + row * ROW_H - scene.scrollTop;
}

/** The scrolling rows that intersect the visible lane area. */
export function visibleRowRange(scene: Pick<Scene, 'pinned' | 'scrollTop' | 'heightPx' | 'rows'>): [number, number] {
  const first = scene.pinned + Math.max(0, Math.floor(scene.scrollTop / ROW_H));
  const last = Math.min(scene.rows.length - 1, Math.floor((scene.scrollTop + scene.heightPx - AXIS_H) / ROW_H));
  return [first, last];
}

/** Every row on screen: the pinned ones, then the visible scrolling ones. */
export function visibleRows(scene: Pick<Scene, 'pinned' | 'scrollTop' | 'heightPx' | 'rows'>): number[] {
  const out: number[] = [];
  for (let r = 0; r < Math.min(scene.pinned, scene.rows.length); r++) out.push(r);
  const [first, last] = visibleRowRange(scene);
  for (let r = first; r <= last; r++) out.push(r);
  return out;
}

/** The row under canvas y, or -1 (the axis, below the last row). */
export function rowAtPx(scene: Pick<Scene, 'pinned' | 'scrollTop' | 'rows'>, py: number): number {
  if (py < AXIS_H) return -1;
  const pinnedBottom = AXIS_H + scene.pinned * ROW_H;
  const row = py < pinnedBottom ? Math.floor((py - AXIS_H) / ROW_H) : Math.floor((py - AXIS_H + scene.scrollTop) / ROW_H);
  if (py >= pinnedBottom && row < scene.pinned) return -1;
  return row >= 0 && row < scene.rows.length ? row : -1;
}

/** Largest scrollTop: the scrolling rows fit in the height below the axis and the pinned rows. */
export function maxScrollTop(scene: Pick<Scene, 'rows'>, heightPx: number): number {
  return Math.max(0, scene.rows.length * ROW_H - (heightPx - AXIS_H) + 8);
}

/** Scrolls (if needed) so that row `row` is fully visible. */
export function scrollRowIntoView(scene: Scene, row: number): void {
  if (row < scene.pinned) return;
  const top = AXIS_H + row * ROW_H - scene.scrollTop;
  const areaTop = scrollTopPx(scene);
  if (top < areaTop) scene.scrollTop = Math.max(0, AXIS_H + row * ROW_H - areaTop);
  else if (top + ROW_H > scene.heightPx) scene.scrollTop = Math.min(maxScrollTop(scene, scene.heightPx), AXIS_H + row * ROW_H + ROW_H - scene.heightPx);
}

/** Where an event's step is drawn: its centre in CSS px (the left edge for a zero-width event). */
export function eventPx(scene: Scene, seq: number): number {
  const { pos, end } = scene.model.axis;
  return scene.view.toPx((pos[seq] + end[seq]) / 2);
}

/** Centre of a step that starts at layout x (markers and arrows use the middle of the step). */
export function stepCenterPx(scene: Scene, x: number): number {
  // A linear axis has sliver steps: the marker sits at the event's time.
  return scene.view.toPx(scene.model.axis.mode === 'linear' ? x : x + 0.5);
}

export function rowOfLaneMap(model: TimelineModel, rows: readonly ViewRow[]): Int32Array {
  const map = new Int32Array(model.lanes.lanes.length).fill(-1);
  rows.forEach((row, index) => {
    if (row.kind === 'lane') map[row.lane] = index;
    else if ((row.kind === 'group' || row.kind === 'context') && row.collapsed) {
      for (const lane of viewRowLanes(model.lanes, row)) if (map[lane] < 0) map[lane] = index;
    }
  });
  return map;
}
