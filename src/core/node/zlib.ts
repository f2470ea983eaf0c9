/**
 * `zlib` in the sandbox: a port of Node 20's lib/zlib.js. The stream classes are Transforms of
 * the sandbox's streams (stream.ts) and keep Node's structure (ZlibBase → Zlib → Gzip …,
 * processChunk / processCallback, zlibBuffer for the convenience functions), so event order and
 * the callbacks' timing are Node's.
 *
 * Node's native handle (`binding.Zlib`, `BrotliEncoder`, `BrotliDecoder`) writes each chunk on
 * libuv's threadpool and calls back (processCallback, or `onerror`). Here `ZlibHandle` (zlib-handle.ts)
 * plays it: each `write` is a threadpool request (`cpu: true`; cost `zlib.deflate` on input bytes,
 * `zlib.inflate` on output bytes, `zlib.brotli` on the uncompressed side) whose real work is the
 * same write done synchronously by a native handle of the host (`writeSync`, the path of
 * Node's own `…Sync` functions), made by constructing the host's class with the same options.
 *
 * Option validation is the host's constructor's (the same checks, the same errors, rethrown in
 * the sandbox's realm); the options the stream needs (chunk size, flush flags, …) are read from
 * that host object. The `…Sync` functions and `crc32` are the host's.
 */
import { syncCall } from './errors';
import { host, real } from './host';
import { stream } from './stream';
import { ZlibHandle, ownerSymbol } from './zlib-handle';

const hostZlib = () => real('zlib');
const { Transform, finished } = stream;
const { Buffer, kMaxLength } = real('buffer');

const kFlushFlag = Symbol('kFlushFlag');
const kError = Symbol('kError');

const constants = real('zlib').constants;
const {
  Z_NO_FLUSH, Z_BLOCK, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH,
  DEFLATE, DEFLATERAW, INFLATE, INFLATERAW, GZIP, GUNZIP, UNZIP,
  BROTLI_DECODE, BROTLI_ENCODE,
} = constants;

// Translation table for return codes.
const codes: Record<string | number, string | number> = {
  Z_OK: constants.Z_OK,
  Z_STREAM_END: constants.Z_STREAM_END,
  Z_NEED_DICT: constants.Z_NEED_DICT,
  Z_ERRNO: constants.Z_ERRNO,
  Z_STREAM_ERROR: constants.Z_STREAM_ERROR,
  Z_DATA_ERROR: constants.Z_DATA_ERROR,
  Z_MEM_ERROR: constants.Z_MEM_ERROR,
  Z_BUF_ERROR: constants.Z_BUF_ERROR,
  Z_VERSION_ERROR: constants.Z_VERSION_ERROR,
};
for (const ckey of Object.keys(codes)) codes[codes[ckey]] = ckey;

/** The host's class for each mode, and what the timeline calls one write of it. */
const MODES: Record<number, { ctor: string; op: string }> = {
  [DEFLATE]: { ctor: 'Deflate', op: 'deflate' },
  [INFLATE]: { ctor: 'Inflate', op: 'inflate' },
  [GZIP]: { ctor: 'Gzip', op: 'gzip' },
  [GUNZIP]: { ctor: 'Gunzip', op: 'gunzip' },
  [DEFLATERAW]: { ctor: 'DeflateRaw', op: 'deflateRaw' },
  [INFLATERAW]: { ctor: 'InflateRaw', op: 'inflateRaw' },
  [UNZIP]: { ctor: 'Unzip', op: 'unzip' },
  [BROTLI_ENCODE]: { ctor: 'BrotliCompress', op: 'brotliCompress' },
  [BROTLI_DECODE]: { ctor: 'BrotliDecompress', op: 'brotliDecompress' },
};

/** The options the host's constructor reads (stream options such as `signal` stay with the sandbox's stream). */
const ENGINE_OPTIONS = ['chunkSize', 'flush', 'finishFlush', 'maxOutputLength', 'windowBits', 'level', 'memLevel', 'strategy', 'dictionary', 'params', 'info'];

