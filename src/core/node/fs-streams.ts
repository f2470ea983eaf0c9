/**
 * `fs.ReadStream`, `fs.WriteStream`, `fs.createReadStream`, `fs.createWriteStream`: Node 20's
 * lib/internal/fs/streams.js (v20.20.2), ported to run in the sandbox on the sandbox's streams
 * (stream.ts) and on the callback functions of the sandbox's `fs` (fs.ts): opening, every read,
 * write and the close are `fs.open` / `fs.read` / `fs.write` / `fs.writev` / `fs.close` of the
 * module object the streams were added to (looked up at each call, as Node's `stream[kFs].read`),
 * so each is a request of the simulated threadpool, delivered in the poll phase.
 *
 * Node's code, names and order of operations are kept (`primordials` replaced by the plain JS
 * they stand for). What differs from Node, and why:
 * - internal/errors and internal/validators: readline-errors.ts (same codes, classes, messages);
 *   `errorOrDestroy` (internal/streams/destroy) is ported here over the streams' state accessors.
 * - A FileHandle as `fd` (`{ fd: filehandle }`, FileHandle.createReadStream): it is the FileHandle
 *   of fs-promises.ts. Node keeps the handle open while a stream uses it with the handle's
 *   kRef/kUnref; the handle is ref'd/unref'd through this file's `kRef`/`kUnref` when it has them.
 * - `ReadStream.prototype.open` / `WriteStream.prototype.open` (deprecated no-ops, DEP0135) warn
 *   through the sandbox's process.emitWarning.
 */
import { host, real } from './host';
import { nodeError, validateAbortSignal, validateBoolean, validateFunction, validateInt32, validateInteger } from './readline-errors';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox's `stream` (stream.ts), made when first needed
const streamModule = (): any => require('./stream').stream;

type Fs = Record<string, any>;

const kIoDone = Symbol('kIoDone');
const kIsPerformingIO = Symbol('kIsPerformingIO');

const kFs = Symbol('kFs');
const kHandle = Symbol('kHandle');

/** internal/fs/promises' kRef/kUnref: a FileHandle that has them is kept open while a stream uses it. */
export const kRef = Symbol('kRef');
export const kUnref = Symbol('kUnref');

const kEmptyObject = Object.freeze({ __proto__: null }) as Record<string, any>;

// ---- internal/util, internal/fs/utils, internal/url -------------------------------------------

function copyObject(source: any): any {
  const target: any = {};
  for (const key in source) target[key] = source[key];
  return target;
}

function getOptions(options: any, defaultOptions: any = kEmptyObject): any {
  if (options == null || typeof options === 'function') return defaultOptions;
  if (typeof options === 'string') {
    defaultOptions = { ...defaultOptions };
    defaultOptions.encoding = options;
    options = defaultOptions;
  } else if (typeof options !== 'object') {
    throw nodeError('ERR_INVALID_ARG_TYPE', 'options', ['string', 'Object'], options);
  }
  if (options.encoding !== 'buffer' && options.encoding && !Buffer.isEncoding(options.encoding)) {
    throw nodeError('ERR_INVALID_ARG_VALUE', 'encoding', options.encoding, 'is invalid encoding');
  }
  if (options.signal !== undefined) validateAbortSignal(options.signal, 'options.signal');
  return options;
}

function getValidatedFd(fd: any, propName = 'fd'): number {
  if (Object.is(fd, -0)) return 0;
  validateInt32(fd, propName, 0);
  return fd;
}

function validatePath(path: any, propName = 'path'): void {
  const isUint8Array = path instanceof Uint8Array;
  if (typeof path !== 'string' && !isUint8Array) {
    throw nodeError('ERR_INVALID_ARG_TYPE', propName, ['string', 'Buffer', 'URL'], path);
  }
  if ((typeof path === 'string' && !path.includes('\u0000')) || (isUint8Array && !path.includes(0))) return;
  throw nodeError('ERR_INVALID_ARG_VALUE', propName, path, 'must be a string, Uint8Array, or URL without null bytes');
}

