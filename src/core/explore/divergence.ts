/**
 * The first divergence of two runs of one program (the explorer's default run and a differing
 * one): the first event where their traces part — a different kind of event, at a different
 * virtual time, or a different line printed. Both runs are deterministic replays of the same
 * program, so every event before it is the same in both. Pure.
 */
import { EventKind, type TraceFile } from '../trace/format';
import { describeEvent } from '../viewmodel/describe';

export interface Divergence {
  /** Virtual time (ms) where they part: the earlier of the two events. */
  t: number;
  /** The event index in each trace (the trace's length when that run had ended). */
  seqA: number;
  seqB: number;
  /** "default: <event>; differing: <event>", in words. */
  description: string;
}

function sameEvent(a: TraceFile, i: number, b: TraceFile, j: number): boolean {
  const ea = a.events;
  const eb = b.events;
  if (ea.kind[i] !== eb.kind[j] || ea.t[i] !== eb.t[j] || ea.a[i] !== eb.a[j] || ea.c[i] !== eb.c[j]) return false;
  // Strings are indexes into each trace's own table: compare the text.
  if (ea.kind[i] === EventKind.Console || ea.kind[i] === EventKind.UncaughtError) return a.strings[ea.b[i]] === b.strings[eb.b[j]];
  return true;
}

function say(trace: TraceFile, seq: number): string {
  if (seq >= trace.events.kind.length) return 'the run has ended';
  const naming = { trace, taskLabel: (id: number) => (id === 0 ? 'main' : (trace.tasks[id]?.name ?? `task ${id}`)) };
  return `${describeEvent(naming, seq)} at ${+trace.events.t[seq].toFixed(3)} ms`;
}

export function firstDivergence(a: TraceFile, b: TraceFile, labels: [string, string] = ['default', 'differing']): Divergence | undefined {
  const n = Math.min(a.events.kind.length, b.events.kind.length);
  let i = 0;
  while (i < n && sameEvent(a, i, b, i)) i++;
  if (i === a.events.kind.length && i === b.events.kind.length) return undefined;
  const ta = i < a.events.kind.length ? a.events.t[i] : Infinity;
  const tb = i < b.events.kind.length ? b.events.t[i] : Infinity;
  return { t: Math.min(ta, tb), seqA: i, seqB: i, description: `${labels[0]}: ${say(a, i)}; ${labels[1]}: ${say(b, i)}` };
}
