/**
 * What is under the pointer: a marker (within a few pixels) wins over the segment it sits on.
 */
import { lowerBound, MarkerKind } from '../core/viewmodel/index';
import { isExpandedHeader, viewRowLanes } from '../core/viewmodel/view-rows';
import { rowAtPx, stepCenterPx, type Scene } from './scene';

export interface Hit {
  lane: number;
  row: number;
  /** The event to select: the marker's, or the event that began the segment. */
  seq: number;
  /** Index into the lane's segments, -1 for a marker hit. */
  segment: number;
  marker: number;
}

const MARKER_RADIUS_PX = 6;

export function hitTest(scene: Scene, px: number, py: number): Hit | null {
  const row = rowAtPx(scene, py);
  const r = scene.rows[row];
  if (!r || isExpandedHeader(r)) return null;
  const x = scene.view.toX(px);
  let best: Hit | null = null;
  let bestDist = Infinity;
  for (const laneIndex of viewRowLanes(scene.model.lanes, r)) {
    const lane = scene.model.lanes.lanes[laneIndex];
    const m = lane.markers;
    const from = lowerBound(m.x, scene.view.toX(px - MARKER_RADIUS_PX) - 0.5, m.x.length);
    for (let i = from; i < m.x.length; i++) {
      const d = Math.abs(stepCenterPx(scene, m.x[i]) - px);
      if (stepCenterPx(scene, m.x[i]) > px + MARKER_RADIUS_PX) break;
      // A racy marker wins a tie: it shares its spot with the schedule markers of the timer and immediate it is about.
      if (d <= MARKER_RADIUS_PX && (d < bestDist || (d === bestDist && m.kind[i] === MarkerKind.Racy))) {
        bestDist = d;
        best = { lane: laneIndex, row, seq: m.seq[i], segment: -1, marker: i };
      }
    }
  }
  if (best) return best;
  for (const laneIndex of viewRowLanes(scene.model.lanes, r)) {
    const seg = scene.model.lanes.lanes[laneIndex].segments;
    const i = lowerBound(seg.x1, x, seg.x1.length);
    if (i < seg.x0.length && seg.x0[i] <= x) return { lane: laneIndex, row, seq: seg.seq[i], segment: i, marker: -1 };
  }
  return null;
}
