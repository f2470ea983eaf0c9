/**
 * Lanes, segments and markers: one pass over the trace that follows the call stack.
 *
 * A task lane shows its lifecycle as segments of one state each (running on top of the
 * stack, calling — on the stack below a callee —, suspended at an await, queued — its resume
 * job is in the microtask queue —, blocked by synchronous work) and point markers (yield,
 * resolve, reject, finish, throw, console output). The script, timers, immediates and I/O
 * get a lane each: their macrotask callbacks are segments there, and what happens in a
 * callback outside any task (a timer resolving a `sleep` promise) is marked on that lane.
 *
 * The same pass records, per event, the lane it happened in (`laneOfEvent`), the task it
 * concerns (`taskOfEvent`) and its source site (`siteOfEvent`): hover, arrows, stepping and
 * source links read them.
 */
import { EventKind, MacrotaskKind, type TraceFile } from '../trace/format';
import type { Axis } from './axis';
import { GrowableFloat64, GrowableInt32 } from './columns';

export const enum SegState {
  Running = 1,
  Calling = 2,
  Suspended = 3,
  Queued = 4,
  Blocked = 5,
  /** A timer / immediate / I/O callback (macrotask) runs. */
  Callback = 6,
}

export const enum MarkerKind {
  Yield = 1,
  Resolve = 2,
  Reject = 3,
  Finish = 4,
  Throw = 5,
  Console = 6,
  Error = 7,
  /** A timer, immediate or I/O operation was scheduled / started. */
  Schedule = 8,
  /** An I/O operation completed. */
  Done = 9,
  Warning = 10,
}

export type LaneKind = 'script' | 'task' | 'timers' | 'immediates' | 'io';

export interface Segments {
  x0: Float64Array;
  x1: Float64Array;
  state: Uint8Array;
  /** The event that began the segment. */
  seq: Int32Array;
  /** For a suspended/queued segment: the await site (index into `sites`), else 0. */
  site: Int32Array;
}

export interface Markers {
  x: Float64Array;
  kind: Uint8Array;
  seq: Int32Array;
}

export interface Lane {
  index: number;
  kind: LaneKind;
  /** What the reader sees: `count #2`, `script: hello-async.ts`, `timers`. */
  label: string;
  /** The task shown (-1 for timers/immediates/io). */
  task: number;
  /** Task name; tasks with the same name form a group. Empty for non-task lanes. */
  group: string;
  segments: Segments;
  markers: Markers;
}

export interface TaskGroup {
  name: string;
  /** Lane indices, in order of creation. */
  lanes: number[];
}

export interface LaneModel {
  lanes: Lane[];
  /** Task groups (by function name) in order of first creation. */
  groups: TaskGroup[];
  /** Lane index of each task id. */
  laneOfTask: Int32Array;
  scriptLane: number;
  /** -1 when the trace has no such events. */
  timersLane: number;
  immediatesLane: number;
  ioLane: number;
  laneOfEvent: Int32Array;
  /** The task an event concerns (its operand for task events, the running task otherwise); -1 for none. */
  taskOfEvent: Int32Array;
  /** Source site of an event (0 if unknown): its own site operand, else the await it resumes, else its task's function. */
  siteOfEvent: Int32Array;
}

class LaneBuilder {
  /** Read back while building (to merge a repeated state), hence the raw columns. */
  readonly x0 = new GrowableFloat64();
  readonly x1 = new GrowableFloat64();
  readonly state = new GrowableInt32();
  readonly seq = new GrowableInt32();
  readonly site = new GrowableInt32();
  readonly mx = new GrowableFloat64();
  readonly mkind = new GrowableInt32();
  readonly mseq = new GrowableInt32();
  /** The open segment: its state (0 = none), start and site. */
  open = 0;
  openX = 0;
  openSeq = 0;
  openSite = 0;

  constructor(readonly kind: LaneKind, readonly label: string, readonly task: number, readonly group: string) {}