/** The host's engine for `mode` with `opts`: its constructor validates them exactly as Node does. */
function hostEngine(mode: number, opts: any): any {
  let engineOpts = opts;
  if (opts !== null && typeof opts === 'object') {
    engineOpts = {};
    for (const key of ENGINE_OPTIONS) if (opts[key] !== undefined) engineOpts[key] = opts[key];
  }
  const Ctor = hostZlib()[MODES[mode].ctor];
  return syncCall(() => new Ctor(engineOpts));
}

function isArrayBufferView(v: unknown): v is ArrayBufferView {
  return ArrayBuffer.isView(v);
}

function zlibBuffer(engine: any, buffer: any, callback: unknown): void {
  if (typeof callback !== 'function') {
    // validateFunction(callback, 'callback'): the host's zlibBuffer throws Node's error.
    syncCall(() => hostZlib().deflate(Buffer.alloc(0), {}, callback));
  }
  // Streams do not support non-Uint8Array ArrayBufferViews yet. Convert it to a
  // Buffer without copying.
  if (isArrayBufferView(buffer) && !real('util').types.isUint8Array(buffer)) {
    buffer = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } else if (real('util').types.isAnyArrayBuffer(buffer)) {
    buffer = Buffer.from(buffer);
  }
  engine.buffers = null;
  engine.nread = 0;
  engine.cb = callback;
  engine.on('data', zlibBufferOnData);
  engine.on('error', zlibBufferOnError);
  engine.on('end', zlibBufferOnEnd);
  engine.end(buffer);
}

function bufferTooLarge(max: number): Error {
  const e = new RangeError(`Cannot create a Buffer larger than ${max} bytes`) as RangeError & { code: string };
  e.code = 'ERR_BUFFER_TOO_LARGE';
  return e;
}

function zlibBufferOnData(this: any, chunk: Buffer): void {
  if (!this.buffers) this.buffers = [chunk];
  else this.buffers.push(chunk);
  this.nread += chunk.length;
  if (this.nread > this._maxOutputLength) {
    this.close();
    this.removeAllListeners('end');
    this.cb(bufferTooLarge(this._maxOutputLength));
  }
}

function zlibBufferOnError(this: any, err: unknown): void {
  this.removeAllListeners('end');
  this.cb(err);
}

function zlibBufferOnEnd(this: any): void {
  let buf;
  if (this.nread === 0) {
    buf = Buffer.alloc(0);
  } else {
    const bufs = this.buffers;
    buf = bufs.length === 1 ? bufs[0] : Buffer.concat(bufs, this.nread);
  }
  this.close();
  if (this._info) this.cb(null, { buffer: buf, engine: this });
  else this.cb(null, buf);
}

function zlibOnError(this: any, message: string, errno: number, code: string): void {
  const self = this[ownerSymbol];
  // There is no way to cleanly recover.
  // Continuing only obscures problems.
  const error = Object.assign(new Error(message), { errno, code });
  error.errno = errno;
  error.code = code;
  self.destroy(error);
  self[kError] = error;
}

// The base class for all Zlib-style streams.
function ZlibBase(this: any, opts: any, mode: number, handle: ZlibHandle, engine: any): void {
  // The options were validated (and the defaults chosen) by the host's constructor of `engine`.
  const chunkSize = engine._chunkSize;
  if (opts) {
    if (opts.encoding || opts.objectMode || opts.writableObjectMode) {
      opts = { ...opts };
      opts.encoding = null;
      opts.objectMode = false;
      opts.writableObjectMode = false;
    }
  }

  Reflect.apply(Transform, this, [{ autoDestroy: true, ...opts }]);
  this[kError] = null;
  this.bytesWritten = 0;
  this._handle = handle;
  (handle as any)[ownerSymbol] = this;
  // Used by processCallback() and zlibOnError()
  handle.onerror = zlibOnError;
  this._outBuffer = Buffer.allocUnsafe(chunkSize);
  this._outOffset = 0;

  this._chunkSize = chunkSize;
  this._defaultFlushFlag = engine._defaultFlushFlag;
  this._finishFlushFlag = engine._finishFlushFlag;
  this._defaultFullFlushFlag = engine._defaultFullFlushFlag;
  this._info = opts && opts.info;
  this._maxOutputLength = engine._maxOutputLength ?? kMaxLength;
  void mode;
}
Object.setPrototypeOf(ZlibBase.prototype, Transform.prototype);
Object.setPrototypeOf(ZlibBase, Transform);