function isURL(self: any): boolean {
  return Boolean(self?.href && self.protocol && self.auth === undefined && self.path === undefined);
}

function toPathIfFileURL(fileURLOrPath: any): any {
  if (!isURL(fileURLOrPath)) return fileURLOrPath;
  return real('url').fileURLToPath(fileURLOrPath);
}

function isFileHandle(fd: unknown): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- fs-promises.ts, on first use (it imports fs.ts)
  const { FileHandle } = require('./fs-promises');
  return typeof FileHandle === 'function' && fd instanceof FileHandle;
}

// ---- internal/streams/destroy: errorOrDestroy ----------------------------------------------------

// Node's, over the stream states' public accessors (`destroyed`, `autoDestroy`, `errored`,
// `errorEmitted`), so it works with whichever implementation stream.ts provides.
function errorOrDestroy(stream: any, err: any, sync?: boolean): void {
  const r = stream._readableState;
  const w = stream._writableState;

  if (w?.destroyed || r?.destroyed) return;

  if (r?.autoDestroy || w?.autoDestroy) {
    stream.destroy(err);
  } else if (err) {
    // Avoid V8 leak, https://github.com/nodejs/node/pull/34103#issuecomment-652002364
    void err.stack;

    if (w && !w.errored) w.errored = err;
    if (r && !r.errored) r.errored = err;
    if (sync) process.nextTick(emitErrorNT, stream, err);
    else emitErrorNT(stream, err);
  }
}

function emitErrorNT(self: any, err: unknown): void {
  const r = self._readableState;
  const w = self._writableState;
  if (w?.errorEmitted || r?.errorEmitted) return;
  if (w) w.errorEmitted = true;
  if (r) r.errorEmitted = true;
  self.emit('error', err);
}

// ---- lib/internal/fs/streams.js ---------------------------------------------------------------

function _construct(this: any, callback: (err?: unknown) => void): void {
  // eslint-disable-next-line @typescript-eslint/no-this-alias -- Node's code
  const stream = this;
  if (typeof stream.fd === 'number') {
    callback();
    return;
  }

  // Node 26 removed the deprecated open() (DEP0135): any open() there is the program's own.
  if (host.nodeMajor >= 26 ? typeof stream.open === 'function' : stream.open !== openWriteFs && stream.open !== openReadFs) {
    // Backwards compat for monkey patching open().
    const orgEmit = stream.emit;
    stream.emit = function(this: any, ...args: any[]) {
      if (args[0] === 'open') {
        this.emit = orgEmit;
        callback();
        Reflect.apply(orgEmit, this, args);
      } else if (args[0] === 'error') {
        this.emit = orgEmit;
        callback(args[1]);
      } else {
        Reflect.apply(orgEmit, this, args);
      }
    };
    stream.open();
  } else {
    stream[kFs].open(stream.path, stream.flags, stream.mode, (er: unknown, fd: number) => {
      if (er) {
        callback(er);
      } else {
        stream.fd = fd;
        callback();
        stream.emit('open', stream.fd);
        stream.emit('ready');
      }
    });
  }
}

// This generates an fs operations structure for a FileHandle
const FileHandleOperations = (handle: any): Fs => {
  return {
    open: (_path: unknown, _flags: unknown, _mode: unknown, _cb: unknown) => {
      throw nodeError('ERR_METHOD_NOT_IMPLEMENTED', 'open()');
    },
    close: (_fd: unknown, cb: (err?: unknown) => void) => {
      handle[kUnref]?.();
      handle.close().then(() => cb(), cb);
    },
    fsync: (_fd: unknown, cb: (err?: unknown) => void) => {
      handle.sync().then(() => cb(), cb);
    },
    read: (_fd: unknown, buf: any, offset: number, length: number, pos: unknown, cb: (...a: unknown[]) => void) => {
      handle.read(buf, offset, length, pos).then(
        (r: any) => cb(null, r.bytesRead, r.buffer),
        (err: unknown) => cb(err, 0, buf));
    },
    write: (_fd: unknown, buf: any, offset: number, length: number, pos: unknown, cb: (...a: unknown[]) => void) => {
      handle.write(buf, offset, length, pos).then(
        (r: any) => cb(null, r.bytesWritten, r.buffer),
        (err: unknown) => cb(err, 0, buf));
    },
    writev: (_fd: unknown, buffers: any, pos: unknown, cb: (...a: unknown[]) => void) => {
      handle.writev(buffers, pos).then(
        (r: any) => cb(null, r.bytesWritten, r.buffers),
        (err: unknown) => cb(err, 0, buffers));
    },
  };
};

