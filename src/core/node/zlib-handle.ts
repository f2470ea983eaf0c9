/**
 * What zlib.ts's streams hold as `_handle`: the sandbox's stand-in for Node's native zlib handle
 * (node_zlib.cc's ZlibContext / BrotliEncoder / BrotliDecoder).
 *
 * Native `write()` queues the compression of one input window into one output window on libuv's
 * threadpool; when it is done, the loop updates the stream's write state (`[availOut, availIn]`)
 * and calls the write callback (zlib.ts's processCallback), or `onerror(message, errno, code)`
 * when zlib failed. Here `write()` is a threadpool request whose real work is the same write done
 * now, synchronously, by the native handle of a host engine (`writeSync`: the path of Node's
 * `…Sync` functions); the state and the callback are delivered in the poll phase after the
 * model's cost. `writeSync()` (zlib.ts's processChunkSync) is the host's, at once.
 */
import { formatSize, type CostKind } from '../io/model';
import { submit } from './libuv';

/** Node's owner_symbol: the stream that owns a handle. */
export const ownerSymbol = Symbol('owner_symbol');

interface WriteResult {
  error?: { message: string; errno: number; code: string };
  availOut: number;
  availIn: number;
  consumed: number;
  produced: number;
}

export class ZlibHandle {
  /** zlib.ts's zlibOnError, set by ZlibBase; called with the handle as `this`. */
  onerror: (this: ZlibHandle, message: string, errno: number, code: string) => void = () => {};
  // processChunk / processCallback keep their bookkeeping on the handle, as on Node's.
  buffer: unknown = null;
  cb: (() => void) | undefined;
  availOutBefore = 0;
  availInBefore = 0;
  inOff = 0;
  flushFlag = 0;
  [ownerSymbol]: unknown;

  private writeState: Uint32Array | undefined;
  private callback: (() => void) | undefined;
  private readonly native: any;
  private readonly hostState: Uint32Array;
  private readonly kind: CostKind;

  constructor(
    /** The host's engine (a host zlib stream, never written to): its native handle does the work. */
    engine: any,
    brotli: boolean,
    /** What the timeline calls one write: `gzip`, `brotliDecompress`, … */
    private readonly op: string,
    /** Compressing (cost on the input) or decompressing (cost on the output). */
    private readonly compressing: boolean,
  ) {
    this.native = engine._handle;
    this.hostState = engine._writeState;
    // zlib's errors outside a write (params, reset) reach the stream at once, as Node's do.
    this.native.onerror = this.forwardError;
    this.kind = brotli ? 'zlib.brotli' : compressing ? 'zlib.deflate' : 'zlib.inflate';
  }

  init(writeState: Uint32Array, processCallback: () => void): void {
    this.writeState = writeState;
    this.callback = processCallback;
  }

  /** One write on the threadpool (Node's asynchronous `handle.write`). */
  write(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void {
    submit<WriteResult>(
      {
        label: this.op,
        cpu: true,
        work: () => this.run(flush, input, inOff, inLen, out, outOff, outLen),
        cost: (m, r) => m.bytes(this.kind, r === undefined || r.error ? 0 : this.compressing ? r.consumed : r.produced),
        describe: (r) => (r.error ? r.error.code : `${formatSize(r.consumed)} → ${formatSize(r.produced)}`),
      },
      (err, r) => {
        if (err) {
          // Not expected (run() reports zlib's errors in its result): as an error of zlib.
          const e = err as { message?: string; errno?: number; code?: string };
          this.onerror.call(this, String(e.message), e.errno ?? -2, e.code ?? 'Z_STREAM_ERROR');
          return;
        }
        const res = r as WriteResult;
        if (res.error) {
          this.onerror.call(this, res.error.message, res.error.errno, res.error.code);
          return;
        }
        this.writeState![0] = res.availOut;
        this.writeState![1] = res.availIn;
        this.callback!.call(this);
      },
    );
  }

  /** Node's synchronous `handle.writeSync`: done now; zlib's error goes to `onerror` at once. */
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void {
    const res = this.run(flush, input, inOff, inLen, out, outOff, outLen);
    if (res.error) {
      this.onerror.call(this, res.error.message, res.error.errno, res.error.code);
      return;
    }
    this.writeState![0] = res.availOut;
    this.writeState![1] = res.availIn;
  }

  private readonly forwardError = (message: string, errno: number, code: string): void => {
    this.onerror.call(this, message, errno, code);
  };

  params(level: number, strategy: number): void {
    this.native.params(level, strategy);
  }

  reset(): void {
    this.native.reset();
  }

  close(): void {
    // The host's write is already done (it ran when the request was made): closing now is what
    // Node's deferred close (pending_close_ while a write is in progress) ends up doing.
    this.native.close();
  }

  /** The real write, by the host's native handle. */
  private run(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): WriteResult {
    let error: WriteResult['error'];
    this.native.onerror = (message: string, errno: number, code: string) => {
      error = { message, errno, code };
    };
    try {
      this.native.writeSync(flush, input, inOff, inLen, out, outOff, outLen);
    } finally {
      this.native.onerror = this.forwardError;
    }
    if (error) return { error, availOut: outLen, availIn: inLen, consumed: 0, produced: 0 };
    const availOut = this.hostState[0];
    const availIn = this.hostState[1];
    return { availOut, availIn, consumed: inLen - availIn, produced: outLen - availOut };
  }
}
