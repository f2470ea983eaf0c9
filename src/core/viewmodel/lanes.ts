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
import { EventKind, MacrotaskKind, type ScannableTrace } from '../trace/format';
import type { Axis } from './axis';
import { LaneBuilder } from './lane-builder';
import { blockUsesCore, threadNames } from './threads';
import { internalTasks } from './internal';
import { connectionLabel, netIndex } from './network';

export const enum SegState {
  Running = 1,
  Calling = 2,
  Suspended = 3,
  Queued = 4,
  Blocked = 5,
  /** A timer / immediate / I/O callback (macrotask) runs. */
  Callback = 6,
  /** CPU work on a core (a simulated thread's `cpu …` Block): the thread computes, its loop waits. */
  Computing = 7,
  /** I/O work outside JavaScript: a threadpool request that needs no core (fs), a running child process. */
  Io = 8,
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
  /** A racy tie (EventKind.RacyTie): real Node's order here depends on real time (racy.ts explains it). */
  Racy = 11,
}

export type LaneKind = 'script' | 'task' | 'timers' | 'immediates' | 'io' | 'pool' | 'process' | 'net';

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
  /** The simulated thread the lane belongs to (0 = main thread). */
  thread: number;
  segments: Segments;
  markers: Markers;
}

export interface TaskGroup {
  name: string;
  /** Set for the process-wide I/O groups (libuv's threadpool, the child processes, the network's connections): not tasks. */
  io?: 'pool' | 'process' | 'net';
  /** What collapsing remembers: the name on the main thread, `<thread id>:<name>` on another. */
  key: string;
  thread: number;
  /** Lane indices, in order of creation. */
  lanes: number[];
}

/** A simulated thread's lanes (a trace without threads has one: the main thread). */
export interface ThreadLanes {
  id: number;
  name: string;
  /** Its script-like lane (the thread's entry macrotask), -1 if it has none. */
  scriptLane: number;
  /** Indices into `groups`. */
  groups: number[];
  timersLane: number;
  immediatesLane: number;
  ioLane: number;
}

export interface LaneModel {
  lanes: Lane[];
  /** Threads in order of id; `threads.length > 1` means the trace has simulated threads. */
  threads: ThreadLanes[];
  /** Task groups (by function name) in order of first creation. */
  groups: TaskGroup[];
  /** Lane index of each task id. */
  laneOfTask: Int32Array;
  scriptLane: number;
  /** -1 when the trace has no such events. */
  timersLane: number;
  immediatesLane: number;
  ioLane: number;
  /**
   * libuv's threadpool (one lane per pool thread that took a request: `threadpool #1`, …) and the
   * child processes (one lane each), process-wide; shown as groups after the main thread's tasks.
   */
  poolLanes: number[];
  processLanes: number[];
  /**
   * The network (network.ts): a lane per connection (`client :40001 → :40000`), its HTTP
   * exchanges as I/O bars from the request to the end of the response; in `netIndex(trace).connections` order.
   */
  netLanes: number[];
  /** The lane of each I/O id's pool work or process (by io id), -1 if none (= `io.laneOfIo`). */
  laneOfIo: Int32Array;
  /** Per I/O id: its events and where its work ends. */
  io: IoIndex;
  laneOfEvent: Int32Array;
  /** The task an event concerns (its operand for task events, the running task otherwise); -1 for none. */
  taskOfEvent: Int32Array;
  /** Source site of an event (0 if unknown): its own site operand, else the await it resumes, else its task's function. */
  siteOfEvent: Int32Array;
}

interface UsedLanes { script: boolean; timers: boolean; immediates: boolean; io: boolean }

