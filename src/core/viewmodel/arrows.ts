/**
 * Arrows: the causes a reader follows from one lane to another.
 * - settle → resume: a promise settled (PromiseFulfill/Reject) and an awaiting task resumed;
 *   exact, because every TaskResume names its settle event in `c`.
 * - spawn: a task was created by its parent (parent lane at the call → the task's start).
 * - yield → consumer: an async generator yielded and the consumer awaiting `next()` resumed
 *   (a settle → resume whose settle came right after the yield, before any other job or task
 *   ran: the yield settled the consumer's pending `next()`). Drawn from the yield itself.
 * - combinator: each input of `Promise.all/allSettled/any/race` → the combinator's settle.
 *   The format does not link inputs to their combinator, so this one is inferred: a combinator
 *   is a promise created at, or awaited at, a site labelled `Promise.all …`; an input is a
 *   promise created before it whose then-callback (a ReactionRun resuming no task) runs
 *   while it is pending; the most recent pending combinator takes it.
 *   Exact for the usual `await Promise.all([...])`; a link event in the trace would make it
 *   exact everywhere.
 * - I/O → callback: a threadpool request's work ended (the end of its bar on its pool lane; its
 *   IoDone) and its callback ran as an `Io` macrotask (MacrotaskStart kind Io, b = the io id) on
 *   the requesting thread's I/O lane; a child process delivered an event (IoEvent, a marker on its
 *   lane) and the callback it runs in (the Io macrotask the IoEvent is recorded in). Exact: the
 *   trace names the io id on both ends.
 * - message: a postMessage (its IoStart, labelled by src/core/sim/ports.ts) → the callback that
 *   received it (the Io macrotask of that io id), within a thread or across threads.
 */
import { EventKind, MacrotaskKind, type ScannableTrace } from '../trace/format';
import type { Axis } from './axis';
import { SeqById } from './columns';
import type { LaneModel } from './lanes';

/** IoStart labels of messages (src/core/sim/ports.ts: MessagePort.postMessage, BroadcastChannel.postMessage). */
function isMessageLabel(label: string): boolean {
  return label === 'port message' || /^message to thread \d+$/.test(label) || label.startsWith('broadcast on "');
}

export const enum ArrowKind {
  Resume = 1,
  Spawn = 2,
  Yield = 3,
  Combinator = 4,
  /** A threadpool request's or a child process's result, or a message, → the callback it runs (an Io macrotask). */
  Io = 5,
}

export interface Arrow {
  kind: ArrowKind;
  fromLane: number;
  fromX: number;
  fromSeq: number;
  toLane: number;
  toX: number;
  toSeq: number;
}

export interface ArrowModel {
  arrows: Arrow[];
  /** Arrow indices by the lane they point to, sorted by toX: the renderer reads only visible lanes. */
  byTargetLane: number[][];
  counts: Record<'resume' | 'spawn' | 'yield' | 'combinator' | 'io', number>;
}

const COMBINATOR_LABEL = /^(await\s+)?Promise\.(all|allSettled|any|race)\b/;

