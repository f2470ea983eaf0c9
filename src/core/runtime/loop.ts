/**
 * The event loop: libuv's uv_run phases as Node 20 uses them, in virtual time.
 *
 *   main script (a macrotask) → its ticks + microtasks
 *   repeat: timers phase (processTimers) → poll (the only place time passes: when no immediate
 *   is pending, the clock jumps to the next timer's due time) → check phase (processImmediate)
 *   → loop alive? else 'beforeExit' (which may schedule more) → 'exit'.
 *
 * After every callback Node closes an InternalCallbackScope: microtasks, then (if ticks or
 * rejections are pending) processTicksAndRejections — that is `runNextTicks` here. CommonJS
 * main scripts end the same way; an ES module's body runs inside a promise job, so the
 * microtask queue drains first and nextTicks come after (moduleKind 'module').
 *
 * Where the main script runs (docs/modules.md): a CommonJS entry, and an ES module entry on
 * Node 22+ (whose loader reads it synchronously), before the first iteration; an ES module entry
 * on Node 20, whose loader reads the file with fs.promises, in the poll phase of the first
 * iteration — so that iteration goes on with its check phase (immediates) and the timers wait
 * for the next one.
 *
 * Racy tie (real Node: a top-level setTimeout(0) vs setImmediate depends on whether 1 ms passed
 * before the first loop iteration; racy-ties.ts): default "timers first" — the first iteration
 * is taken to start at the timer's due time, as it does in real Node whenever the main script
 * took a millisecond (its first console.log alone costs more) — recorded as a RacyTie; the
 * seed's bit for the tie gives "immediates first".
 */
import { connectLoop } from './thread-loops';
import { simAlive, simAwaitingAnswer, simRunClosing, simFlushOutput, simHoldFrontier, simHolding, simMayAdvanceTo, simNextDue, simPendingIo, simPoll, simShutdownIo, simStuck } from './sim-bridge';
import { EventKind, MacrotaskKind, RacyOutcome, RacyTieKind } from '../trace/format';
import { clearExternalSettled, externalSettled, pendingExternals } from './external';
import { advanceTo, clock, flushBlock, measureFromNow, updateLoopTime } from './clock';
import { emitExit, emitExitAtEnd, stopRun, triggerUncaughtException } from './fatal';
import { hasImmediates, immediateAsyncId, immediateFrame, immediateRefCount, immediateTriggerId, processImmediate } from './immediates';
import { decideRacyTie } from './racy-ties';
import { scheduled, scheduleLateMs } from './schedule';
import type { Immediate } from './immediates';
import { hasJobs, runMicrotasks, setAfterJob, setBudgetCheck } from './jobs';
import { isPromise, performThen, ReactionKind } from './promise';
import type { PromiseImpl, Resumable } from './promise';
import { emitProcessEvent } from './process-events';
import { rt } from './state';
import { unsettledTopLevelAwaitWarnings } from './top-level-await';
import { writeOut } from './output';
import { hasFeature } from '../versions/features';
import { hasTicks, runOneTick } from './ticks';
import { firstDueTimerSite, nextExpiry, processTimers, settleRunningTimer, timeoutAsyncId, timeoutId, timeoutTriggerId, timerRefCount } from './timers';
import { emitAfter, emitBefore, emitDestroy, flushDestroys, hasDestroys } from './async-context/hooks';
import { cx, popContext, pushContext } from './async-context/state';
import { recordStores, storesTraced } from './async-context/trace-stores';
import type { Timeout } from './timers';
import { clearRejectionToWarn, hasRejectionToWarn, processPromiseRejections } from './unhandled-rejections';

const onJobError = (e: unknown) => triggerUncaughtException(e, false);
setBudgetCheck(() => {
  const b = rt.host.options.budgets;
  if (rt.host.realNow() - stretchStart > b.realTimeMs) {
    stopRun(`budget: real time ${b.realTimeMs} ms exceeded by a chain of microtasks`);
    return true;
  }
  if (rt.rec.count > b.events) {
    stopRun(`budget: ${b.events} events`);
    return true;
  }
  return false;
});
setAfterJob(() => {
  if (clock.pendingBlock !== 0 || clock.measured) flushBlock();
});

