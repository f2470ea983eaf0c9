/**
 * Whole-file reads and writes as Node 20.20 does them (lib/fs.js + internal/fs/read/context.js
 * for the callbacks; internal/fs/promises.js for the promises): not one request but Node's steps
 * — open, fstat, one read per 512 KiB (64 KiB chunks while the size is unknown), close; open,
 * write, close — each its own threadpool request. Under a busy pool the later steps queue behind
 * requests made meanwhile, as in Node, and an AbortSignal is checked between the steps.
 * Node 26's fs.readFile (callback) does open + fstat + read + close of a file of up to 512 KiB in
 * one request (`ReadFileJob`, lib/fs.js); a larger file comes back open and takes the steps above.
 */
import type { IoModel } from '../io/model';
import { formatSize } from '../io/model';
import { AbortError, abortedBy, sandboxError, validatePath } from './errors';
import { checkReadBudget, costOf, type Cost } from './fs';
import { host, real } from './host';
import { displayPath, submit, submitPromise, type Request } from './libuv';

type Fs = Record<string, any>;
type Callback = (...a: unknown[]) => void;
const realFs = (): Fs => real('fs');

const kReadFileBufferLength = 512 * 1024;
const kReadFileUnknownBufferLength = 64 * 1024;
const kWriteFileMaxChunkSize = 512 * 1024;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;

/** One step (a libuv request): the host's synchronous function, the callback in the poll phase. */
function step<T>(label: string, cost: Cost, work: () => T, done: (err: unknown, result?: T) => void, bytes?: (r: T) => number): void {
  submit<T>({
    label,
    work,
    cost: (m: IoModel, r) => costOf(cost, m, bytes && r !== undefined ? bytes(r) : 0),
    describe: bytes ? (r) => formatSize(bytes(r)) : undefined,
  }, (err, r) => done(err, r));
}

function stepPromise<T>(label: string, cost: Cost, work: () => T, bytes?: (r: T) => number): Promise<T> {
  return submitPromise<T>({
    label,
    work,
    cost: (m: IoModel, r) => costOf(cost, m, bytes && r !== undefined ? bytes(r) : 0),
    describe: bytes ? (r) => formatSize(bytes(r)) : undefined,
  });
}

/** Node's `aggregateTwoErrors(innerError, outerError)`. */
function aggregateTwoErrors(inner: unknown, outer: unknown): unknown {
  if (inner && outer && inner !== outer) {
    if (Array.isArray((outer as { errors?: unknown }).errors)) {
      (outer as { errors: unknown[] }).errors.push(inner);
      return outer;
    }
    const err = new AggregateError([outer, inner], (outer as Error).message);
    (err as unknown as { code: unknown }).code = (outer as { code?: unknown }).code;
    return err;
  }
  return inner || outer;
}

interface Options {
  encoding?: BufferEncoding | null;
  flag?: string;
  mode?: number;
  flush?: boolean;
  signal?: AbortSignal;
}

/** Node's getOptions: a string is the encoding; the encoding must be one Node knows. */
function getOptions(options: unknown, defaults: Options, validateWith: () => void): Options {
  if (options === null || options === undefined || typeof options === 'function') return { ...defaults };
  const out = typeof options === 'string' ? { ...defaults, encoding: options as BufferEncoding } : { ...defaults, ...(options as Options) };
  if (out.encoding && (out.encoding as string) !== 'buffer' && !Buffer.isEncoding(out.encoding)) validateWith();
  return out;
}

/** The host's own validation for what only it words exactly (it throws before touching anything). */
function hostValidates(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    throw sandboxError(e);
  }
}

function labelOf(what: string, path: unknown): string {
  return `${what} ${displayPath(path)}`;
}

// ------------------------------------------------------------------------------------- callbacks

interface ReadContext {
  fd: number;
  isUserFd: boolean;
  size: number;
  callback: Callback;
  buffers: Buffer[] | null;
  buffer: Buffer | null;
  pos: number;
  encoding: BufferEncoding | null | undefined;
  err: unknown;
  signal: AbortSignal | undefined;
  label: string;
}

