/**
 * `fs` in the sandbox (callback API). Every asynchronous function is a threadpool request whose
 * real work is the host's synchronous counterpart (`readFile` → `readFileSync`), delivered to the
 * callback in the poll phase after the latency model's cost (libuv.ts). Node calls a callback
 * with `(null)` when the request has no value and `(null, value)` when it has one; a missing or
 * wrong callback is Node's own TypeError, thrown at the call (the host's function is asked to
 * validate, which it does before doing anything).
 *
 * Synchronous functions are the host's, their errors re-made in the sandbox's realm; they cost no
 * virtual time (docs/io-model.md). `fs.promises` is fs-promises.ts; streams are fs-streams.ts.
 */
import type { IoModel } from '../io/model';
import { formatSize } from '../io/model';
import { sandboxError } from './errors';
import { host, real } from './host';
import { addStreams } from './fs-streams';
import { appendFile, readFile, writeFile } from './fs-whole';
import { Dir, opendir, opendirSync } from './fs-dir';
import { displayPath, submit } from './libuv';

type Callback = (...a: unknown[]) => void;
type Fs = Record<string, any>;
const realFs = (): Fs => real('fs');

/**
 * Stats made by the host hold the host's Dates; the program's `instanceof Date` needs its own
 * (Node's Stats make them from the *Ms fields, lazily; here once).
 */
export function ownDates<T>(stats: T): T {
  if (stats === null || typeof stats !== 'object' || !('mtimeMs' in stats)) return stats;
  const st = stats as Record<string, unknown>;
  for (const k of ['atime', 'mtime', 'ctime', 'birthtime']) {
    const ms = st[`${k}Ms`];
    if (ms !== undefined) Object.defineProperty(st, k, { value: new Date(Number(ms)), writable: true, enumerable: true, configurable: true });
  }
  return stats;
}

/**
 * A result of a host fs function as the program's value: Stats' Dates re-made, then the value
 * re-homed in the sandbox's realm (a readdir Array, a Stats or Dirent of the program's realm:
 * runtime/realm.ts). Buffers pass as they are (their constructors are shared).
 */
export function fromHost<T>(value: T): T {
  return host.intoRealm(ownDates(value));
}

/** The sandbox-realm class of a host fs class (Stats, Dirent): the class of `fromHost`'s results. */
function sandboxClassOf<C extends abstract new (...a: never[]) => unknown>(hostClass: C): C {
  return host.mirrorClass(hostClass);
}

/**
 * A whole-file read larger than the run's memory budget stops the run with a clear message
 * (its buffer lives outside the JavaScript heap, which the worker's heap limit would not catch).
 */
export function checkReadBudget(name: string, path: unknown): void {
  if (typeof path === 'object' && path !== null && !ArrayBuffer.isView(path) && !(path instanceof URL) && !('href' in path)) return;
  let size: number;
  try {
    size = typeof path === 'number' ? realFs().fstatSync(path).size : realFs().statSync(path).size;
  } catch {
    return; // the read itself reports what is wrong
  }
  // The buffer comes on top of what the program already holds.
  const heapUsed = (real('v8').getHeapStatistics() as { used_heap_size: number }).used_heap_size;
  if (size + heapUsed > host.memoryBytes) {
    const what = `${name} ${displayPath(path)} (${formatSize(size)})`;
    host.io().stopRun(`budget: memory — ${what} would not fit in the run's memory budget of ${formatSize(host.memoryBytes)} (--max-memory-mb)`);
  }
}

/** What an operation costs and how its label reads. */
export type Cost = 'meta' | 'read' | 'write';

/** Bytes a result or a data argument stands for (for the model and the label). */
export function byteSize(x: unknown): number {
  if (typeof x === 'string') return Buffer.byteLength(x);
  if (x && typeof x === 'object' && ArrayBuffer.isView(x)) return x.byteLength;
  if (Array.isArray(x)) return x.reduce((n: number, b) => n + byteSize(b), 0);
  return 0;
}

export function costOf(kind: Cost, model: IoModel, bytes: number): number {
  return kind === 'meta' ? model.bytes('fs.meta', 0) : model.bytes(kind === 'read' ? 'fs.read' : 'fs.write', bytes);
}

/** The callback (last argument); when it is not a function, Node's own error is thrown. */
function takeCallback(name: string, args: unknown[]): Callback {
  const cb = args[args.length - 1];
  if (typeof cb !== 'function') {
    try {
      realFs()[name](...args); // validates the callback first and throws ERR_INVALID_ARG_TYPE
    } catch (e) {
      throw sandboxError(e);
    }
    throw new TypeError(`fs.${name}: a callback is required`);
  }
  args.pop();
  return cb as Callback;
}

interface Spec {
  /** The host's synchronous function doing the real work. */
  sync: string;
  cost: Cost;
  /** How the result reaches the callback: `value` → (null, value); `none` → (null). */
  result?: 'value' | 'none';
}