Object.defineProperty(ZlibBase.prototype, '_closed', {
  configurable: true,
  enumerable: true,
  get() {
    return !this._handle;
  },
});

// `bytesRead` made sense as a name when looking from the zlib engine's
// perspective, but it is inconsistent with all other streams exposed by Node.js
// that have this concept, where it stands for the number of bytes read
// *from* the stream (that is, net.Socket/tls.Socket & file system streams).
// Node 24 removed it (DEP0108, end of life).
if (host.nodeMajor < 24) Object.defineProperty(ZlibBase.prototype, 'bytesRead', {
  configurable: true,
  enumerable: true,
  get: host.deprecate(function(this: any) {
    return this.bytesWritten;
  }, 'zlib.bytesRead is deprecated and will change its meaning in the ' +
     'future. Use zlib.bytesWritten instead.', 'DEP0108'),
  set: host.deprecate(function(this: any, value: number) {
    this.bytesWritten = value;
  }, 'Setting zlib.bytesRead is deprecated. ' +
     'This feature will be removed in the future.', 'DEP0108'),
});

ZlibBase.prototype.reset = function(this: any) {
  if (!this._handle) throw Object.assign(new Error('zlib binding closed'), { code: 'ERR_INTERNAL_ASSERTION' });
  return this._handle.reset();
};

// This is the _flush function called by the transform class,
// internally, when the last chunk has been written.
ZlibBase.prototype._flush = function(this: any, callback: () => void) {
  this._transform(Buffer.alloc(0), '', callback);
};

// Force Transform compat behavior.
ZlibBase.prototype._final = function(callback: () => void) {
  callback();
};

// If a flush is scheduled while another flush is still pending, a way to figure
// out which one is the "stronger" flush is needed.
// Roughly, the following holds:
// Z_NO_FLUSH < Z_BLOCK < Z_PARTIAL_FLUSH <
//     Z_SYNC_FLUSH < Z_FULL_FLUSH < Z_FINISH
const flushiness: number[] = [];
const kFlushFlagList = [Z_NO_FLUSH, Z_BLOCK, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH];
for (let i = 0; i < kFlushFlagList.length; i++) {
  flushiness[kFlushFlagList[i]] = i;
}

function maxFlush(a: number, b: number): number {
  return flushiness[a] > flushiness[b] ? a : b;
}

// Set up a list of 'special' buffers that can be written using .write()
// from the .flush() code as a way of introducing flushing operations into the
// write sequence.
const kFlushBuffers: any[] = [];
{
  const dummyArrayBuffer = new ArrayBuffer(0);
  for (const flushFlag of kFlushFlagList) {
    kFlushBuffers[flushFlag] = Buffer.from(dummyArrayBuffer);
    kFlushBuffers[flushFlag][kFlushFlag] = flushFlag;
  }
}

ZlibBase.prototype.flush = function(this: any, kind: any, callback: any) {
  if (typeof kind === 'function' || (kind === undefined && !callback)) {
    callback = kind;
    kind = this._defaultFullFlushFlag;
  }

  if (this.writableFinished) {
    if (callback) process.nextTick(callback);
  } else if (this.writableEnded) {
    if (callback) this.once('end', callback);
  } else {
    this.write(kFlushBuffers[kind], '', callback);
  }
};

ZlibBase.prototype.close = function(this: any, callback?: (err?: Error) => void) {
  if (callback) finished(this, callback);
  this.destroy();
};

ZlibBase.prototype._destroy = function(this: any, err: Error | null, callback: (err: Error | null) => void) {
  _close(this);
  callback(err);
};

ZlibBase.prototype._transform = function(this: any, chunk: any, _encoding: string, cb: () => void) {
  let flushFlag = this._defaultFlushFlag;
  // We use a 'fake' zero-length chunk to carry information about flushes from
  // the public API to the actual stream implementation.
  if (typeof chunk[kFlushFlag] === 'number') {
    flushFlag = chunk[kFlushFlag];
  }

  // For the last chunk, also apply `_finishFlushFlag`.
  if (this.writableEnded && this.writableLength === chunk.byteLength) {
    flushFlag = maxFlush(flushFlag, this._finishFlushFlag);
  }
  processChunk(this, chunk, flushFlag, cb);
};