function close(stream: any, err: unknown, cb: (err?: unknown) => void): void {
  if (!stream.fd) {
    cb(err);
  } else if (stream.flush) {
    stream[kFs].fsync(stream.fd, (flushErr: unknown) => {
      _close(stream, err || flushErr, cb);
    });
  } else {
    _close(stream, err, cb);
  }
}

function _close(stream: any, err: unknown, cb: (err?: unknown) => void): void {
  stream[kFs].close(stream.fd, (er: unknown) => {
    cb(er || err);
  });
  stream.fd = null;
}

function importFd(stream: any, options: any, fs: Fs): number {
  if (typeof options.fd === 'number') {
    // When fd is a raw descriptor, we must keep our fingers crossed
    // that the descriptor won't get closed, or worse, replaced with
    // another one
    // https://github.com/nodejs/node/issues/35862
    stream[kFs] = options.fs || fs;
    return options.fd;
  } else if (typeof options.fd === 'object' && isFileHandle(options.fd)) {
    // When fd is a FileHandle we can listen for 'close' events
    if (options.fs) {
      // FileHandle is not supported with custom fs operations
      throw nodeError('ERR_METHOD_NOT_IMPLEMENTED', 'FileHandle with fs');
    }
    stream[kHandle] = options.fd;
    stream[kFs] = FileHandleOperations(stream[kHandle]);
    stream[kHandle][kRef]?.();
    options.fd.on('close', stream.close.bind(stream));
    return options.fd.fd;
  }

  throw nodeError('ERR_INVALID_ARG_TYPE', 'options.fd', ['number', 'FileHandle'], options.fd);
}

const openReadFs = host.deprecate(function() {
  // Noop.
}, 'ReadStream.prototype.open() is deprecated', 'DEP0135');

const openWriteFs = host.deprecate(function() {
  // Noop.
}, 'WriteStream.prototype.open() is deprecated', 'DEP0135');

