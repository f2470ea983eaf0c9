/**
 * Paints arrows between lanes: settle → resume, spawn, yield → consumer, combinator inputs.
 * Only arrows that end in a visible row are looked at (they are indexed by target lane and
 * sorted by x). When more than MAX_ARROWS would be drawn the view is too dense for arrows to
 * mean anything, so they are left out and the caller says "zoom in to see arrows".
 */
import { ArrowKind, lanesOfRow } from '../core/viewmodel/index';
import { ROW_H, rowTop, stepCenterPx, visibleRowRange, type Scene } from './scene';

const MAX_ARROWS = 2500;

/** Draws the arrows; returns false when they were too many to draw. */
export function drawArrows(ctx: CanvasRenderingContext2D, scene: Scene): boolean {
  const { view, palette, model, rowOfLane } = scene;
  const { arrows, byTargetLane } = model.arrows;
  const [first, last] = visibleRowRange(scene);
  const span = view.x1 - view.x0;
  const picked: number[] = [];
  for (let r = first; r <= last; r++) {
    const row = scene.rows[r];
    if (row.kind === 'group' && !row.collapsed) continue;
    for (const lane of lanesOfRow(model.lanes, row)) {
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
  ctx.lineWidth = 1.25;
  for (const index of picked) {
    const arrow = arrows[index];
    const fromRow = rowOfLane[arrow.fromLane];
    const toRow = rowOfLane[arrow.toLane];
    const fx = stepCenterPx(scene, arrow.fromX);
    const tx = stepCenterPx(scene, arrow.toX);
    const fy = rowTop(scene, fromRow) + ROW_H / 2;
    const ty = rowTop(scene, toRow) + ROW_H / 2 + (toRow > fromRow ? -6 : toRow < fromRow ? 6 : 0);
    const color = arrow.kind === ArrowKind.Combinator ? palette.resolve : arrow.kind === ArrowKind.Yield ? palette.yield : palette.arrow;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.globalAlpha = arrow.kind === ArrowKind.Spawn ? 0.55 : 0.8;
    ctx.setLineDash(arrow.kind === ArrowKind.Spawn ? [3, 3] : []);
    const bend = Math.max(10, Math.min(60, Math.abs(tx - fx) / 2));
    const c1x = fx + bend;
    const c2x = tx - bend;
    ctx.beginPath();
    if (fromRow === toRow) {
      ctx.moveTo(fx, fy - 6);
      ctx.bezierCurveTo(fx, fy - 16, tx, ty - 16, tx, ty - 7);
    } else {
      ctx.moveTo(fx, fy);
      ctx.bezierCurveTo(c1x, fy, c2x, ty, tx, ty);
    }
    ctx.stroke();
    ctx.setLineDash([]);
    // Arrowhead along the last tangent.
    // The curve ends horizontally (its last control point is level with the target), or downward for a same-row loop.
    const angle = fromRow === toRow ? Math.PI / 2 : 0;
    const ex = tx;
    const ey = fromRow === toRow ? ty - 7 : ty;
    ctx.beginPath();
    ctx.moveTo(ex, ey);
    ctx.lineTo(ex - 6 * Math.cos(angle - 0.45), ey - 6 * Math.sin(angle - 0.45));
    ctx.lineTo(ex - 6 * Math.cos(angle + 0.45), ey - 6 * Math.sin(angle + 0.45));
    ctx.closePath();
    ctx.fill();
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