ZlibBase.prototype._processChunk = function(this: any, chunk: any, flushFlag: number, cb?: () => void) {
  // _processChunk() is left for backwards compatibility
  if (typeof cb === 'function') processChunk(this, chunk, flushFlag, cb);
  else return processChunkSync(this, chunk, flushFlag);
};

function processChunkSync(self: any, chunk: any, flushFlag: number): Buffer {
  let availInBefore = chunk.byteLength;
  let availOutBefore = self._chunkSize - self._outOffset;
  let inOff = 0;
  let availOutAfter;
  let availInAfter;

  let buffers: Buffer[] | null = null;
  let nread = 0;
  let inputRead = 0;
  const state = self._writeState;
  const handle = self._handle;
  let buffer = self._outBuffer;
  let offset = self._outOffset;
  const chunkSize = self._chunkSize;

  let error;
  self.on('error', function onError(er: unknown) {
    error = er;
  });

  while (true) {
    handle.writeSync(flushFlag,
                     chunk, // in
                     inOff, // in_off
                     availInBefore, // in_len
                     buffer, // out
                     offset, // out_off
                     availOutBefore); // out_len
    if (error) throw error;
    else if (self[kError]) throw self[kError];

    availOutAfter = state[0];
    availInAfter = state[1];

    const inDelta = availInBefore - availInAfter;
    inputRead += inDelta;

    const have = availOutBefore - availOutAfter;
    if (have > 0) {
      const out = buffer.slice(offset, offset + have);
      offset += have;
      if (!buffers) buffers = [out];
      else buffers.push(out);
      nread += out.byteLength;

      if (nread > self._maxOutputLength) {
        _close(self);
        throw bufferTooLarge(self._maxOutputLength);
      }
    }

    // Exhausted the output buffer, or used all the input create a new one.
    if (availOutAfter === 0 || offset >= chunkSize) {
      availOutBefore = chunkSize;
      offset = 0;
      buffer = Buffer.allocUnsafe(chunkSize);
    }

    if (availOutAfter === 0) {
      // Not actually done. Need to reprocess.
      // Also, update the availInBefore to the availInAfter value,
      // so that if we have to hit it a third (fourth, etc.) time,
      // it'll have the correct byte counts.
      inOff += inDelta;
      availInBefore = availInAfter;
    } else {
      break;
    }
  }

  self.bytesWritten = inputRead;
  _close(self);

  if (nread === 0) return Buffer.alloc(0);

  return buffers!.length === 1 ? buffers![0] : Buffer.concat(buffers!, nread);
}

function processChunk(self: any, chunk: any, flushFlag: number, cb: () => void): void {
  const handle = self._handle;
  if (!handle) {
    process.nextTick(cb);
    return;
  }

  handle.buffer = chunk;
  handle.cb = cb;
  handle.availOutBefore = self._chunkSize - self._outOffset;
  handle.availInBefore = chunk.byteLength;
  handle.inOff = 0;
  handle.flushFlag = flushFlag;

  handle.write(flushFlag,
               chunk, // in
               0, // in_off
               handle.availInBefore, // in_len
               self._outBuffer, // out
               self._outOffset, // out_off
               handle.availOutBefore); // out_len
}

