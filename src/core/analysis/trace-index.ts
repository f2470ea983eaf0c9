/**
 * One forward pass over a trace that every analysis reads: for each event, the context it ran
 * in (the innermost task run, or the loop-level callback: a macrotask, a tick, a reaction job),
 * and the lookups that link a callback to what scheduled it (a timer's fire to its
 * setTimeout, a reaction job to its queueing, an I/O completion to its start).
 *
 * Context rules (main thread; other threads keep their own stacks):
 * - MacrotaskStart, TimerFire, ImmediateRun, IoEvent, TickRun, MicrotaskRun and ReactionRun
 *   run from the loop with nothing else on the stack: each starts a fresh context;
 * - TaskStart and TaskResume push the task; TaskSuspend, TaskYield pop it. TaskFinish and
 *   TaskThrow pop it after the settle of its promise and the reactions that settle queues,
 *   which are the task's doing (its `return` settles its promise).
 */
import { EventKind, type ScannableTrace } from '../trace/format';
import type { Place } from './types';

export interface TraceIndex {
  trace: ScannableTrace;
  n: number;
  /** For each event: the index of the event that started its innermost context (itself for a context start), -1 at the top. */
  ctx: Int32Array;
  /** For each event: the context under it (a task's caller context), -1 if none. */
  outer: Int32Array;
  /** For each event: the task running (0 = none / the main script). */
  task: Int32Array;
  /** For each TaskResume: the index of the TaskSuspend it ends (-1 if none). */
  suspendOf: Int32Array;
  /** Schedules by id: the index of the event that scheduled timer/immediate/tick/microtask/io id. */
  timerSchedule: Map<number, number>;
  /** For a timer fire: the previous fire of the same (interval) timer, else its schedule. */
  immediateSchedule: Map<number, number>;
  tickSchedule: Map<number, number>;
  microtaskSchedule: Map<number, number>;
  /** ReactionQueued index by job id. */
  reactionQueued: Map<number, number>;
  ioStart: Map<number, number>;
  /** Promise → the task whose result it is (async function calls). */
  resultOf: Map<number, number>;
  /** Promise → index of its PromiseCreate. */
  created: Map<number, number>;
  /** Promise → site of the `new Promise` that made it. */
  promiseSite: Map<number, number>;
  /** Promise → the promise it adopted (resolved with), last one wins. */
  adopted: Map<number, number>;
  /** Promise → index of its settle (PromiseFulfill / PromiseReject). */
  settled: Map<number, number>;
  /** Promise → index of each ReactionQueued on it (a handler: await, then, catch, a combinator). */
  reactions: Map<number, number[]>;
  /** Promises some other promise adopted (a `return p`, a resolve(p)): they were handled. */
  adoptedBy: Set<number>;
  /** Display names of tasks: `count #3` when several tasks share a name. */
  taskName: string[];
  /** The task ids of Node's own layer (files named `node:…`). */
  internal: Uint8Array;
  place(site: number): Place | undefined;
  str(i: number): string;
}

const LOOP_LEVEL = new Set<number>([
  EventKind.MacrotaskStart, EventKind.TimerFire, EventKind.ImmediateRun, EventKind.IoEvent,
  EventKind.TickRun, EventKind.MicrotaskRun, EventKind.ReactionRun,
]);