/** fs.readFile(path, [options], callback). */
export function readFile(path: unknown, options: unknown, callback?: unknown): void {
  const cb = (callback || options) as Callback;
  if (typeof cb !== 'function') hostValidates(() => realFs().readFile(path, options, callback));
  const opts = getOptions(options, { flag: 'r' }, () => hostValidates(() => realFs().readFileSync(path, options)));
  const context: ReadContext = {
    fd: -1, isUserFd: typeof path === 'number', size: 0, callback: cb, buffers: null, buffer: null, pos: 0,
    encoding: opts.encoding, err: null, signal: opts.signal, label: labelOf('readFile', path),
  };
  if (context.isUserFd) {
    process.nextTick(() => readFileAfterOpen(context, null, path as number));
    return;
  }
  const aborted = abortedBy(opts.signal);
  if (aborted) return cb(aborted);
  validatePath(path);
  checkReadBudget('readFile', path);
  if (host.nodeMajor >= 26) return readFileOneShot(context, path, opts.flag || 'r');
  step(`${context.label}: open`, 'meta', () => realFs().openSync(path, opts.flag || 'r', 0o666) as number, (err, fd) => readFileAfterOpen(context, err, fd as number));
}

/** What Node 26's ReadFileJob hands back: the whole file, or (larger than one chunk) the open fd and its size. */
export type OneShot = { buffer: Buffer } | { fd: number; size: number };

/** Node 26's ReadFileJob as one pool request (fs.readFile and fs/promises readFile share it). */
export function oneShotRequest(path: unknown, flag: string, label: string): Request<OneShot> {
  const work = (): OneShot => {
    const fs = realFs();
    const fd = fs.openSync(path, flag, 0o666) as number;
    let handedBack = false;
    try {
      const stats = fs.fstatSync(fd) as { mode: number; size: number };
      const size = (stats.mode & S_IFMT) === S_IFREG ? stats.size : 0;
      if (size > kReadFileBufferLength) {
        handedBack = true;
        return { fd, size };
      }
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const buffer = Buffer.allocUnsafeSlow(size === 0 ? kReadFileUnknownBufferLength : size - total);
        const n = fs.readSync(fd, buffer, 0, buffer.length, -1) as number;
        if (n === 0) break;
        chunks.push(n === buffer.length ? buffer : buffer.subarray(0, n));
        total += n;
        if (size !== 0 && total >= size) break;
      }
      return { buffer: Buffer.concat(chunks, total) };
    } catch (e) {
      throw withPath(e, path);
    } finally {
      if (!handedBack) fs.closeSync(fd);
    }
  };
  const bytes = (r: OneShot) => ('buffer' in r ? r.buffer.length : 0);
  return {
    label: `${label}: open, fstat, read, close`,
    work,
    // One request doing the four steps: their costs together.
    cost: (m: IoModel, r: OneShot | undefined) => 3 * costOf('meta', m, 0) + costOf('read', m, r === undefined ? 0 : bytes(r)),
    describe: (r) => formatSize(bytes(r)),
  };
}

/**
 * Node 26's one-request readFile (lib/fs.js readFile → ReadFileJob → readFileAfterOneShot): open,
 * fstat, read and close on the pool at once for a file of up to kReadFileBufferLength; a larger
 * one comes back open and continues like Node 20's reader after its fstat. Its errors carry the
 * path, also the read's (`EISDIR: illegal operation on a directory, read '<path>'`).
 */
function readFileOneShot(context: ReadContext, path: unknown, flag: string): void {
  submit<OneShot>(oneShotRequest(path, flag, context.label), (err, r) => {
    if (err) return context.callback(err);
    if ('fd' in r!) {
      context.fd = r.fd;
      context.size = r.size;
      try {
        context.buffer = Buffer.allocUnsafeSlow(r.size);
      } catch (e) {
        return readClose(context, e);
      }
      return readNext(context);
    }
    if (context.signal?.aborted) return context.callback(new AbortError(undefined, { cause: context.signal.reason }));
    let result: Buffer | string = r!.buffer;
    if (context.encoding) {
      try {
        result = result.toString(context.encoding);
      } catch (e) {
        return context.callback(e);
      }
    }
    context.callback(null, result);
  });
}