function processCallback(this: any): void {
  // This callback's context (`this`) is the `_handle` (ZCtx) object. It is
  // important to null out the values once they are no longer needed since
  // `_handle` can stay in memory long after the buffer is needed.
  // eslint-disable-next-line @typescript-eslint/no-this-alias -- Node's code, kept as it is
  const handle = this;
  const self = this[ownerSymbol];
  const state = self._writeState;

  if (self.destroyed) {
    this.buffer = null;
    this.cb();
    return;
  }

  const availOutAfter = state[0];
  const availInAfter = state[1];

  const inDelta = handle.availInBefore - availInAfter;
  self.bytesWritten += inDelta;

  const have = handle.availOutBefore - availOutAfter;
  let streamBufferIsFull = false;
  if (have > 0) {
    const out = self._outBuffer.slice(self._outOffset, self._outOffset + have);
    self._outOffset += have;
    streamBufferIsFull = !self.push(out);
  }

  if (self.destroyed) {
    this.cb();
    return;
  }

  // Exhausted the output buffer, or used all the input create a new one.
  if (availOutAfter === 0 || self._outOffset >= self._chunkSize) {
    handle.availOutBefore = self._chunkSize;
    self._outOffset = 0;
    self._outBuffer = Buffer.allocUnsafe(self._chunkSize);
  }

  if (availOutAfter === 0) {
    // Not actually done. Need to reprocess.
    // Also, update the availInBefore to the availInAfter value,
    // so that if we have to hit it a third (fourth, etc.) time,
    // it'll have the correct byte counts.
    handle.inOff += inDelta;
    handle.availInBefore = availInAfter;

    if (!streamBufferIsFull) {
      this.write(handle.flushFlag,
                 this.buffer, // in
                 handle.inOff, // in_off
                 handle.availInBefore, // in_len
                 self._outBuffer, // out
                 self._outOffset, // out_off
                 self._chunkSize); // out_len
    } else {
      const oldRead = self._read;
      self._read = (n: number) => {
        self._read = oldRead;
        this.write(handle.flushFlag,
                   this.buffer, // in
                   handle.inOff, // in_off
                   handle.availInBefore, // in_len
                   self._outBuffer, // out
                   self._outOffset, // out_off
                   self._chunkSize); // out_len
        self._read(n);
      };
    }
    return;
  }

  if (availInAfter > 0) {
    // If we have more input that should be written, but we also have output
    // space available, that means that the compression library was not
    // interested in receiving more data, and in particular that the input
    // stream has ended early.
    // This applies to streams where we don't check data past the end of
    // what was consumed; that is, everything except Gunzip/Unzip.
    self.push(null);
  }

  // Finished with the chunk.
  this.buffer = null;
  this.cb();
}

function _close(engine: any): void {
  // Caller may invoke .close after a zlib error (which will null _handle).
  if (!engine._handle) return;

  engine._handle.close();
  engine._handle = null;
}

/** The sandbox's handle over a host engine made with `opts` (validated there). */
function makeHandle(self: any, mode: number, opts: any): { handle: ZlibHandle; engine: any } {
  const engine = hostEngine(mode, opts);
  self._writeState = new Uint32Array(2);
  const handle = new ZlibHandle(engine, mode === BROTLI_ENCODE || mode === BROTLI_DECODE, MODES[mode].op, isCompression(mode));
  handle.init(self._writeState, processCallback);
  return { handle, engine };
}

function isCompression(mode: number): boolean {
  return mode === DEFLATE || mode === GZIP || mode === DEFLATERAW || mode === BROTLI_ENCODE;
}

// Base class for all streams actually backed by zlib and using zlib-specific
// parameters.
function Zlib(this: any, opts: any, mode: number): void {
  const { handle, engine } = makeHandle(this, mode, opts);
  Reflect.apply(ZlibBase, this, [opts, mode, handle, engine]);
  this._level = engine._level;
  this._strategy = engine._strategy;
}
Object.setPrototypeOf(Zlib.prototype, ZlibBase.prototype);
Object.setPrototypeOf(Zlib, ZlibBase);

// This callback is used by `.params()` to wait until a full flush happened
// before adjusting the parameters. In particular, the call to the native
// `params()` function should not happen while a write is currently in progress
// on the threadpool.
function paramsAfterFlushCallback(this: any, level: number, strategy: number, callback?: () => void): void {
  if (!this._handle) throw Object.assign(new Error('zlib binding closed'), { code: 'ERR_INTERNAL_ASSERTION' });
  this._handle.params(level, strategy);
  if (!this.destroyed) {
    this._level = level;
    this._strategy = strategy;
    if (callback) callback();
  }
}

const noop = () => {};

