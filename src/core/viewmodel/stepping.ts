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
  for (let i = seq + dir; i >= 0 && i < kind.length; i += dir) {
    if (isStepKind(kind[i]) || kind[i] === EventKind.Block) return i;
  }
  return seq;
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
