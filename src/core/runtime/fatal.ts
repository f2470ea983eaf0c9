/**
 * Uncaught exceptions and process exit, as Node 20 does them:
 * - triggerUncaughtException (src/node_errors.cc + lib/internal/process/execution.js
 *   createOnGlobalUncaughtException): 'uncaughtExceptionMonitor', then 'uncaughtException'
 *   listeners (origin 'unhandledRejection' for promises) — with none, exit code 1, the 'exit'
 *   event, then the error printed on stderr the way Node prints it, then the process ends.
 * - process.exit(code): the 'exit' event, then the end; user code is unwound by EXIT_SIGNAL.
 * - process._exiting (set before 'exit' is emitted), setUncaughtExceptionCaptureCallback (the
 *   capture callback replaces the 'uncaughtException' listeners), an exception thrown by the
 *   handlers themselves (exit code 7, no 'exit'), an exception thrown by an 'exit' listener.
 */
import { EventKind } from '../trace/format';
import { describeValue } from './promise';
import { emitProcessEvent } from './process-events';
import { writeOut } from './output';
import { unwindAsyncContext } from './async-context/hooks';
import { isEventTargetError, isForwardedWorkerError, isInternalError } from './error-origins';
import { EXIT_SIGNAL, rt } from './state';
import { processFacts } from '../versions/process-facts';
import { setImmediate } from './immediates';
import { nodeError, invalidArgTypeOf } from './errors';

/** process._exiting: a plain property in Node (user code may write it), true once 'exit' is emitted. */
let exiting = false;

export function isExiting(): boolean {
  return exiting;
}

export function setExiting(value: unknown): void {
  exiting = value as boolean;
}

/** Node's exceptionHandlerState.captureFn (process.setUncaughtExceptionCaptureCallback). */
let captureFn: ((err: unknown) => unknown) | null = null;

export function setUncaughtExceptionCaptureCallback(fn: unknown): void {
  if (fn === null) {
    captureFn = null;
    return;
  }
  if (typeof fn !== 'function') throw invalidArgTypeOf('fn', 'of type function or null', fn);
  if (captureFn !== null) {
    throw nodeError(Error, 'ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET',
      '`process.setupUncaughtExceptionCapture()` was called while a capture callback was already active');
  }
  captureFn = fn as (err: unknown) => unknown;
}

export function hasUncaughtExceptionCaptureCallback(): boolean {
  return captureFn !== null;
}

/** Node's exit code for a fatal error: process.exitCode if it was set, else 1 (env->exit_code(kGenericUserError)). */
function fatalExitCode(): number {
  return rt.exitCodeSet ? rt.exitCode : 1;
}

/** The frames Node 20 shows under "Emitted 'error' event on Worker instance at:". */
const WORKER_ERROR_FRAMES = [
  '    at [kOnErrorMessage] (node:internal/worker:333:10)',
  '    at [kOnMessage] (node:internal/worker:344:37)',
  '    at MessagePort.<anonymous> (node:internal/worker:233:57)',
  '    at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)',
  '    at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)',
].join('\n');

export function nodeVersion(): string {
  // The imitated line's, as process.version says (process.ts): the trailer said v20.20.2 on every target.
  return `v${rt.host.options.versions?.node ?? processFacts(rt.host.options.nodeMajor ?? 20).versions.node}`;
}

/**
 * The process ends at once, without 'exit' (process.reallyExit, process.abort, a signal's default
 * action): nothing after this runs, as when Node's process is gone.
 */
export function reallyExit(code: number): never {
  rt.exitCode = code;
  rt.exitCodeSet = true;
  exiting = true;
  rt.exited = true;
  throw EXIT_SIGNAL;
}

/** Emits 'exit' once (listeners may still log), then marks the process ended. */
export function emitExit(): void {
  if (exiting) return;
  exiting = true;
  try {
    emitProcessEvent('exit', rt.exitCode);
  } catch (e) {
    if (e !== EXIT_SIGNAL) printFatal(e, false);
  }
}

/**
 * The loop ended (Node's EmitProcessExitInternal): 'exit' is emitted even if process._exiting is
 * already true. An exception from a listener is an uncaught exception (the remaining listeners
 * do not run; with nobody handling it: printed, exit code 1 or process.exitCode). False if a
 * listener threw (the microtasks it queued then never run).
 */
export function emitExitAtEnd(code = rt.exitCode): boolean {
  exiting = true;
  try {
    emitProcessEvent('exit', code);
    return true;
  } catch (e) {
    if (e !== EXIT_SIGNAL) triggerUncaughtException(e, false);
    return false;
  }
}

