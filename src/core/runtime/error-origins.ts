/**
 * Where an uncaught error came from, when that changes how Node prints it (fatal.ts printFatal):
 * an error Node makes itself (the unhandled-rejections "throw" mode's UnhandledPromiseRejection,
 * printed with Node's internal source line), a port listener's error re-thrown by Node's
 * event_target from a tick, a Worker's error forwarded to its parent.
 *
 * The modules that make or forward such errors mark them here, and fatal.ts only reads the
 * marks: this module imports nothing of the loop, so the error path stays below the loop,
 * the simulation bridge and unhandled-rejections (docs/runtime.md, "Module layers").
 */
import { forwardedWorkerErrors } from '../sim/threads';

/** Errors made by Node's own code (printed with Node's internal source header). */
export const internalErrors = new WeakSet<object>();

/** Errors of port listeners, re-thrown from a tick as Node's event_target does (printed with its header). */
export const eventTargetErrors = new WeakSet<object>();

export function isInternalError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && internalErrors.has(e);
}

export function isEventTargetError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && eventTargetErrors.has(e);
}

/** An error that ended a Worker and reached its parent (printed as Node prints an unhandled Worker 'error'). */
export function isForwardedWorkerError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && forwardedWorkerErrors.has(e);
}