const SPECS: Record<string, Spec> = {
  access: { sync: 'accessSync', cost: 'meta', result: 'none' },
  chmod: { sync: 'chmodSync', cost: 'meta', result: 'none' },
  chown: { sync: 'chownSync', cost: 'meta', result: 'none' },
  copyFile: { sync: 'copyFileSync', cost: 'write', result: 'none' },
  cp: { sync: 'cpSync', cost: 'write', result: 'none' },
  fchmod: { sync: 'fchmodSync', cost: 'meta', result: 'none' },
  fchown: { sync: 'fchownSync', cost: 'meta', result: 'none' },
  fdatasync: { sync: 'fdatasyncSync', cost: 'meta', result: 'none' },
  fstat: { sync: 'fstatSync', cost: 'meta' },
  fsync: { sync: 'fsyncSync', cost: 'meta', result: 'none' },
  ftruncate: { sync: 'ftruncateSync', cost: 'meta', result: 'none' },
  futimes: { sync: 'futimesSync', cost: 'meta', result: 'none' },
  lchown: { sync: 'lchownSync', cost: 'meta', result: 'none' },
  link: { sync: 'linkSync', cost: 'meta', result: 'none' },
  lstat: { sync: 'lstatSync', cost: 'meta' },
  lutimes: { sync: 'lutimesSync', cost: 'meta', result: 'none' },
  mkdir: { sync: 'mkdirSync', cost: 'meta' },
  mkdtemp: { sync: 'mkdtempSync', cost: 'meta' },
  open: { sync: 'openSync', cost: 'meta' },
  readdir: { sync: 'readdirSync', cost: 'meta' },
  readlink: { sync: 'readlinkSync', cost: 'meta' },
  realpath: { sync: 'realpathSync', cost: 'meta' },
  rename: { sync: 'renameSync', cost: 'meta', result: 'none' },
  rm: { sync: 'rmSync', cost: 'meta', result: 'none' },
  rmdir: { sync: 'rmdirSync', cost: 'meta', result: 'none' },
  stat: { sync: 'statSync', cost: 'meta' },
  statfs: { sync: 'statfsSync', cost: 'meta' },
  symlink: { sync: 'symlinkSync', cost: 'meta', result: 'none' },
  truncate: { sync: 'truncateSync', cost: 'meta', result: 'none' },
  unlink: { sync: 'unlinkSync', cost: 'meta', result: 'none' },
  utimes: { sync: 'utimesSync', cost: 'meta', result: 'none' },
};

/** One asynchronous fs function of the table above. */
function asyncFunction(name: string, spec: Spec): (...args: unknown[]) => void {
  const fn = {
    [name](...args: unknown[]): void {
      const cb = takeCallback(name, args);
      submit({
        label: `${name} ${displayPath(args[0])}`,
        work: () => realFs()[spec.sync](...args),
        // Whole-file reads and writes are fs-whole.ts (Node's steps); what is left has no data size.
        cost: (m) => costOf(spec.cost, m, 0),
      }, (err, r) => {
        if (err) cb(err);
        else if (spec.result === 'none' || r === undefined) cb(null);
        else cb(null, fromHost(r));
      });
    },
  }[name];
  return fn;
}

/** fs.read(fd, buffer, offset, length, position, cb) and its option forms → (err, bytesRead, buffer). */
function read(fd: unknown, ...rest: unknown[]): void {
  const args = [fd, ...rest];
  const cb = takeCallback('read', args);
  let buffer: NodeJS.ArrayBufferView;
  let syncArgs: unknown[];
  if (args.length === 1) {
    buffer = Buffer.alloc(16384);
    syncArgs = [fd, buffer, 0, buffer.byteLength, -1];
  } else if (args.length <= 3 && !ArrayBuffer.isView(args[1])) {
    const o = (args[1] ?? {}) as { buffer?: NodeJS.ArrayBufferView; offset?: number; length?: number; position?: number | bigint | null };
    buffer = o.buffer ?? Buffer.alloc(16384);
    syncArgs = [fd, buffer, o.offset ?? 0, o.length ?? buffer.byteLength - (o.offset ?? 0), o.position ?? -1];
  } else {
    buffer = args[1] as NodeJS.ArrayBufferView;
    syncArgs = args.length === 3 ? [fd, buffer, args[2]] : args;
  }
  submit({
    label: `read fd ${String(fd)}`,
    work: () => realFs().readSync(...syncArgs) as number,
    cost: (m, n) => costOf('read', m, n ?? 0),
    describe: (n) => formatSize(n),
  }, (err, n) => (err ? cb(err) : cb(null, n, buffer)));
}

/** fs.write(fd, buffer|string, …, cb) → (err, written, buffer|string). */
function write(fd: unknown, data: unknown, ...rest: unknown[]): void {
  const args = [fd, data, ...rest];
  const cb = takeCallback('write', args);
  submit({
    label: `write fd ${String(fd)}`,
    work: () => realFs().writeSync(...args) as number,
    cost: (m, n) => costOf('write', m, n ?? 0),
    describe: (n) => formatSize(n),
  }, (err, n) => (err ? cb(err) : cb(null, n, data)));
}