/** The ReadStream and WriteStream classes over `fs` (the module object they are added to). */
function makeStreams(fs: Fs): { ReadStream: any; WriteStream: any } {
  const { Readable, Writable, finished } = streamModule();

  const ReadStream: any = function ReadStream(this: any, path: any, options: any) {
    if (!(this instanceof (ReadStream as any))) return new (ReadStream as any)(path, options);

    // A little bit bigger buffer and water marks by default
    options = copyObject(getOptions(options, kEmptyObject));
    if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;

    if (options.autoDestroy === undefined) {
      options.autoDestroy = false;
    }

    if (options.fd == null) {
      this.fd = null;
      this[kFs] = options.fs || fs;
      validateFunction(this[kFs].open, 'options.fs.open');

      // Path will be ignored when fd is specified, so it can be falsy
      this.path = toPathIfFileURL(path);
      this.flags = options.flags === undefined ? 'r' : options.flags;
      this.mode = options.mode === undefined ? 0o666 : options.mode;

      validatePath(this.path);
    } else {
      this.fd = getValidatedFd(importFd(this, options, fs));
    }

    options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;

    validateFunction(this[kFs].read, 'options.fs.read');

    if (options.autoDestroy) {
      validateFunction(this[kFs].close, 'options.fs.close');
    }

    this.start = options.start;
    this.end = options.end;
    this.pos = undefined;
    this.bytesRead = 0;
    this[kIsPerformingIO] = false;

    if (this.start !== undefined) {
      validateInteger(this.start, 'start', 0);

      this.pos = this.start;
    }

    if (this.end === undefined) {
      this.end = Infinity;
    } else if (this.end !== Infinity) {
      validateInteger(this.end, 'end', 0);

      if (this.start !== undefined && this.start > this.end) {
        throw nodeError('ERR_OUT_OF_RANGE', 'start', `<= "end" (here: ${this.end})`, this.start);
      }
    }

    Reflect.apply(Readable, this, [options]);
  };
  Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
  Object.setPrototypeOf(ReadStream, Readable);

  Object.defineProperty(ReadStream.prototype, 'autoClose', {
    get() {
      return this._readableState.autoDestroy;
    },
    set(val) {
      this._readableState.autoDestroy = val;
    },
  });

  if (host.nodeMajor < 26) ReadStream.prototype.open = openReadFs;

  ReadStream.prototype._construct = _construct;

  ReadStream.prototype._read = function(this: any, n: number) {
    n = this.pos !== undefined ?
      Math.min(this.end - this.pos + 1, n) :
      Math.min(this.end - this.bytesRead + 1, n);

    if (n <= 0) {
      this.push(null);
      return;
    }

    const buf = Buffer.allocUnsafeSlow(n);

    this[kIsPerformingIO] = true;
    this[kFs]
      .read(this.fd, buf, 0, n, this.pos, (er: unknown, bytesRead: number, buf: Buffer) => {
        this[kIsPerformingIO] = false;

        // Tell ._destroy() that it's safe to close the fd now.
        if (this.destroyed) {
          this.emit(kIoDone, er);
          return;
        }

        if (er) {
          errorOrDestroy(this, er);
        } else if (bytesRead > 0) {
          if (this.pos !== undefined) {
            this.pos += bytesRead;
          }

          this.bytesRead += bytesRead;

          if (bytesRead !== buf.length) {
            // Slow path. Shrink to fit.
            // Copy instead of slice so that we don't retain
            // large backing buffer for small reads.
            const dst = Buffer.allocUnsafeSlow(bytesRead);
            buf.copy(dst, 0, 0, bytesRead);
            buf = dst;
          }

          this.push(buf);
        } else {
          this.push(null);
        }
      });
  };

  ReadStream.prototype._destroy = function(this: any, err: unknown, cb: (err?: unknown) => void) {
    // Usually for async IO it is safe to close a file descriptor
    // even when there are pending operations. However, due to platform
    // differences file IO is implemented using synchronous operations
    // running in a thread pool. Therefore, file descriptors are not safe
    // to close while used in a pending read or write operation. Wait for
    // any pending IO (kIsPerformingIO) to complete (kIoDone).
    if (this[kIsPerformingIO]) {
      this.once(kIoDone, (er: unknown) => close(this, err || er, cb));
    } else {
      close(this, err, cb);
    }
  };

  ReadStream.prototype.close = function(this: any, cb?: unknown) {
    if (typeof cb === 'function') finished(this, cb);
    this.destroy();
  };

  Object.defineProperty(ReadStream.prototype, 'pending', {
    get() { return this.fd === null; },
    configurable: true,
  });

  const WriteStream: any = function WriteStream(this: any, path: any, options: any) {
    if (!(this instanceof (WriteStream as any))) return new (WriteStream as any)(path, options);

    options = copyObject(getOptions(options, kEmptyObject));

    // Only buffers are supported.
    options.decodeStrings = true;

    if (options.fd == null) {
      this.fd = null;
      this[kFs] = options.fs || fs;
      validateFunction(this[kFs].open, 'options.fs.open');

      // Path will be ignored when fd is specified, so it can be falsy
      this.path = toPathIfFileURL(path);
      this.flags = options.flags === undefined ? 'w' : options.flags;
      this.mode = options.mode === undefined ? 0o666 : options.mode;

      validatePath(this.path);
    } else {
      this.fd = getValidatedFd(importFd(this, options, fs));
    }

    options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;

    if (!this[kFs].write && !this[kFs].writev) {
      throw nodeError('ERR_INVALID_ARG_TYPE', 'options.fs.write', 'function', this[kFs].write);
    }

    if (this[kFs].write) {
      validateFunction(this[kFs].write, 'options.fs.write');
    }

    if (this[kFs].writev) {
      validateFunction(this[kFs].writev, 'options.fs.writev');
    }

    if (options.autoDestroy) {
      validateFunction(this[kFs].close, 'options.fs.close');
    }

    this.flush = options.flush;
    if (this.flush == null) {
      this.flush = false;
    } else {
      validateBoolean(this.flush, 'options.flush');
      validateFunction(this[kFs].fsync, 'options.fs.fsync');
    }

    // It's enough to override either, in which case only one will be used.
    if (!this[kFs].write) {
      this._write = null;
    }
    if (!this[kFs].writev) {
      this._writev = null;
    }

    this.start = options.start;
    this.pos = undefined;
    this.bytesWritten = 0;
    this[kIsPerformingIO] = false;

    if (this.start !== undefined) {
      validateInteger(this.start, 'start', 0);

      this.pos = this.start;
    }

    Reflect.apply(Writable, this, [options]);

    if (options.encoding) this.setDefaultEncoding(options.encoding);
  };
  Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
  Object.setPrototypeOf(WriteStream, Writable);

  Object.defineProperty(WriteStream.prototype, 'autoClose', {
    get() {
      return this._writableState.autoDestroy;
    },
    set(val) {
      this._writableState.autoDestroy = val;
    },
  });

  if (host.nodeMajor < 26) WriteStream.prototype.open = openWriteFs;

  WriteStream.prototype._construct = _construct;

  function writeAll(this: any, data: any, size: number, pos: number, cb: (err?: unknown) => void, retries = 0): void {
    this[kFs].write(this.fd, data, 0, size, pos, (er: any, bytesWritten: number, buffer: any) => {
      // No data currently available and operation should be retried later.
      if (er?.code === 'EAGAIN') {
        er = null;
        bytesWritten = 0;
      }

      if (this.destroyed || er) {
        return cb(er || nodeError('ERR_STREAM_DESTROYED', 'write'));
      }

      this.bytesWritten += bytesWritten;

      retries = bytesWritten ? 0 : retries + 1;
      size -= bytesWritten;
      pos += bytesWritten;

      // Try writing non-zero number of bytes up to 5 times.
      if (retries > 5) {
        cb(nodeError('ERR_SYSTEM_ERROR', 'write failed'));
      } else if (size) {
        writeAll.call(this, buffer.slice(bytesWritten), size, pos, cb, retries);
      } else {
        cb();
      }
    });
  }

  function writevAll(this: any, chunks: any[], size: number, pos: number, cb: (err?: unknown) => void, retries = 0): void {
    this[kFs].writev(this.fd, chunks, this.pos, (er: any, bytesWritten: number, buffers: any[]) => {
      // No data currently available and operation should be retried later.
      if (er?.code === 'EAGAIN') {
        er = null;
        bytesWritten = 0;
      }

      if (this.destroyed || er) {
        return cb(er || nodeError('ERR_STREAM_DESTROYED', 'writev'));
      }

      this.bytesWritten += bytesWritten;

      retries = bytesWritten ? 0 : retries + 1;
      size -= bytesWritten;
      pos += bytesWritten;

      // Try writing non-zero number of bytes up to 5 times.
      if (retries > 5) {
        cb(nodeError('ERR_SYSTEM_ERROR', 'writev failed'));
      } else if (size) {
        writevAll.call(this, [Buffer.concat(buffers).slice(bytesWritten)], size, pos, cb, retries);
      } else {
        cb();
      }
    });
  }

  WriteStream.prototype._write = function(this: any, data: any, _encoding: unknown, cb: (err?: unknown) => void) {
    this[kIsPerformingIO] = true;
    writeAll.call(this, data, data.length, this.pos, (er) => {
      this[kIsPerformingIO] = false;
      if (this.destroyed) {
        // Tell ._destroy() that it's safe to close the fd now.
        cb(er);
        return this.emit(kIoDone, er);
      }

      cb(er);
    });

    if (this.pos !== undefined) this.pos += data.length;
  };

  WriteStream.prototype._writev = function(this: any, data: any[], cb: (err?: unknown) => void) {
    const len = data.length;
    const chunks = new Array(len);
    let size = 0;

    for (let i = 0; i < len; i++) {
      const chunk = data[i].chunk;

      chunks[i] = chunk;
      size += chunk.length;
    }

    this[kIsPerformingIO] = true;
    writevAll.call(this, chunks, size, this.pos, (er) => {
      this[kIsPerformingIO] = false;
      if (this.destroyed) {
        // Tell ._destroy() that it's safe to close the fd now.
        cb(er);
        return this.emit(kIoDone, er);
      }

      cb(er);
    });

    if (this.pos !== undefined) this.pos += size;
  };

  WriteStream.prototype._destroy = function(this: any, err: unknown, cb: (err?: unknown) => void) {
    // Wait for any pending IO (kIsPerformingIO) to complete (kIoDone): see ReadStream._destroy.
    if (this[kIsPerformingIO]) {
      this.once(kIoDone, (er: unknown) => close(this, err || er, cb));
    } else {
      close(this, err, cb);
    }
  };

  WriteStream.prototype.close = function(this: any, cb?: () => void) {
    if (cb) {
      if (this.closed) {
        process.nextTick(cb);
        return;
      }
      this.on('close', cb);
    }

    // If we are not autoClosing, we should call
    // destroy on 'finish'.
    if (!this.autoClose) {
      this.on('finish', this.destroy);
    }

    // We use end() instead of destroy() because of
    // https://github.com/nodejs/node/issues/2006
    this.end();
  };

  // There is no shutdown() for files.
  WriteStream.prototype.destroySoon = WriteStream.prototype.end;

  Object.defineProperty(WriteStream.prototype, 'pending', {
    get() { return this.fd === null; },
    configurable: true,
  });

  return { ReadStream, WriteStream };
}