export function indexTrace(trace: ScannableTrace): TraceIndex {
  const { kind, a, b, c, thread } = trace.events;
  const n = kind.length;
  const ctx = new Int32Array(n).fill(-1);
  const outer = new Int32Array(n).fill(-1);
  const taskCol = new Int32Array(n);
  const suspendOf = new Int32Array(n).fill(-1);
  const ix = {
    timerSchedule: new Map<number, number>(),
    immediateSchedule: new Map<number, number>(),
    tickSchedule: new Map<number, number>(),
    microtaskSchedule: new Map<number, number>(),
    reactionQueued: new Map<number, number>(),
    ioStart: new Map<number, number>(),
    resultOf: new Map<number, number>(),
    created: new Map<number, number>(),
    promiseSite: new Map<number, number>(),
    adopted: new Map<number, number>(),
    settled: new Map<number, number>(),
    reactions: new Map<number, number[]>(),
    adoptedBy: new Set<number>(),
  };
  /** Per thread: the stack of context starts (event indices) and the task each runs. */
  const stacks = new Map<number, Array<{ start: number; task: number }>>();
  /** Per thread: a finished task's context, kept until its promise's settle and reactions are recorded. */
  const finishing = new Map<number, boolean>();
  const lastSuspend = new Map<number, number>();
  const stackOf = (th: number) => {
    let s = stacks.get(th);
    if (!s) stacks.set(th, (s = []));
    return s;
  };
  const popTask = (s: Array<{ start: number; task: number }>, task: number) => {
    for (let j = s.length - 1; j >= 0; j--) {
      if (s[j].task === task && s[j].start >= 0) {
        s.length = j;
        return;
      }
    }
  };
  for (let i = 0; i < n; i++) {
    const k = kind[i];
    const th = thread[i];
    const s = stackOf(th);
    if (finishing.get(th) && k !== EventKind.PromiseFulfill && k !== EventKind.PromiseReject && k !== EventKind.ReactionQueued && k !== EventKind.PromiseAdopt) {
      finishing.set(th, false);
      s.pop();
    }
    if (LOOP_LEVEL.has(k)) {
      // A timer's fire inside its Timer macrotask (or an I/O event in its Io macrotask) is the same callback.
      const inMacro = (k === EventKind.TimerFire || k === EventKind.ImmediateRun || k === EventKind.IoEvent) && s.length === 1 && kind[s[0].start] === EventKind.MacrotaskStart;
      if (!inMacro) {
        s.length = 0;
        s.push({ start: i, task: 0 });
      } else {
        s[0] = { start: i, task: 0 };
      }
    } else if (k === EventKind.TaskStart || k === EventKind.TaskResume) {
      s.push({ start: i, task: a[i] });
      if (k === EventKind.TaskResume) suspendOf[i] = lastSuspend.get(a[i]) ?? -1;
    }
    const top = s[s.length - 1];
    ctx[i] = top ? top.start : -1;
    outer[i] = s.length > 1 ? s[s.length - 2].start : -1;
    let running = 0;
    for (let j = s.length - 1; j >= 0; j--) {
      if (s[j].task !== 0) {
        running = s[j].task;
        break;
      }
    }
    taskCol[i] = running;
    switch (k) {
      case EventKind.TaskSuspend:
      case EventKind.TaskYield:
        if (k === EventKind.TaskSuspend) lastSuspend.set(a[i], i);
        popTask(s, a[i]);
        break;
      case EventKind.TaskFinish:
      case EventKind.TaskThrow:
        if (s.length && s[s.length - 1].task === a[i]) finishing.set(th, true);
        else popTask(s, a[i]);
        if (b[i] !== 0) ix.resultOf.set(b[i], a[i]);
        break;
      case EventKind.TaskCreate:
        // The task's promise is made right after (runAsync: newTask, then new PromiseImpl).
        if (kind[i + 1] === EventKind.PromiseCreate) ix.resultOf.set(a[i + 1], a[i]);
        break;
      case EventKind.TimerSchedule: ix.timerSchedule.set(a[i], i); break;
      case EventKind.ImmediateSchedule: ix.immediateSchedule.set(a[i], i); break;
      case EventKind.TickSchedule: ix.tickSchedule.set(a[i], i); break;
      case EventKind.MicrotaskSchedule: ix.microtaskSchedule.set(a[i], i); break;
      case EventKind.ReactionQueued: {
        ix.reactionQueued.set(b[i], i);
        const list = ix.reactions.get(a[i]);
        if (list) list.push(i);
        else ix.reactions.set(a[i], [i]);
        break;
      }
      case EventKind.IoStart: ix.ioStart.set(a[i], i); break;
      case EventKind.PromiseCreate: ix.created.set(a[i], i); break;
      case EventKind.PromiseSite: ix.promiseSite.set(a[i], c[i]); break;
      case EventKind.PromiseAdopt:
        if (b[i] !== 0) {
          ix.adopted.set(a[i], b[i]);
          ix.adoptedBy.add(b[i]);
        }
        break;
      case EventKind.PromiseFulfill:
      case EventKind.PromiseReject:
        if (!ix.settled.has(a[i])) ix.settled.set(a[i], i);
        break;
    }
  }

  // Names: `count #3` when several tasks are called `count`.
  const total = new Map<string, number>();
  for (const t of trace.tasks) if (t) total.set(t.name, (total.get(t.name) ?? 0) + 1);
  const seen = new Map<string, number>();
  const taskName = trace.tasks.map((t, id) => {
    if (!t) return `task ${id}`;
    if (id === 0) return 'the main script';
    const nth = (seen.get(t.name) ?? 0) + 1;
    seen.set(t.name, nth);
    return (total.get(t.name) ?? 0) > 1 ? `${t.name} #${nth}` : t.name;
  });
  const internalFile = trace.files.map((f) => typeof f === 'string' && f.startsWith('node:'));
  const internal = new Uint8Array(trace.tasks.length);
  trace.tasks.forEach((t, id) => {
    const site = t ? trace.sites[t.site] : undefined;
    if (site && internalFile[site.file]) internal[id] = 1;
  });

  return {
    trace,
    n,
    ctx,
    outer,
    task: taskCol,
    suspendOf,
    ...ix,
    taskName,
    internal,
    place(site: number): Place | undefined {
      const s = site > 0 ? trace.sites[site] : undefined;
      if (!s || s.line <= 0) return undefined;
      return { file: trace.files[s.file] ?? '', line: s.line, column: s.column, label: s.label };
    },
    str: (i: number) => trace.strings[i] ?? '',
  };
}

/**
 * What a Block was and where: its site's place and label, else its description. A stretch of a
 * run with CPU time measured (meta.cpu; a runtime Block with no site) is `CPU time measured`,
 * placed at the function of the task it ran in, when known.
 */
export function blockOrigin(ix: TraceIndex, i: number): { what: string; place?: Place; measured: boolean } {
  const { b, c } = ix.trace.events;
  const place = ix.place(c[i]);
  if (place) return { what: place.label, place, measured: false };
  const description = ix.str(b[i]);
  if (description) return { what: description, measured: false };
  if (ix.trace.meta.cpu === 'measured' && c[i] === 0) {
    const task = ix.task[i];
    const fn = task ? ix.place(ix.trace.tasks[task]?.site ?? 0) : undefined;
    return { what: 'CPU time measured', ...(fn ? { place: fn } : {}), measured: true };
  }
  return { what: 'synchronous work', measured: false };
}

/** `samples/x.ts:12` for messages. */
export function where(p: Place | undefined): string {
  return p ? `${p.file}:${p.line}` : 'an unknown place';
}

/** A virtual time for messages: `1000 ms`, `12.5 ms`. */
export function ms(t: number): string {
  return `${Number.isInteger(t) ? t : Number(t.toFixed(3))} ms`;
}