/** Which lanes each thread needs beyond its tasks: only those with events. */
function usedLanes(trace: ScannableTrace): Map<number, UsedLanes> {
  const { kind, a, thread } = trace.events;
  const used = new Map<number, UsedLanes>([[0, { script: true, timers: false, immediates: false, io: false }]]);
  for (let i = 0; i < kind.length; i++) {
    const k = kind[i];
    if (k !== EventKind.TimerSchedule && k !== EventKind.ImmediateSchedule && k !== EventKind.IoStart && k !== EventKind.MacrotaskStart) continue;
    const th = thread?.[i] ?? 0;
    let u = used.get(th);
    if (!u) used.set(th, (u = { script: false, timers: false, immediates: false, io: false }));
    if (k === EventKind.TimerSchedule) u.timers = true;
    else if (k === EventKind.ImmediateSchedule) u.immediates = true;
    else if (k === EventKind.IoStart) u.io = true;
    else if (a[i] === MacrotaskKind.Script) u.script = true;
    // A callback can run on a thread that did not schedule it (a message from another thread).
    else if (a[i] === MacrotaskKind.Timer) u.timers = true;
    else if (a[i] === MacrotaskKind.Immediate) u.immediates = true;
    else if (a[i] === MacrotaskKind.Io) u.io = true;
  }
  return used;
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

/** What one thread is doing while the pass walks the events (each thread has its own stack and loop). */
interface ThreadCx {
  lanes: ThreadLanes;
  stack: number[];
  macro: number;
}

/** What the I/O lanes know of each I/O id (arrays indexed by io id; -1 / NaN for none). */
export interface IoIndex {
  /** The lane of the id's pool work or process, -1 if none (an I/O id that is neither). */
  laneOfIo: Int32Array;
  /** Its IoStart (its label is that event's string), IoPoolStart and IoDone events. */
  startSeq: Int32Array;
  poolSeq: Int32Array;
  doneSeq: Int32Array;
  /**
   * Where its work ends on its lane (layout x): a pool request's bar ends at its IoDone, or
   * earlier when its pool thread took the next request before the loop saw the completion (both
   * happen at the same virtual time); a process at its IoDone or its last event, whichever is later.
   */
  endX: Float64Array;
}

/** What an I/O id is, as its IoStart says (`pbkdf2 · 100,000 iterations`, `child 4242: ls`); '' if unknown. */
export function ioRequestLabel(trace: ScannableTrace, io: IoIndex, id: number): string {
  const start = io.startSeq[id] ?? -1;
  return start >= 0 ? trace.strings[trace.events.b[start]] ?? '' : '';
}

/** A child process's IoStart label is `child <pid>: <command>`: the command alone. */
export function processCommand(label: string): string {
  return label.replace(/^child \d+: /, '');
}

/**
 * The threadpool's and child processes' lanes: a lane per pool thread that took a request
 * (IoPoolStart b), a lane per I/O that delivered process events (IoEvent) or is labelled as a child
 * (`child <pid>: <command>`), labelled by its IoStart. A process without an end runs to the end of the run.
 */
function ioLanes(trace: ScannableTrace, builders: LaneBuilder[]): { poolLanes: number[]; processLanes: number[]; index: IoIndex; procEnd: Int32Array } {
  const { kind, a, b } = trace.events;
  let maxIo = 0;
  let poolThreads = 0;
  for (let i = 0; i < kind.length; i++) {
    const k = kind[i];
    if (k === EventKind.IoStart || k === EventKind.IoPoolStart || k === EventKind.IoDone || k === EventKind.IoEvent) maxIo = Math.max(maxIo, a[i]);
    if (k === EventKind.IoPoolStart) poolThreads = Math.max(poolThreads, b[i]);
  }
  const ids = (): Int32Array => new Int32Array(maxIo + 1).fill(-1);
  const index: IoIndex = { laneOfIo: ids(), startSeq: ids(), poolSeq: ids(), doneSeq: ids(), endX: new Float64Array(maxIo + 1).fill(NaN) };
  /** A process's last event (IoEvent or IoDone, whichever comes later), where its lane's bar ends. */
  const procEnd = ids();
  const lastEvent = ids();
  for (let i = 0; i < kind.length; i++) {
    const io = a[i];
    switch (kind[i]) {
      case EventKind.IoStart: if (index.startSeq[io] < 0) index.startSeq[io] = i; break;
      case EventKind.IoPoolStart: if (index.poolSeq[io] < 0) index.poolSeq[io] = i; break;
      case EventKind.IoDone: if (index.doneSeq[io] < 0) index.doneSeq[io] = i; break;
      case EventKind.IoEvent: lastEvent[io] = i; break;
      default: break;
    }
  }
  const labelOf = (io: number): string => (index.startSeq[io] >= 0 ? trace.strings[b[index.startSeq[io]]] ?? '' : '');
  const poolLanes: number[] = [];
  for (let t = 1; t <= poolThreads; t++) poolLanes.push(builders.push(new LaneBuilder('pool', `threadpool #${t}`, -1, 'libuv threadpool', 0)) - 1);
  const processLanes: number[] = [];
  for (let io = 1; io <= maxIo; io++) {
    // A process delivers events; one that never did (killed when the run ended) is known by its label.
    if (index.poolSeq[io] >= 0 || (lastEvent[io] < 0 && !/^child \d+: /.test(labelOf(io)))) continue;
    index.laneOfIo[io] = builders.push(new LaneBuilder('process', labelOf(io) || `process (I/O #${io})`, -1, 'child processes', 0)) - 1;
    processLanes.push(index.laneOfIo[io]);
    procEnd[io] = Math.max(lastEvent[io], index.doneSeq[io]);
  }
  for (let io = 1; io <= maxIo; io++) {
    const s = index.poolSeq[io];
    if (s >= 0) index.laneOfIo[io] = poolLanes[b[s] - 1] ?? -1;
  }
  return { poolLanes, processLanes, index, procEnd };
}

/** The group of Node's own async functions (internal.ts) and the key the timeline collapses by default. */
export const INTERNAL_GROUP_NAME = "Node's own async functions";
export const INTERNAL_GROUP_KEY = 'node:internals';
/** The network's group (a lane per connection); the timeline collapses it at first when it has many lanes. */
export const NETWORK_GROUP_NAME = 'network';

export function buildLanes(trace: ScannableTrace, axis: Axis): LaneModel {
  const { kind, a, b, c } = trace.events;
  const threadCol = trace.events.thread;
  const { pos, end } = axis;
  const n = kind.length;
  const tasks = trace.tasks.length > 0 ? trace.tasks : [{ name: 'main', site: 0, kind: 'main' as const, parent: 0, thread: 0 }];

  // Lanes per thread (the main thread first): its script, its tasks grouped by name (group
  // order = first creation), then its loop's lanes. Without threads: exactly one thread.
  const names = threadNames(trace);
  const internal = internalTasks(trace);
  const used = usedLanes(trace);
  for (const task of tasks) if (task && (task.thread ?? 0) !== 0 && !names.has(task.thread)) names.set(task.thread, `thread ${task.thread}`);
  for (const id of used.keys()) if (!names.has(id)) names.set(id, `thread ${id}`);
  const threadIds = [...names.keys()].sort((x, y) => x - y);
  // Threads made one after another often share a name (a pool's `counter 1`): the id tells them apart.
  const seen = new Map<string, number>();
  for (const id of threadIds) seen.set(names.get(id)!, (seen.get(names.get(id)!) ?? 0) + 1);
  for (const id of threadIds) if (id !== 0 && (seen.get(names.get(id)!) ?? 0) > 1) names.set(id, `${names.get(id)} #${id}`);
  const builders: LaneBuilder[] = [];
  const laneOfTask = new Int32Array(tasks.length).fill(-1);
  const groups: TaskGroup[] = [];
  const threads: ThreadLanes[] = [];
  const cxOf = new Map<number, ThreadCx>();
  for (const th of threadIds) {
    const name = names.get(th) ?? `thread ${th}`;
    const u = used.get(th) ?? { script: false, timers: false, immediates: false, io: false };
    const lanes: ThreadLanes = { id: th, name, scriptLane: -1, groups: [], timersLane: -1, immediatesLane: -1, ioLane: -1 };
    if (th === 0) {
      const scriptLabel = trace.meta?.entry ? `script: ${baseName(trace.meta.entry)}` : 'script';
      builders.push(new LaneBuilder('script', scriptLabel, 0, '', 0));
      laneOfTask[0] = 0;
      lanes.scriptLane = 0;
    } else if (u.script) {
      lanes.scriptLane = builders.push(new LaneBuilder('script', 'thread body', -1, '', th)) - 1;
    }
    const groupMembers = new Map<string, number[]>();
    // Node's own layer in the sandbox (fs.promises, streams) makes tasks too: one group of their
    // own, after the program's, which the timeline shows collapsed at first (INTERNAL_GROUP_KEY).
    const internalMembers: number[] = [];
    for (let id = 1; id < tasks.length; id++) {
      if ((tasks[id]?.thread ?? 0) !== th) continue;
      if (internal[id] === 1) {
        internalMembers.push(id);
        continue;
      }
      const taskName = tasks[id]?.name || `task ${id}`;
      let members = groupMembers.get(taskName);
      if (!members) groupMembers.set(taskName, (members = []));
      members.push(id);
    }
    for (const [groupName, members] of groupMembers) {
      const groupLanes: number[] = [];
      members.forEach((id, i) => {
        const label = members.length > 1 ? `${groupName} #${i + 1}` : groupName;
        laneOfTask[id] = builders.length;
        groupLanes.push(builders.length);
        builders.push(new LaneBuilder('task', label, id, groupName, th));
      });
      lanes.groups.push(groups.length);
      groups.push({ name: groupName, key: th === 0 ? groupName : `${th}:${groupName}`, thread: th, lanes: groupLanes });
    }
    if (internalMembers.length > 0) {
      const groupLanes = internalMembers.map((id) => {
        laneOfTask[id] = builders.length;
        return builders.push(new LaneBuilder('task', `node: ${tasks[id]?.name || `task ${id}`}`, id, INTERNAL_GROUP_NAME, th)) - 1;
      });
      lanes.groups.push(groups.length);
      groups.push({ name: INTERNAL_GROUP_NAME, key: th === 0 ? INTERNAL_GROUP_KEY : `${th}:${INTERNAL_GROUP_KEY}`, thread: th, lanes: groupLanes });
    }
    const addLoopLane = (k: LaneKind, on: boolean): number => (on ? builders.push(new LaneBuilder(k, k === 'io' ? 'I/O' : k, -1, '', th)) - 1 : -1);
    lanes.timersLane = addLoopLane('timers', u.timers);
    lanes.immediatesLane = addLoopLane('immediates', u.immediates);
    lanes.ioLane = addLoopLane('io', u.io);
    threads.push(lanes);
    cxOf.set(th, { lanes, stack: [], macro: 0 });
  }
  // libuv's threadpool and the child processes: process-wide lanes, in groups of the main thread.
  const io = ioLanes(trace, builders);
  // The network: a lane per connection, process-wide (both ends of a loopback connection are the program's).
  const net = netIndex(trace);
  const netLanes = net.connections.map((conn) => builders.push(new LaneBuilder('net', connectionLabel(net, conn), -1, NETWORK_GROUP_NAME, 0)) - 1);
  const laneOfConnection = new Map(net.connections.map((conn, i) => [conn.id, netLanes[i]]));
  for (const [name, kind, lanes] of [['libuv threadpool', 'pool', io.poolLanes], ['child processes', 'process', io.processLanes], [NETWORK_GROUP_NAME, 'net', netLanes]] as const) {
    if (lanes.length === 0) continue;
    threads[0].groups.push(groups.length);
    groups.push({ name, key: name, thread: 0, lanes: [...lanes], io: kind });
  }
  const { laneOfIo } = io.index;
  /** The request each pool lane runs now (0: idle). */
  const runningOn = new Map<number, number>();
  /** A pool request's work is over: its bar ends at x, with a Done marker (named by its IoDone when there is one). */
  const endPoolWork = (req: number, x: number, seq: number): void => {
    const lane = laneOfIo[req];
    if (runningOn.get(lane) !== req) return;
    runningOn.set(lane, 0);
    builders[lane].set(0, x, seq);
    builders[lane].mark(MarkerKind.Done, x, io.index.doneSeq[req] >= 0 ? io.index.doneSeq[req] : seq);
    io.index.endX[req] = x;
  };
  /** A child process's bar ends with its last event (or its IoDone, if that comes later). */
  const endProcess = (proc: number, x: number, seq: number): void => {
    builders[laneOfIo[proc]]?.set(0, x, seq);
    io.index.endX[proc] = x;
  };
  const main = cxOf.get(0)!;
  let cx = main;
  const macroLane = (k: number): number => {
    const l = cx.lanes;
    return k === MacrotaskKind.Timer ? l.timersLane : k === MacrotaskKind.Immediate ? l.immediatesLane : k === MacrotaskKind.Io ? l.ioLane : Math.max(0, l.scriptLane);
  };

  const laneOfEvent = new Int32Array(n);
  const taskOfEvent = new Int32Array(n).fill(-1);
  const siteOfEvent = new Int32Array(n);
  const lastAwaitSite = new Int32Array(tasks.length);
  const laneOf = (task: number): LaneBuilder | undefined => builders[laneOfTask[task] ?? -1];
  const taskSite = (task: number): number => tasks[task]?.site ?? 0;

  /** Result promise → the task that finished with it. */
  const ownerOfResult = new Map<number, number>();
  /** The script lane of the current thread's script macrotask, when its body is on the stack (task 0 on the main thread). */
  const scriptTask = (): number => (cx === main ? 0 : -2 - cx.lanes.scriptLane);
  const laneOfStackEntry = (task: number): number => (task <= -2 ? -2 - task : laneOfTask[task] ?? -1);
  const contextLane = (): number => {
    const { stack, macro } = cx;
    if (stack.length > 0) return laneOfStackEntry(stack[stack.length - 1]);
    return macro !== 0 ? Math.max(0, macroLane(macro)) : Math.max(0, cx.lanes.scriptLane);
  };
  const laneOfEntry = (task: number): LaneBuilder | undefined => builders[laneOfStackEntry(task)];
  const push = (task: number, x: number, seq: number): void => {
    const { stack } = cx;
    if (stack.length > 0) laneOfEntry(stack[stack.length - 1])?.set(SegState.Calling, x, seq);
    stack.push(task);
    laneOf(task)?.set(SegState.Running, x, seq);
  };
  const pop = (task: number, x: number, seq: number): void => {
    const { stack } = cx;
    const at = stack.lastIndexOf(task);
    if (at >= 0) stack.splice(at, 1);
    if (stack.length > 0) laneOfEntry(stack[stack.length - 1])?.set(SegState.Running, x, seq);
  };
  /** Jobs run only on an empty stack: the first one inside the script macrotask ends the script's body. */
  const jobStarts = (x: number, seq: number): void => {
    const { stack } = cx;
    if (stack.length === 1 && stack[0] === scriptTask()) {
      laneOfEntry(stack.pop()!)?.set(0, x, seq);
    }
  };

  for (let i = 0; i < n; i++) {
    const k = kind[i];
    const p = pos[i];
    const e = end[i];
    if (threadCol && threads.length > 1) cx = cxOf.get(threadCol[i] ?? 0) ?? main;
    switch (k) {
      case EventKind.MacrotaskStart: {
        cx.macro = a[i];
        cx.stack.length = 0;
        if (cx.macro === MacrotaskKind.Script) {
          cx.stack.push(scriptTask());
          laneOfEntry(scriptTask())?.set(SegState.Running, p, i);
        } else {
          builders[macroLane(cx.macro)]?.set(SegState.Callback, p, i, 0);
        }
        break;
      }
      case EventKind.MacrotaskEnd: {
        builders[macroLane(a[i])]?.set(0, e, i);
        for (const task of cx.stack) laneOfEntry(task)?.set(0, e, i);
        cx.stack.length = 0;
        cx.macro = 0;
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
        const top = cx.stack.length > 0 ? cx.stack[cx.stack.length - 1] : -1;
        const lane = top !== -1 ? laneOfEntry(top) : builders[contextLane()];
        lane?.set(b[i] !== 0 && blockUsesCore(trace, i) ? SegState.Computing : SegState.Blocked, p, i, c[i]);
        lane?.set(top !== -1 ? SegState.Running : SegState.Callback, e, i);
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
    if (taskOfEvent[i] < 0) taskOfEvent[i] = k >= EventKind.TaskStart && k <= EventKind.TaskThrow ? a[i] : cx.stack.length > 0 && cx.stack[cx.stack.length - 1] >= 0 ? cx.stack[cx.stack.length - 1] : -1;
    if (siteOfEvent[i] === 0) {
      if (k === EventKind.PromiseCreate || k === EventKind.TimerSchedule || k === EventKind.ImmediateSchedule || k === EventKind.TickSchedule
        || k === EventKind.MicrotaskSchedule || k === EventKind.IoStart || k === EventKind.External || k === EventKind.UncaughtError
        || k === EventKind.Warning || k === EventKind.Block || k === EventKind.PromiseDiscarded || k === EventKind.PromiseSite || k === EventKind.RacyTie) siteOfEvent[i] = c[i];
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
      case EventKind.TimerSchedule: builders[cx.lanes.timersLane]?.mark(MarkerKind.Schedule, p, i); break;
      case EventKind.ImmediateSchedule: builders[cx.lanes.immediatesLane]?.mark(MarkerKind.Schedule, p, i); break;
      case EventKind.RacyTie: {
        // On the timers lane: every racy tie is about when a timer runs.
        const lane = cx.lanes.timersLane >= 0 ? cx.lanes.timersLane : laneOfEvent[i];
        laneOfEvent[i] = lane;
        builders[lane]?.mark(MarkerKind.Racy, p, i);
        break;
      }
      case EventKind.IoStart: {
        builders[cx.lanes.ioLane]?.mark(MarkerKind.Schedule, p, i);
        const proc = laneOfIo[a[i]] ?? -1;
        if (proc >= 0 && builders[proc].kind === 'process') builders[proc].set(SegState.Io, p, i, c[i]);
        break;
      }
      case EventKind.IoPoolStart: {
        const lane = laneOfIo[a[i]] ?? -1;
        if (lane < 0) break;
        laneOfEvent[i] = lane;
        // The thread takes its next request: the one before is over (its IoDone may come later in
        // the trace, at the same virtual time: the loop sees completions after the pool moved on).
        const before = runningOn.get(lane) ?? 0;
        if (before !== 0) endPoolWork(before, p, i);
        const start = io.index.startSeq[a[i]];
        builders[lane].set(c[i] > 0 ? SegState.Computing : SegState.Io, p, i, start >= 0 ? c[start] : 0);
        runningOn.set(lane, a[i]);
        break;
      }
      case EventKind.IoDone: {
        builders[cx.lanes.ioLane]?.mark(MarkerKind.Done, p, i);
        const lane = laneOfIo[a[i]] ?? -1;
        if (lane >= 0) laneOfEvent[i] = lane;
        if (lane >= 0 && builders[lane].kind === 'pool') endPoolWork(a[i], p, i);
        if (io.procEnd[a[i]] === i) endProcess(a[i], p, i);
        break;
      }
      case EventKind.NetConnect:
      case EventKind.NetClose:
      case EventKind.HttpRequest:
      case EventKind.HttpResponse:
      case EventKind.HttpMessageEnd: {
        // On the connection's lane: its ends open and close (markers); an exchange is a bar from
        // its request (or, unknown request, its response head) to the end of its response.
        const lane = laneOfConnection.get(a[i]) ?? -1;
        if (lane < 0) break;
        laneOfEvent[i] = lane;
        const conn = builders[lane];
        const x = net.exchangeOfSeq.get(i) ?? -1;
        const ex = x >= 0 ? net.exchanges[x] : undefined;
        if (k === EventKind.NetConnect) conn.mark(MarkerKind.Schedule, p, i);
        else if (k === EventKind.NetClose) conn.mark(MarkerKind.Done, p, i);
        else if (ex && (k === EventKind.HttpRequest || (k === EventKind.HttpResponse && ex.requestSeq < 0))) {
          conn.set(0, p, i);
          conn.set(SegState.Io, p, i);
        } else if (ex && k === EventKind.HttpMessageEnd && ex.endSeq === i) conn.set(0, e, i);
        break;
      }
      case EventKind.IoEvent: {
        const lane = laneOfIo[a[i]] ?? -1;
        if (lane < 0) break;
        laneOfEvent[i] = lane;
        builders[lane].mark(MarkerKind.Done, p, i);
        if (io.procEnd[a[i]] === i) endProcess(a[i], e, i);
        break;
      }
      default: break;
    }
  }

  const lanes = builders.map((builder, index) => builder.finish(index, axis.width));
  const m = main.lanes;
  return {
    lanes, threads, groups, laneOfTask, scriptLane: 0, timersLane: m.timersLane, immediatesLane: m.immediatesLane, ioLane: m.ioLane,
    poolLanes: io.poolLanes, processLanes: io.processLanes, netLanes, laneOfIo, io: io.index,
    laneOfEvent, taskOfEvent, siteOfEvent,
  };
}
