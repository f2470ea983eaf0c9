/**
 * Paints arrows between lanes: settle → resume, spawn, yield → consumer, combinator inputs,
 * I/O → callback (a pool request's or a child process's result to the Io macrotask it runs).
 * Only arrows that end in a visible row are looked at (they are indexed by target lane and
 * sorted by x). When more than MAX_ARROWS would be drawn the view is too dense for arrows to
 * mean anything, so they are left out and the caller says "zoom in to see arrows".
 */
import { ArrowKind } from '../core/viewmodel/index';
import { isExpandedHeader, viewRowLanes } from '../core/viewmodel/view-rows';
import { ROW_H, rowTop, stepCenterPx, visibleRows, type Scene } from './scene';

/**
 * Past this many, arrows are a grey fog that costs more to rasterize than everything else
 * (measured: 600 curves ≈ 20 ms of software raster at 1400 px), so they are left out.
 */
const MAX_ARROWS = 200;

/** Draws the arrows; returns false when they were too many to draw. */
export function drawArrows(ctx: CanvasRenderingContext2D, scene: Scene): boolean {
  const { view, palette, model, rowOfLane } = scene;
  if (!model.arrowsReady()) return true; // being built after the first paint
  const { arrows, byTargetLane } = model.arrows;
  const span = view.x1 - view.x0;
  const picked: number[] = [];
  for (const r of visibleRows(scene)) {
    const row = scene.rows[r];
    if (isExpandedHeader(row)) continue;
    for (const lane of viewRowLanes(model.lanes, row)) {
      const list = byTargetLane[lane];
      if (!list || list.length === 0) continue;
      let i = lowerBoundArrows(scene, list, view.x0 - span);
      for (; i < list.length; i++) {
        const arrow = arrows[list[i]];
        if (arrow.toX > view.x1 + 1) break;
        if (Math.max(arrow.fromX, arrow.toX) < view.x0 - 1) continue;
        if (rowOfLane[arrow.fromLane] < 0) continue;
        picked.push(list[i]);
        if (picked.length > MAX_ARROWS) return false;
      }
    }
  }
  // One path per arrow kind (curves and heads), so the whole layer is eight draw calls.
  const curves = new Map<ArrowKind, Path2D>();
  const heads = new Map<ArrowKind, Path2D>();
  for (const index of picked) {
    const arrow = arrows[index];
    const fromRow = rowOfLane[arrow.fromLane];
    const toRow = rowOfLane[arrow.toLane];
    const fx = stepCenterPx(scene, arrow.fromX);
    const tx = stepCenterPx(scene, arrow.toX);
    const fy = rowTop(scene, fromRow) + ROW_H / 2;
    const ty = rowTop(scene, toRow) + ROW_H / 2 + (toRow > fromRow ? -6 : toRow < fromRow ? 6 : 0);
    let curve = curves.get(arrow.kind);
    let head = heads.get(arrow.kind);
    if (!curve || !head) {
      curves.set(arrow.kind, (curve = new Path2D()));
      heads.set(arrow.kind, (head = new Path2D()));
    }
    let ey = ty;
    // The curve ends horizontally (its last control point is level with the target), or
    // downward for a loop within one row.
    let angle = 0;
    if (fromRow === toRow) {
      curve.moveTo(fx, fy - 6);
      curve.bezierCurveTo(fx, fy - 16, tx, ty - 16, tx, ty - 7);
      ey = ty - 7;
      angle = Math.PI / 2;
    } else {
      const bend = Math.max(10, Math.min(60, Math.abs(tx - fx) / 2));
      curve.moveTo(fx, fy);
      curve.bezierCurveTo(fx + bend, fy, tx - bend, ty, tx, ty);
    }
    head.moveTo(tx, ey);
    head.lineTo(tx - 6 * Math.cos(angle - 0.45), ey - 6 * Math.sin(angle - 0.45));
    head.lineTo(tx - 6 * Math.cos(angle + 0.45), ey - 6 * Math.sin(angle + 0.45));
    head.closePath();
  }
  ctx.lineWidth = 1.25;
  for (const [kind, curve] of curves) {
    const color = kind === ArrowKind.Combinator ? palette.resolve : kind === ArrowKind.Yield ? palette.yield : kind === ArrowKind.Io ? palette.io : palette.arrow;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.globalAlpha = kind === ArrowKind.Spawn ? 0.55 : 0.85;
    ctx.setLineDash(kind === ArrowKind.Spawn ? [3, 3] : []);
    ctx.stroke(curve);
    ctx.setLineDash([]);
    ctx.fill(heads.get(kind)!);
  }
  ctx.globalAlpha = 1;
  return true;
}

/** First arrow in a lane's list (sorted by toX) with toX >= x. */
function lowerBoundArrows(scene: Scene, list: number[], x: number): number {
  const { arrows } = scene.model.arrows;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arrows[list[mid]].toX < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
