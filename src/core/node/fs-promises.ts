/**
 * `fs/promises` (`fs.promises`) in the sandbox: Node 20's async functions (lib/internal/fs/promises.js)
 * over threadpool requests. Each function awaits its request and returns, as Node's do, so the
 * ticks between the request's completion and the caller's resumption are Node's. A request is
 * one span on the timeline: `readFile` is one request whose cost covers Node's open, fstat, reads
 * and close (docs/io-model.md).
 *
 * `FileHandle` is Node's: an EventEmitter with the fd, each method one request, `close()` emitting
 * 'close' at once and closing in the pool, `[Symbol.asyncDispose]`.
 */
import { EventEmitter } from 'events';
import { formatSize } from '../io/model';
import { validatePath } from './errors';
import { byteSize, checkReadBudget, costOf, fromHost, type Cost } from './fs';
import { opendirPromise } from './fs-dir';
import { checkAbortedSignal, handleFdClose, oneShotRequest, readFileHandle, readFileOptions, writeFileHandle, writeFileOptions } from './fs-whole';
import { kRef, kUnref } from './fs-streams';
import { host, real } from './host';
import { displayPath, submitPromise } from './libuv';

type Fs = Record<string, any>;
const realFs = (): Fs => real('fs');

/** One request: the host's synchronous `sync` function with `args`. */
function request<T>(name: string, sync: string, args: unknown[], cost: Cost, label = `${name} ${displayPath(args[0])}`, written = 0): Promise<T> {
  return submitPromise<T>({
    label,
    work: () => realFs()[sync](...args) as T,
    cost: (m, r) => costOf(cost, m, cost === 'read' ? byteSize(r) : written),
    describe: cost === 'meta' ? undefined : (r) => formatSize(cost === 'read' ? byteSize(r) : written || (typeof r === 'number' ? r : 0)),
  });
}


const kFd = Symbol('kFd');
const kRefs = Symbol('kRefs');
const kClosePromise = Symbol('kClosePromise');
const kCloseResolve = Symbol('kCloseResolve');
const kCloseReject = Symbol('kCloseReject');

export class FileHandle extends EventEmitter {
  [kFd]: number;
  /** Users of the fd (the handle itself, each operation and stream in flight): closed at 0, as Node's. */
  [kRefs] = 1;
  [kClosePromise]: Promise<void> | undefined;
  [kCloseResolve]: (() => void) | undefined;
  [kCloseReject]: ((e: unknown) => void) | undefined;

  constructor(fd: number) {
    super();
    this[kFd] = fd;
  }

  [kRef](): void {
    this[kRefs]++;
  }

  [kUnref](): void {
    this[kRefs]--;
    if (this[kRefs] === 0) {
      const fd = this[kFd];
      this[kFd] = -1;
      closeFd(fd).then(this[kCloseResolve], this[kCloseReject]);
    }
  }

  get fd(): number {
    return this[kFd];
  }

  getAsyncId(): number {
    return this[kFd];
  }

  /**
   * Node's fsCall: one request on the fd, the handle ref'd meanwhile. `syscall` is the name of
   * Node's internal function (`fstat` for stat()), which a closed handle's EBADF error reports.
   */
  private async use<T>(name: string, syscall: string, sync: string, args: unknown[], cost: Cost, written = 0): Promise<T> {
    if (this[kFd] === -1) {
      const e = new Error('file closed') as Error & { code: string; syscall: string };
      e.code = 'EBADF';
      e.syscall = syscall;
      throw e;
    }
    try {
      this[kRef]();
      return await request<T>(name, sync, [this[kFd], ...args], cost, `${name} fd ${this[kFd]}`, written);
    } finally {
      this[kUnref]();
    }
  }

  /** Node's fsCall for an operation made of several requests: EBADF when closed, ref'd meanwhile. */
  async call<T>(syscall: string, fn: () => Promise<T>): Promise<T> {
    if (this[kFd] === -1) {
      const e = new Error('file closed') as Error & { code: string; syscall: string };
      e.code = 'EBADF';
      e.syscall = syscall;
      throw e;
    }
    try {
      this[kRef]();
      return await fn();
    } finally {
      this[kUnref]();
    }
  }