/** processTicksAndRejections (lib/internal/process/task_queues.js). */
export function processTicksAndRejections(): void {
  do {
    while (hasTicks() && !rt.exited) {
      try {
        runOneTick();
      } catch (e) {
        // Node: the exception unwinds processTicksAndRejections; the remaining ticks and the
        // microtasks wait for the next callback scope to close.
        triggerUncaughtException(e, false);
        return;
      }
      if (clock.pendingBlock !== 0 || clock.measured) flushBlock();
    }
    if (rt.exited) return;
    runMicrotasks(onJobError);
    if (rt.exited) return;
  } while (hasTicks() || processPromiseRejections());
  clearRejectionToWarn();
}

/** runNextTicks / InternalCallbackScope::Close. */
export function runNextTicks(): void {
  if (rt.exited) return;
  if (!hasTicks() && !hasRejectionToWarn) runMicrotasks(onJobError);
  if (rt.exited || (!hasTicks() && !hasRejectionToWarn)) return;
  processTicksAndRejections();
}

// The simulation bridge drains ticks after each completion and steps worker threads through
// these; it cannot import this module (the imports go one way: loop → bridge → fatal).
connectLoop({ runNextTicks, threadNextDue: () => threadNextDue(), runThreadStep: () => runThreadStep() });

function macrotaskStart(kind: MacrotaskKind, id: number): void {
  // The race explorer's schedule may have this callback start late (runtime/schedule.ts).
  // A Worker thread's too: its runtime follows the main one's schedule (schedule.ts).
  if (scheduled && kind !== MacrotaskKind.Script) {
    const late = scheduleLateMs();
    if (late > 0) advanceTo(clock.now + late);
  }
  rt.stretch++;
  rt.callSite = 0;
  stretchStart = rt.host.realNow();
  if (clock.measured) measureFromNow();
  if (rt.tracing) rt.rec.emit(EventKind.MacrotaskStart, kind, id, 0);
}

function macrotaskEnd(kind: MacrotaskKind, id: number): void {
  if (clock.pendingBlock !== 0 || clock.measured) flushBlock();
  if (rt.tracing) rt.rec.emit(EventKind.MacrotaskEnd, kind, id, 0);
}

let stretchStart = 0;

const timerHooks = {
  runNextTicks,
  invoke(t: Timeout): boolean {
    const id = timeoutId(t);
    macrotaskStart(MacrotaskKind.Timer, id);
    if (rt.tracing) rt.rec.emit(EventKind.TimerFire, id, 0, 0);
    // listOnTimeout: the timer's ALS context and async scope around the callback.
    const prior = cx.frame;
    cx.frame = t._frame;
    if (storesTraced && rt.tracing) recordStores();
    const asyncId = timeoutAsyncId(t);
    try {
      emitBefore(asyncId, timeoutTriggerId(t), t);
      const args = t._timerArgs;
      if (args === undefined) t._onTimeout!();
      else Reflect.apply(t._onTimeout!, t, args);
    } catch (e) {
      cx.frame = prior;
      settleRunningTimer();
      triggerUncaughtException(e, false);
      macrotaskEnd(MacrotaskKind.Timer, id);
      return true;
    }
    settleRunningTimer();
    emitAfter(asyncId);
    cx.frame = prior;
    runNextTicks();
    macrotaskEnd(MacrotaskKind.Timer, id);
    return false;
  },
};

const immediateHooks = {
  runNextTicks,
  invoke(im: Immediate): boolean {
    macrotaskStart(MacrotaskKind.Immediate, im._id);
    if (rt.tracing) rt.rec.emit(EventKind.ImmediateRun, im._id, 0, 0);
    const prior = cx.frame;
    cx.frame = immediateFrame(im);
    if (storesTraced && rt.tracing) recordStores();
    const asyncId = immediateAsyncId(im);
    try {
      emitBefore(asyncId, immediateTriggerId(im), im);
      const argv = im._argv;
      if (argv === undefined) im._onImmediate!();
      else im._onImmediate!(...argv);
    } catch (e) {
      cx.frame = prior;
      emitDestroy(asyncId);
      triggerUncaughtException(e, false);
      macrotaskEnd(MacrotaskKind.Immediate, im._id);
      return true;
    }
    emitDestroy(asyncId);
    emitAfter(asyncId);
    cx.frame = prior;
    runNextTicks();
    macrotaskEnd(MacrotaskKind.Immediate, im._id);
    return false;
  },
};

