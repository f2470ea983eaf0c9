/**
 * Unhandled rejections, as Node 20's lib/internal/process/promises.js:
 * - V8's HostPromiseRejectionTracker calls `unhandledRejection` (reject without handler) and
 *   `handledRejection` (a handler added later); rejections are only looked at in
 *   processPromiseRejections, which processTicksAndRejections runs after each drain of ticks
 *   and microtasks — so a rejection handled within the same drain is never reported;
 * - modes throw (default) / strict / warn / none / warn-with-error-code behave as there; a
 *   rejection handled after it was reported emits 'rejectionHandled' or, without a listener,
 *   the PromiseRejectionHandledWarning.
 */
import { appendOwn } from './own-slots';
import { EventKind } from '../trace/format';
import { describeValue, promiseResult, setRejectionTracker } from './promise';
import type { PromiseImpl } from './promise';
import { emitProcessEvent, emitWarning } from './process-events';
import { rt } from './state';
import { triggerUncaughtException } from './fatal';
import { internalErrors } from './error-origins';
import { captureFrame, cx, popContext, pushContext } from './async-context/state';
import { promiseAsyncIdSymbol, promiseTriggerIdSymbol } from './async-context/promise-hooks';

/** `frame`: the ALS context of the rejection (async-context/state.ts). */
interface PromiseInfo { reason: unknown; uid: number; warned: boolean; frame: unknown }

const maybeUnhandled = new WeakMap<PromiseImpl, PromiseInfo>();
let maybeUnhandledSize = 0;
const pending: PromiseImpl[] = [];
const asyncHandled: { promise: PromiseImpl; uid: number }[] = [];
let lastPromiseId = 0;
/** Node's tickInfo[kHasRejectionToWarn]. */
export let hasRejectionToWarn = false;
export function clearRejectionToWarn(): void {
  hasRejectionToWarn = false;
}

const ERR_MESSAGE = 'This error originated either by throwing inside of an async function without a catch block, ' +
  'or by rejecting a promise which was not handled with .catch().';

function unhandledRejection(promise: PromiseImpl, reason: unknown): void {
  // Node 24 keeps the AsyncContextFrame of the rejection; Node 20/22 enter the promise's
  // resource, whose store record it took from the context that made it (here: the rejection's).
  maybeUnhandled.set(promise, { reason, uid: ++lastPromiseId, warned: false, frame: captureFrame() });
  maybeUnhandledSize++;
  appendOwn(pending, promise);
  hasRejectionToWarn = true;
}

function handledRejection(promise: PromiseImpl): void {
  const info = maybeUnhandled.get(promise);
  if (info !== undefined) {
    maybeUnhandled.delete(promise);
    maybeUnhandledSize--;
    if (info.warned) {
      asyncHandled.push({ promise, uid: info.uid });
      hasRejectionToWarn = true;
      return;
    }
  }
  if (maybeUnhandledSize === 0 && asyncHandled.length === 0) hasRejectionToWarn = false;
}

setRejectionTracker((promise, op) => {
  if (op === 'reject') unhandledRejection(promise, promiseResult(promise));
  else handledRejection(promise);
});


/** isErrorLike of promises.js: an object with an own `stack`. */
export function isErrorLike(o: unknown): boolean {
  return typeof o === 'object' && o !== null && Object.prototype.hasOwnProperty.call(o, 'stack');
}

/** V8's NoSideEffectsToString as Node uses it in the message ("#<Object>", "[object Array]"). */
export function noSideEffectsToString(v: unknown): string {
  if (typeof v === 'symbol') return v.toString();
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return String(v);
  if (typeof v === 'function') return Function.prototype.toString.call(v);
  if (Array.isArray(v)) return '[object Array]';
  if (Object.prototype.toString.call(v) === '[object Error]') return describeValue(v);
  const ctor = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(v) ?? {}, 'constructor');
  const name = ctor !== undefined && typeof ctor.value === 'function' && ctor.value.name ? ctor.value.name : 'Object';
  return `#<${name}>`;
}