Zlib.prototype.params = function params(this: any, level: number, strategy: number, callback?: () => void) {
  // checkRangesOrGetDefault(level, 'level', …), (strategy, 'strategy', …): the host's params
  // validates first; on a stand-in whose level and strategy are already these, it then does
  // nothing but a nextTick of its own.
  syncCall(() => hostZlib().Deflate.prototype.params.call({ _level: level, _strategy: strategy }, level, strategy, noop));

  if (this._level !== level || this._strategy !== strategy) {
    this.flush(Z_SYNC_FLUSH, paramsAfterFlushCallback.bind(this, level, strategy, callback));
  } else {
    process.nextTick(callback as () => void);
  }
};

// generic zlib
// minimal 2-byte header
function Deflate(this: any, opts?: any): any {
  if (!(this instanceof Deflate)) return new (Deflate as any)(opts);
  Reflect.apply(Zlib, this, [opts, DEFLATE]);
}
Object.setPrototypeOf(Deflate.prototype, Zlib.prototype);
Object.setPrototypeOf(Deflate, Zlib);

function Inflate(this: any, opts?: any): any {
  if (!(this instanceof Inflate)) return new (Inflate as any)(opts);
  Reflect.apply(Zlib, this, [opts, INFLATE]);
}
Object.setPrototypeOf(Inflate.prototype, Zlib.prototype);
Object.setPrototypeOf(Inflate, Zlib);

function Gzip(this: any, opts?: any): any {
  if (!(this instanceof Gzip)) return new (Gzip as any)(opts);
  Reflect.apply(Zlib, this, [opts, GZIP]);
}
Object.setPrototypeOf(Gzip.prototype, Zlib.prototype);
Object.setPrototypeOf(Gzip, Zlib);

function Gunzip(this: any, opts?: any): any {
  if (!(this instanceof Gunzip)) return new (Gunzip as any)(opts);
  Reflect.apply(Zlib, this, [opts, GUNZIP]);
}
Object.setPrototypeOf(Gunzip.prototype, Zlib.prototype);
Object.setPrototypeOf(Gunzip, Zlib);

function DeflateRaw(this: any, opts?: any): any {
  if (opts && opts.windowBits === 8) opts.windowBits = 9;
  if (!(this instanceof DeflateRaw)) return new (DeflateRaw as any)(opts);
  Reflect.apply(Zlib, this, [opts, DEFLATERAW]);
}
Object.setPrototypeOf(DeflateRaw.prototype, Zlib.prototype);
Object.setPrototypeOf(DeflateRaw, Zlib);

function InflateRaw(this: any, opts?: any): any {
  if (!(this instanceof InflateRaw)) return new (InflateRaw as any)(opts);
  Reflect.apply(Zlib, this, [opts, INFLATERAW]);
}
Object.setPrototypeOf(InflateRaw.prototype, Zlib.prototype);
Object.setPrototypeOf(InflateRaw, Zlib);

function Unzip(this: any, opts?: any): any {
  if (!(this instanceof Unzip)) return new (Unzip as any)(opts);
  Reflect.apply(Zlib, this, [opts, UNZIP]);
}
Object.setPrototypeOf(Unzip.prototype, Zlib.prototype);
Object.setPrototypeOf(Unzip, Zlib);

type Ctor = new (opts?: any) => any;

function createConvenienceMethod(ctor: Ctor, syncName: string, sync: boolean): (...args: any[]) => any {
  if (sync) {
    return function syncBufferWrapper(buffer: unknown, opts?: unknown) {
      return syncCall(() => hostZlib()[syncName](buffer, opts));
    };
  }
  return function asyncBufferWrapper(buffer: unknown, opts: unknown, callback?: unknown) {
    if (typeof opts === 'function') {
      callback = opts;
      opts = {};
    }
    return zlibBuffer(new ctor(opts), buffer, callback);
  };
}

function Brotli(this: any, opts: any, mode: number): void {
  const { handle, engine } = makeHandle(this, mode, opts);
  Reflect.apply(ZlibBase, this, [opts, mode, handle, engine]);
}
Object.setPrototypeOf(Brotli.prototype, Zlib.prototype);
Object.setPrototypeOf(Brotli, Zlib);

