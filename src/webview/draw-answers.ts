/**
 * The Answers on the canvas: the critical path as a line through its events (when shown), and a
 * mark at each event an answer is about — a floating promise's call (a hollow ring with a slash:
 * "nobody waits"), a leftover await (a hollow square), a late handler or blocking stretch (a ring).
 */
import type { AnswerMark } from '../core/viewmodel/index';
import { ROW_H, rowTop, stepCenterPx, type Scene } from './scene';

export interface SceneAnswers {
  pathSeqs: readonly number[];
  showPath: boolean;
  marks: readonly AnswerMark[];
}

/** Centre of event `seq` on the canvas (CSS px), or undefined when its lane is not drawn. */
function pointOf(scene: Scene, seq: number): [number, number] | undefined {
  const { model } = scene;
  const lane = model.lanes.laneOfEvent[seq];
  if (lane === undefined || lane < 0) return undefined;
  const row = scene.rowOfLane[lane];
  if (row === undefined || row < 0) return undefined;
  const x = stepCenterPx(scene, model.axis.pos[seq]);
  return [x, rowTop(scene, row) + ROW_H / 2];
}

export function drawAnswers(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const answers = scene.answers;
  if (!answers) return;
  const { palette } = scene;
  if (answers.showPath && answers.pathSeqs.length) {
    ctx.save();
    ctx.strokeStyle = palette.focus;
    ctx.lineWidth = 3;
    ctx.globalAlpha = 0.75;
    ctx.lineJoin = 'round';
    ctx.beginPath();
    let started = false;
    for (const seq of answers.pathSeqs) {
      const p = pointOf(scene, seq);
      if (!p) continue;
      if (!started) ctx.moveTo(p[0], p[1]);
      else ctx.lineTo(p[0], p[1]);
      started = true;
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
    ctx.fillStyle = palette.focus;
    for (const seq of answers.pathSeqs) {
      const p = pointOf(scene, seq);
      if (p) ctx.fillRect(p[0] - 2, p[1] - 2, 4, 4);
    }
    ctx.restore();
  }
  for (const mark of answers.marks) {
    const p = pointOf(scene, mark.seq);
    if (!p || p[0] < -8 || p[0] > scene.widthPx + 8) continue;
    const [x, y] = p;
    ctx.save();
    ctx.lineWidth = 2;
    ctx.strokeStyle = mark.kind === 'blocking' ? palette.queued : palette.reject;
    ctx.beginPath();
    if (mark.kind === 'leftover') {
      ctx.rect(x - 6, y - 6, 12, 12);
    } else {
      ctx.arc(x, y, 7, 0, Math.PI * 2);
      if (mark.kind === 'floating') {
        ctx.moveTo(x - 5, y + 5);
        ctx.lineTo(x + 5, y - 5);
      }
    }
    ctx.stroke();
    ctx.restore();
  }
}
