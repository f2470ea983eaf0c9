/**
 * Leftovers at the end of a run: what was still waiting when it ended, and why it never could
 * stop waiting.
 *
 * - A task whose last event is a TaskSuspend was suspended forever. Its promise is followed
 *   through adoptions (`return p`, `resolve(p)`) and through other tasks' results (awaiting a
 *   call of an async function that is itself stuck) to the promise at the bottom: a
 *   `new Promise` whose resolve was never called (its creation place is recorded), or one made
 *   by Node's layer. The run ended naturally, so nothing was left that could settle it: no
 *   timer, immediate, I/O or other callback was pending.
 * - An ES module's top-level await that never settles is the same, on the module's own task;
 *   Node then exits with code 13.
 * - A run stopped by a budget lists what held the loop open (EventKind.Alive, recorded by the
 *   runtime at the stop): timers with their delay and place, servers, pending I/O.
 */
import { EventKind } from '../trace/format';
import { ms, where, type TraceIndex } from './trace-index';
import type { Finding, Related } from './types';

/** What a suspended task's promise came down to. */
interface Bottom {
  /** Why that promise never settles, as a clause: "its resolve function was never called". */
  why: string;
  related: Related[];
}

export function findLeftovers(ix: TraceIndex): Finding[] {
  const { trace } = ix;
  const { kind, a, b, c, t } = trace.events;
  const out: Finding[] = [];
  const truncated = trace.meta.truncated !== undefined || hasKind(kind, EventKind.Truncated);
  if (truncated) return keptAlive(ix);

  // Each task's last suspension, if nothing resumed or ended it.
  const waiting = new Map<number, number>();
  for (let i = 0; i < ix.n; i++) {
    const k = kind[i];
    if (k === EventKind.TaskSuspend) waiting.set(a[i], i);
    else if (k === EventKind.TaskResume || k === EventKind.TaskFinish || k === EventKind.TaskThrow) waiting.delete(a[i]);
  }
  if (waiting.size === 0) return out;
  const ended = endedHow(ix);

  for (const [task, i] of waiting) {
    if (ix.internal[task] === 1) continue;
    const info = trace.tasks[task];
    const awaitPlace = ix.place(b[i]);
    const promise = c[i];
    const bottom = explain(ix, promise, waiting, new Set([task]));
    const topLevel = info?.site !== undefined && (trace.sites[info.site]?.label ?? '').startsWith('<top-level>');
    const awaited = awaitPlace ? `\`${awaitPlace.label}\`` : 'a promise';
    const message = topLevel
      ? `Top-level await of ${awaited} never settled: ${bottom.why}; ${ended}, so Node exits with code 13 ("unsettled top-level await").`
      : `${ix.taskName[task]} is suspended forever at \`await ${awaitPlace?.label ?? '…'}\`: ${bottom.why}; ${ended}.`;
    out.push({
      kind: topLevel ? 'top-level-await' : 'suspended-forever',
      severity: 'warning',
      message,
      ...(awaitPlace ? { place: awaitPlace } : {}),
      seq: i,
      t: t[i],
      task,
      related: bottom.related,
    });
  }
  return out.sort((x, y) => x.seq - y.seq);
}

/** Does the kind column hold `k`? (Plain or typed: the webview's trace has typed columns.) */
function hasKind(kind: ArrayLike<number>, k: EventKind): boolean {
  for (let i = 0; i < kind.length; i++) if (kind[i] === k) return true;
  return false;
}

/** How the run ended, as a clause: why nothing could settle the promise any more. */
function endedHow(ix: TraceIndex): string {
  const { kind } = ix.trace.events;
  if (hasKind(kind, EventKind.UncaughtError)) return 'the run ended on an uncaught error first';
  const exitCode = ix.trace.meta.exitCode;
  if (exitCode !== 0 && exitCode !== 13) return `the program exited (code ${exitCode}) while it waited`;
  return 'the event loop ran out of work (no timer, immediate, I/O or callback was pending that could settle it)';
}