let iteration = 0;
let finished = false;
/** runIteration stopped in its poll phase to let real I/O make progress (runSlice answers 'wait'). */
let ioWaiting = false;
/** runIteration stopped before its poll phase to wait for a real answer: the next call resumes there. */
let resumeAtPoll = false;
/** The ES module's top-level-await evaluation promise, if any. */
let mainPromise: PromiseImpl | undefined;
let mainSettled = true;
/** The main script ran in the poll phase of the first iteration (an ES module entry on Node 20): it goes on at its check phase. */
let mainInPollPhase = false;

/** Runs the main script as the first macrotask. */
export function runMain(main: () => unknown, moduleKind: 'commonjs' | 'module'): void {
  // A Worker's module is its thread's first macrotask, not the start of the run; its
  // performance clock starts now.
  if (rt.host.thread === undefined) rt.rec.force(EventKind.RunStart, 0, 0, 0);
  else clock.origin = clock.now;
  macrotaskStart(MacrotaskKind.Script, 0);
  let result: unknown;
  // A CommonJS main script runs as async id 1 (triggered by 0), what follows it at 0; an ES
  // module is evaluated by the loader in a promise job, at 0.
  if (moduleKind !== 'module') pushContext(1, 0, undefined);
  try {
    result = main();
  } catch (e) {
    triggerUncaughtException(e, false);
  }
  if (cx.executionAsyncId === 1) popContext();
  if (moduleKind === 'module') {
    mainInPollPhase = rt.host.thread === undefined && (rt.host.options.nodeMajor ?? 20) < 22;
    if (isPromise(result)) watchMain(result);
    if (!rt.exited) runMicrotasks(onJobError);
    if (!rt.exited && (hasTicks() || hasRejectionToWarn)) processTicksAndRejections();
  } else {
    runNextTicks();
  }
  macrotaskEnd(MacrotaskKind.Script, 0);
}

/** A rejected top-level-await module is an uncaught error; an unsettled one is exit code 13. */
function watchMain(p: PromiseImpl): void {
  mainPromise = p;
  mainSettled = false;
  const watcher: Resumable = {
    task: 0,
    resume(value, rejected) {
      mainSettled = true;
      if (rejected) triggerUncaughtException(value, false);
    },
  };
  performThen(p, ReactionKind.Resume, undefined, undefined, watcher);
}

function loopAlive(): boolean {
  return timerRefCount > 0 || immediateRefCount > 0 || simAlive();
}

