/**
 * The timeline model on either time axis: `compressed` (the default of buildTimeline: order and
 * time, idle gaps squeezed) or `linear` (x proportional to virtual time, as in Compare mode).
 * Everything downstream of the axis — lanes, arrows, threads, stepping — reads only x positions,
 * so the same builders serve both; only the axis differs.
 */
import type { ScannableTrace } from '../trace/format';
import { buildArrows, type ArrowModel } from './arrows';
import { buildAxis, linearAxis, type AxisMode } from './axis';
import { describeEvent } from './describe';
import { buildTimeline, type TimelineModel } from './index';
import { buildLanes } from './lanes';
import { LoopReplay } from './loop-state';
import { buildConsole, buildSummary } from './summary';
import { buildOccupancy } from './threads';

export function buildTimelineIn(trace: ScannableTrace, mode: AxisMode): TimelineModel {
  if (mode !== 'linear') return buildTimeline(trace);
  const axis = linearAxis(buildAxis(trace));
  const lanes = buildLanes(trace, axis);
  let arrows: ArrowModel | null = null;
  const taskLabel = (task: number): string => {
    const lane = lanes.lanes[lanes.laneOfTask[task] ?? -1];
    return lane ? lane.label : `task ${task}`;
  };
  return {
    trace,
    axis,
    lanes,
    occupancy: lanes.threads.length > 1 ? buildOccupancy(trace, axis, lanes.threads.map((t) => t.id)) : null,
    get arrows(): ArrowModel {
      arrows ??= buildArrows(trace, axis, lanes);
      return arrows;
    },
    arrowsReady: () => arrows !== null,
    summary: buildSummary(trace),
    console: buildConsole(trace),
    loop: new LoopReplay(trace, taskLabel),
    taskLabel,
    describe: (seq) => describeEvent({ trace, taskLabel }, seq),
  };
}

/** "Nice" tick spacing (1, 2, 5 × 10^k ms) so that ticks are at least `minPx` apart at `pxPerMs`. */
export function niceTickMs(pxPerMs: number, minPx: number): number {
  if (!(pxPerMs > 0)) return 1000;
  const raw = minPx / pxPerMs;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}
