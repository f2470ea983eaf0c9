/**
 * Events in words: the hover card, the status line and the screen-reader announcement of the
 * selected step all say the same sentence. Trace strings are returned as plain text; the
 * webview puts them in `textContent`, never in markup.
 */
import { EventKind, type SourceSite, type ScannableTrace } from '../trace/format';
import { formatDuration } from './axis';
import { macrotaskName } from './loop-state';
import { racyTieHeadline } from './racy';
import { netIndex } from './network';
import { alsStorageName } from './als';

export interface EventNaming {
  trace: ScannableTrace;
  /** The lane label of a task (`count #2`). */
  taskLabel(task: number): string;
}

/** Each trace's I/O labels by io id (from its IoStart events), built on first use. */
const ioLabels = new WeakMap<ScannableTrace, Map<number, string>>();

function ioLabel(trace: ScannableTrace, io: number): string {
  let labels = ioLabels.get(trace);
  if (!labels) {
    labels = new Map();
    const { kind, a, b } = trace.events;
    for (let i = 0; i < kind.length; i++) if (kind[i] === EventKind.IoStart && !labels.has(a[i])) labels.set(a[i], trace.strings[b[i]] ?? '');
    ioLabels.set(trace, labels);
  }
  return labels.get(io) ?? '';
}

/** ` to GET /items/3`: the request a response answers, when a server of the program received it. */
function toRequest(trace: ScannableTrace, seq: number): string {
  const net = netIndex(trace);
  const request = net.exchanges[net.exchangeOfSeq.get(seq) ?? -1]?.request;
  return request ? ` to ${request}` : '';
}

/** `, 100 ms after the request`: the response head's time to first byte. */
function timeToFirstByte(trace: ScannableTrace, seq: number): string {
  const net = netIndex(trace);
  const requestSeq = net.exchanges[net.exchangeOfSeq.get(seq) ?? -1]?.requestSeq ?? -1;
  return requestSeq >= 0 ? `, time to first byte ${formatDuration(trace.events.t[seq] - trace.events.t[requestSeq])}` : '';
}

function siteLabel(trace: ScannableTrace, site: number): string {
  return trace.sites[site]?.label ?? '';
}

