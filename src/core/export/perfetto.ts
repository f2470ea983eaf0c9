/**
 * The Perfetto / Chrome Trace Event export: a run as the JSON that ui.perfetto.dev,
 * Perfetto's trace processor and Chrome DevTools' Performance panel read. Pure (no Node, no
 * DOM): the CLI (`--perfetto`), the extension ("Open in Perfetto…") and the tests call it.
 * docs/perfetto.md says what lands where and why; the short version:
 *
 * - `ts` and `dur` are whole microseconds of VIRTUAL time. Many steps happen at one virtual
 *   instant (everything in hello-async runs at t = 0 and t = 1000 ms), and synchronous code
 *   takes no virtual time, so each step of an instant is placed `stepUs` µs after the one before
 *   on its thread (default 1 µs, never reaching the thread's next instant): slices keep their
 *   order, nest, and can be clicked; an instant is a short burst starting at its virtual time.
 *   Whole microseconds, because readers turn fractional ones into integers differently
 *   (Perfetto truncates `ts × 1000` to ns, DevTools adds floats): integers mean the same to all.
 * - Process 1 is the simulated program: its main thread (tid 1) and each simulated thread or
 *   Worker (tid 100 + id) carry thread slices — macrotasks, microtask jobs, each running
 *   stretch of a task, blocking (`X` events, properly nested); its async tracks are the tasks
 *   (`b`/`e`, cat `task`, one id per task) with their awaits and yields nested, and the I/O
 *   operations (cat `io`). Process 2 is the libuv threadpool (one thread per pool thread),
 *   process 3 the timers (an async slice per armed period). Names come from `M` metadata.
 * - Every settle → resume arrow of the timeline is a v2 flow: a zero-length `resolve …` /
 *   `reject …` slice where the promise settled carries `bind_id` + `flow_out`, the resumed
 *   task's running slice carries the same `bind_id` + `flow_in`.
 * - Unhandled rejections, uncaught errors and console lines are thread-scoped instants; the
 *   queue depths of each loop (nextTick, microtasks, timers, immediates, pending I/O, the
 *   threadpool's queue) are one `C` counter event per change.
 *
 * What Perfetto's JSON importer needs and this module guarantees (the tests check each):
 * no `displayTimeUnit` (Perfetto reads `"ms"` there as the unit of `ts`), no arrays at the
 * top level of an event, `ts` before any other value a tokenizer might stumble on, no `\u`
 * escapes in strings (control characters and lone surrogates are replaced), `X` slices that
 * nest on each thread, `b`/`e` pairs with the same name on each async track.
 */
import { EventKind, MacrotaskKind, type TraceFile } from '../trace/format';

/** One Chrome Trace Event, as written (keys in this order). */
export interface ChromeTraceEvent {
  ph: 'X' | 'b' | 'e' | 'n' | 'i' | 'C' | 'M';
  /** Microseconds of virtual time (absent on metadata). */
  ts?: number;
  dur?: number;
  pid: number;
  tid?: number;
  name: string;
  cat?: string;
  /** Async slices: the track's id within its category. */
  id?: string;
  /** Instants: thread (t), process (p) or global (g). */
  s?: 't' | 'p' | 'g';
  bind_id?: number;
  flow_in?: boolean;
  flow_out?: boolean;
  args?: Record<string, string | number | boolean>;
}

/** The JSON object form of the format. */
export interface ChromeTraceFile {
  otherData: Record<string, string>;
  traceEvents: ChromeTraceEvent[];
}

export interface PerfettoOptions {
  /** Microseconds between two steps of one virtual instant on a thread (default 1; 0 keeps them all at the instant). */
  stepUs?: number;
}

/** The processes of the export. */
export const PID = { program: 1, threadpool: 2, timers: 3 } as const;
/** Thread ids inside the program process: the main thread, and simulated thread `n` at THREAD_TID_BASE + n. */
export const MAIN_TID = 1;
export const THREAD_TID_BASE = 100;

/** Strings as Perfetto's tokenizer reads them: no control characters (other than \n \t \r), no lone surrogates. */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Whole microseconds: every reader (and float arithmetic on ts + dur) agrees on them exactly. */
function us(x: number): number {
  return Math.round(x);
}