function BrotliCompress(this: any, opts?: any): any {
  if (!(this instanceof BrotliCompress)) return new (BrotliCompress as any)(opts);
  Reflect.apply(Brotli, this, [opts, BROTLI_ENCODE]);
}
Object.setPrototypeOf(BrotliCompress.prototype, Brotli.prototype);
Object.setPrototypeOf(BrotliCompress, Brotli);

function BrotliDecompress(this: any, opts?: any): any {
  if (!(this instanceof BrotliDecompress)) return new (BrotliDecompress as any)(opts);
  Reflect.apply(Brotli, this, [opts, BROTLI_DECODE]);
}
Object.setPrototypeOf(BrotliDecompress.prototype, Brotli.prototype);
Object.setPrototypeOf(BrotliDecompress, Brotli);

function createProperty(ctor: Ctor): PropertyDescriptor {
  return {
    configurable: true,
    enumerable: true,
    value: function(options?: unknown) {
      return new ctor(options);
    },
  };
}

export function makeZlib(): Record<string, unknown> {
  const host = hostZlib();
  const C = (f: unknown) => f as unknown as Ctor;
  const zlib: Record<string, unknown> = {
    crc32: host.crc32,
    Deflate,
    Inflate,
    Gzip,
    Gunzip,
    DeflateRaw,
    InflateRaw,
    Unzip,
    BrotliCompress,
    BrotliDecompress,

    // Convenience methods.
    // compress/decompress a string or buffer in one step.
    deflate: createConvenienceMethod(C(Deflate), 'deflateSync', false),
    deflateSync: createConvenienceMethod(C(Deflate), 'deflateSync', true),
    gzip: createConvenienceMethod(C(Gzip), 'gzipSync', false),
    gzipSync: createConvenienceMethod(C(Gzip), 'gzipSync', true),
    deflateRaw: createConvenienceMethod(C(DeflateRaw), 'deflateRawSync', false),
    deflateRawSync: createConvenienceMethod(C(DeflateRaw), 'deflateRawSync', true),
    unzip: createConvenienceMethod(C(Unzip), 'unzipSync', false),
    unzipSync: createConvenienceMethod(C(Unzip), 'unzipSync', true),
    inflate: createConvenienceMethod(C(Inflate), 'inflateSync', false),
    inflateSync: createConvenienceMethod(C(Inflate), 'inflateSync', true),
    gunzip: createConvenienceMethod(C(Gunzip), 'gunzipSync', false),
    gunzipSync: createConvenienceMethod(C(Gunzip), 'gunzipSync', true),
    inflateRaw: createConvenienceMethod(C(InflateRaw), 'inflateRawSync', false),
    inflateRawSync: createConvenienceMethod(C(InflateRaw), 'inflateRawSync', true),
    brotliCompress: createConvenienceMethod(C(BrotliCompress), 'brotliCompressSync', false),
    brotliCompressSync: createConvenienceMethod(C(BrotliCompress), 'brotliCompressSync', true),
    brotliDecompress: createConvenienceMethod(C(BrotliDecompress), 'brotliDecompressSync', false),
    brotliDecompressSync: createConvenienceMethod(C(BrotliDecompress), 'brotliDecompressSync', true),
  };
  if (typeof host.crc32 !== 'function') delete zlib.crc32;

  Object.defineProperties(zlib, {
    createDeflate: createProperty(C(Deflate)),
    createInflate: createProperty(C(Inflate)),
    createDeflateRaw: createProperty(C(DeflateRaw)),
    createInflateRaw: createProperty(C(InflateRaw)),
    createGzip: createProperty(C(Gzip)),
    createGunzip: createProperty(C(Gunzip)),
    createUnzip: createProperty(C(Unzip)),
    createBrotliCompress: createProperty(C(BrotliCompress)),
    createBrotliDecompress: createProperty(C(BrotliDecompress)),
    constants: {
      configurable: false,
      enumerable: true,
      value: constants,
    },
    codes: {
      enumerable: true,
      writable: false,
      value: Object.freeze(codes),
    },
  });

  // These should be considered deprecated
  // expose all the zlib constants
  for (const bkey of Object.keys(constants)) {
    if (bkey.startsWith('BROTLI')) continue;
    Object.defineProperty(zlib, bkey, {
      enumerable: false, value: constants[bkey], writable: false,
    });
  }
  return zlib;
}