  /** Closes the open segment at x and opens `state` (0: none) there. */
  set(state: number, x: number, seq: number, site = 0): void {
    if (this.open === state && this.openSite === site) return;
    if (this.open !== 0 && x > this.openX) {
      const last = this.x0.length - 1;
      // The same state again, right after (main resumes between two calls without a step): one
      // segment. Callbacks stay apart: each is its own macrotask.
      if (last >= 0 && this.open !== SegState.Callback && this.x1.data[last] === this.openX && this.state.data[last] === this.open && this.site.data[last] === this.openSite) {
        this.x1.data[last] = x;
      } else {
        this.x0.push(this.openX);
        this.x1.push(x);
        this.state.push(this.open);
        this.seq.push(this.openSeq);
        this.site.push(this.openSite);
      }
    }
    this.open = state;
    this.openX = x;
    this.openSeq = seq;
    this.openSite = site;
  }

  mark(kind: MarkerKind, x: number, seq: number): void {
    this.mx.push(x);
    this.mkind.push(kind);
    this.mseq.push(seq);
  }

  finish(index: number, endX: number): Lane {
    this.set(0, endX, -1);
    return {
      index,
      kind: this.kind,
      label: this.label,
      task: this.task,
      group: this.group,
      segments: {
        x0: this.x0.finish(),
        x1: this.x1.finish(),
        state: Uint8Array.from(this.state.finish()),
        seq: this.seq.finish(),
        site: this.site.finish(),
      },
      markers: { x: this.mx.finish(), kind: Uint8Array.from(this.mkind.finish()), seq: this.mseq.finish() },
    };
  }
}