  async appendFile(data: unknown, options?: unknown): Promise<void> {
    return writeFileOfHandle(this, data, options, { flag: 'a' });
  }

  async chmod(mode: unknown): Promise<void> {
    await this.use('chmod', 'fchmod', 'fchmodSync', [mode], 'meta');
  }

  async chown(uid: unknown, gid: unknown): Promise<void> {
    await this.use('chown', 'fchown', 'fchownSync', [uid, gid], 'meta');
  }

  async datasync(): Promise<void> {
    await this.use('datasync', 'fdatasync', 'fdatasyncSync', [], 'meta');
  }

  async sync(): Promise<void> {
    await this.use('sync', 'fsync', 'fsyncSync', [], 'meta');
  }

  async stat(options?: unknown): Promise<unknown> {
    return fromHost(await this.use('stat', 'fstat', 'fstatSync', [options], 'meta'));
  }

  async truncate(len = 0): Promise<void> {
    await this.use('truncate', 'ftruncate', 'ftruncateSync', [len], 'meta');
  }

  async utimes(atime: unknown, mtime: unknown): Promise<void> {
    await this.use('utimes', 'futimes', 'futimesSync', [atime, mtime], 'meta');
  }

  async read(bufferOrOptions?: unknown, offsetOrOptions?: unknown, length?: number, position?: number | bigint | null): Promise<{ bytesRead: number; buffer: NodeJS.ArrayBufferView }> {
    let buffer: NodeJS.ArrayBufferView;
    let offset: number;
    if (!ArrayBuffer.isView(bufferOrOptions)) {
      const o = (bufferOrOptions ?? {}) as { buffer?: NodeJS.ArrayBufferView; offset?: number; length?: number; position?: number | bigint | null };
      buffer = o.buffer ?? Buffer.alloc(16384);
      offset = o.offset ?? 0;
      length = o.length ?? buffer.byteLength - offset;
      position = o.position ?? null;
    } else {
      buffer = bufferOrOptions as NodeJS.ArrayBufferView;
      if (offsetOrOptions !== null && typeof offsetOrOptions === 'object') {
        const o = offsetOrOptions as { offset?: number; length?: number; position?: number | bigint | null };
        offset = o.offset ?? 0;
        length = o.length ?? buffer.byteLength - offset;
        position = o.position ?? null;
      } else {
        offset = (offsetOrOptions as number | undefined) ?? 0;
        length ??= buffer.byteLength - offset;
      }
    }
    if (length === 0) return nullProto({ bytesRead: 0, buffer });
    const bytesRead = await this.use<number>('read', 'read', 'readSync', [buffer, offset, length, position ?? -1], 'read');
    return nullProto({ bytesRead, buffer });
  }

  async readv(buffers: NodeJS.ArrayBufferView[], position?: number | null): Promise<{ bytesRead: number; buffers: NodeJS.ArrayBufferView[] }> {
    const bytesRead = await this.use<number>('readv', 'readv', 'readvSync', [buffers, position ?? null], 'read');
    return nullProto({ bytesRead, buffers });
  }

  async readFile(options?: unknown): Promise<Buffer | string> {
    return readFileOfHandle(this, options);
  }