const hex = (n: number): string => `0x${n.toString(16)}`;

interface OpenSlice {
  name: string;
  cat: string;
  startNs: number;
  key: number;
  kind: 'macrotask' | 'job' | 'run' | 'thread' | 'block';
  task?: number;
  flowIn?: number;
  args?: Record<string, string | number | boolean>;
}

interface Pending {
  ev: ChromeTraceEvent;
  ns: number;
  key: number;
}

interface Queues {
  nextTick: number;
  microtasks: number;
  timers: number;
  immediates: number;
  io: number;
  threadpoolQueue: number;
}

export function toChromeTrace(trace: TraceFile, opts: PerfettoOptions = {}): ChromeTraceFile {
  const stepUs = Math.max(0, Math.floor(opts.stepUs ?? 1));
  const { kind, t, a, b, c } = trace.events;
  const threadCol = trace.events.thread ?? [];
  const n = kind.length;
  const str = (i: number): string => cleanText(trace.strings[i] ?? '');
  const thr = (i: number): number => threadCol[i] ?? 0;
  const tidOf = (thread: number): number => (thread === 0 ? MAIN_TID : THREAD_TID_BASE + thread);

  // ── when: virtual ns per event, steps of one instant spread on their thread ──
  const clock = stepTimes(trace, stepUs);
  const ns = clock.at;

  // ── names: threads, tasks (as the timeline labels them), sites ──
  const threadNames = new Map<number, string>([[0, 'main thread']]);
  for (let i = 0; i < n; i++) if (kind[i] === EventKind.ThreadCreate) threadNames.set(a[i], str(b[i]) || `thread ${a[i]}`);
  for (let i = 0; i < n; i++) if (!threadNames.has(thr(i))) threadNames.set(thr(i), `thread ${thr(i)}`);
  const taskLabels = taskLabelsOf(trace);
  const siteText = (site: number): string => {
    const s = site > 0 ? trace.sites[site] : undefined;
    return s ? cleanText(s.label) : '';
  };
  const siteWhere = (site: number): string => {
    const s = site > 0 ? trace.sites[site] : undefined;
    return s ? cleanText(`${trace.files[s.file] ?? ''}:${s.line}:${s.column}`) : '';
  };
  const ioDesc = new Map<number, string>();
  const poolIo = new Set<number>();
  /** settle seq → the resumes it caused (each one flow). */
  const flowsFrom = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (kind[i] === EventKind.IoStart && !ioDesc.has(a[i])) ioDesc.set(a[i], str(b[i]) || `I/O #${a[i]}`);
    if (kind[i] === EventKind.IoPoolStart) poolIo.add(a[i]);
    if (kind[i] === EventKind.TaskResume && isSettle(kind[c[i]]) && c[i] < i) {
      let list = flowsFrom.get(c[i]);
      if (!list) flowsFrom.set(c[i], (list = []));
      list.push(i);
    }
  }

  const out: Pending[] = [];
  const push = (ev: ChromeTraceEvent, at: number, key: number): void => {
    out.push({ ev, ns: at, key });
  };
  const stacks = new Map<number, OpenSlice[]>();
  const stackOf = (thread: number): OpenSlice[] => {
    let s = stacks.get(thread);
    if (!s) stacks.set(thread, (s = []));
    return s;
  };
  const emitSlice = (thread: number, s: OpenSlice, endNs: number, pid: number = PID.program, tid: number = tidOf(thread)): void => {
    const ev: ChromeTraceEvent = { ph: 'X', ts: us(s.startNs), dur: us(Math.max(0, endNs - s.startNs)), pid, tid, name: s.name, cat: s.cat };
    if (s.flowIn !== undefined) Object.assign(ev, { bind_id: s.flowIn, flow_in: true });
    if (s.args) ev.args = s.args;
    push(ev, s.startNs, s.key);
  };
  const open = (thread: number, s: OpenSlice): void => {
    stackOf(thread).push(s);
  };
  /** Closes the innermost open slice matching `match` and everything opened inside it. */
  const close = (thread: number, match: (s: OpenSlice) => boolean, endNs: number): boolean => {
    const stack = stackOf(thread);
    for (let j = stack.length - 1; j >= 0; j--) {
      if (!match(stack[j])) continue;
      while (stack.length > j) emitSlice(thread, stack.pop()!, endNs);
      return true;
    }
    return false;
  };

  // Async tracks (tasks, I/O, timers): what is open on each, innermost last.
  const asyncOpen = new Map<string, { name: string; cat: string; pid: number; at: number }[]>();
  const asyncBegin = (pid: number, cat: string, id: number, name: string, at: number, key: number, args?: ChromeTraceEvent['args']): void => {
    const track = `${pid}/${cat}/${id}`;
    let list = asyncOpen.get(track);
    if (!list) asyncOpen.set(track, (list = []));
    list.push({ name, cat, pid, at });
    push({ ph: 'b', ts: us(at), pid, name, cat, id: hex(id), ...(args ? { args } : {}) }, at, key);
  };
  const asyncEnd = (pid: number, cat: string, id: number, at: number, key: number, args?: ChromeTraceEvent['args'], depth = 0): boolean => {
    const list = asyncOpen.get(`${pid}/${cat}/${id}`);
    if (!list || list.length <= depth) return false;
    while (list.length > depth) {
      const top = list.pop()!;
      // A message started by one thread is done on another, whose clock may be behind.
      const end = Math.max(at, top.at);
      push({ ph: 'e', ts: us(end), pid, name: top.name, cat, id: hex(id), ...(args && list.length === depth ? { args } : {}) }, end, key);
    }
    return true;
  };
  const asyncDepth = (pid: number, cat: string, id: number): number => asyncOpen.get(`${pid}/${cat}/${id}`)?.length ?? 0;

  // Queue depths per thread, as the loop view counts them.
  const queues = new Map<number, Queues>();
  const queuesOf = (thread: number): Queues => {
    let q = queues.get(thread);
    if (!q) queues.set(thread, (q = { nextTick: 0, microtasks: 0, timers: 0, immediates: 0, io: 0, threadpoolQueue: 0 }));
    return q;
  };
  const pendingTimers = new Map<number, Set<number>>();
  const timersOf = (thread: number): Set<number> => {
    let s = pendingTimers.get(thread);
    if (!s) pendingTimers.set(thread, (s = new Set()));
    return s;
  };
  const pendingIo = new Map<number, number>(); // io → thread that counts it
  const lastCounter = new Map<number, string>();
  const counterName = (thread: number): string => (thread === 0 ? 'queues' : `queues · ${threadNames.get(thread)}`);

  const timerOpen = new Map<number, boolean>();
  const lastFire = new Map<number, { at: number; key: number }>();
  const poolOpen = new Map<number, { startNs: number; key: number; poolThread: number; core: number }>();
  const poolSlices: { io: number; startNs: number; endNs: number; key: number; poolThread: number; core: number; unfinished?: boolean }[] = [];
  const poolThreads = new Set<number>();
  const lastNs = new Map<number, number>();
  let usedTimers = false;

  const instant = (i: number, name: string, args: ChromeTraceEvent['args'], scope: 't' | 'g' = 't', cat = 'event'): void => {
    push({ ph: 'i', ts: us(ns[i]), pid: PID.program, ...(scope === 't' ? { tid: tidOf(thr(i)) } : {}), name, cat, s: scope, ...(args ? { args } : {}) }, ns[i], i * 16 + 8);
  };

  for (let i = 0; i < n; i++) {
    const th = thr(i);
    const at = ns[i];
    const key = i * 16;
    const q = queuesOf(th);
    switch (kind[i]) {
      case EventKind.MacrotaskStart: {
        close(th, (s) => s.kind === 'macrotask', at);
        const name = macrotaskLabel(a[i], b[i], trace, ioDesc);
        open(th, { name, cat: 'macrotask', startNs: at, key, kind: 'macrotask', args: { kind: ['', 'script', 'timer', 'immediate', 'I/O'][a[i]] ?? String(a[i]) } });
        if (a[i] === MacrotaskKind.Timer) timersOf(th).delete(b[i]);
        if (a[i] === MacrotaskKind.Immediate) q.immediates = Math.max(0, q.immediates - 1);
        break;
      }
      case EventKind.MacrotaskEnd:
        close(th, (s) => s.kind === 'macrotask', at);
        break;
      case EventKind.TaskCreate: {
        const task = a[i];
        const info = trace.tasks[task];
        asyncBegin(PID.program, 'task', task, taskLabels[task] ?? `task ${task}`, at, key, {
          task, kind: info?.kind ?? 'async', ...(b[i] ? { parent: taskLabels[b[i]] ?? `task ${b[i]}` } : {}),
          ...(siteWhere(c[i] || info?.site || 0) ? { source: siteWhere(c[i] || info?.site || 0) } : {}),
          ...(th !== 0 ? { thread: threadNames.get(th)! } : {}),
        });
        break;
      }
      case EventKind.TaskStart:
        open(th, { name: taskLabels[a[i]] ?? `task ${a[i]}`, cat: 'task', startNs: at, key, kind: 'run', task: a[i] });
        break;
      case EventKind.TaskSuspend:
      case EventKind.TaskYield: {
        const task = a[i];
        close(th, (s) => s.kind === 'run' && s.task === task, at);
        const isAwait = kind[i] === EventKind.TaskSuspend;
        const what = siteText(b[i]);
        if (asyncDepth(PID.program, 'task', task) > 0) {
          asyncBegin(PID.program, 'task', task, `${isAwait ? 'await' : 'yield'}${what ? ` ${what}` : ''}`, at, key + 1, {
            ...(isAwait && c[i] ? { promise: c[i] } : {}), ...(siteWhere(b[i]) ? { source: siteWhere(b[i]) } : {}),
          });
        }
        break;
      }
      case EventKind.TaskResume: {
        const task = a[i];
        if (asyncDepth(PID.program, 'task', task) > 1) asyncEnd(PID.program, 'task', task, at, key, undefined, 1);
        const caused = isSettle(kind[c[i]]) && c[i] < i;
        open(th, { name: taskLabels[task] ?? `task ${task}`, cat: 'task', startNs: at, key: key + 2, kind: 'run', task, ...(caused ? { flowIn: i + 1 } : {}) });
        break;
      }
      case EventKind.TaskFinish:
      case EventKind.TaskThrow: {
        const task = a[i];
        close(th, (s) => s.kind === 'run' && s.task === task, at);
        const threw = kind[i] === EventKind.TaskThrow;
        asyncEnd(PID.program, 'task', task, at, key + 1, threw ? { outcome: 'threw', error: str(c[i]) } : { outcome: 'returned' });
        break;
      }
      case EventKind.PromiseFulfill:
      case EventKind.PromiseReject: {
        const resumes = flowsFrom.get(i);
        if (resumes) {
          const verb = kind[i] === EventKind.PromiseFulfill ? 'resolve' : 'reject';
          resumes.forEach((r, k) => {
            push({
              ph: 'X', ts: us(at), dur: 0, pid: PID.program, tid: tidOf(th), name: `${verb} promise #${a[i]} → ${taskLabels[a[r]] ?? `task ${a[r]}`}`, cat: 'promise',
              bind_id: r + 1, flow_out: true, args: { promise: a[i] },
            }, at, key + 3 + Math.min(k, 4));
          });
        }
        break;
      }
      case EventKind.ReactionQueued:
        q.microtasks++;
        break;
      case EventKind.ReactionRun:
      case EventKind.MicrotaskRun:
      case EventKind.TickRun: {
        close(th, (s) => s.kind === 'job', at);
        const k = kind[i];
        const name = k === EventKind.TickRun ? 'nextTick callback'
          : k === EventKind.MicrotaskRun ? 'microtask · queueMicrotask callback'
            : c[i] ? `microtask · resume ${taskLabels[c[i]] ?? `task ${c[i]}`}` : `microtask · then-callback of promise #${a[i]}`;
        open(th, { name, cat: k === EventKind.TickRun ? 'tick' : 'microtask', startNs: at, key: key + 1, kind: 'job' });
        if (k === EventKind.TickRun) q.nextTick = Math.max(0, q.nextTick - 1);
        else q.microtasks = Math.max(0, q.microtasks - 1);
        break;
      }
      case EventKind.MicrotaskSchedule:
        q.microtasks++;
        break;
      case EventKind.TickSchedule:
        q.nextTick++;
        break;
      case EventKind.TimerSchedule: {
        usedTimers = true;
        const id = a[i];
        if (timerOpen.get(id)) asyncEnd(PID.timers, 'timer', id, at, key, { outcome: 're-armed' });
        asyncBegin(PID.timers, 'timer', id, `timer #${id} · ${b[i]} ms`, at, key + 1, {
          delay_ms: b[i], due_ms: t[i] + b[i], ...(siteWhere(c[i]) ? { source: siteWhere(c[i]) } : {}), ...(th !== 0 ? { thread: threadNames.get(th)! } : {}),
        });
        timerOpen.set(id, true);
        lastFire.delete(id);
        timersOf(th).add(id);
        break;
      }
      case EventKind.TimerFire: {
        const id = a[i];
        if (timerOpen.get(id)) {
          asyncEnd(PID.timers, 'timer', id, at, key + 1, { outcome: 'fired' });
        } else {
          // A setInterval fires again without being scheduled anew: its next period ran since the last fire.
          const last = lastFire.get(id);
          if (last) {
            asyncBegin(PID.timers, 'timer', id, `timer #${id} · interval`, last.at, last.key + 2);
            asyncEnd(PID.timers, 'timer', id, at, key + 1, { outcome: 'fired' });
          }
        }
        timerOpen.set(id, false);
        lastFire.set(id, { at, key });
        timersOf(th).delete(id);
        break;
      }
      case EventKind.TimerClear: {
        const id = a[i];
        if (timerOpen.get(id)) asyncEnd(PID.timers, 'timer', id, at, key, { outcome: 'cleared' });
        timerOpen.set(id, false);
        timersOf(th).delete(id);
        break;
      }
      case EventKind.ImmediateSchedule:
        q.immediates++;
        break;
      case EventKind.ImmediateRun:
        break;
      case EventKind.IoStart: {
        const io = a[i];
        asyncBegin(PID.program, 'io', io, ioDesc.get(io) ?? `I/O #${io}`, at, key, {
          io, ...(siteWhere(c[i]) ? { source: siteWhere(c[i]) } : {}), ...(poolIo.has(io) ? { threadpool: true } : {}),
        });
        if (poolIo.has(io)) {
          asyncBegin(PID.program, 'io', io, 'queued in the threadpool', at, key + 1);
          q.threadpoolQueue++;
        }
        q.io++;
        pendingIo.set(io, th);
        break;
      }
      case EventKind.IoPoolStart: {
        const io = a[i];
        if (asyncDepth(PID.program, 'io', io) > 1) asyncEnd(PID.program, 'io', io, at, key, undefined, 1);
        poolOpen.set(io, { startNs: at, key, poolThread: b[i], core: c[i] });
        poolThreads.add(b[i]);
        const owner = queuesOf(pendingIo.get(io) ?? th);
        owner.threadpoolQueue = Math.max(0, owner.threadpoolQueue - 1);
        break;
      }
      case EventKind.IoDone: {
        const io = a[i];
        const pool = poolOpen.get(io);
        if (pool) {
          poolOpen.delete(io);
          // The pool thread is free at the virtual instant of completion (the loop records the
          // completion a few steps later, after the next queued request may have started).
          poolSlices.push({ io, startNs: pool.startNs, endNs: Math.max(pool.startNs, Math.round(t[i] * 1e3)), key: pool.key, poolThread: pool.poolThread, core: pool.core });
        }
        asyncEnd(PID.program, 'io', io, at, key + 1);
        const owner = pendingIo.get(io);
        if (owner !== undefined) {
          pendingIo.delete(io);
          const oq = queuesOf(owner);
          oq.io = Math.max(0, oq.io - 1);
          if (owner !== th) emitCounter(owner, at, key + 15);
        }
        break;
      }
      case EventKind.IoEvent:
        instant(i, `process: ${str(b[i])}`, { io: a[i] }, 't', 'io');
        break;
      case EventKind.Block: {
        const label = str(b[i]);
        const slice: OpenSlice = { name: label || 'blocked (synchronous wait)', cat: label.startsWith('cpu') ? 'cpu' : 'block', startNs: clock.blockFrom[i], key: key + 1, kind: 'block', args: { ms: a[i], ...(siteWhere(c[i]) ? { source: siteWhere(c[i]) } : {}) } };
        emitSlice(th, slice, clock.blockTo[i]);
        lastNs.set(th, clock.blockTo[i]);
        continue;
      }
      case EventKind.External:
        instant(i, `external: ${str(b[i]) || 'native promise'}`, { promise: a[i], ...(siteWhere(c[i]) ? { source: siteWhere(c[i]) } : {}) });
        break;
      case EventKind.Console:
        instant(i, a[i] === 2 ? 'stderr' : 'stdout', { text: str(b[i]) }, 't', 'console');
        break;
      case EventKind.UncaughtError:
        instant(i, 'uncaught error', { error: str(b[i]), ...(siteWhere(c[i]) ? { source: siteWhere(c[i]) } : {}) }, 't', 'error');
        break;
      case EventKind.UnhandledRejection:
        instant(i, 'unhandled rejection', { promise: a[i], reason: str(b[i]) }, 't', 'error');
        break;
      case EventKind.Warning:
        instant(i, 'engine warning', { message: str(b[i]) }, 'g');
        break;
      case EventKind.Truncated:
        instant(i, 'run stopped early', { reason: str(b[i]) }, 'g');
        break;
      case EventKind.ThreadCreate:
        open(th, { name: `thread: ${threadNames.get(a[i]) ?? a[i]}`, cat: 'thread', startNs: at, key, kind: 'thread' });
        break;
      case EventKind.ThreadExit:
        close(th, (s) => s.kind === 'thread', at);
        break;
      default:
        break;
    }
    q.timers = timersOf(th).size;
    emitCounter(th, at, key + 15);
    lastNs.set(th, at);
  }

  function emitCounter(thread: number, at: number, key: number): void {
    const q = queuesOf(thread);
    const sig = `${q.nextTick},${q.microtasks},${q.timers},${q.immediates},${q.io},${q.threadpoolQueue}`;
    if (lastCounter.get(thread) === sig) return;
    lastCounter.set(thread, sig);
    push({ ph: 'C', ts: us(at), pid: PID.program, tid: tidOf(thread), name: counterName(thread), args: { ...q } }, at, key);
  }

  // ── the end: whatever is still open ends with the run (a truncated trace, a task never resumed) ──
  const endNs = Math.max(0, ...lastNs.values(), Math.round((trace.meta?.endTime ?? 0) * 1e3));
  const endKey = n * 16;
  for (const [thread, stack] of stacks) {
    const end = Math.max(lastNs.get(thread) ?? 0, endNs);
    while (stack.length) emitSlice(thread, stack.pop()!, end);
  }
  for (const [io, pool] of poolOpen) poolSlices.push({ io, ...pool, endNs: Math.max(endNs, pool.startNs), unfinished: true });
  // One request at a time on a pool thread: with threads' own clocks, keep them apart.
  poolSlices.sort((p, q) => p.poolThread - q.poolThread || p.startNs - q.startNs || p.key - q.key);
  let lastPool = 0;
  let lastPoolEnd = -Infinity;
  for (const s of poolSlices) {
    if (s.poolThread !== lastPool) lastPoolEnd = -Infinity;
    lastPool = s.poolThread;
    const start = Math.max(s.startNs, lastPoolEnd);
    const end = Math.max(start, s.endNs);
    lastPoolEnd = end;
    push({
      ph: 'X', ts: us(start), dur: us(end - start), pid: PID.threadpool, tid: s.poolThread, name: ioDesc.get(s.io) ?? `I/O #${s.io}`, cat: 'threadpool',
      args: { io: s.io, ...(s.core > 0 ? { core: s.core } : {}), ...(s.unfinished ? { unfinished: true } : {}) },
    }, start, s.key);
  }
  for (const [track, list] of asyncOpen) {
    const [pid, cat, id] = track.split('/');
    while (list.length) {
      const top = list.pop()!;
      const end = Math.max(endNs, top.at);
      push({ ph: 'e', ts: us(end), pid: Number(pid), name: top.name, cat, id: hex(Number(id)), args: { unfinished: true } }, end, endKey);
    }
  }

  // ── metadata first, then everything in time order (ties: the order of the steps) ──
  out.sort((p, q) => p.ns - q.ns || p.key - q.key);
  const meta: ChromeTraceEvent[] = [];
  const entry = cleanText(trace.meta?.entry ?? '');
  const base = entry.slice(Math.max(entry.lastIndexOf('/'), entry.lastIndexOf('\\')) + 1) || 'program';
  meta.push({ ph: 'M', pid: PID.program, name: 'process_name', args: { name: `${base} (simulated Node.js, virtual time)` } });
  meta.push({ ph: 'M', pid: PID.program, name: 'process_sort_index', args: { sort_index: 0 } });
  const threadIds = [...threadNames.keys()].sort((x, y) => x - y);
  for (const id of threadIds) {
    const name = id === 0 ? 'main thread (event loop)' : `thread: ${threadNames.get(id)}`;
    meta.push({ ph: 'M', pid: PID.program, tid: tidOf(id), name: 'thread_name', args: { name } });
    meta.push({ ph: 'M', pid: PID.program, tid: tidOf(id), name: 'thread_sort_index', args: { sort_index: id } });
  }
  if (poolThreads.size > 0) {
    meta.push({ ph: 'M', pid: PID.threadpool, name: 'process_name', args: { name: 'libuv threadpool' } });
    meta.push({ ph: 'M', pid: PID.threadpool, name: 'process_sort_index', args: { sort_index: 1 } });
    for (const k of [...poolThreads].sort((x, y) => x - y)) {
      meta.push({ ph: 'M', pid: PID.threadpool, tid: k, name: 'thread_name', args: { name: `threadpool #${k}` } });
      meta.push({ ph: 'M', pid: PID.threadpool, tid: k, name: 'thread_sort_index', args: { sort_index: k } });
    }
  }
  if (usedTimers) {
    meta.push({ ph: 'M', pid: PID.timers, name: 'process_name', args: { name: 'timers (armed → fired)' } });
    meta.push({ ph: 'M', pid: PID.timers, name: 'process_sort_index', args: { sort_index: 2 } });
  }
  return {
    otherData: {
      producer: 'async-timeline',
      clock: `virtual time: ts and dur are microseconds since the start of the simulated run; the steps of one instant are ${stepUs} µs apart (synchronous code takes no virtual time)`,
      entry,
      ...(trace.meta?.entryFunction ? { entryFunction: cleanText(trace.meta.entryFunction) } : {}),
      seed: String(trace.meta?.seed ?? 0),
      engine: cleanText(trace.meta?.engine ?? ''),
      traceFormatVersion: String(trace.version),
      ...(trace.meta?.truncated ? { truncated: cleanText(trace.meta.truncated.reason) } : {}),
    },
    traceEvents: [...meta, ...out.map((p) => p.ev)],
  };
}