/** Which lanes the trace needs beyond the tasks: only those with events. */
function usedMacrotaskLanes(trace: TraceFile): { timers: boolean; immediates: boolean; io: boolean } {
  const used = { timers: false, immediates: false, io: false };
  for (const k of trace.events.kind) {
    if (k === EventKind.TimerSchedule) used.timers = true;
    else if (k === EventKind.ImmediateSchedule) used.immediates = true;
    else if (k === EventKind.IoStart) used.io = true;
  }
  return used;
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

export function buildLanes(trace: TraceFile, axis: Axis): LaneModel {
  const { kind, a, b, c } = trace.events;
  const { pos, end } = axis;
  const n = kind.length;
  const tasks = trace.tasks.length > 0 ? trace.tasks : [{ name: 'main', site: 0, kind: 'main' as const, parent: 0, thread: 0 }];

  // Lanes: the script, then tasks grouped by name (group order = first creation), then the loop's lanes.
  const builders: LaneBuilder[] = [];
  const laneOfTask = new Int32Array(tasks.length).fill(-1);
  const scriptLabel = trace.meta?.entry ? `script: ${baseName(trace.meta.entry)}` : 'script';
  builders.push(new LaneBuilder('script', scriptLabel, 0, ''));
  laneOfTask[0] = 0;
  const groupMembers = new Map<string, number[]>();
  for (let id = 1; id < tasks.length; id++) {
    const name = tasks[id]?.name || `task ${id}`;
    let members = groupMembers.get(name);
    if (!members) groupMembers.set(name, (members = []));
    members.push(id);
  }
  const groups: TaskGroup[] = [];
  for (const [name, members] of groupMembers) {
    const lanes: number[] = [];
    members.forEach((id, i) => {
      const label = members.length > 1 ? `${name} #${i + 1}` : name;
      laneOfTask[id] = builders.length;
      lanes.push(builders.length);
      builders.push(new LaneBuilder('task', label, id, name));
    });
    groups.push({ name, lanes });
  }
  const used = usedMacrotaskLanes(trace);
  const addLoopLane = (k: LaneKind, on: boolean): number => {
    if (!on) return -1;
    builders.push(new LaneBuilder(k, k === 'io' ? 'I/O' : k, -1, ''));
    return builders.length - 1;
  };
  const timersLane = addLoopLane('timers', used.timers);
  const immediatesLane = addLoopLane('immediates', used.immediates);
  const ioLane = addLoopLane('io', used.io);
  const macroLane = (k: number): number =>
    k === MacrotaskKind.Timer ? timersLane : k === MacrotaskKind.Immediate ? immediatesLane : k === MacrotaskKind.Io ? ioLane : 0;

  const laneOfEvent = new Int32Array(n);
  const taskOfEvent = new Int32Array(n).fill(-1);
  const siteOfEvent = new Int32Array(n);
  const lastAwaitSite = new Int32Array(tasks.length);
  const laneOf = (task: number): LaneBuilder | undefined => builders[laneOfTask[task] ?? -1];
  const taskSite = (task: number): number => tasks[task]?.site ?? 0;

  const stack: number[] = [];
  /** Result promise → the task that finished with it. */
  const ownerOfResult = new Map<number, number>();
  let macro = 0;
  const contextLane = (): number => (stack.length > 0 ? laneOfTask[stack[stack.length - 1]] : macro !== 0 ? Math.max(0, macroLane(macro)) : 0);
  const push = (task: number, x: number, seq: number): void => {
    if (stack.length > 0) laneOf(stack[stack.length - 1])?.set(SegState.Calling, x, seq);
    stack.push(task);
    laneOf(task)?.set(SegState.Running, x, seq);
  };
  const pop = (task: number, x: number, seq: number): void => {
    const at = stack.lastIndexOf(task);
    if (at >= 0) stack.splice(at, 1);
    if (stack.length > 0) laneOf(stack[stack.length - 1])?.set(SegState.Running, x, seq);
  };
  /** Jobs run only on an empty stack: the first one inside the script macrotask ends the script's body. */
  const jobStarts = (x: number, seq: number): void => {
    if (stack.length === 1 && stack[0] === 0) {
      stack.pop();
      builders[0].set(0, x, seq);
    }
  };

  for (let i = 0; i < n; i++) {
    const k = kind[i];
    const p = pos[i];
    const e = end[i];
    switch (k) {
      case EventKind.MacrotaskStart: {
        macro = a[i];
        stack.length = 0;
        if (macro === MacrotaskKind.Script) {
          stack.push(0);
          builders[0].set(SegState.Running, p, i);
        } else {
          builders[macroLane(macro)]?.set(SegState.Callback, p, i, 0);
        }
        break;
      }
      case EventKind.MacrotaskEnd: {
        builders[macroLane(a[i])]?.set(0, e, i);
        for (const task of stack) laneOf(task)?.set(0, e, i);
        stack.length = 0;
        macro = 0;
        break;
      }
      case EventKind.TaskCreate:
        laneOfEvent[i] = contextLane();
        taskOfEvent[i] = a[i];
        siteOfEvent[i] = c[i] || taskSite(a[i]);
        break;
      case EventKind.TaskStart:
        laneOfEvent[i] = contextLane();
        push(a[i], p, i);
        break;
      case EventKind.TaskSuspend:
        lastAwaitSite[a[i]] = b[i];
        siteOfEvent[i] = b[i];
        laneOf(a[i])?.set(SegState.Suspended, e, i, b[i]);
        pop(a[i], e, i);
        break;
      case EventKind.TaskResume:
        siteOfEvent[i] = lastAwaitSite[a[i]];
        push(a[i], p, i);
        break;
      case EventKind.TaskYield:
        lastAwaitSite[a[i]] = b[i];
        siteOfEvent[i] = b[i];
        laneOf(a[i])?.mark(MarkerKind.Yield, p, i);
        laneOf(a[i])?.set(SegState.Suspended, e, i, b[i]);
        pop(a[i], e, i);
        break;
      case EventKind.TaskFinish:
      case EventKind.TaskThrow:
        laneOf(a[i])?.mark(k === EventKind.TaskFinish ? MarkerKind.Finish : MarkerKind.Throw, p, i);
        laneOf(a[i])?.set(0, e, i);
        pop(a[i], e, i);
        break;
      case EventKind.ReactionQueued: {
        const lane = laneOf(c[i]);
        if (c[i] !== 0 && lane && lane.open === SegState.Suspended) lane.set(SegState.Queued, p, i, lane.openSite);
        break;
      }
      case EventKind.ReactionRun:
      case EventKind.TickRun:
      case EventKind.MicrotaskRun:
        jobStarts(p, i);
        break;
      case EventKind.Block: {
        siteOfEvent[i] = c[i];
        const top = stack.length > 0 ? stack[stack.length - 1] : -1;
        const lane = top >= 0 ? laneOf(top) : builders[contextLane()];
        lane?.set(SegState.Blocked, p, i, c[i]);
        lane?.set(top >= 0 ? SegState.Running : SegState.Callback, e, i);
        break;
      }
      default:
        break;
    }
    // Where it happened, what it concerns, and its site, for everything not set above.
    if (k === EventKind.TaskFinish || k === EventKind.TaskThrow) ownerOfResult.set(b[i], a[i]);
    if (k !== EventKind.TaskStart && k !== EventKind.TaskCreate) {
      // A task's own result promise settles on its lane, though the task has just left the stack.
      const owner = k === EventKind.PromiseFulfill || k === EventKind.PromiseReject ? ownerOfResult.get(a[i]) : undefined;
      laneOfEvent[i] = owner !== undefined ? laneOfTask[owner] ?? 0
        : k >= EventKind.TaskStart && k <= EventKind.TaskThrow ? laneOfTask[a[i]] ?? 0 : contextLane();
    }
    if (taskOfEvent[i] < 0) taskOfEvent[i] = k >= EventKind.TaskStart && k <= EventKind.TaskThrow ? a[i] : stack.length > 0 ? stack[stack.length - 1] : -1;
    if (siteOfEvent[i] === 0) {
      if (k === EventKind.PromiseCreate || k === EventKind.TimerSchedule || k === EventKind.ImmediateSchedule || k === EventKind.TickSchedule
        || k === EventKind.MicrotaskSchedule || k === EventKind.IoStart || k === EventKind.External || k === EventKind.UncaughtError
        || k === EventKind.Warning) siteOfEvent[i] = c[i];
      if (siteOfEvent[i] === 0 && taskOfEvent[i] > 0) siteOfEvent[i] = taskSite(taskOfEvent[i]);
    }
    // Markers that are not about a task's own lifecycle go on the lane where they happened.
    const here = builders[laneOfEvent[i]];
    switch (k) {
      case EventKind.PromiseFulfill: here?.mark(MarkerKind.Resolve, p, i); break;
      case EventKind.PromiseReject: here?.mark(MarkerKind.Reject, p, i); break;
      case EventKind.Console: here?.mark(MarkerKind.Console, p, i); break;
      case EventKind.UncaughtError:
      case EventKind.UnhandledRejection: here?.mark(MarkerKind.Error, p, i); break;
      case EventKind.Warning:
      case EventKind.External: here?.mark(MarkerKind.Warning, p, i); break;
      case EventKind.TimerSchedule: builders[timersLane]?.mark(MarkerKind.Schedule, p, i); break;
      case EventKind.ImmediateSchedule: builders[immediatesLane]?.mark(MarkerKind.Schedule, p, i); break;
      case EventKind.IoStart: builders[ioLane]?.mark(MarkerKind.Schedule, p, i); break;
      case EventKind.IoDone: builders[ioLane]?.mark(MarkerKind.Done, p, i); break;
      default: break;
    }
  }

  const lanes = builders.map((builder, index) => builder.finish(index, axis.width));
  return {
    lanes, groups, laneOfTask, scriptLane: 0, timersLane, immediatesLane, ioLane, laneOfEvent, taskOfEvent, siteOfEvent,
  };
}