/**
 * process.exit(code) (lib/internal/process/per_thread.js): 'exit' is emitted unless
 * process._exiting; an exception from a listener propagates out of process.exit() to its caller.
 */
export function processExit(code?: unknown): never {
  if (code !== undefined && code !== null) {
    rt.exitCode = Number(code) | 0;
    rt.exitCodeSet = true;
  }
  if (!rt.exited) {
    if (!exiting) {
      exiting = true;
      emitProcessEvent('exit', rt.exitCode);
    }
    rt.exited = true;
  }
  throw EXIT_SIGNAL;
}

function isNativeError(e: unknown): boolean {
  return Object.prototype.toString.call(e) === '[object Error]' || e instanceof Error;
}

/**
 * Node's fatalExceptionStackEnhancers.beforeInspector (lib/internal/errors.js): an error thrown
 * by an EventEmitter's unhandled 'error' carries a function under `kEnhanceStackBeforeInspector`
 * that adds "Emitted 'error' event at: …" to its stack. The sandbox's events (src/core/node)
 * keeps the symbol under its description.
 */
function enhanceStack(err: unknown): void {
  if (typeof err !== 'object' || err === null) return;
  const key = Object.getOwnPropertySymbols(err).find((s) => s.description === 'kEnhanceStackBeforeInspector');
  const enhance = key === undefined ? undefined : (err as Record<symbol, unknown>)[key];
  if (typeof enhance !== 'function') return;
  try {
    (err as { stack?: unknown }).stack = enhance();
  } catch {
    // as Node: keep the stack as it is
  }
}

/**
 * A Worker's error as the main thread's uncaught-error print shows it. Its deserialized copy
 * carries an own `Symbol.toStringTag` of 'Error' (internal/error_serdes), so util.inspect prints
 * `RangeError [Error]: …` — in Node 20, 24 and 26. Node 22's inspect leaves the tag out of this
 * header (`RangeError: …`); the host's inspect is another line's, so for 22 the print is made
 * without the tag (the error itself keeps it: the print is the process's last act).
 */
function inspectForwardedWorkerError(err: unknown, major: number): string {
  if (typeof err !== 'object' || err === null) return rt.host.inspect(err);
  const own = Object.getOwnPropertyDescriptor(err, Symbol.toStringTag);
  if (major !== 22 || own === undefined) return rt.host.inspect(err);
  delete (err as Record<symbol, unknown>)[Symbol.toStringTag];
  try {
    return rt.host.inspect(err);
  } finally {
    Object.defineProperty(err, Symbol.toStringTag, own);
  }
}

/** The source excerpt Node prints above an error re-thrown by lib/internal/event_target.js's nextTick. */
function eventTargetHeader(): string {
  const line = { 20: 1105, 22: 1118, 24: 1149, 26: 1152 }[rt.host.options.nodeMajor ?? 20];
  return `node:internal/event_target:${line}\n  process.nextTick(() => { throw err; });\n                           ^\n`;
}

/** Node's PrintUncaughtException / ReportFatalException output. */
function printFatal(err: unknown, fromPromise: boolean): string {
  const host = rt.host;
  enhanceStack(err);
  let text: string;
  if (isInternalError(err)) {
    text = 'node:internal/process/promises:389\n      new UnhandledPromiseRejection(reason);\n      ^\n\n' +
      `${host.inspect(err)}\n\nNode.js ${nodeVersion()}\n`;
  } else if (isForwardedWorkerError(err)) {
    // Node re-throws a Worker's error from its event_target's nextTick; Node 20's emitter also
    // notes where the 'error' event was emitted (lib/internal/worker.js), later lines do not.
    const major = rt.host.options.nodeMajor ?? 20;
    const emitted = major === 20 ? `\nEmitted 'error' event on Worker instance at:\n${WORKER_ERROR_FRAMES}` : '';
    text = `\n${eventTargetHeader()}\n` + `${inspectForwardedWorkerError(err, major)}${emitted}\n\nNode.js ${nodeVersion()}\n`;
  } else {
    // A port listener's error is re-thrown by Node's event_target from a nextTick: that line is the header.
    const header = isEventTargetError(err) ? eventTargetHeader() : (host.errorSourceHeader?.(err, fromPromise) ?? '');
    if (isNativeError(err)) {
      text = `${header === '' ? '' : `${header}\n`}${host.inspect(err)}\n\nNode.js ${nodeVersion()}\n`;
    } else {
      const primitive = err === null || (typeof err !== 'object' && typeof err !== 'function');
      // A thrown string is printed as is; other values through inspect.
      text = `\n${header}${typeof err === 'string' ? err : host.inspect(err)}\n` +
        (primitive && !fromPromise ? '(Use `node --trace-uncaught ...` to show where the exception was thrown)\n' : '') +
        `\nNode.js ${nodeVersion()}\n`;
    }
  }
  writeOut(2, text);
  return text;
}

