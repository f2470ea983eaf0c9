/**
 * Floating promises and late handlers.
 *
 * Floating: a call's promise that an expression statement dropped (`fetchUser(id);`, recorded
 * as EventKind.PromiseDiscarded by the instrumented code) and that nothing handled before the
 * run ended: no reaction was ever queued on it (an `await`, `then`, `catch`, `finally` or a
 * combinator each queue one when the promise settles, or at once on a settled promise) and no
 * other promise adopted it. Only settled promises are judged: one still pending at the end
 * might have had a handler registered, which the trace does not record until it settles.
 * Drops at a script's top level (the `main();` idiom) are left out: there a rejection is
 * already Node's unhandled rejection, reported as such. So are drops inside node_modules: a
 * library's fire-and-forget calls are its own design.
 *
 * Late handled: a promise rejected with no handler (PromiseReject c = 1) that got one in a later
 * step — after the microtask checkpoint in which Node decides a rejection is unhandled.
 */
import { EventKind } from '../trace/format';
import { ms, where, type TraceIndex } from './trace-index';
import type { Finding } from './types';

export function findFloating(ix: TraceIndex): Finding[] {
  const { trace } = ix;
  const { kind, a, b, c, t } = trace.events;
  const out: Finding[] = [];
  for (let i = 0; i < ix.n; i++) {
    if (kind[i] !== EventKind.PromiseDiscarded) continue;
    const promise = a[i];
    const task = ix.task[i];
    if (task === 0 || trace.tasks[task]?.kind === 'main' || (trace.sites[trace.tasks[task]?.site ?? 0]?.label ?? '').startsWith('<top-level>')) continue;
    const place = ix.place(c[i]);
    // A library's own fire-and-forget calls (p-limit's queue runner) are its business, not the program's.
    if (!place || place.file.startsWith('node:') || /(^|[\\/])node_modules[\\/]/.test(place.file)) continue;
    const settle = ix.settled.get(promise);
    if (settle === undefined) continue;
    if (ix.reactions.has(promise) || ix.adoptedBy.has(promise)) continue;
    const rejected = kind[settle] === EventKind.PromiseReject;
    const owner = ix.resultOf.get(promise);
    const what = owner !== undefined ? `${ix.taskName[owner]}'s promise` : 'its promise';
    const outcome = rejected
      ? `it rejected at ${ms(t[settle])} (${ix.str(b[settle])}) with no handler`
      : `it settled at ${ms(t[settle])} with nobody waiting, so ${ix.taskName[task]} never waited for it and an error in it would have been an unhandled rejection`;
    out.push({
      kind: 'floating',
      severity: 'warning',
      message: `Floating promise: \`${place.label}\` in ${ix.taskName[task]} returns a promise that is never awaited, returned, chained or handled — ${outcome}. Add \`await\` (or \`void\` if it is meant to run on its own).`,
      place,
      seq: i,
      t: t[i],
      task,
      related: [{ message: `${what} ${rejected ? 'rejected' : 'settled'} here, unobserved`, seq: settle }],
    });
  }
  return out.concat(findLateHandled(ix));
}

function findLateHandled(ix: TraceIndex): Finding[] {
  const { kind, a, b, c, t } = ix.trace.events;
  const out: Finding[] = [];
  for (let i = 0; i < ix.n; i++) {
    if (kind[i] !== EventKind.PromiseReject || c[i] !== 1) continue;
    const promise = a[i];
    const first = ix.reactions.get(promise)?.[0];
    if (first === undefined) continue;
    // Late: a macrotask boundary (or time) lies between the rejection and its first handler.
    let late = t[first] > t[i];
    for (let j = i + 1; j < first && !late; j++) if (kind[j] === EventKind.MacrotaskEnd || kind[j] === EventKind.UnhandledRejection) late = true;
    if (!late) continue;
    const rejecter = ix.task[i];
    const handler = ix.task[first];
    const madeAt = ix.place(ix.promiseSite.get(promise) ?? 0);
    const handlerTask = ix.trace.tasks[handler];
    const handlerPlace = ix.place(handlerTask?.site ?? 0);
    const place = madeAt ?? ix.place(ix.trace.tasks[rejecter]?.site ?? 0);
    out.push({
      kind: 'late-handled',
      severity: 'warning',
      message: `A rejection was handled late: rejected at ${ms(t[i])} (${ix.str(b[i])})${rejecter ? ` in ${ix.taskName[rejecter]}` : ''} with no handler, and handled only at ${ms(t[first])}${handler ? ` by ${ix.taskName[handler]}` : ''} — Node reports it as unhandled in between (and by default exits).`,
      ...(place ? { place } : {}),
      seq: i,
      t: t[i],
      task: rejecter,
      related: [{ message: `the late handler${handler ? ` (${ix.taskName[handler]}, ${where(handlerPlace)})` : ''}`, ...(handlerPlace ? { place: handlerPlace } : {}), seq: first }],
    });
  }
  return out;
}