/** Follows a promise down to the one that never settled. `waiting`: tasks suspended forever and where. */
function explain(ix: TraceIndex, promise: number, waiting: Map<number, number>, visited: Set<number>): Bottom {
  const { b, c } = ix.trace.events;
  const related: Related[] = [];
  let p = promise;
  for (let guard = 0; guard < 1000; guard++) {
    const next = ix.adopted.get(p);
    if (next === undefined || ix.settled.has(p)) break;
    related.push({ message: `it adopted the promise #${next} (a \`return\` or \`resolve\` of a promise)`, seq: ix.created.get(next) });
    p = next;
  }
  const owner = ix.resultOf.get(p);
  if (owner !== undefined) {
    const ownerName = ix.taskName[owner];
    const suspendedAt = waiting.get(owner);
    const fnPlace = ix.place(ix.trace.tasks[owner]?.site ?? 0);
    if (suspendedAt !== undefined && !visited.has(owner)) {
      visited.add(owner);
      const inner = explain(ix, c[suspendedAt], waiting, visited);
      const awaitPlace = ix.place(b[suspendedAt]);
      return {
        why: `it waits for ${ownerName}(), which is itself suspended forever at \`await ${awaitPlace?.label ?? '…'}\` (${where(awaitPlace)})`,
        related: [...related, { message: `${ownerName} is suspended here`, ...(awaitPlace ? { place: awaitPlace } : {}), seq: suspendedAt }, ...inner.related],
      };
    }
    return {
      why: `it waits for ${ownerName}() (${where(fnPlace)}), which never returned`,
      related: [...related, ...(fnPlace ? [{ message: `${ownerName} is defined here`, place: fnPlace }] : [])],
    };
  }
  const createdAt = ix.created.get(p);
  const creator = createdAt !== undefined ? b[createdAt] : 0;
  const byTask = creator !== 0 ? ` by ${ix.taskName[creator]}` : '';
  const sitePlace = ix.place(ix.promiseSite.get(p) ?? 0);
  if (sitePlace) {
    return {
      why: `that promise was made by \`new Promise\` at ${where(sitePlace)}${byTask} and its resolve (or reject) function was never called`,
      related: [...related, { message: `the promise it waits on was made here${byTask}, and never settled`, place: sitePlace, ...(createdAt !== undefined ? { seq: createdAt } : {}) }],
    };
  }
  const t0 = createdAt !== undefined ? ix.trace.events.t[createdAt] : undefined;
  return {
    why: `that promise (made${byTask}${t0 !== undefined ? ` at ${ms(t0)}` : ''}) was never settled`,
    related,
  };
}

/** A run stopped by a budget: what was still holding the loop open. */
function keptAlive(ix: TraceIndex): Finding[] {
  const { kind, a, b, c, t } = ix.trace.events;
  const out: Finding[] = [];
  // A stuck run's reason already lists what is held open: name the stop, the rows say the rest.
  const raw = ix.trace.meta.truncated?.reason ?? 'a budget';
  const reason = /^(stuck|deadlock)\b/.test(raw) ? raw.split(':')[0] : raw;
  const fires = new Map<number, number>();
  for (let i = 0; i < ix.n; i++) if (kind[i] === EventKind.TimerFire) fires.set(a[i], (fires.get(a[i]) ?? 0) + 1);
  for (let i = 0; i < ix.n; i++) {
    if (kind[i] !== EventKind.Alive) continue;
    if (a[i] !== 0) {
      const sched = ix.timerSchedule.get(a[i]);
      const delay = sched !== undefined ? b[sched] : 0;
      const site = sched !== undefined ? ix.place(c[sched]) : undefined;
      const interval = site?.label === 'setInterval' || (fires.get(a[i]) ?? 0) > 0;
      const what = interval ? `an interval every ${ms(delay)}` : `a timer of ${ms(delay)}`;
      const owner = sched !== undefined ? ix.task[sched] : 0;
      out.push({
        kind: 'kept-alive',
        severity: 'info',
        message: `Kept the run alive until it was stopped (${reason}): ${what}${site ? ` set at ${where(site)}` : ''}${owner ? ` by ${ix.taskName[owner]}` : ''}${interval ? `, fired ${fires.get(a[i]) ?? 0} times and never cleared` : ', never cleared'}.`,
        ...(site ? { place: site } : {}),
        seq: sched ?? i,
        t: sched !== undefined ? t[sched] : t[i],
        task: owner,
        related: [],
      });
    } else {
      const site = ix.place(c[i]);
      out.push({
        kind: 'kept-alive',
        severity: 'info',
        message: `Kept the run alive until it was stopped (${reason}): ${ix.str(b[i])}${site ? `, started at ${where(site)}` : ''}.`,
        ...(site ? { place: site } : {}),
        seq: i,
        t: t[i],
        task: 0,
        related: [],
      });
    }
  }
  return out;
}
