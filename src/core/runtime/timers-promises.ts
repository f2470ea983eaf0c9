/**
 * `timers/promises` (Node 20 lib/timers/promises.js): setTimeout, setImmediate, setInterval
 * (an async iterator), scheduler.wait/yield — promises are SimPromises, timers are ours.
 * AbortSignal support: an already-aborted or later-aborted `signal` rejects with an AbortError.
 */
import { nodeError, invalidArgType } from './errors';
import { clearImmediate, setImmediate as setImmediateCb } from './immediates';
import { PromiseImpl, rejectPromise, resolvePromise } from './promise';
import { clearTimeout, scheduleInternal } from './timers';

interface Options { signal?: { aborted: boolean; reason?: unknown; addEventListener?: (t: string, f: () => void, o?: object) => void }; ref?: boolean }

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
  opts.signal?.addEventListener?.('abort', () => {
    clearTimeout(t);
    rejectPromise(p, abortError(opts.signal));
  }, { once: true });
  return p;
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
  opts.signal?.addEventListener?.('abort', () => {
    clearImmediate(im);
    rejectPromise(p, abortError(opts.signal));
  }, { once: true });
  return p;
}

/** setInterval(after, value): an async iterator yielding `value` at each tick of the interval. */
export function setInterval(after?: unknown, value?: unknown, options?: unknown): AsyncIterableIterator<unknown> {
  const opts = checkOptions(options);
  let notYielded = 0;
  let waiting: PromiseImpl | undefined;
  let done = false;
  let timer: ReturnType<typeof scheduleInternal> | undefined;
  const fire = () => {
    if (done) return;
    timer = scheduleInternal(fire, after, undefined, opts.ref !== false);
    if (waiting !== undefined) {
      const w = waiting;
      waiting = undefined;
      resolvePromise(w, { value, done: false });
    } else {
      notYielded++;
    }
  };
  timer = scheduleInternal(fire, after, undefined, opts.ref !== false);
  const finish = () => {
    done = true;
    if (timer !== undefined) clearTimeout(timer);
    if (waiting !== undefined) {
      resolvePromise(waiting, { value: undefined, done: true });
      waiting = undefined;
    }
  };
  const it = {
    next(): PromiseImpl {
      const p = new PromiseImpl();
      if (done) resolvePromise(p, { value: undefined, done: true });
      else if (opts.signal?.aborted) { finish(); rejectPromise(p, abortError(opts.signal)); }
      else if (notYielded > 0) { notYielded--; resolvePromise(p, { value, done: false }); }
      else waiting = p;
      return p;
    },
    return(): PromiseImpl {
      finish();
      const p = new PromiseImpl();
      resolvePromise(p, { value: undefined, done: true });
      return p;
    },
    [Symbol.asyncIterator]() { return it; },
  };
  return it as unknown as AsyncIterableIterator<unknown>;
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
