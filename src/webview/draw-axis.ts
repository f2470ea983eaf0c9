/**
 * Paints the axis band and the background stripes behind the lanes: busy instants labelled
 * with their virtual time, idle gaps shaded and labelled with their real length
 * ("⋯ 1000 ms ⋯"), blocks shaded in the blocked colour, macrotasks as bands, steps as ticks.
 * Dense stretches are thinned by skipping ahead to the next free pixel (binary search), so a
 * frame costs about one look-up per label, not one per event.
 */
import { formatDuration, formatGap, LINEAR_UNITS_PER_MS, macrotaskName, PieceKind, pieceIndexAt, seqAtX } from '../core/viewmodel/index';
import { niceTickMs } from '../core/viewmodel/modes';
import { AXIS_H, type Scene } from './scene';

/** Two slanted strokes: the mark of a broken (compressed) axis, centred at px. */
function drawBreak(ctx: CanvasRenderingContext2D, px: number, y0: number, y1: number): void {
  ctx.beginPath();
  for (const dx of [-2.5, 2.5]) {
    ctx.moveTo(px + dx - 3, y1);
    ctx.lineTo(px + dx + 3, y0);
  }
  ctx.lineWidth = 1.5;
  ctx.stroke();
}

/** A linear axis: round ticks (1, 2, 5 × 10^k ms) at least ~90 px apart. */
function drawLinearTicks(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { view, palette, widthPx } = scene;
  const pxPerMs = view.scale * LINEAR_UNITS_PER_MS;
  const step = niceTickMs(pxPerMs, 90);
  const t0 = Math.max(0, Math.floor(view.x0 / LINEAR_UNITS_PER_MS / step) * step);
  for (let t = t0; ; t += step) {
    const px = view.toPx(t * LINEAR_UNITS_PER_MS);
    if (px > widthPx) break;
    if (px < -40) continue;
    ctx.fillStyle = palette.fg;
    ctx.fillRect(Math.round(px), 2, 1, 16);
    ctx.fillText(formatDuration(Number(t.toPrecision(12))), Math.round(px) + 4, 10);
    // Minor ticks: fifths.
    ctx.fillStyle = palette.muted;
    for (let k = 1; k < 5; k++) ctx.fillRect(Math.round(view.toPx((t + (k * step) / 5) * LINEAR_UNITS_PER_MS)), 14, 1, 4);
  }
}

export function drawBackground(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { view, palette, heightPx, model } = scene;
  const pieces = model.axis.pieces;
  ctx.fillStyle = palette.bg;
  ctx.fillRect(0, 0, scene.widthPx, heightPx);
  let i = Math.max(0, pieceIndexAt(model.axis, view.x0));
  for (; i < pieces.length; i++) {
    const p = pieces[i];
    if (p.x0 > view.x1) break;
    if (p.kind === PieceKind.Busy) continue;
    // On a linear axis idle time is just time: only blocks are shaded.
    if (p.kind === PieceKind.Gap && model.axis.mode === 'linear') continue;
    const px0 = view.toPx(p.x0);
    const px1 = view.toPx(p.x1);
    if (px1 - px0 < 0.5) continue;
    ctx.fillStyle = p.kind === PieceKind.Gap ? palette.gap : palette.blocked;
    ctx.globalAlpha = p.kind === PieceKind.Gap ? 1 : 0.1;
    ctx.fillRect(px0, 0, px1 - px0, heightPx);
    ctx.globalAlpha = 1;
  }
}