  readLines(options?: unknown): unknown {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createInterface } = require('readline');
    return createInterface({ input: this.createReadStream(options as Record<string, unknown> | undefined), crlfDelay: Infinity });
  }

  async write(data: unknown, offsetOrPosition?: unknown, lengthOrEncoding?: unknown, position?: unknown): Promise<{ bytesWritten: number; buffer: unknown }> {
    if (byteSize(data) === 0 && (typeof data === 'string' || ArrayBuffer.isView(data))) return nullProto({ bytesWritten: 0, buffer: data });
    const args = [data, offsetOrPosition, lengthOrEncoding, position];
    while (args.length > 1 && args[args.length - 1] === undefined) args.pop();
    const bytesWritten = await this.use<number>('write', 'write', 'writeSync', args, 'write', byteSize(data));
    return nullProto({ bytesWritten, buffer: data });
  }

  async writev(buffers: NodeJS.ArrayBufferView[], position?: number | null): Promise<{ bytesWritten: number; buffers: NodeJS.ArrayBufferView[] }> {
    const bytesWritten = await this.use<number>('writev', 'writev', 'writevSync', [buffers, position ?? null], 'write', byteSize(buffers));
    return nullProto({ bytesWritten, buffers });
  }

  async writeFile(data: unknown, options?: unknown): Promise<void> {
    return writeFileOfHandle(this, data, options, { flag: 'w' });
  }

  close = (): Promise<void> => {
    if (this[kFd] === -1) return Promise.resolve();
    if (this[kClosePromise]) return this[kClosePromise];
    this[kRefs]--;
    if (this[kRefs] === 0) {
      const fd = this[kFd];
      this[kFd] = -1;
      this[kClosePromise] = closeFd(fd).finally(() => {
        this[kClosePromise] = undefined;
      });
    } else {
      // Operations or streams still use the fd: it closes when the last of them is done.
      this[kClosePromise] = new Promise<void>((resolve, reject) => {
        this[kCloseResolve] = resolve;
        this[kCloseReject] = reject;
      }).finally(() => {
        this[kClosePromise] = undefined;
        this[kCloseReject] = undefined;
        this[kCloseResolve] = undefined;
      });
    }
    this.emit('close');
    return this[kClosePromise];
  };

  async [Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose')](): Promise<void> {
    return this.close();
  }

  createReadStream(options?: Record<string, unknown>): unknown {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('fs').createReadStream(undefined, { ...options, fd: this });
  }

  createWriteStream(options?: Record<string, unknown>): unknown {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('fs').createWriteStream(undefined, { ...options, fd: this });
  }
}

/** The fd's close request. */
function closeFd(fd: number): Promise<void> {
  return request<void>('close', 'closeSync', [fd], 'meta', `close fd ${fd}`);
}

/** Node's results of FileHandle reads and writes have no prototype (`{ __proto__: null, … }`). */
function nullProto<T extends object>(o: T): T {
  return Object.assign(Object.create(null), o);
}


/** Node's readFile on a FileHandle: readFileHandle, the handle ref'd meanwhile (fsCall). */
async function readFileOfHandle(handle: FileHandle, options: unknown): Promise<Buffer | string> {
  const opts = readFileOptions(handle, options);
  checkReadBudget('readFile', handle.fd);
  return handle.call('readFile', () => readFileHandle(handle, opts));
}

/** Node's writeFile on a FileHandle (appendFile on one is the same: it writes at the handle's position). */
async function writeFileOfHandle(handle: FileHandle, data: unknown, options: unknown, defaults: { flag: string }): Promise<void> {
  const { opts, data: bytes } = writeFileOptions(handle, data, options, { encoding: 'utf8', mode: 0o666, flush: false, ...defaults });
  return handle.call('writeFile', () => writeFileHandle(handle, bytes, opts.signal, opts.encoding));
}

// ------------------------------------------------------------------------------------ functions

async function open(path: unknown, flags?: unknown, mode?: unknown): Promise<FileHandle> {
  validatePath(path);
  const fd = await request<number>('open', 'openSync', [path, flags ?? 'r', mode ?? 0o666], 'meta');
  return new FileHandle(fd);
}

async function readFile(path: unknown, options?: unknown): Promise<Buffer | string> {
  const opts = readFileOptions(path, options);
  const flag = opts.flag || 'r';
  if (path instanceof FileHandle) return readFileHandle(path, opts);
  checkAbortedSignal(opts.signal);
  validatePath(path);
  checkReadBudget('readFile', path);
  if (host.nodeMajor >= 26) {
    // Node 26: open, fstat, read and close in one pool request; a file larger than one chunk
    // comes back open and is read by readFileHandle (which fstats again: Node 26 passes the size).
    const r = await submitPromise(oneShotRequest(path, flag, `readFile ${displayPath(path)}`));
    if ('buffer' in r) {
      checkAbortedSignal(opts.signal);
      return opts.encoding ? r.buffer.toString(opts.encoding) : r.buffer;
    }
    const handle = new FileHandle(r.fd);
    return handleFdClose(readFileHandle(handle, opts, `readFile ${displayPath(path)}`), handle.close);
  }
  const fd = await open(path, flag, 0o666);
  return handleFdClose(readFileHandle(fd, opts, `readFile ${displayPath(path)}`), fd.close);
}

