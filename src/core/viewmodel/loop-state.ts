/**
 * The event loop at a step: call stack, nextTick queue, microtask queue, timers, immediates
 * and pending I/O after event `seq`, computed by replaying the trace. With simulated threads
 * every thread has a loop of its own (a Worker on a file: its own queues and timers); the
 * replay keeps one per thread and shows the loop of the thread the step belongs to.
 *
 * Replaying from the start for every cursor move would cost O(n) per step on a million-event
 * trace, so the replay keeps checkpoints: a copy of its state every CHECKPOINT_EVERY events,
 * made lazily the first time the replay passes there. A query replays at most that many
 * events from the nearest checkpoint at or before it.
 */
import { EventKind, MacrotaskKind, type ScannableTrace } from '../trace/format';
import { blockInterval } from './axis';

export const CHECKPOINT_EVERY = 1024;

const SCRIPT_BODY = 'script (main module)';
const SCRIPT_JOBS = 'script (body done: running jobs)';

/** One entry of a queue or of the stack, ready to display. */
export interface LoopItem {
  /** What it is: `resume count #2`, `timer #1 callback`, `then-callback of promise #4`. */
  label: string;
  /** Where it was scheduled / what it runs (index into `sites`), 0 if unknown. */
  site: number;
  /** The event that put it there. */
  seq: number;
}

export interface TimerItem extends LoopItem {
  /** Virtual time (ms) at which it is due. */
  due: number;
}

export interface LoopState {
  /** The step this is the state after (-1: before the first event). */
  seq: number;
  /** The simulated thread whose loop this is: the step's (0 = main). */
  thread: number;
  /** Virtual time (ms). */
  time: number;
  /** The running macrotask, e.g. `timer #1`, or '' between macrotasks. */
  macrotask: string;
  /** Innermost last. */
  stack: LoopItem[];
  ticks: LoopItem[];
  microtasks: LoopItem[];
  /** Sorted by due time, then creation order (Node's order). */
  timers: TimerItem[];
  immediates: LoopItem[];
  io: LoopItem[];
  /** Synchronous work holds the loop at this step (a Block event). */
  blocked: boolean;
}

/** One thread's loop in the replay: maps keep insertion order, which is each queue's order. */
interface ThreadLoopState {
  time: number;
  macrotask: string;
  base: LoopItem | null;
  job: LoopItem | null;
  tasks: LoopItem[];
  ticks: Map<number, LoopItem>;
  microtasks: Map<number, LoopItem>;
  timers: Map<number, TimerItem>;
  immediates: Map<number, LoopItem>;
  io: Map<number, LoopItem>;
  blocked: boolean;
}

interface ReplayState {
  seq: number;
  /** The thread of event `seq`. */
  thread: number;
  loops: Map<number, ThreadLoopState>;
}

function emptyLoop(): ThreadLoopState {
  return {
    time: 0, macrotask: '', base: null, job: null, tasks: [], ticks: new Map(), microtasks: new Map(),
    timers: new Map(), immediates: new Map(), io: new Map(), blocked: false,
  };
}

function emptyState(): ReplayState {
  return { seq: -1, thread: 0, loops: new Map([[0, emptyLoop()]]) };
}

function copyLoop(s: ThreadLoopState): ThreadLoopState {
  return {
    ...s, tasks: s.tasks.slice(), ticks: new Map(s.ticks), microtasks: new Map(s.microtasks), timers: new Map(s.timers),
    immediates: new Map(s.immediates), io: new Map(s.io),
  };
}

function copyState(s: ReplayState): ReplayState {
  return { seq: s.seq, thread: s.thread, loops: new Map([...s.loops].map(([id, loop]) => [id, copyLoop(loop)])) };
}

export class LoopReplay {
  private readonly checkpoints: ReplayState[] = [emptyState()];

  /** `taskLabel(id)` names a task as its lane does (`count #2`). */
  /** I/O ids that are threadpool requests (they wait in the pool's queue until an IoPoolStart). */
  private readonly poolIo = new Set<number>();

  constructor(private readonly trace: ScannableTrace, private readonly taskLabel: (task: number) => string) {
    const { kind, a } = trace.events;
    for (let i = 0; i < kind.length; i++) if (kind[i] === EventKind.IoPoolStart) this.poolIo.add(a[i]);
  }

  /** The loop's state right after event `seq` ran (clamped to the trace). */
  stateAt(seq: number): LoopState {
    const n = this.trace.events.kind.length;
    const target = Math.min(Math.max(seq, -1), n - 1);
    const slot = Math.min(Math.floor((target + 1) / CHECKPOINT_EVERY), this.checkpoints.length - 1);
    const state = copyState(this.checkpoints[slot]);
    for (let i = state.seq + 1; i <= target; i++) {
      this.apply(state, i);
      if ((i + 1) % CHECKPOINT_EVERY === 0 && this.checkpoints.length === (i + 1) / CHECKPOINT_EVERY) {
        this.checkpoints.push(copyState(state));
      }
    }
    return this.view(state);
  }

  private view(state: ReplayState): LoopState {
    const s = state.loops.get(state.thread) ?? emptyLoop();
    const stack: LoopItem[] = [];
    if (s.base) stack.push(s.base);
    if (s.job) stack.push(s.job);
    stack.push(...s.tasks);
    const timers = [...s.timers.values()].sort((p, q) => p.due - q.due || p.seq - q.seq);
    return {
      seq: state.seq, thread: state.thread, time: s.time, macrotask: s.macrotask, stack, ticks: [...s.ticks.values()], microtasks: [...s.microtasks.values()],
      timers, immediates: [...s.immediates.values()], io: [...s.io.values()], blocked: s.blocked,
    };
  }