/** What happened at `seq`, e.g. `count #2 waits on sleep(1000)`. */
export function describeEvent(naming: EventNaming, seq: number): string {
  const { trace } = naming;
  const { kind, a, b, c } = trace.events;
  const str = (i: number): string => trace.strings[i] ?? '';
  const task = (id: number): string => naming.taskLabel(id);
  switch (kind[seq]) {
    case EventKind.RunStart: return 'the run starts';
    case EventKind.RunEnd: return `the run ends (exit code ${a[seq]}${str(b[seq]) ? `, ${str(b[seq])}` : ''})`;
    case EventKind.MacrotaskStart: return `macrotask: ${macrotaskName(a[seq], b[seq])} starts`;
    case EventKind.MacrotaskEnd: return `macrotask: ${macrotaskName(a[seq], b[seq])} and its microtasks are done`;
    case EventKind.TaskCreate: return `${task(a[seq])} is created by ${task(b[seq])}`;
    case EventKind.TaskStart: return `${task(a[seq])} starts`;
    case EventKind.TaskSuspend: return `${task(a[seq])} waits on ${siteLabel(trace, b[seq]) || `promise #${c[seq]}`}`;
    case EventKind.TaskResume: return `${task(a[seq])} resumes (promise #${b[seq]} settled)`;
    case EventKind.TaskYield: return `${task(a[seq])} yields${siteLabel(trace, b[seq]) ? ` at ${siteLabel(trace, b[seq])}` : ''}`;
    case EventKind.TaskFinish: return `${task(a[seq])} returns`;
    case EventKind.TaskThrow: return `${task(a[seq])} throws: ${str(c[seq])}`;
    case EventKind.PromiseCreate: return `promise #${a[seq]} is created${siteLabel(trace, c[seq]) ? ` by ${siteLabel(trace, c[seq])}` : ''}`;
    case EventKind.PromiseAdopt: return `promise #${a[seq]} adopts ${b[seq] ? `promise #${b[seq]}` : 'a thenable'}`;
    case EventKind.PromiseFulfill: return `promise #${a[seq]} is fulfilled`;
    case EventKind.PromiseReject: return `promise #${a[seq]} is rejected: ${str(b[seq])}`;
    case EventKind.ReactionQueued: return c[seq] ? `the resume of ${task(c[seq])} is queued (microtask)` : `a then-callback of promise #${a[seq]} is queued (microtask)`;
    case EventKind.ReactionRun: return c[seq] ? `microtask: resume ${task(c[seq])}` : `microtask: then-callback of promise #${a[seq]}`;
    case EventKind.UnhandledRejection: return `unhandled rejection: ${str(b[seq])}`;
    case EventKind.TimerSchedule: return `timer #${a[seq]} is set for ${b[seq]} ms`;
    case EventKind.TimerFire: return `timer #${a[seq]} fires`;
    case EventKind.TimerClear: return `timer #${a[seq]} is cleared`;
    case EventKind.ImmediateSchedule: return `immediate #${a[seq]} is scheduled`;
    case EventKind.ImmediateRun: return `immediate #${a[seq]} runs`;
    case EventKind.TickSchedule: return `nextTick #${a[seq]} is queued`;
    case EventKind.TickRun: return `nextTick #${a[seq]} runs`;
    case EventKind.MicrotaskSchedule: return `queueMicrotask #${a[seq]}`;
    case EventKind.MicrotaskRun: return `microtask #${a[seq]} runs`;
    case EventKind.Block: return `synchronous work blocks the loop for ${formatDuration(a[seq])}`;
    case EventKind.IoStart: return `I/O #${a[seq]} starts: ${str(b[seq])}`;
    case EventKind.IoDone: return `I/O #${a[seq]} completes${ioLabel(trace, a[seq]) ? `: ${ioLabel(trace, a[seq])}` : ''}`;
    case EventKind.IoPoolStart: return `I/O #${a[seq]}${ioLabel(trace, a[seq]) ? ` (${ioLabel(trace, a[seq])})` : ''} starts on threadpool #${b[seq]}${c[seq] > 0 ? `, core ${c[seq]}` : ''}`;
    case EventKind.RacyTie: return racyTieHeadline(trace, seq);
    case EventKind.IoEvent: return `I/O #${a[seq]}${ioLabel(trace, a[seq]) ? ` (${ioLabel(trace, a[seq])})` : ''}: ${str(b[seq])}`;
    case EventKind.External: return `a native promise was awaited in real time: ${str(b[seq])}`;
    case EventKind.Console: return `${a[seq] === 2 ? 'stderr' : 'console'}: ${str(b[seq]).replace(/\n$/, '')}`;
    case EventKind.UncaughtError: return `uncaught error: ${str(b[seq])}`;
    case EventKind.Warning: return `warning: ${str(b[seq])}`;
    case EventKind.Truncated: return `the run was stopped: ${str(b[seq])}`;
    case EventKind.ThreadCreate: return `thread #${a[seq]} starts: ${str(b[seq])}`;
    case EventKind.ThreadExit: return `thread #${a[seq]} exits`;
    case EventKind.PromiseDiscarded: return `the promise #${a[seq]} of ${trace.sites[c[seq]]?.label ?? 'a call'} is dropped (not awaited here)`;
    case EventKind.PromiseSite: return `promise #${a[seq]} is made by new Promise`;
    case EventKind.Alive: return a[seq] !== 0 ? `timer #${a[seq]} still keeps the loop alive` : `still keeps the loop alive: ${str(b[seq])}`;
    case EventKind.NetListen: return c[seq] === 1 ? `server listens on :${a[seq]}` : `server on :${a[seq]} stops listening`;
    case EventKind.NetConnect: return `connection #${a[seq]} established (${str(b[seq])})`;
    case EventKind.NetClose: return `connection #${a[seq]} ${c[seq] === 1 ? 'client' : 'server'} end: ${str(b[seq])}`;
    case EventKind.HttpRequest: return `HTTP request ${str(b[seq])} received on connection #${a[seq]} (#${c[seq]} on it)`;
    case EventKind.HttpResponse: return `HTTP response ${str(b[seq])}${toRequest(trace, seq)} received on connection #${a[seq]} (#${c[seq]} on it)${timeToFirstByte(trace, seq)}`;
    case EventKind.HttpMessageEnd: return `HTTP ${c[seq] === 1 ? 'request' : 'response'}${c[seq] === 1 ? '' : toRequest(trace, seq)} body complete on connection #${a[seq]}: ${b[seq]} bytes`;
    case EventKind.AlsStore: return `runs in the store ${str(b[seq])} of ${alsStorageName(trace, a[seq])}`;
    default: return `event kind ${kind[seq]}`;
  }
}

/** A site as `hello-async.ts:7:3` (empty if unknown). */
export function formatSite(trace: ScannableTrace, site: number): string {
  const s: SourceSite | undefined = site > 0 ? trace.sites[site] : undefined;
  if (!s) return '';
  const file = trace.files[s.file] ?? '';
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return `${base}:${s.line}:${s.column}`;
}
