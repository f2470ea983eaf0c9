/**
 * `window.asyncTimeline`: a handle for the browser tests and the render benchmark. Each paint
 * returns the frame's time in ms, rasterization included (reading a pixel makes the canvas
 * rasterize now instead of at the next vsync, so the number is the whole frame).
 */
import type { TimelineViewState } from '../shared/protocol';
import type { Scene } from './scene';
import type { TimelineView } from './timeline-view';

export interface DebugSource {
  scene(): Scene | null;
  view(): TimelineView | null;
  setCursor(seq: number): void;
  state(): TimelineViewState | null;
}

export function debugHandle(src: DebugSource): object {
  const timedPaint = (): number => {
    const started = performance.now();
    const view = src.view();
    view?.paintNow();
    view?.canvas.getContext('2d')?.getImageData(0, 0, 1, 1);
    return performance.now() - started;
  };
  return {
    paintNow: () => timedPaint(),
    panByPx: (dx: number) => { src.scene()?.view.panByPx(dx); return timedPaint(); },
    zoomAt: (px: number, factor: number) => { src.scene()?.view.zoomAt(px, factor); return timedPaint(); },
    fit: () => { src.scene()?.view.fit(); src.view()?.paintNow(); },
    setCursor: (seq: number) => src.setCursor(seq),
    state: () => src.state(),
    arrowsElided: () => src.view()?.arrowsElided ?? false,
    /** Where layout x (a segment's x0/x1, an event's axis position) is on the canvas, in CSS px from its left edge. */
    pxOfX: (x: number) => src.scene()?.view.toPx(x) ?? NaN,
    /** What the canvas draws for the Answers tab: the critical path's events (and whether shown), the marks. */
    answers: () => {
      const a = src.scene()?.answers;
      return a ? { showPath: a.showPath, pathSeqs: [...a.pathSeqs], marks: a.marks.map((m) => ({ ...m })) } : null;
    },
    cursorSeq: () => src.scene()?.cursorSeq ?? -1,
    /** Where the lanes are: scroll, pinned rows, row count, selected lane, view window, axis mode. */
    layout: () => {
      const scene = src.scene();
      return scene && {
        scrollTop: scene.scrollTop, pinned: scene.pinned, rows: scene.rows.length, selectedLane: scene.selectedLane,
        viewStart: scene.view.x0, viewEnd: scene.view.x1, widthPx: scene.view.widthPx, axisMode: scene.model.axis.mode ?? 'compressed',
        rowOfLane: Array.from(scene.rowOfLane),
      };
    },
  };
}
