/**
 * Promise.withResolvers (Node 22+) and Promise.try (Node 24+) on the simulated Promise, per
 * spec (§27.2.4.8, §27.2.4.7 of ES2025): both go through NewPromiseCapability(this), so a
 * subclass's constructor runs and its resolve/reject are the ones called — as in V8.
 */
import { newPromiseCapability, SimPromise } from '../promise-api';
import { isAbort } from '../state';
import { callBuiltin } from './v8-messages';

function requireObject(c: unknown, method: string): void {
  if (c === null || (typeof c !== 'object' && typeof c !== 'function')) throw new TypeError(`${method} called on non-object`);
}

const statics = {
  withResolvers(this: unknown): unknown {
    requireObject(this, 'Promise.withResolvers');
    const cap = newPromiseCapability(this);
    return { promise: cap.promise, resolve: cap.resolve, reject: cap.reject };
  },
  // `try` is a keyword only as a statement: a method may be named so.
  try(this: unknown, callbackfn: unknown, ...args: unknown[]): unknown {
    requireObject(this, 'Promise.try');
    const cap = newPromiseCapability(this);
    let value: unknown;
    try {
      value = callBuiltin(callbackfn, undefined, ...args);
    } catch (e) {
      if (isAbort(e)) throw e;
      cap.reject.call(undefined, e);
      return cap.promise;
    }
    cap.resolve.call(undefined, value);
    return cap.promise;
  },
};

export function installWithResolvers(): void {
  Object.defineProperty(SimPromise, 'withResolvers', { value: statics.withResolvers, writable: true, enumerable: false, configurable: true });
}

export function installPromiseTry(): void {
  Object.defineProperty(SimPromise, 'try', { value: statics.try, writable: true, enumerable: false, configurable: true });
}