/** A libuv error of a step that had no path (a read) as Node 26's one-shot job reports it: with the path. */
function withPath(e: unknown, path: unknown): unknown {
  const err = e as { path?: unknown; message?: unknown; syscall?: unknown; code?: unknown };
  if (err && typeof err === 'object' && err.path === undefined && typeof err.code === 'string' && typeof err.message === 'string' && typeof path === 'string') {
    err.path = path;
    err.message = `${err.message} '${path}'`;
  }
  return e;
}

function readFileAfterOpen(context: ReadContext, err: unknown, fd: number): void {
  if (err) return context.callback(err);
  context.fd = fd;
  step(`${context.label}: fstat`, 'meta', () => realFs().fstatSync(fd) as { mode: number; size: number }, (e, stats) => readFileAfterStat(context, e, stats));
}

function readFileAfterStat(context: ReadContext, err: unknown, stats?: { mode: number; size: number }): void {
  if (err) return readClose(context, err);
  const size = (context.size = (stats!.mode & S_IFMT) === S_IFREG ? stats!.size : 0);
  try {
    if (size === 0) context.buffers = [];
    else context.buffer = Buffer.allocUnsafeSlow(size);
  } catch (e) {
    return readClose(context, e);
  }
  readNext(context);
}

function readNext(context: ReadContext): void {
  if (context.signal?.aborted) return readClose(context, new AbortError(undefined, { cause: context.signal?.reason }));
  let buffer: Buffer;
  let offset: number;
  let length: number;
  if (context.size === 0) {
    buffer = Buffer.allocUnsafeSlow(kReadFileUnknownBufferLength);
    offset = 0;
    length = kReadFileUnknownBufferLength;
    context.buffer = buffer;
  } else {
    buffer = context.buffer!;
    offset = context.pos;
    length = Math.min(kReadFileBufferLength, context.size - context.pos);
  }
  step(`${context.label}: read`, 'read', () => realFs().readSync(context.fd, buffer, offset, length, -1) as number, (err, bytesRead) => {
    if (err) return readClose(context, err);
    context.pos += bytesRead!;
    if (context.pos === context.size || bytesRead === 0) {
      readClose(context);
    } else {
      if (context.size === 0) context.buffers!.push(bytesRead === kReadFileUnknownBufferLength ? context.buffer! : context.buffer!.slice(0, bytesRead));
      readNext(context);
    }
  }, (n) => n);
}

function readClose(context: ReadContext, err?: unknown): void {
  if (context.isUserFd) {
    process.nextTick(() => readFileAfterClose(context, null));
    return;
  }
  context.err = err;
  step(`${context.label}: close`, 'meta', () => realFs().closeSync(context.fd), (e) => readFileAfterClose(context, e));
}

function readFileAfterClose(context: ReadContext, err: unknown): void {
  const callback = context.callback;
  if (context.err || err) return callback(aggregateTwoErrors(err, context.err));
  let buffer: Buffer | string;
  try {
    if (context.size === 0) buffer = Buffer.concat(context.buffers!, context.pos);
    else if (context.pos < context.size) buffer = context.buffer!.slice(0, context.pos);
    else buffer = context.buffer!;
    if (context.encoding) buffer = buffer.toString(context.encoding);
  } catch (e) {
    return callback(e);
  }
  callback(null, buffer);
}

/** fs.writeFile(path, data, [options], callback). */
export function writeFile(path: unknown, data: unknown, options: unknown, callback?: unknown, what = 'writeFile'): void {
  const cb = (callback || options) as Callback;
  if (typeof cb !== 'function') hostValidates(() => realFs().writeFile(path, data, options, callback));
  const opts = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w', flush: false }, () => hostValidates(() => realFs().writeFileSync(path, data, options)));
  const flag = opts.flag || 'w';
  const flush = opts.flush ?? false;
  let bytes: NodeJS.ArrayBufferView;
  if (!ArrayBuffer.isView(data)) {
    if (typeof data !== 'string') hostValidates(() => realFs().writeFileSync('/dev/null', data));
    bytes = Buffer.from(data as string, opts.encoding || 'utf8');
  } else {
    bytes = data as NodeJS.ArrayBufferView;
  }
  const label = labelOf(what, path);
  if (typeof path === 'number') {
    writeAll(label, path, true, bytes, 0, bytes.byteLength, opts.signal, flush, cb);
    return;
  }
  const aborted = abortedBy(opts.signal);
  if (aborted) return cb(aborted);
  validatePath(path);
  step(`${label}: open`, 'meta', () => realFs().openSync(path, flag, opts.mode) as number, (openErr, fd) => {
    if (openErr) cb(openErr);
    else writeAll(label, fd as number, false, bytes, 0, bytes.byteLength, opts.signal, flush, cb);
  });
}

