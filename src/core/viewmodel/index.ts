/**
 * The view model: everything the timeline draws, computed from a trace by pure functions.
 * No DOM, no `vscode`: the webview, the HTML export and the tests all build it the same way.
 *
 *   trace ──► axis (x of every event) ──► lanes (segments, markers) ──► arrows
 *                                    └──► summary, console, event-loop replay
 */
import type { ScannableTrace } from '../trace/format';
import { buildArrows, type ArrowModel } from './arrows';
import { buildAxis, type Axis } from './axis';
import { describeEvent } from './describe';
import { buildLanes, type LaneModel } from './lanes';
import { LoopReplay } from './loop-state';
import { buildConsole, buildSummary, type ConsoleLine, type Summary } from './summary';
import { buildOccupancy, type Occupancy } from './threads';

export interface TimelineModel {
  trace: ScannableTrace;
  axis: Axis;
  lanes: LaneModel;
  /** Simulated threads' core occupancy; null for a trace without threads. */
  occupancy: Occupancy | null;
  /** Built on first read (a million-event trace paints its lanes first; see arrowsReady). */
  readonly arrows: ArrowModel;
  /** Whether `arrows` has been built already (reading it builds it). */
  arrowsReady(): boolean;
  summary: Summary;
  console: ConsoleLine[];
  /** The event loop at any step (replayed with checkpoints). */
  loop: LoopReplay;
  taskLabel(task: number): string;
  describe(seq: number): string;
}

export function buildTimeline(trace: ScannableTrace): TimelineModel {
  const axis = buildAxis(trace);
  const lanes = buildLanes(trace, axis);
  let arrows: ArrowModel | null = null;
  const taskLabel = (task: number): string => {
    const lane = lanes.lanes[lanes.laneOfTask[task] ?? -1];
    return lane ? lane.label : `task ${task}`;
  };
  const model: TimelineModel = {
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
  return model;
}

export * from './axis';
export * from './arrows';
export * from './columns';
export * from './describe';
export * from './lanes';
export * from './loop-state';
export * from './rows';
export * from './summary';
export * from './validate';
export * from './stepping';
export * from './threads';
export * from './compare';
export * from './answers';
export * from './racy';
export * from './network';
export * from './als';