/**
 * Adds Node's stream part of lib/fs.js to the sandbox's `fs` module object: `createReadStream`,
 * `createWriteStream`, and the `ReadStream`, `WriteStream`, `FileReadStream`, `FileWriteStream`
 * accessors (settable, as Node's). The classes are made on first use (Node's lazyLoadStreams).
 */
export function addStreams(fs: Fs): void {
  let ReadStream: any;
  let WriteStream: any;
  let FileReadStream: any;
  let FileWriteStream: any;

  function lazyLoadStreams(): void {
    if (!ReadStream) {
      ({ ReadStream, WriteStream } = makeStreams(fs));
      FileReadStream = ReadStream;
      FileWriteStream = WriteStream;
    }
  }

  function createReadStream(path: unknown, options?: unknown): any {
    lazyLoadStreams();
    return new ReadStream(path, options);
  }

  function createWriteStream(path: unknown, options?: unknown): any {
    lazyLoadStreams();
    return new WriteStream(path, options);
  }

  Object.defineProperties(fs, {
    createReadStream: { value: createReadStream, writable: true, enumerable: true, configurable: true },
    createWriteStream: { value: createWriteStream, writable: true, enumerable: true, configurable: true },
    ReadStream: {
      get() {
        lazyLoadStreams();
        return ReadStream;
      },
      set(val) {
        ReadStream = val;
      },
      enumerable: true,
      configurable: true,
    },
    WriteStream: {
      get() {
        lazyLoadStreams();
        return WriteStream;
      },
      set(val) {
        WriteStream = val;
      },
      enumerable: true,
      configurable: true,
    },
    // Legacy names... these have to be separate because of how graceful-fs (and possibly other)
    // modules monkey patch the values.
    FileReadStream: {
      get() {
        lazyLoadStreams();
        return FileReadStream;
      },
      set(val) {
        FileReadStream = val;
      },
      enumerable: true,
      configurable: true,
    },
    FileWriteStream: {
      get() {
        lazyLoadStreams();
        return FileWriteStream;
      },
      set(val) {
        FileWriteStream = val;
      },
      enumerable: true,
      configurable: true,
    },
  });
}
