/**
 * `timers/promises` (Node 20 lib/timers/promises.js): setTimeout, setImmediate, setInterval
 * (an async iterator), scheduler.wait/yield — promises are SimPromises, timers are ours.
 * AbortSignal support: an already-aborted or later-aborted `signal` rejects with an AbortError.
 */
import { nodeError, invalidArgType } from './errors';
import { clearImmediate, setImmediate as setImmediateCb } from './immediates';
import { PromiseImpl, rejectPromise, resolvePromise } from './promise';
import { clearTimeout, scheduleInternal } from './timers';
import { makeAsyncGenerator } from './drivers/async-generator';
import { awaitRequest, yieldRequest } from './drivers/common';

interface Options {
  signal?: { aborted: boolean; reason?: unknown; addEventListener?: (t: string, f: () => void, o?: object) => void; removeEventListener?: (t: string, f: () => void) => void };
  ref?: boolean;
}

/**
 * Node returns `ret.finally(() => signal.removeEventListener('abort', oncancel))` when a signal
 * is given: the caller's promise settles two ticks after the timer's own (which is why an
 * already-aborted call, rejected at once, can be reported first).
 */
function removingListener(p: PromiseImpl, signal: Options['signal'], oncancel: () => void): PromiseImpl {
  const fin = (PromiseImpl.prototype as unknown as { finally(f: () => void): PromiseImpl }).finally;
  return fin.call(p, () => signal?.removeEventListener?.('abort', oncancel));
}

function abortError(signal: Options['signal']): Error {
  const e = nodeError(Error, 'ABORT_ERR', 'The operation was aborted');
  e.name = 'AbortError';
  (e as Error & { cause?: unknown }).cause = signal?.reason;
  return e;
}

function checkOptions(options: unknown): Options {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'object', options);
  return options as Options;
}

export function setTimeout(after?: unknown, value?: unknown, options?: unknown): PromiseImpl {
  const p = new PromiseImpl();
  let opts: Options;
  try {
    opts = checkOptions(options);
  } catch (e) {
    rejectPromise(p, e);
    return p;
  }
  if (opts.signal?.aborted) {
    rejectPromise(p, abortError(opts.signal));
    return p;
  }
  const t = scheduleInternal(() => resolvePromise(p, value), after, undefined, opts.ref !== false);
  if (!opts.signal) return p;
  const oncancel = () => {
    clearTimeout(t);
    rejectPromise(p, abortError(opts.signal));
  };
  opts.signal.addEventListener?.('abort', oncancel, { once: true });
  return removingListener(p, opts.signal, oncancel);
}

export function setImmediate(value?: unknown, options?: unknown): PromiseImpl {
  const p = new PromiseImpl();
  let opts: Options;
  try {
    opts = checkOptions(options);
  } catch (e) {
    rejectPromise(p, e);
    return p;
  }
  if (opts.signal?.aborted) {
    rejectPromise(p, abortError(opts.signal));
    return p;
  }
  const im = setImmediateCb(() => resolvePromise(p, value));
  if (opts.ref === false) im.unref();
  if (!opts.signal) return p;
  const oncancel = () => {
    clearImmediate(im);
    rejectPromise(p, abortError(opts.signal));
  };
  opts.signal.addEventListener?.('abort', oncancel, { once: true });
  return removingListener(p, opts.signal, oncancel);
}

/**
 * setInterval(after, value, options): Node 20's `async function* setInterval`, written as the
 * body the async generator driver runs (what the transformer makes of an async generator):
 * every tick of the interval counts one value to yield; the body awaits a promise when none is
 * counted, then yields them one by one. Same shape, so the same ticks as Node per step.
 */
export function setInterval(after?: unknown, value?: unknown, options?: unknown): AsyncIterableIterator<unknown> {
  return makeAsyncGenerator(intervalBody, undefined, [after, value, options], 0, 'timers/promises setInterval') as AsyncIterableIterator<unknown>;
}

function* intervalBody(after: unknown, value: unknown, options: unknown): Generator<unknown, unknown, unknown> {
  const opts = checkOptions(options);
  const signal = opts.signal;
  if (signal?.aborted) throw abortError(signal);
  let onCancel: (() => void) | undefined;
  let interval: ReturnType<typeof scheduleInternal> | undefined;
  try {
    let notYielded = 0;
    let callback: ((v?: unknown) => void) | undefined;
    interval = scheduleInternal(() => {
      notYielded++;
      if (callback) {
        callback();
        callback = undefined;
      }
    }, after, undefined, opts.ref !== false, true);
    if (signal) {
      onCancel = () => {
        clearTimeout(interval);
        if (callback) {
          const rejected = new PromiseImpl();
          rejectPromise(rejected, abortError(signal));
          callback(rejected);
          callback = undefined;
        }
      };
      signal.addEventListener?.('abort', onCancel, { once: true });
    }
    while (!signal?.aborted) {
      if (notYielded === 0) {
        const p = new PromiseImpl();
        callback = (v) => resolvePromise(p, v);
        yield awaitRequest(p, 0);
      }
      for (; notYielded > 0; notYielded--) yield yieldRequest(value, 0);
    }
    throw abortError(signal);
  } finally {
    clearTimeout(interval);
    if (onCancel) (signal as { removeEventListener?: (t: string, f: () => void) => void }).removeEventListener?.('abort', onCancel);
  }
}

export function makeTimersPromises(): Record<string, unknown> {
  return {
    setTimeout,
    setImmediate,
    setInterval,
    scheduler: {
      wait: (delay: unknown, options?: unknown) => setTimeout(delay, undefined, options),
      yield: () => setImmediate(),
    },
  };
}