  private apply(state: ReplayState, i: number): void {
    const { kind, t, a, b, c } = this.trace.events;
    const thread = this.trace.events.thread?.[i] ?? 0;
    let s = state.loops.get(thread);
    if (s === undefined) state.loops.set(thread, (s = emptyLoop()));
    state.seq = i;
    state.thread = thread;
    s.time = t[i];
    s.blocked = false;
    switch (kind[i]) {
      case EventKind.MacrotaskStart: {
        const name = macrotaskName(a[i], b[i]);
        s.macrotask = name;
        s.base = { label: a[i] === MacrotaskKind.Script ? SCRIPT_BODY : `${name} callback`, site: 0, seq: i };
        s.job = null;
        s.tasks = [];
        if (a[i] === MacrotaskKind.Timer) s.timers.delete(b[i]);
        else if (a[i] === MacrotaskKind.Immediate) s.immediates.delete(b[i]);
        break;
      }
      case EventKind.MacrotaskEnd:
        s.macrotask = '';
        s.base = null;
        s.job = null;
        s.tasks = [];
        break;
      case EventKind.TaskStart:
      case EventKind.TaskResume:
        s.tasks.push({ label: this.taskLabel(a[i]), site: this.trace.tasks[a[i]]?.site ?? 0, seq: i });
        break;
      case EventKind.TaskSuspend:
      case EventKind.TaskYield:
      case EventKind.TaskFinish:
      case EventKind.TaskThrow: {
        const label = this.taskLabel(a[i]);
        for (let j = s.tasks.length - 1; j >= 0; j--) {
          if (s.tasks[j].label === label) {
            s.tasks.splice(j, 1);
            break;
          }
        }
        break;
      }
      case EventKind.ReactionQueued:
        s.microtasks.set(b[i], {
          label: c[i] ? `resume ${this.taskLabel(c[i])}` : `then-callback of promise #${a[i]}`,
          site: 0,
          seq: i,
        });
        break;
      case EventKind.ReactionRun:
        this.runJob(s, s.microtasks, b[i], i);
        break;
      case EventKind.MicrotaskSchedule:
        s.microtasks.set(a[i], { label: 'queueMicrotask callback', site: c[i], seq: i });
        break;
      case EventKind.MicrotaskRun:
        this.runJob(s, s.microtasks, a[i], i);
        break;
      case EventKind.TickSchedule:
        s.ticks.set(a[i], { label: `nextTick #${a[i]}`, site: c[i], seq: i });
        break;
      case EventKind.TickRun:
        this.runJob(s, s.ticks, a[i], i);
        break;
      case EventKind.TimerSchedule:
        s.timers.set(a[i], { label: `timer #${a[i]} (${b[i]} ms)`, site: c[i], seq: i, due: t[i] + b[i] });
        break;
      case EventKind.TimerFire:
      case EventKind.TimerClear:
        s.timers.delete(a[i]);
        break;
      case EventKind.ImmediateSchedule:
        s.immediates.set(a[i], { label: `immediate #${a[i]}`, site: c[i], seq: i });
        break;
      case EventKind.ImmediateRun:
        s.immediates.delete(a[i]);
        break;
      case EventKind.IoStart:
        s.io.set(a[i], { label: (this.trace.strings[b[i]] || `I/O #${a[i]}`) + (this.poolIo.has(a[i]) ? ' · queued in the threadpool' : ''), site: c[i], seq: i });
        break;
      case EventKind.IoPoolStart: {
        const item = s.io.get(a[i]);
        if (item) s.io.set(a[i], { ...item, label: item.label.replace(/ · queued in the threadpool$/, '') + ` · on threadpool #${b[i]}${c[i] > 0 ? `, core ${c[i]}` : ''}` });
        break;
      }
      case EventKind.IoDone:
        // A message is started by its sender and done on its receiver's thread.
        for (const loop of state.loops.values()) loop.io.delete(a[i]);
        break;
      case EventKind.Block:
        s.blocked = true;
        s.time = blockInterval(this.trace, i)[1];
        break;
      default:
        break;
    }
  }

  /** A job leaves its queue and becomes the frame under the tasks; the script body ends at the first job. */
  private runJob(s: ThreadLoopState, queue: Map<number, LoopItem>, id: number, seq: number): void {
    const item = queue.get(id);
    queue.delete(id);
    if (s.tasks.length > 0) s.tasks = [];
    s.job = { label: item?.label ?? 'job', site: item?.site ?? 0, seq };
    if (s.base && s.base.label === SCRIPT_BODY) s.base = { label: SCRIPT_JOBS, site: 0, seq: s.base.seq };
  }
}

export function macrotaskName(kind: number, id: number): string {
  switch (kind) {
    case MacrotaskKind.Script: return 'script';
    case MacrotaskKind.Timer: return `timer #${id}`;
    case MacrotaskKind.Immediate: return `immediate #${id}`;
    // A child process's events run as Io macrotasks without an id (the IoEvent inside names it).
    case MacrotaskKind.Io: return id > 0 ? `I/O #${id}` : 'I/O';
    default: return `macrotask ${kind}`;
  }
}