/**
 * Node's `_fatalException`, once a handler took the error: "make sure any ticks get processed by
 * ensuring that the next Immediate cycle isn't empty" — `setImmediate(noop)`. So the nextTicks
 * left behind by the throw run in the next check phase, not after the next timer.
 */
function ensureTicksRun(): void {
  if (!rt.exited) setImmediate(noop);
  // "Emit the after() hooks now that the exception has been handled", then clearAsyncIdStack.
  unwindAsyncContext();
}
function noop(): void {}

/**
 * An error escaped user code (a callback, a tick, queueMicrotask, or an unhandled rejection):
 * Node's TriggerUncaughtException and process._fatalException.
 */
export function triggerUncaughtException(err: unknown, fromPromise: boolean): void {
  if (err === EXIT_SIGNAL || rt.exited) return;
  if (err !== undefined && err === rt.budgetError) {
    stopRun(String((err as Error).message));
    return;
  }
  const origin = fromPromise ? 'unhandledRejection' : 'uncaughtException';
  try {
    emitProcessEvent('uncaughtExceptionMonitor', err, origin);
    if (captureFn !== null) {
      captureFn(err);
      ensureTicksRun();
      return;
    }
    // Node: `if (!process.emit('uncaughtException', er, type))` — handled when a listener ran.
    if (emitProcessEvent('uncaughtException', err, origin)) {
      ensureTicksRun();
      return;
    }
  } catch (e) {
    if (e === EXIT_SIGNAL || rt.exited) return;
    // The handler itself threw: Node prints that error and exits with 7
    // (kExceptionInFatalExceptionHandler), without 'exit'.
    if (rt.host.thread === undefined) {
      exiting = true;
      const printed = printFatal(e, false);
      rt.exitCode = 7;
      rt.rec.force(EventKind.UncaughtError, rt.task, rt.rec.str(describeValue(e) || printed), 0);
      rt.exited = true;
      return;
    }
    err = e;
  }
  const thread = rt.host.thread;
  if (thread !== undefined) {
    // In a Worker, Node prints nothing here: the error becomes 'error' on the Worker object in
    // the parent (uncaught there if nobody listens), then 'exit' with code 1.
    rt.exitCode = 1;
    rt.rec.force(EventKind.UncaughtError, rt.task, rt.rec.str(describeValue(err) || String(err)), 0);
    rt.exited = true;
    thread.uncaught(thread.id, err);
    return;
  }
  if (!exiting) {
    // Node: `process._exiting = true; process.exitCode = 1; process.emit('exit', 1)` inside a
    // try/catch that ignores what a listener throws; a process.exit() there ends the process.
    exiting = true;
    rt.exitCode = 1;
    rt.exitCodeSet = true;
    try {
      emitProcessEvent('exit', 1);
    } catch (e) {
      if (e === EXIT_SIGNAL) {
        rt.rec.force(EventKind.UncaughtError, rt.task, rt.rec.str(describeValue(err) || String(err)), 0);
        rt.exited = true;
        return;
      }
    }
  }
  const printed = printFatal(err, fromPromise);
  rt.exitCode = fatalExitCode();
  rt.rec.force(EventKind.UncaughtError, rt.task, rt.rec.str(describeValue(err) || printed), 0);
  rt.exited = true;
}

/**
 * Called by stopRun just before the Truncated event (alive.ts records what kept the run alive).
 * A hook, not an import: alive.ts reads the timers, and fatal.ts is imported before them.
 */
let beforeStop: (() => void) | undefined;
export function setBeforeStop(hook: () => void): void {
  beforeStop = hook;
}

/** Ends the run early (budget, cancellation): the trace so far is kept and marked truncated. */
export function stopRun(reason: string): void {
  if (rt.truncated !== '') return;
  const thread = rt.host.thread;
  if (thread !== undefined) {
    // A budget hit inside a Worker stops the whole run; the main runtime records it.
    rt.truncated = reason;
    rt.exited = true;
    thread.stop(reason);
    return;
  }
  rt.truncated = reason;
  beforeStop?.();
  rt.rec.force(EventKind.Truncated, 0, rt.rec.str(reason), 0);
  rt.exited = true;
}
