/**
 * `fs.opendir` / `fs.promises.opendir` / `Dir`: Node 20.20's lib/internal/fs/dir.js, over a
 * simulated directory handle whose opendir, read (a batch of `bufferSize` entries) and close are
 * each a threadpool request doing the host's synchronous counterpart (a host `Dir`).
 */
import { sandboxError } from './errors';
import { host as nodeLibHost, real } from './host';
import { displayPath, submit } from './libuv';

type Callback = (err: unknown, value?: unknown) => void;
interface HostDir {
  readSync(): unknown;
  closeSync(): void;
}

function codeError(code: string, message: string, Ctor: ErrorConstructor = Error): Error {
  const e = new Ctor(message) as Error & { code: string };
  e.code = code;
  Object.defineProperty(e, 'stack', { value: `${e.name} [${code}]: ${message}${(e.stack ?? '').slice((e.stack ?? '').indexOf('\n'))}`, writable: true, configurable: true });
  return e;
}
const dirClosed = () => codeError('ERR_DIR_CLOSED', 'Directory handle was closed');
const concurrent = () => codeError('ERR_DIR_CONCURRENT_OPERATION', 'Cannot do synchronous work on directory handle with concurrent asynchronous operations');

function validateFunction(fn: unknown, name: string): void {
  if (typeof fn !== 'function') {
    try {
      real('fs').opendir('.', undefined, fn); // Node's own message for `name`
    } catch (e) {
      throw sandboxError(e);
    }
    throw new TypeError(`The "${name}" argument must be of type function`);
  }
}

/** The simulated uv_dir_t: each operation one pool request. */
class DirHandle {
  constructor(private readonly host: HostDir, private readonly label: string) {}

  read(bufferSize: number, done: (err: unknown, entries: unknown[] | null) => void): void {
    submit<unknown[] | null>({
      label: `${this.label}: read`,
      work: () => {
        const entries: unknown[] = [];
        for (let i = 0; i < bufferSize; i++) {
          const d = this.host.readSync();
          if (d === null) break;
          entries.push(nodeLibHost.intoRealm(d));
        }
        return entries.length > 0 ? entries : null;
      },
      cost: (m) => m.bytes('fs.meta', 0),
      describe: (r) => `${r?.length ?? 0} entries`,
    }, (err, r) => done(err, r ?? null));
  }

  readSync(bufferSize: number): unknown[] | null {
    const entries: unknown[] = [];
    for (let i = 0; i < bufferSize; i++) {
      const d = this.host.readSync();
      if (d === null) break;
      entries.push(nodeLibHost.intoRealm(d));
    }
    return entries.length > 0 ? entries : null;
  }

  closeSync(): void {
    this.host.closeSync();
  }

  close(done: (err: unknown) => void): void {
    submit({ label: `${this.label}: close`, work: () => this.host.closeSync(), cost: (m) => m.bytes('fs.meta', 0) }, (err) => done(err));
  }
}

const kDirReadImpl = Symbol('kDirReadImpl');

export class Dir {
  #handle: DirHandle;
  #path: string;
  #bufferedEntries: unknown[] = [];
  #closed = false;
  #bufferSize: number;
  #operationQueue: Array<() => void> | null = null;

  constructor(handle: DirHandle, path: string, options: { bufferSize?: number }) {
    this.#handle = handle;
    this.#path = path;
    this.#bufferSize = options?.bufferSize ?? 32;
  }

  get path(): string {
    return this.#path;
  }