export function drawAxis(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { view, palette, model, widthPx } = scene;
  const { pieces, macrotasks, pos } = model.axis;
  ctx.fillStyle = palette.bg;
  ctx.fillRect(0, 0, widthPx, AXIS_H);
  ctx.font = `11px ${palette.font}`;
  ctx.textBaseline = 'middle';

  // Top band: the time of each busy instant, gap and block labels (linear: round ticks).
  const linear = model.axis.mode === 'linear';
  if (linear) drawLinearTicks(ctx, scene);
  let i = linear ? pieces.length : Math.max(0, pieceIndexAt(model.axis, view.x0));
  let freeFromPx = -Infinity;
  // The time labels are drawn after every break: a label wider than its busy piece runs on over the
  // break after it, which would otherwise be painted over it.
  const timeLabels: { px: number; label: string }[] = [];
  while (i < pieces.length) {
    const p = pieces[i];
    if (p.x0 > view.x1) break;
    const px0 = view.toPx(p.x0);
    const px1 = view.toPx(p.x1);
    if (p.kind === PieceKind.Busy) {
      if (px0 >= freeFromPx) {
        const label = formatDuration(p.t0);
        timeLabels.push({ px: Math.round(px0), label });
        freeFromPx = px0 + ctx.measureText(label).width + 16;
      }
    } else {
      // A compressed stretch is drawn as an axis break (two slanted strokes) with its real length.
      const label = p.kind === PieceKind.Gap ? `${formatGap(p.t1 - p.t0)} idle` : `blocked ${formatGap(p.t1 - p.t0)}`;
      const w = ctx.measureText(label).width;
      const mid = (px0 + px1) / 2;
      if (px1 - px0 > 10) {
        ctx.fillStyle = p.kind === PieceKind.Gap ? palette.gap : palette.bg;
        ctx.fillRect(px0, 0, px1 - px0, AXIS_H);
        ctx.strokeStyle = p.kind === PieceKind.Gap ? palette.muted : palette.blocked;
        drawBreak(ctx, mid, 24, 38);
      }
      // Its length, where it fits and clears the time label before it.
      if (px1 - px0 > w + 6 && mid - w / 2 >= freeFromPx) {
        ctx.fillStyle = p.kind === PieceKind.Gap ? palette.fg : palette.blocked;
        ctx.fillText(label, mid - w / 2, 10);
        freeFromPx = mid + w / 2 + 8;
      }
    }
    // Thin out: jump to the first piece right of the next free pixel.
    const next = px1 - px0 < 1 ? pieceIndexAt(model.axis, view.toX(Math.max(px1 + 1, freeFromPx))) : i + 1;
    i = Math.max(i + 1, next);
  }
  ctx.fillStyle = palette.fg;
  for (const { px, label } of timeLabels) {
    ctx.fillRect(px, 2, 1, 16);
    ctx.fillText(label, px + 4, 10);
  }

  // Bottom band: macrotasks (script, timer #1, …) and the steps inside them.
  const bandY = 22;
  const bandH = 16;
  let m = firstMacrotaskEndingAfter(scene, view.x0);
  ctx.strokeStyle = palette.border;
  ctx.lineWidth = 1;
  while (m < macrotasks.length) {
    const band = macrotasks[m];
    if (band.x0 > view.x1) break;
    const px0 = Math.max(view.toPx(band.x0), -2);
    const px1 = Math.min(view.toPx(band.x1), widthPx + 2);
    if (px1 - px0 < 3) {
      // Too narrow to tell apart: one 2-px "busy" tick for all bands starting in these pixels.
      ctx.fillStyle = palette.muted;
      ctx.fillRect(Math.floor(px0), bandY + 4, 2, bandH - 8);
      m = Math.max(m + 1, firstMacrotaskStartingAt(scene, view.toX(Math.floor(px0) + 3)));
      continue;
    }
    ctx.fillStyle = palette.panel;
    ctx.fillRect(px0, bandY, px1 - px0, bandH);
    ctx.strokeRect(px0 + 0.5, bandY + 0.5, px1 - px0 - 1, bandH - 1);
    if (px1 - px0 > 40) {
      const label = macrotaskName(band.kind, band.id);
      const w = ctx.measureText(label).width;
      if (px1 - px0 > w + 8) {
        ctx.fillStyle = palette.muted;
        ctx.fillText(label, px0 + 4, bandY + bandH / 2);
      }
    }
    m++;
  }
  if (view.scale >= 5) {
    const first = Math.max(0, seqAtX(model.axis, view.x0));
    const last = seqAtX(model.axis, view.x1);
    ctx.fillStyle = palette.muted;
    for (let s = first; s <= last; s++) {
      if (model.axis.end[s] === pos[s]) continue;
      const px = Math.round(view.toPx(pos[s]));
      ctx.fillRect(px, AXIS_H - 5, 1, 4);
    }
  }
  ctx.fillStyle = palette.border;
  ctx.fillRect(0, AXIS_H - 1, widthPx, 1);
}

function firstMacrotaskStartingAt(scene: Scene, x: number): number {
  const bands = scene.model.axis.macrotasks;
  let lo = 0;
  let hi = bands.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bands[mid].x0 < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstMacrotaskEndingAfter(scene: Scene, x: number): number {
  const bands = scene.model.axis.macrotasks;
  let lo = 0;
  let hi = bands.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bands[mid].x1 < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The cursor: a line through everything at the selected step, and the step's time in the axis. */
export function drawCursor(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { cursorSeq, palette, model, view } = scene;
  for (const seq of scene.highlights) {
    const px = view.toPx((model.axis.pos[seq] + model.axis.end[seq]) / 2);
    if (px < -2 || px > scene.widthPx + 2) continue;
    ctx.fillStyle = palette.queued;
    ctx.globalAlpha = 0.8;
    ctx.fillRect(Math.round(px) - 1, AXIS_H, 2, scene.heightPx - AXIS_H);
    ctx.globalAlpha = 1;
  }
  if (cursorSeq < 0 || cursorSeq >= model.axis.pos.length) return;
  const px = Math.round(view.toPx((model.axis.pos[cursorSeq] + model.axis.end[cursorSeq]) / 2));
  if (px < -2 || px > scene.widthPx + 2) return;
  ctx.fillStyle = palette.focus;
  ctx.fillRect(px - 1, 18, 2, scene.heightPx - 18);
  ctx.beginPath();
  ctx.moveTo(px - 5, 18);
  ctx.lineTo(px + 5, 18);
  ctx.lineTo(px, 24);
  ctx.closePath();
  ctx.fill();
}
