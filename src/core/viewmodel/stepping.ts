/**
 * Stepping: which event the cursor moves to. Arrow keys move between steps (events with a
 * width on the axis), so the cursor never lands on invisible bookkeeping; "next event of this
 * task" follows one task through its lifecycle.
 */
import { EventKind } from '../trace/format';
import { isStepKind } from './axis';
import type { TimelineModel } from './index';

/** The next (dir = 1) or previous (dir = -1) step from `seq`; stays put at either end. */
export function nextStep(model: TimelineModel, seq: number, dir: 1 | -1): number {
  const { kind } = model.trace.events;
  if (model.occupancy) return nextStepInTime(model, seq, dir);
  for (let i = seq + dir; i >= 0 && i < kind.length; i += dir) {
    if (isStepKind(kind[i]) || kind[i] === EventKind.Block) return i;
  }
  return seq;
}

/** Steps of a trace with threads in axis order (the trace order interleaves the threads' clocks). */
const stepOrders = new WeakMap<TimelineModel, { order: Int32Array; rank: Int32Array }>();

function nextStepInTime(model: TimelineModel, seq: number, dir: 1 | -1): number {
  let cached = stepOrders.get(model);
  if (!cached) {
    const { kind } = model.trace.events;
    const { pos } = model.axis;
    const steps: number[] = [];
    for (let i = 0; i < kind.length; i++) if (isStepKind(kind[i]) || kind[i] === EventKind.Block) steps.push(i);
    steps.sort((p, q) => pos[p] - pos[q] || p - q);
    const order = Int32Array.from(steps);
    // rank[seq]: where seq is in that order (a non-step event: the last step at or before it on the axis).
    const rank = new Int32Array(kind.length).fill(-1);
    order.forEach((s, r) => { rank[s] = r; });
    cached = { order, rank };
    stepOrders.set(model, cached);
  }
  const { order, rank } = cached;
  if (seq < 0) return dir === 1 && order.length > 0 ? order[0] : seq;
  if (seq >= model.trace.events.kind.length) return dir === -1 && order.length > 0 ? order[order.length - 1] : seq;
  let r = rank[seq];
  if (r < 0) {
    const x = model.axis.pos[seq];
    r = order.findIndex((s) => model.axis.pos[s] > x) - 1;
    if (r < -1) r = order.length - 1;
    if (dir === 1) return order[r + 1] ?? seq;
    return r >= 0 ? order[r] : seq;
  }
  const next = r + dir;
  return next >= 0 && next < order.length ? order[next] : seq;
}

const TASK_EVENTS: ReadonlySet<number> = new Set<number>([
  EventKind.TaskStart, EventKind.TaskSuspend, EventKind.TaskResume, EventKind.TaskYield, EventKind.TaskFinish, EventKind.TaskThrow,
]);

/** The next/previous lifecycle event (start, await, resume, yield, finish, throw) of `task`. */
export function nextTaskEvent(model: TimelineModel, seq: number, task: number, dir: 1 | -1): number {
  const { kind, a } = model.trace.events;
  for (let i = seq + dir; i >= 0 && i < kind.length; i += dir) {
    if (TASK_EVENTS.has(kind[i]) && a[i] === task) return i;
  }
  return seq;
}

/** Events whose site is at `file:line` (the editor cursor's line), for `selectEvents`. */
export function eventsAtLine(model: TimelineModel, file: string, line: number): number[] {
  const { trace } = model;
  const matches = new Set<number>();
  const norm = (p: string): string => p.replace(/\\/g, '/');
  const target = norm(file);
  trace.sites.forEach((site, index) => {
    if (index === 0 || !site || site.line !== line) return;
    const siteFile = norm(trace.files[site.file] ?? '');
    if (siteFile === target || target.endsWith(`/${siteFile}`) || siteFile.endsWith(`/${target}`)) matches.add(index);
  });
  if (matches.size === 0) return [];
  const { siteOfEvent } = model.lanes;
  const out: number[] = [];
  for (let i = 0; i < siteOfEvent.length; i++) {
    if (matches.has(siteOfEvent[i]) && (isStepKind(trace.events.kind[i]) || trace.events.kind[i] === EventKind.Block)) out.push(i);
  }
  return out;
}
