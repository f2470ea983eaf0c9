/**
 * How Node's modules in the sandbox hand work to libuv: a threadpool request performed for real
 * (synchronously, with the host's `…Sync` function) and delivered to its callback in the poll
 * phase after the latency model's cost (src/core/io). Argument errors are thrown at the call,
 * as Node's validation does; every other error reaches the callback, in the sandbox's realm.
 */
import type { PoolRequest, RealChannel } from '../io/io-system';
import type { IoModel } from '../io/model';
import { asyncError } from './errors';
import { host } from './host';

/**
 * Node throws these at the call: argument validation (`TypeError`/`RangeError` with an `ERR_…`
 * code). Everything else — libuv's errors, `SystemError`s such as ERR_FS_EISDIR — is the
 * operation's result, delivered to the callback.
 */
export function isValidationError(e: unknown): boolean {
  const err = e as { code?: unknown; name?: unknown } | null;
  return typeof err?.code === 'string' && err.code.startsWith('ERR_') && (err.name === 'TypeError' || err.name === 'RangeError');
}

export interface Request<T> {
  label: string;
  work: () => T;
  /** Virtual ms from the model for this outcome. */
  cost: (model: IoModel, result: T | undefined) => number;
  describe?: (result: T) => string;
  /** CPU-bound (crypto, zlib): needs a simulated core. */
  cpu?: boolean;
}

/** Submits `req`; `callback(err, result)` runs in the poll phase (err is null on success). */
export function submit<T>(req: Request<T>, callback: (err: unknown, result: T | undefined) => void): number {
  const io = host.io();
  const request: PoolRequest<T> = {
    label: req.label,
    cpu: req.cpu,
    work: req.work,
    cost: (result) => req.cost(io.model, result),
    describe: req.describe,
    throwsAtCall: isValidationError,
  };
  return io.pool(request, (error, result) => callback(error === undefined ? null : asyncError(error), result));
}

/**
 * The same as a promise of the sandbox (`fs/promises`, `crypto.subtle`). A rejection's stack is
 * captured where it settles, as Node 20's `handleErrorFromBinding` does (so it has frames).
 */
export function submitPromise<T>(req: Request<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    submit(req, (err, result) => {
      if (err === null) return resolve(result as T);
      if (err instanceof Error) Error.captureStackTrace(err);
      reject(err);
    });
  });
}

/** Real asynchronous work on the pool (dns.lookup): the answer is awaited, the cost is the model's. */
export function submitAsync<T>(
  label: string,
  start: (finish: (error: unknown, result?: T) => void) => void,
  cost: (model: IoModel) => number,
  callback: (err: unknown, result: T | undefined) => void,
): number {
  const io = host.io();
  return io.pool<T>({ label, start, cost: () => cost(io.model) }, (error, result) => callback(error == null ? null : asyncError(error), result));
}

/** A channel for a real process outside the simulation (src/core/io/io-system.ts). */
export function openChannel(label: string, kill: () => void): RealChannel {
  return host.io().channel(label, kill);
}

/** A path as the timeline shows it: relative to the program's working directory when inside it. */
export function displayPath(p: unknown): string {
  let text: string;
  if (typeof p === 'string') text = p;
  else if (p instanceof URL || (p && typeof p === 'object' && 'href' in p)) text = String((p as URL).pathname);
  else if (typeof p === 'number') return `fd ${p}`;
  else if (p && typeof p === 'object' && ArrayBuffer.isView(p)) text = Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString();
  else return String(p);
  const cwd = host.cwd.endsWith('/') ? host.cwd : host.cwd + '/';
  return text.startsWith(cwd) ? text.slice(cwd.length) : text;
}