/** One uv_run iteration; returns false when the loop has ended. */
function runIteration(): boolean {
  const budgets = rt.host.options.budgets;
  if (resumeAtPoll) {
    resumeAtPoll = false;
    return pollAndCheck(budgets);
  }
  if (mainInPollPhase) {
    // Node 20's ESM loader evaluated the entry in an I/O callback: the rest of that poll phase, then check.
    mainInPollPhase = false;
    iteration++;
    return pollAndCheck(budgets);
  }
  // uv_run: a loop that is not alive does not iterate (an unref'd immediate alone never runs).
  if (!loopAlive() && pendingExternals === 0 && !simHolding()) return beforeExit();
  if (iteration++ === 0 && hasImmediates()) {
    // A timer due within the first millisecond against pending immediates: the racy tie.
    const first = nextExpiry();
    if (first > clock.now && first <= clock.loop + 1 && decideRacyTie(RacyTieKind.TimeoutVsImmediate, firstDueTimerSite()) === RacyOutcome.Default) {
      advanceTo(first);
    }
  }
  const now = updateLoopTime();
  if (processTimers(now, timerHooks)) runNextTicks(); // RunTimers' callback scope closes
  if (rt.exited) return false;
  // Poll: nothing to do but wait for the next timer or the simulated world's next event
  // (network, other threads), unless ref'd immediates are pending (Node's idle handle; unref'd
  // ones run in the check phase after the wait).
  if (immediateRefCount === 0 && (timerRefCount > 0 || simAlive())) {
    // libuv's poll timeout is the next timer's, ref'd or not (an unref'd socket timeout fires
    // while a socket keeps the loop alive): only whether the loop is alive depends on refs.
    const due = Math.min(Math.ceil(nextExpiry()), simNextDue());
    if (!simMayAdvanceTo(due)) {
      // Real I/O (a child process, a dns answer) could still deliver something before `due`:
      // let real time pass (the engine sleeps a little) and poll again.
      if (due > budgets.virtualTimeMs && Math.max(clock.now, simHoldFrontier()) >= budgets.virtualTimeMs) {
        advanceTo(budgets.virtualTimeMs);
        stopRun(`budget: virtual time ${budgets.virtualTimeMs} ms`);
        return false;
      }
      ioWaiting = true;
      return false;
    }
    if (due === Infinity) {
      simStuck(); // the world keeps the loop alive but nothing can happen: says what is stuck
      return false;
    }
    if (due > budgets.virtualTimeMs) {
      stopRun(`budget: virtual time ${budgets.virtualTimeMs} ms`);
      return false;
    }
    advanceTo(due);
  }
  return pollAndCheck(budgets);
}

/** The rest of an iteration: poll (I/O completions), check (immediates), the end-of-loop checks. */
function pollAndCheck(budgets: typeof rt.host.options.budgets): boolean {
  // A pool request whose modelled end has come but whose real answer (dns.lookup) is not in yet:
  // let real time pass, then resume this poll phase (libuv would find the request done).
  if (simAwaitingAnswer(clock.now)) {
    ioWaiting = true;
    resumeAtPoll = true;
    return false;
  }
  // I/O completions of the simulated world that are due run as Io macrotasks (libuv's poll).
  simPoll();
  if (rt.exited) return false;
  // Check phase: Node's native immediates (the batched destroy hooks) before setImmediate's.
  if (hasDestroys()) flushDestroys();
  processImmediate(immediateHooks);
  if (rt.exited) return false;
  simRunClosing();
  if (rt.exited) return false;
  if (rt.rec.count > budgets.events) {
    stopRun(`budget: ${budgets.events} events`);
    return false;
  }
  if (loopAlive()) return true;
  if (pendingExternals > 0 || simHolding()) return false;
  return beforeExit();
}

/** The loop is empty: 'beforeExit' may schedule more work (Node: EmitProcessBeforeExit). */
function beforeExit(): boolean {
  if (hasDestroys()) flushDestroys();
  if (rt.exited) return false;
  if (clock.measured) measureFromNow();
  try {
    emitProcessEvent('beforeExit', rt.exitCode);
  } catch (e) {
    triggerUncaughtException(e, false);
  }
  runNextTicks();
  if (rt.exited) return false;
  return loopAlive();
}

/**
 * Thread mode (a Worker's runtime): when the thread's next macrotask is due — a timer, an
 * immediate (now), an I/O completion — or Infinity. Only ref'ed timers keep a thread going.
 */
export function threadNextDue(): number {
  if (rt.exited) return Infinity;
  if (hasImmediates()) return clock.now;
  const io = simNextDue();
  if (timerRefCount === 0 && io === Infinity) return Infinity;
  return Math.min(io, Math.ceil(nextExpiry()));
}

/**
 * Thread mode: one loop iteration at the thread's due time (timers, poll, check), with no
 * waiting of its own — the world decided this thread is the one due first.
 */
export function runThreadStep(): void {
  const due = threadNextDue();
  if (due === Infinity) return;
  advanceTo(due);
  const now = updateLoopTime();
  if (processTimers(now, timerHooks)) runNextTicks();
  if (rt.exited) return;
  simPoll();
  if (rt.exited) return;
  processImmediate(immediateHooks);
  if (!rt.exited) simRunClosing();
  const events = rt.host.options.budgets.events;
  if (!rt.exited && rt.rec.count > events) stopRun(`budget: ${events} events`);
}