async function writeFile(path: unknown, data: unknown, options?: unknown): Promise<void> {
  const { opts, data: bytes } = writeFileOptions(path, data, options, { encoding: 'utf8', mode: 0o666, flag: 'w', flush: false });
  const flag = opts.flag || 'w';
  if (path instanceof FileHandle) return writeFileHandle(path, bytes, opts.signal, opts.encoding);
  checkAbortedSignal(opts.signal);
  validatePath(path);
  const fd = await open(path, flag, opts.mode);
  let writeOp = writeFileHandle(fd, bytes, opts.signal, opts.encoding);
  if (opts.flush) writeOp = writeOp.then(() => fd.sync());
  return handleFdClose(writeOp, fd.close);
}

async function appendFile(path: unknown, data: unknown, options?: unknown): Promise<void> {
  const given = typeof options === 'string' ? { encoding: options } : options && typeof options === 'object' ? { ...(options as object) } : {};
  const opts = { encoding: 'utf8', mode: 0o666, flag: 'a', ...given } as Record<string, unknown>;
  opts.flag = opts.flag || 'a';
  return writeFile(path, data, opts);
}

/** The functions that are one request with the host's synchronous counterpart and no special case. */
const SIMPLE: Record<string, [sync: string, cost: Cost, returns: boolean]> = {
  access: ['accessSync', 'meta', false],
  chmod: ['chmodSync', 'meta', false],
  chown: ['chownSync', 'meta', false],
  copyFile: ['copyFileSync', 'write', false],
  cp: ['cpSync', 'write', false],
  lchown: ['lchownSync', 'meta', false],
  link: ['linkSync', 'meta', false],
  lstat: ['lstatSync', 'meta', true],
  lutimes: ['lutimesSync', 'meta', false],
  mkdir: ['mkdirSync', 'meta', true],
  mkdtemp: ['mkdtempSync', 'meta', true],
  readdir: ['readdirSync', 'meta', true],
  readlink: ['readlinkSync', 'meta', true],
  realpath: ['realpathSync', 'meta', true],
  rename: ['renameSync', 'meta', false],
  rm: ['rmSync', 'meta', false],
  rmdir: ['rmdirSync', 'meta', false],
  stat: ['statSync', 'meta', true],
  statfs: ['statfsSync', 'meta', true],
  symlink: ['symlinkSync', 'meta', false],
  truncate: ['truncateSync', 'meta', false],
  unlink: ['unlinkSync', 'meta', false],
  utimes: ['utimesSync', 'meta', false],
};

/** Functions whose first argument is a path (the promises API takes no fd): all of SIMPLE. */
function simple(name: string, [sync, cost, returns]: [string, Cost, boolean]): (...args: unknown[]) => Promise<unknown> {
  return {
    async [name](...args: unknown[]): Promise<unknown> {
      validatePath(args[0], name === 'copyFile' || name === 'cp' || name === 'rename' || name === 'link' ? 'src' : name === 'symlink' ? 'target' : 'path');
      const result = await request<unknown>(name, sync, args, cost);
      return returns ? fromHost(result) : undefined;
    },
  }[name];
}

/** The sandbox's `fs/promises`. */
export function makeFsPromises(): Record<string, unknown> {
  const host = realFs().promises as Record<string, unknown>;
  const fsp: Record<string, unknown> = { constants: host.constants };
  for (const [name, spec] of Object.entries(SIMPLE)) fsp[name] = simple(name, spec);
  Object.assign(fsp, { open, readFile, writeFile, appendFile });
  fsp.opendir = opendirPromise;
  fsp.watch = () => {
    throw new Error('fs.promises.watch is not simulated yet by Async Timeline: its events would arrive outside the simulated loop');
  };
  return fsp;
}