/** fs.readv / fs.writev(fd, buffers, position, cb) → (err, bytes, buffers). */
function vectored(name: 'readv' | 'writev'): (...args: unknown[]) => void {
  return {
    [name](...args: unknown[]): void {
      const cb = takeCallback(name, args);
      const kind: Cost = name === 'readv' ? 'read' : 'write';
      submit({
        label: `${name} fd ${String(args[0])}`,
        work: () => realFs()[`${name}Sync`](...args) as number,
        cost: (m, n) => costOf(kind, m, n ?? 0),
        describe: (n) => formatSize(n),
      }, (err, n) => (err ? cb(err) : cb(null, n, args[1])));
    },
  }[name];
}

/** fs.close(fd[, cb]): the callback is optional (Node's default one throws an error). */
function close(fd: unknown, cb?: unknown): void {
  if (cb !== undefined && typeof cb !== 'function') takeCallback('close', [fd, cb]);
  submit({ label: `close fd ${String(fd)}`, work: () => realFs().closeSync(fd), cost: (m) => costOf('meta', m, 0) }, (err) => {
    if (typeof cb === 'function') (cb as Callback)(err);
    else if (err) throw err;
  });
}

/** fs.exists(path, cb): cb(true|false), never an error (deprecated, still Node's). */
function exists(path: unknown, cb: unknown): void {
  if (typeof cb !== 'function') takeCallback('exists', [path, cb]);
  submit({ label: `exists ${displayPath(path)}`, work: () => realFs().accessSync(path), cost: (m) => costOf('meta', m, 0) }, (err) => (cb as Callback)(!err));
}

/** Watchers deliver events in real time forever: not simulated (yet), said plainly. */
function notSimulated(name: string): () => never {
  return () => {
    throw new Error(`fs.${name} is not simulated yet by Async Timeline: its events would arrive outside the simulated loop`);
  };
}

/** The sandbox's `fs`: the host's module with its asynchronous functions simulated. */
export function makeFs(): Fs {
  const host = realFs();
  const fs: Fs = {};
  for (const [key, desc] of Object.entries(Object.getOwnPropertyDescriptors(host))) {
    if (key === 'promises') continue;
    // Node's lazy exports (ReadStream, Dir, opendir, …) are accessors whose setters write the
    // host module's own variables: copy their values, so replacing them here never reaches the host.
    if (desc.get !== undefined || desc.set !== undefined) {
      Object.defineProperty(fs, key, { value: desc.get?.call(host), writable: true, enumerable: desc.enumerable, configurable: true });
      continue;
    }
    if (typeof desc.value === 'function' && /Sync$/.test(key)) {
      const syncFn = desc.value as (...a: unknown[]) => unknown;
      const wholeRead = key === 'readFileSync';
      desc.value = Object.assign({
        [key](...args: unknown[]) {
          if (wholeRead) checkReadBudget('readFileSync', args[0]);
          try {
            return fromHost(syncFn(...args));
          } catch (e) {
            throw sandboxError(e);
          }
        },
      }[key], syncFn); // realpathSync.native
    }
    Object.defineProperty(fs, key, desc);
  }
  for (const [name, spec] of Object.entries(SPECS)) fs[name] = asyncFunction(name, spec);
  const realpathNative = asyncFunction('realpath', { sync: 'realpathSync', cost: 'meta' });
  fs.realpath.native = realpathNative;
  Object.assign(fs, { read, write, readv: vectored('readv'), writev: vectored('writev'), close, exists, readFile, writeFile, appendFile, opendir, opendirSync, Dir });
  for (const name of ['watch', 'watchFile', 'unwatchFile']) fs[name] = notSimulated(name);
  // The classes of the re-homed results (fromHost): `fs.statSync(p) instanceof fs.Stats` holds.
  for (const name of ['Stats', 'Dirent']) if (typeof fs[name] === 'function') fs[name] = sandboxClassOf(fs[name]);
  // What util.promisify makes of them in Node (its internal kCustomPromisifyArgsSymbol lists).
  const custom = Symbol.for('nodejs.util.promisify.custom');
  const several = (fn: (...a: unknown[]) => void, names: [string, string]) => (...args: unknown[]) =>
    new Promise((resolve, reject) => fn(...args, (err: unknown, a: unknown, b: unknown) => (err ? reject(err) : resolve({ [names[0]]: a, [names[1]]: b }))));
  const define = (fn: object, value: unknown) => Object.defineProperty(fn, custom, { value, enumerable: false, writable: false, configurable: true });
  define(exists, (path: unknown) => new Promise((resolve) => exists(path, resolve)));
  define(read, several(read, ['bytesRead', 'buffer']));
  define(write, several(write, ['bytesWritten', 'buffer']));
  define(fs.readv, several(fs.readv, ['bytesRead', 'buffers']));
  define(fs.writev, several(fs.writev, ['bytesWritten', 'buffers']));
  addStreams(fs);
  return fs;
}