/** The error Node makes for a non-error reason (generateUnhandledRejectionError). */
export function unhandledRejectionError(reason: unknown): Error {
  const message = `${ERR_MESSAGE} The promise rejected with the reason "${noSideEffectsToString(reason)}".`;
  const err = new Error(message);
  Object.defineProperty(err, 'name', { value: 'UnhandledPromiseRejection', writable: true, enumerable: false, configurable: true });
  err.stack = `UnhandledPromiseRejection: ${message}\n` +
    '    at throwUnhandledRejectionsMode (node:internal/process/promises:389:7)\n' +
    '    at processPromiseRejections (node:internal/process/promises:470:17)\n' +
    '    at process.processTicksAndRejections (node:internal/process/task_queues:96:32)';
  (err as Error & { code: string }).code = 'ERR_UNHANDLED_REJECTION';
  internalErrors.add(err);
  return err;
}

function emitUnhandledRejectionWarning(uid: number, reason: unknown): void {
  emitWarning(isErrorLike(reason) ? String((reason as { stack: unknown }).stack) : noSideEffectsToString(reason), 'UnhandledPromiseRejectionWarning');
  emitWarning('Unhandled promise rejection. ' + ERR_MESSAGE +
    ' To terminate the node process on unhandled promise rejection, use the CLI flag `--unhandled-rejections=strict` ' +
    `(see https://nodejs.org/api/cli.html#cli_unhandled_rejections_mode). (rejection id: ${uid})`, 'UnhandledPromiseRejectionWarning');
}

/** processPromiseRejections(): returns true when it may have scheduled ticks or microtasks. */
export function processPromiseRejections(): boolean {
  let maybeScheduled = asyncHandled.length > 0;
  while (asyncHandled.length > 0 && !rt.exited) {
    const { promise, uid } = asyncHandled.shift()!;
    if (!emitProcessEvent('rejectionHandled', promise)) {
      emitWarning(`Promise rejection was handled asynchronously (rejection id: ${uid})`, 'PromiseRejectionHandledWarning');
    }
  }
  let len = pending.length;
  while (len-- > 0 && !rt.exited) {
    const promise = pending.shift()!;
    const info = maybeUnhandled.get(promise);
    if (info === undefined) continue;
    info.warned = true;
    const { reason, uid } = info;
    if (rt.tracing) rt.rec.emit(EventKind.UnhandledRejection, 0, rt.rec.str(describeValue(reason)), 0);
    else rt.rec.force(EventKind.UnhandledRejection, 0, rt.rec.str(describeValue(reason)), 0);
    const emit = () => emitProcessEvent('unhandledRejection', reason, promise);
    // The promise's async context around the mode's handling (pushAsyncContext while promise
    // hooks gave it an id; AsyncContextFrame.exchange).
    const asyncId = (promise as unknown as Record<symbol, number>)[promiseAsyncIdSymbol];
    const priorFrame = cx.frame;
    cx.frame = info.frame;
    if (asyncId !== undefined) pushContext(asyncId, (promise as unknown as Record<symbol, number>)[promiseTriggerIdSymbol], promise);
    try {
      handleOne(promise, reason, uid, emit);
    } finally {
      cx.frame = priorFrame;
      if (asyncId !== undefined && cx.executionAsyncId === asyncId) popContext();
    }
    if (rt.exited) return false;
    maybeScheduled = true;
  }
  return maybeScheduled || pending.length !== 0;
}

/** One unhandled rejection, as the --unhandled-rejections mode handles it. */
function handleOne(promise: PromiseImpl, reason: unknown, uid: number, emit: () => boolean): void {
  {
    switch (rt.host.options.unhandledRejections) {
      case 'strict': {
        const err = isErrorLike(reason) ? reason : unhandledRejectionError(reason);
        triggerUncaughtException(err, true);
        if (rt.exited) return;
        if (!emit()) emitUnhandledRejectionWarning(uid, reason);
        break;
      }
      case 'none':
        emit();
        break;
      case 'warn':
        emit();
        emitUnhandledRejectionWarning(uid, reason);
        break;
      case 'warn-with-error-code':
        if (!emit()) {
          emitUnhandledRejectionWarning(uid, reason);
          rt.exitCode = 1;
        }
        break;
      default: // throw
        if (!emit()) {
          const err = isErrorLike(reason) ? reason : unhandledRejectionError(reason);
          triggerUncaughtException(err, true);
        }
    }
  }
}