/** fs.appendFile: writeFile with flag 'a' (also for an fd). */
export function appendFile(path: unknown, data: unknown, options: unknown, callback?: unknown): void {
  const cb = (callback || options) as Callback;
  if (typeof cb !== 'function') hostValidates(() => realFs().appendFile(path, data, options, callback));
  const opts = { ...getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' }, () => hostValidates(() => realFs().appendFileSync(path, data, options))) };
  if (!opts.flag || typeof path === 'number') opts.flag = 'a';
  writeFile(path, data, opts, cb, 'appendFile');
}

function writeAll(label: string, fd: number, isUserFd: boolean, buffer: NodeJS.ArrayBufferView, offset: number, length: number, signal: AbortSignal | undefined, flush: boolean, callback: Callback): void {
  const close = (then: (err: unknown) => void) => step(`${label}: close`, 'meta', () => realFs().closeSync(fd), (err) => then(err));
  if (signal?.aborted) {
    const abortError = new AbortError(undefined, { cause: signal?.reason });
    if (isUserFd) callback(abortError);
    else close((err) => callback(aggregateTwoErrors(err, abortError)));
    return;
  }
  step(`${label}: write`, 'write', () => realFs().writeSync(fd, buffer, offset, length, null) as number, (writeErr, written) => {
    if (writeErr) {
      if (isUserFd) callback(writeErr);
      else close((err) => callback(aggregateTwoErrors(err, writeErr)));
    } else if (written === length) {
      if (!flush) {
        if (isUserFd) callback(null);
        else close((err) => (err ? callback(err) : callback(null)));
      } else {
        step(`${label}: fsync`, 'meta', () => realFs().fsyncSync(fd), (syncErr) => {
          if (syncErr) {
            if (isUserFd) callback(syncErr);
            else close((err) => callback(aggregateTwoErrors(err, syncErr)));
          } else if (isUserFd) {
            callback(null);
          } else {
            close((err) => (err ? callback(err) : callback(null)));
          }
        });
      }
    } else {
      writeAll(label, fd, isUserFd, buffer, offset + written!, length - written!, signal, flush, callback);
    }
  }, (n) => n);
}

// -------------------------------------------------------------------------------------- promises

/** What fs-promises.ts gives this module: its FileHandle (open, write, close). */
export interface HandleLike {
  readonly fd: number;
  close(): Promise<void>;
  write(data: unknown, offset?: unknown, length?: unknown, position?: unknown): Promise<{ bytesWritten: number }>;
}

function checkAborted(signal: AbortSignal | undefined): void {
  const aborted = abortedBy(signal);
  if (aborted) throw aborted;
}

/** Node's handleFdClose: close after the operation, whatever its outcome. */
export function handleFdClose<T>(fileOpPromise: Promise<T>, closeFunc: () => Promise<void>): Promise<T> {
  return fileOpPromise.then(
    (result) => closeFunc().then(() => result),
    (opError) => closeFunc().then(() => Promise.reject(opError), (closeError) => Promise.reject(aggregateTwoErrors(closeError, opError))),
  );
}

/** filehandle.readFile / fsPromises.readFile's readFileHandle. */
export async function readFileHandle(handle: HandleLike, options: Options | undefined, label = `readFile fd ${handle.fd}`): Promise<Buffer | string> {
  const signal = options?.signal;
  const encoding = options?.encoding ?? undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const decoder = encoding ? new (require('string_decoder').StringDecoder)(encoding) : undefined;
  checkAborted(signal);
  const fd = handle.fd;
  const stats = await stepPromise(`${label}: fstat`, 'meta', () => realFs().fstatSync(fd) as { mode: number; size: number });
  checkAborted(signal);
  let size = 0;
  let length = 0;
  if ((stats.mode & S_IFMT) === S_IFREG) {
    size = stats.size;
    length = encoding ? Math.min(size, kReadFileBufferLength) : size;
  }
  if (length === 0) length = kReadFileUnknownBufferLength;
  let totalRead = 0;
  const noSize = size === 0;
  let buffer = Buffer.allocUnsafeSlow(length);
  let result = '';
  let offset = 0;
  let buffers: Buffer[] | undefined;
  const chunkedRead = length > kReadFileBufferLength;
  while (true) {
    checkAborted(signal);
    if (chunkedRead) length = Math.min(size - totalRead, kReadFileBufferLength);
    const at = offset;
    const len = length;
    const target = buffer;
    const bytesRead = (await stepPromise(`${label}: read`, 'read', () => realFs().readSync(fd, target, at, len, -1) as number, (n) => n)) ?? 0;
    totalRead += bytesRead;
    if (bytesRead === 0 || totalRead === size || (bytesRead !== buffer.length && !chunkedRead && !noSize)) {
      const singleRead = bytesRead === totalRead;
      const bytesToCheck = chunkedRead ? totalRead : bytesRead;
      if (bytesToCheck !== buffer.length) buffer = buffer.subarray(0, bytesToCheck);
      if (!encoding) {
        if (noSize && !singleRead) {
          buffers!.push(buffer);
          return Buffer.concat(buffers!, totalRead);
        }
        return buffer;
      }
      if (singleRead) return buffer.toString(encoding);
      result += decoder.end(buffer);
      return result;
    }
    const readBuffer = bytesRead !== buffer.length ? buffer.subarray(0, bytesRead) : buffer;
    if (encoding) {
      result += decoder.write(readBuffer);
    } else if (size !== 0) {
      offset = totalRead;
    } else {
      buffers ??= [];
      buffers.push(readBuffer);
      buffer = Buffer.allocUnsafeSlow(kReadFileUnknownBufferLength);
    }
  }
}

function isCustomIterable(obj: unknown): obj is AsyncIterable<unknown> | Iterable<unknown> {
  return obj !== null && typeof obj === 'object' && (Symbol.asyncIterator in obj || Symbol.iterator in obj) && typeof obj !== 'string' && !ArrayBuffer.isView(obj);
}

/** writeFileHandle: writes in chunks of at most 512 KiB, each a FileHandle write. */
export async function writeFileHandle(handle: HandleLike, data: unknown, signal: AbortSignal | undefined, encoding: BufferEncoding | null | undefined): Promise<void> {
  checkAborted(signal);
  if (isCustomIterable(data)) {
    for await (const buf of data as AsyncIterable<unknown>) {
      checkAborted(signal);
      const toWrite = ArrayBuffer.isView(buf) ? buf : Buffer.from(buf as string, encoding || 'utf8');
      let remaining = toWrite.byteLength;
      while (remaining > 0) {
        const writeSize = Math.min(kWriteFileMaxChunkSize, remaining);
        const { bytesWritten } = await handle.write(toWrite, toWrite.byteLength - remaining, writeSize);
        remaining -= bytesWritten;
        checkAborted(signal);
      }
    }
    return;
  }
  const view = data as NodeJS.ArrayBufferView;
  let bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let remaining = bytes.byteLength;
  if (remaining === 0) return;
  do {
    checkAborted(signal);
    const { bytesWritten } = await handle.write(bytes, 0, Math.min(kWriteFileMaxChunkSize, bytes.byteLength));
    remaining -= bytesWritten;
    bytes = new Uint8Array(bytes.buffer, bytes.byteOffset + bytesWritten, bytes.byteLength - bytesWritten);
  } while (remaining > 0);
}

/** fsPromises.writeFile's option and data handling, before the FileHandle part (fs-promises.ts). */
export function writeFileOptions(path: unknown, data: unknown, options: unknown, defaults: Options): { opts: Options; data: unknown } {
  const opts = getOptions(options, defaults, () => hostValidates(() => realFs().writeFileSync(path, data, options)));
  if (!ArrayBuffer.isView(data) && !isCustomIterable(data)) {
    if (typeof data !== 'string') hostValidates(() => realFs().writeFileSync('/dev/null', data));
    data = Buffer.from(data as string, opts.encoding || 'utf8');
  }
  return { opts, data };
}

export function readFileOptions(path: unknown, options: unknown): Options {
  return getOptions(options, { flag: 'r' }, () => hostValidates(() => realFs().readFileSync(path, options)));
}

export { checkAborted as checkAbortedSignal };