export function buildArrows(trace: ScannableTrace, axis: Axis, lanes: LaneModel): ArrowModel {
  const { kind, a, b, c } = trace.events;
  const { pos } = axis;
  const { laneOfEvent, laneOfTask } = lanes;
  const ioIndex = lanes.io;
  const n = kind.length;
  const arrows: Arrow[] = [];
  const add = (k: ArrowKind, fromSeq: number, toSeq: number, toLane: number): void => {
    if (fromSeq < 0 || fromSeq >= n || toLane < 0) return;
    arrows.push({ kind: k, fromLane: laneOfEvent[fromSeq], fromX: pos[fromSeq], fromSeq, toLane, toX: pos[toSeq], toSeq });
  };

  const createSeqOfTask = new SeqById();
  const createSeqOfPromise = new SeqById();
  const settleSeqOfPromise = new SeqById();
  /** The last async-generator yield whose settle has not been seen yet (-1: none). */
  let pendingYield = -1;
  /** settle seq → the yield that caused it. */
  const yieldOfSettle = new SeqById();
  const pendingCombinators: number[] = [];
  const combinatorInputs = new Map<number, number[]>();
  const addCombinator = (promise: number): void => {
    if (promise === 0 || combinatorInputs.has(promise) || settleSeqOfPromise.has(promise)) return;
    pendingCombinators.push(promise);
    combinatorInputs.set(promise, []);
  };
  /** The running macrotask's start (an IoEvent's callback is the Io macrotask it is recorded in), per thread. */
  const macroStart = new Map<number, number>();
  const threadCol = trace.events.thread;
  const generatorTasks = new Set<number>();
  trace.tasks.forEach((task, id) => {
    if (task?.kind === 'async-generator') generatorTasks.add(id);
  });

  /** A then-callback (a ReactionRun resuming no task) of a promise may feed a pending combinator. */
  const noteCombinatorInput = (i: number): void => {
    if (c[i] !== 0 || pendingCombinators.length === 0) return;
    const input = a[i];
    const inputCreated = createSeqOfPromise.get(input);
    const inputSettled = settleSeqOfPromise.get(input);
    if (inputSettled < 0) return;
    for (let j = pendingCombinators.length - 1; j >= 0; j--) {
      const combinator = pendingCombinators[j];
      if (createSeqOfPromise.get(combinator) > inputCreated) {
        combinatorInputs.get(combinator)?.push(inputSettled);
        return;
      }
    }
  };

  for (let i = 0; i < n; i++) {
    switch (kind[i]) {
      case EventKind.TaskCreate:
        createSeqOfTask.set(a[i], i);
        break;
      case EventKind.TaskYield:
        // An async generator's yield settles the consumer's pending next() promise right
        // after (same job); remember it until something else runs.
        pendingYield = generatorTasks.has(a[i]) ? i : -1;
        break;
      case EventKind.TaskStart:
      case EventKind.ReactionRun:
      case EventKind.TickRun:
      case EventKind.MicrotaskRun:
      case EventKind.MacrotaskStart:
        pendingYield = -1;
        if (kind[i] === EventKind.MacrotaskStart) {
          macroStart.set(threadCol?.[i] ?? 0, i);
          // A pool request's callback: from the end of its work on its pool lane.
          const req = b[i];
          if (a[i] === MacrotaskKind.Io && req > 0 && ioIndex && (ioIndex.poolSeq[req] ?? -1) >= 0 && (ioIndex.doneSeq[req] ?? -1) >= 0 && Number.isFinite(ioIndex.endX[req])) {
            arrows.push({ kind: ArrowKind.Io, fromLane: ioIndex.laneOfIo[req], fromX: ioIndex.endX[req], fromSeq: ioIndex.doneSeq[req], toLane: laneOfEvent[i], toX: pos[i], toSeq: i });
          } else if (a[i] === MacrotaskKind.Io && req > 0 && ioIndex && isMessageLabel(trace.strings[b[ioIndex.startSeq[req] ?? -1] ?? 0] ?? '')) {
            // A message (MessagePort, Worker, BroadcastChannel): from its postMessage to the callback.
            const sent = ioIndex.startSeq[req];
            if ((laneOfEvent[sent] ?? -1) >= 0) add(ArrowKind.Io, sent, i, laneOfEvent[i]);
          }
        } else if (kind[i] === EventKind.TaskStart) {
          const created = createSeqOfTask.get(a[i]);
          if (created >= 0) add(ArrowKind.Spawn, created, i, laneOfTask[a[i]] ?? -1);
        } else if (kind[i] === EventKind.ReactionRun) {
          noteCombinatorInput(i);
        }
        break;
      case EventKind.IoEvent: {
        // A process's event → the callback it runs in: drawn at the event's moment, down (or up) to the I/O lane.
        const lane = ioIndex?.laneOfIo[a[i]] ?? -1;
        const start = macroStart.get(threadCol?.[i] ?? 0) ?? -1;
        if (lane >= 0 && start >= 0 && kind[start] === EventKind.MacrotaskStart && laneOfEvent[start] !== lane) {
          arrows.push({ kind: ArrowKind.Io, fromLane: lane, fromX: pos[i], fromSeq: i, toLane: laneOfEvent[start], toX: pos[i], toSeq: start });
        }
        break;
      }
      case EventKind.TaskResume: {
        pendingYield = -1;
        const settle = c[i];
        if (settle > 0 && settle < i) {
          const yieldSeq = yieldOfSettle.get(settle);
          // yield → consumer starts at the yield, in the generator's lane; otherwise at the settle.
          if (yieldSeq >= 0) add(ArrowKind.Yield, yieldSeq, i, laneOfTask[a[i]] ?? -1);
          else add(ArrowKind.Resume, settle, i, laneOfTask[a[i]] ?? -1);
        }
        break;
      }
      case EventKind.PromiseCreate:
        createSeqOfPromise.set(a[i], i);
        if (COMBINATOR_LABEL.test(trace.sites[c[i]]?.label ?? '')) addCombinator(a[i]);
        break;
      case EventKind.TaskSuspend:
        // The engine labels the await site (`Promise.all [3]`), not always the promise's creation.
        if (COMBINATOR_LABEL.test(trace.sites[b[i]]?.label ?? '')) addCombinator(c[i]);
        break;
      case EventKind.PromiseFulfill:
      case EventKind.PromiseReject: {
        settleSeqOfPromise.set(a[i], i);
        if (pendingYield >= 0) {
          yieldOfSettle.set(i, pendingYield);
          pendingYield = -1;
        }
        const inputs = combinatorInputs.size > 0 ? combinatorInputs.get(a[i]) : undefined;
        if (inputs) {
          for (const inputSettle of inputs) add(ArrowKind.Combinator, inputSettle, i, laneOfEvent[i]);
          combinatorInputs.delete(a[i]);
          pendingCombinators.splice(pendingCombinators.indexOf(a[i]), 1);
        }
        break;
      }
      default:
        break;
    }
  }

  const byTargetLane: number[][] = lanes.lanes.map(() => []);
  arrows.forEach((arrow, index) => byTargetLane[arrow.toLane]?.push(index));
  for (const list of byTargetLane) list.sort((p, q) => arrows[p].toX - arrows[q].toX);
  const counts = { resume: 0, spawn: 0, yield: 0, combinator: 0, io: 0 };
  for (const arrow of arrows) {
    if (arrow.kind === ArrowKind.Resume) counts.resume++;
    else if (arrow.kind === ArrowKind.Spawn) counts.spawn++;
    else if (arrow.kind === ArrowKind.Yield) counts.yield++;
    else if (arrow.kind === ArrowKind.Io) counts.io++;
    else counts.combinator++;
  }
  return { arrows, byTargetLane, counts };
}