/** Ends the run: unsettled top-level await, 'exit', RunEnd. */
function finish(): void {
  if (finished) return;
  finished = true;
  const unsettledTopLevelAwait = !rt.exited && mainPromise !== undefined && !mainSettled;
  const warnsOfTopLevelAwait = hasFeature(rt.host.options.nodeMajor, 'unsettled top-level await warning');
  // Node 20 sets the 13 from an 'exit' listener of its own, registered first: the program's
  // listeners get the code from before, and read 13 from process.exitCode. Node 22+ sets it first.
  const exitEventCode = unsettledTopLevelAwait && !warnsOfTopLevelAwait ? rt.exitCode : undefined;
  if (unsettledTopLevelAwait) rt.exitCode = 13;
  if (!rt.exited && rt.truncated === '') {
    // Natural end: 'exit' listeners run, and the microtasks they queue still drain (Node runs
    // the emit inside a callback scope); their timers and nextTicks never run. A listener that
    // throws is an uncaught exception (its scope fails: no microtasks).
    if (clock.measured) measureFromNow();
    if (emitExitAtEnd(exitEventCode) && !rt.exited) runMicrotasks(onJobError);
    // Node 22+ then says where (Node 20: nothing); not when an 'exit' listener called process.exit().
    if (unsettledTopLevelAwait && !rt.exited && warnsOfTopLevelAwait) {
      const warnings = unsettledTopLevelAwaitWarnings();
      if (warnings !== '') writeOut(2, warnings);
    }
  } else if (rt.truncated === '') {
    emitExit();
  }
  rt.exited = true;
  if (rt.truncated !== '') {
    simFlushOutput();
    const pending = simPendingIo();
    if (pending.length > 0) {
      const shown = pending.slice(0, 8).join('; ') + (pending.length > 8 ? `; and ${pending.length - 8} more` : '');
      rt.truncated += ` — I/O still pending: ${shown}`;
    }
  }
  simShutdownIo();
  const why = rt.truncated !== '' ? rt.truncated : 'exit';
  rt.rec.force(EventKind.RunEnd, rt.exitCode, rt.rec.str(why), 0);
}

/** External promises settled between slices: their jobs run as one I/O macrotask. */
function runExternalCompletions(): void {
  clearExternalSettled();
  if (!hasJobs() && !hasTicks()) return;
  macrotaskStart(MacrotaskKind.Io, 0);
  runNextTicks();
  macrotaskEnd(MacrotaskKind.Io, 0);
}

/** Runs loop iterations for about `maxRealMs` of real time. */
export function runSlice(maxRealMs: number): 'more' | 'wait' | 'done' {
  if (finished) return 'done';
  const host = rt.host;
  const deadline = host.realNow() + maxRealMs;
  if (externalSettled) runExternalCompletions();
  while (!rt.exited) {
    // Real I/O under way (a child process): libuv's poll phase takes what is ready even when it
    // does not wait (immediates pending). What is ready reaches the simulation only when the
    // host's loop has a turn: give it one before an iteration whenever a millisecond of real
    // time went by without (after the main script, a busy wait, a long chain of immediates).
    if (simHolding() && host.realNow() - hostTurnAt >= 1) return toHost('more');
    if (!runIteration()) {
      if (ioWaiting) {
        ioWaiting = false;
        if (!rt.exited) return toHost('wait');
      }
      // Only real (external) promises keep the program alive: let the host's loop run.
      if (!rt.exited && pendingExternals > 0) return toHost('wait');
      break;
    }
    if (host.realNow() >= deadline) return rt.exited ? (finish(), 'done') : toHost('more');
  }
  finish();
  return 'done';
}

/** Real time of the last return to the host (its loop then has a turn, in which real I/O arrives). */
let hostTurnAt = 0;
function toHost(r: 'more' | 'wait'): 'more' | 'wait' {
  hostTurnAt = rt.host.realNow();
  return r;
}

export function isFinished(): boolean {
  return finished;
}

/** Stops the run from outside (vm timeout, cancel). */
export function stop(reason: string): void {
  stopRun(reason);
  finish();
}