  #readPromisified(): Promise<unknown> {
    return new Promise((resolve, reject) => this[kDirReadImpl](false, (err, value) => (err ? reject(err) : resolve(value))));
  }

  #closePromisified(): Promise<void> {
    return new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
  }

  read(callback?: Callback): Promise<unknown> | undefined {
    return this[kDirReadImpl](true, callback);
  }

  [kDirReadImpl](maybeSync: boolean, callback?: Callback): Promise<unknown> | undefined {
    if (this.#closed) throw dirClosed();
    if (callback === undefined) return this.#readPromisified();
    validateFunction(callback, 'callback');
    if (this.#operationQueue !== null) {
      this.#operationQueue.push(() => this[kDirReadImpl](maybeSync, callback));
      return undefined;
    }
    if (this.#bufferedEntries.length > 0) {
      const dirent = this.#bufferedEntries.shift();
      if (maybeSync) process.nextTick(callback, null, dirent);
      else callback(null, dirent);
      return undefined;
    }
    this.#operationQueue = [];
    this.#handle.read(this.#bufferSize, (err, result) => {
      process.nextTick(() => {
        const queue = this.#operationQueue ?? [];
        this.#operationQueue = null;
        for (const op of queue) op();
      });
      if (err || result === null) return callback(err, result);
      this.#bufferedEntries.push(...result);
      callback(null, this.#bufferedEntries.shift());
    });
    return undefined;
  }

  readSync(): unknown {
    if (this.#closed) throw dirClosed();
    if (this.#operationQueue !== null) throw concurrent();
    if (this.#bufferedEntries.length > 0) return this.#bufferedEntries.shift();
    let result: unknown[] | null;
    try {
      result = this.#handle.readSync(this.#bufferSize);
    } catch (e) {
      throw sandboxError(e);
    }
    if (result === null) return null;
    this.#bufferedEntries.push(...result);
    return this.#bufferedEntries.shift();
  }

  close(callback?: (err: unknown) => void): Promise<void> | undefined {
    if (callback === undefined) {
      if (this.#closed) return Promise.reject(dirClosed());
      return this.#closePromisified();
    }
    validateFunction(callback, 'callback');
    if (this.#closed) {
      process.nextTick(callback, dirClosed());
      return undefined;
    }
    if (this.#operationQueue !== null) {
      this.#operationQueue.push(() => this.close(callback));
      return undefined;
    }
    this.#closed = true;
    this.#handle.close((err) => (err ? callback(err) : callback(null)));
    return undefined;
  }

  closeSync(): void {
    if (this.#closed) throw dirClosed();
    if (this.#operationQueue !== null) throw concurrent();
    this.#closed = true;
    try {
      this.#handle.closeSync();
    } catch (e) {
      throw sandboxError(e);
    }
  }

  async *entries(): AsyncGenerator<unknown> {
    try {
      while (true) {
        const result = await this.#readPromisified();
        if (result === null) break;
        yield result;
      }
    } finally {
      await this.#closePromisified();
    }
  }
}
Object.defineProperty(Dir.prototype, Symbol.asyncIterator, { value: Dir.prototype.entries, enumerable: false, writable: true, configurable: true });

/** fs.opendir(path, [options], callback). */
export function opendir(path: unknown, options: unknown, callback?: unknown): void {
  const cb = (typeof options === 'function' ? options : callback) as Callback;
  validateFunction(cb, 'callback');
  const opts = (typeof options === 'object' && options !== null ? options : {}) as { bufferSize?: number; encoding?: BufferEncoding };
  const label = `opendir ${displayPath(path)}`;
  submit<HostDir>({
    label,
    work: () => {
      try {
        return real('fs').opendirSync(path, options === cb ? undefined : options) as HostDir;
      } catch (e) {
        // The asynchronous opendir's error names the path (uvException); opendirSync's does not.
        const err = e as Error & { syscall?: string; path?: unknown };
        if (err && err.syscall === 'opendir' && err.path === undefined && typeof path === 'string') {
          err.message += ` '${path}'`;
          err.path = path;
          if (typeof err.stack === 'string') err.stack = err.stack.replace(/^([^\n]*)/, `$1 '${path}'`);
        }
        throw e;
      }
    },
    cost: (m) => m.bytes('fs.meta', 0),
  }, (err, host) => (err ? cb(err) : cb(null, new Dir(new DirHandle(host!, label), String(path), opts))));
}

/** fs.opendirSync. */
export function opendirSync(path: unknown, options?: unknown): Dir {
  let host: HostDir;
  try {
    host = real('fs').opendirSync(path, options) as HostDir;
  } catch (e) {
    throw sandboxError(e);
  }
  const label = `opendir ${displayPath(path)}`;
  return new Dir(new DirHandle(host, label), String(path), (options ?? {}) as { bufferSize?: number });
}

/** fsPromises.opendir. */
export function opendirPromise(path: unknown, options?: unknown): Promise<Dir> {
  return new Promise((resolve, reject) => opendir(path, options ?? {}, (err: unknown, dir?: unknown) => (err ? reject(err) : resolve(dir as Dir))));
}