/** The export as text: one event per line (diffable, and streamable by line-oriented tools). */
export function renderChromeTraceJson(trace: TraceFile, opts: PerfettoOptions = {}): string {
  const file = toChromeTrace(trace, opts);
  return `{"otherData":${JSON.stringify(file.otherData)},\n"traceEvents":[\n${file.traceEvents.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`;
}

function isSettle(k: number | undefined): boolean {
  return k === EventKind.PromiseFulfill || k === EventKind.PromiseReject;
}

/** Where each event lands on the export's clock; a Block's span too. */
export interface StepTimes {
  /** Each event's time, whole µs. */
  at: Float64Array;
  /** For a Block, its start and end (whole µs); NaN elsewhere. */
  blockFrom: Float64Array;
  blockTo: Float64Array;
}

/**
 * The export's clock, per thread (threads have clocks of their own): each event at its virtual
 * time in whole µs, but at least `stepUs` after the thread's previous step, so the steps of
 * one instant are `stepUs` apart in trace order. A Block spans exactly its virtual duration,
 * from its thread's previous step on; what follows it comes after its end. A step is never
 * earlier than its virtual time, and later only by the steps before it at (nearly) the same
 * instant — `stepUs` each.
 */
export function stepTimes(trace: TraceFile, stepUs: number): StepTimes {
  const { kind, t } = trace.events;
  const threadCol = trace.events.thread ?? [];
  const n = kind.length;
  const at = new Float64Array(n);
  const blockFrom = new Float64Array(n).fill(NaN);
  const blockTo = new Float64Array(n).fill(NaN);
  const next = nextOnThread(trace);
  /** Per thread: the time of its last step (or the end of its last Block). */
  const last = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const th = threadCol[i] ?? 0;
    const prev = last.get(th);
    const earliest = prev === undefined ? 0 : prev + stepUs;
    if (kind[i] === EventKind.Block) {
      const [t0, t1] = blockSpan(trace, i, next);
      const dur = Math.max(0, Math.round((t1 - t0) * 1e3));
      const from = Math.max(Math.round(t0 * 1e3), earliest);
      blockFrom[i] = from;
      blockTo[i] = from + dur;
      // Stamped at its end: the event is where the block ends; at its start: where it begins.
      at[i] = t[i] === t1 && t0 < t1 ? from + dur : from;
      last.set(th, from + dur);
      continue;
    }
    at[i] = Math.max(Math.round(t[i] * 1e3), earliest);
    last.set(th, at[i]);
  }
  return { at, blockFrom, blockTo };
}

