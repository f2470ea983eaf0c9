/**
 * `fs` in the sandbox (callback API): every asynchronous function is a threadpool request whose
 * real work is the host's synchronous counterpart, delivered after the latency model's cost.
 * Synchronous functions are the host's (their errors re-made in the sandbox's realm).
 */
import { formatSize } from '../io/model';
import { real } from './host';
import { displayPath, submit } from './libuv';

const realFs = () => real('fs');

function callbackOf(args: unknown[]): (...a: unknown[]) => void {
  const cb = args.pop();
  if (typeof cb !== 'function') {
    const e = new TypeError(`The "cb" argument must be of type function. Received ${cb === undefined ? 'undefined' : typeof cb}`) as TypeError & { code: string };
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  return cb as (...a: unknown[]) => void;
}

export function readFile(...args: unknown[]): void {
  const cb = callbackOf(args);
  submit({
    label: `readFile ${displayPath(args[0])}`,
    work: () => realFs().readFileSync(...args) as Buffer | string,
    cost: (m, r) => m.bytes('fs.read', r === undefined ? 0 : Buffer.byteLength(r as string)),
    describe: (r) => formatSize(Buffer.byteLength(r as string)),
  }, (err, data) => (err ? cb(err) : cb(null, data)));
}

export function stat(...args: unknown[]): void {
  const cb = callbackOf(args);
  submit({ label: `stat ${displayPath(args[0])}`, work: () => realFs().statSync(...args), cost: (m) => m.bytes('fs.meta', 0) }, (err, st) => (err ? cb(err) : cb(null, st)));
}

export function makeFs(): Record<string, unknown> {
  const fs = Object.defineProperties({}, Object.getOwnPropertyDescriptors(realFs())) as Record<string, unknown>;
  Object.assign(fs, { readFile, stat });
  return fs;
}
