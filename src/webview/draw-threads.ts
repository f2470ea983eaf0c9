/**
 * Paints the rows of a trace with simulated threads that are not lanes:
 * - the "cores" strip: a step chart of how many threads run (occupy a core) at each moment,
 *   with the count written where there is room;
 * - a thread's header: its lifetime (created → exited) as a thin line, and the stretches where
 *   it runs as solid bars, so the header alone tells when the thread was busy.
 */
import type { ViewRow } from '../core/viewmodel/view-rows';
import { ROW_H, type Scene } from './scene';

export function drawThreadRow(ctx: CanvasRenderingContext2D, scene: Scene, row: ViewRow, y: number): void {
  const occupancy = scene.model.occupancy;
  const { palette, widthPx, view } = scene;
  ctx.fillStyle = palette.panel;
  ctx.fillRect(0, y, widthPx, ROW_H);
  ctx.fillStyle = palette.border;
  ctx.fillRect(0, y + ROW_H - 1, widthPx, 1);
  if (!occupancy) return;
  if (row.kind === 'cores') {
    const { x, count, maxCount } = occupancy;
    const h = ROW_H - 6;
    ctx.font = `10px ${palette.font}`;
    ctx.textBaseline = 'middle';
    for (let i = 0; i < x.length; i++) {
      if (count[i] === 0) continue;
      const px0 = Math.max(-2, view.toPx(x[i]));
      const px1 = Math.min(widthPx + 2, view.toPx(i + 1 < x.length ? x[i + 1] : scene.model.axis.width));
      if (px1 < 0 || px0 > widthPx) continue;
      const barH = Math.max(3, Math.round((h * count[i]) / Math.max(1, maxCount)));
      ctx.fillStyle = palette.running;
      ctx.globalAlpha = 0.35 + 0.5 * (count[i] / Math.max(1, maxCount));
      ctx.fillRect(Math.round(px0), y + ROW_H - 3 - barH, Math.max(1, Math.round(px1 - px0)), barH);
      ctx.globalAlpha = 1;
      const label = String(count[i]);
      if (px1 - px0 > 14) {
        ctx.fillStyle = palette.fg;
        ctx.fillText(label, (px0 + px1) / 2 - ctx.measureText(label).width / 2, y + 8);
      }
    }
    return;
  }
  if (row.kind !== 'thread') return;
  const thread = scene.model.lanes.threads[row.thread];
  const activity = occupancy.threads.find((t) => t.id === thread?.id);
  if (!activity) return;
  const cy = y + ROW_H / 2;
  const life0 = view.toPx(activity.createdX);
  const life1 = view.toPx(activity.exitedX);
  ctx.fillStyle = palette.muted;
  ctx.fillRect(Math.round(life0), cy - 0.5, Math.max(1, Math.round(life1 - life0)), 1);
  ctx.fillRect(Math.round(life0), cy - 5, 1, 10);
  if (activity.exitedX < scene.model.axis.width) ctx.fillRect(Math.round(life1), cy - 5, 1, 10);
  ctx.fillStyle = palette.running;
  for (let i = 0; i < activity.x0.length; i++) {
    const px0 = view.toPx(activity.x0[i]);
    const px1 = view.toPx(activity.x1[i]);
    if (px1 < 0 || px0 > widthPx) continue;
    ctx.fillRect(Math.round(px0), cy - 3, Math.max(1, Math.round(px1 - px0)), 6);
  }
}