/** For each event, the next event of the same thread (-1: none). */
function nextOnThread(trace: TraceFile): Int32Array {
  const threadCol = trace.events.thread ?? [];
  const n = trace.events.kind.length;
  const next = new Int32Array(n).fill(-1);
  const last = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const th = threadCol[i] ?? 0;
    const prev = last.get(th);
    if (prev !== undefined) next[prev] = i;
    last.set(th, i);
  }
  return next;
}

/**
 * A Block's [start, end] in virtual ms: format.ts's rule (as the view model's `blockInterval`):
 * stamped at its start when the thread's next event is at t + a or later, else at its end.
 */
function blockSpan(trace: TraceFile, seq: number, next: Int32Array): [number, number] {
  const { t, a } = trace.events;
  const j = next[seq];
  const after = j >= 0 ? t[j] : Infinity;
  return after >= t[seq] + a[seq] ? [t[seq], t[seq] + a[seq]] : [t[seq] - a[seq], t[seq]];
}

function macrotaskLabel(kindOf: number, id: number, trace: TraceFile, ioDesc: Map<number, string>): string {
  switch (kindOf) {
    case MacrotaskKind.Script: {
      const entry = trace.meta?.entry ?? '';
      const base = entry.slice(Math.max(entry.lastIndexOf('/'), entry.lastIndexOf('\\')) + 1);
      return cleanText(base ? `script ${base}` : 'script');
    }
    case MacrotaskKind.Timer: return `timer #${id} callback`;
    case MacrotaskKind.Immediate: return `immediate #${id} callback`;
    case MacrotaskKind.Io: return id > 0 ? `I/O callback · ${ioDesc.get(id) ?? `#${id}`}` : 'I/O callback';
    default: return `macrotask ${kindOf}`;
  }
}

/** Task labels as the timeline's lanes have them: the function's name, `name #k` when a thread has several. */
function taskLabelsOf(trace: TraceFile): string[] {
  const labels: string[] = [];
  const groups = new Map<string, number[]>();
  trace.tasks.forEach((task, id) => {
    if (id === 0) {
      labels[0] = 'main script';
      return;
    }
    const name = cleanText(task?.name || `task ${id}`);
    const keyOf = `${task?.thread ?? 0}\u0000${name}`;
    let members = groups.get(keyOf);
    if (!members) groups.set(keyOf, (members = []));
    members.push(id);
    labels[id] = name;
  });
  for (const members of groups.values()) {
    if (members.length > 1) members.forEach((id, k) => { labels[id] = `${labels[id]} #${k + 1}`; });
  }
  return labels;
}
