/**
 * `child_process` in the sandbox: a port of Node 20's lib/child_process.js and
 * lib/internal/child_process.js (ChildProcess, spawn, exec, execFile, fork, the …Sync
 * functions) on the sandbox's events, streams, ticks and timers. The process itself is real
 * (child-real.ts): started with the host's child_process, its output, exit and IPC messages
 * delivered into the simulated loop through a real channel (src/core/io), at the virtual moment
 * "spawn + real time elapsed". Node's order of events is kept: 'spawn' on the next tick, a
 * failed spawn's 'error' on the next tick (then 'close' with the negative errno), pipe data and
 * EOF in the poll phase, 'exit' (code, signal), and 'close' once the exit and every stdio pipe's
 * 'close' are in.
 *
 * Deviations, and why:
 * - Node's stdio streams are net.Socket over libuv pipes; here they are Duplex streams of the
 *   sandbox (`Socket` here) with net.Socket's options and its _read/_final/_destroy structure.
 *   A socket's 'close' comes from libuv's closing-handles phase, after the check phase, in LIFO
 *   order of the uv_close calls: emulated with one `setImmediate` per closed handle, each taking
 *   the most recently closed one (so 'close' events land after the immediates queued before
 *   them, last closed first, each in its own callback scope).
 * - `stdio: 'inherit'` (or fd 1/2, or process.stdout/stderr) for the child's stdout/stderr: the
 *   child writes into a real pipe whose chunks go to the program's process.stdout/stderr (the
 *   simulated ones) when they arrive — Node lets the child write to the terminal directly.
 * - A child still running when the run ends is killed (SIGKILL), even a detached, unref'd one.
 * - The …Sync functions are the host's; the time they took is a block of the virtual clock. The
 *   time spawn() itself takes (fork, exec) is free, as synchronous code is (cost-model.md).
 * - fork(): the IPC channel is the host's (JSON or 'advanced' serialization): messages are
 *   copied into the sandbox's realm; sending handles (sockets, servers) is not simulated. The
 *   child is a real `node` running the file for real (not simulated).
 * - Timing is real, hence as racy as in Node: a child's events land at "its spawn + real time";
 *   when the program acts on the child (stdin, kill, send) while the simulation lags behind
 *   real time, the child's answer is timed from that moment (RealChannel.touch).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the sandbox's events (the port), as Node's lib requires it */
import { asyncError, sandboxError, syncCall } from './errors';
import { host, real } from './host';
import { RealChild, type HostStdio } from './child-real';
import { AbortError, validateAbortSignal, validateFunction, validateString } from './readline-errors';
import { stream } from './stream';

const EventEmitter = require('events');
const Duplex: new (options?: object) => any = stream.Duplex;

const PROMISIFY_CUSTOM = Symbol.for('nodejs.util.promisify.custom');
const MAX_BUFFER = 1024 * 1024;
const kIsUsedAsStdio = Symbol('kIsUsedAsStdio');
const kPendingMessages = Symbol('kPendingMessages');
const kOwner = Symbol('kOwner');

const UV_EACCES = -13;
const UV_EAGAIN = -11;
const UV_EINVAL = -22;
const UV_EMFILE = -24;
const UV_ENFILE = -23;
const UV_ENOENT = -2;
const UV_ENOSYS = -38;
const UV_ESRCH = -3;

const hostUtil = () => real('util');
const signals = (): Record<string, number> => real('os').constants.signals;

// ------------------------------------------------------------------ errors (sandbox realm)

/** Node's internal errors this module throws (`Name [CODE]: message` stack head, own enumerable `code`). */
function codedError(Base: ErrorConstructor, code: string, message: string): Error & { code: string } {
  const err = new Base(message) as Error & { code: string };
  err.code = code;
  Object.defineProperty(err, 'name', { value: `${err.name} [${code}]`, writable: true, enumerable: false, configurable: true });
  void err.stack;
  delete (err as { name?: string }).name;
  return err;
}

function describeReceived(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function') return `function ${value.name}`;
  if (typeof value === 'object') return (value as object).constructor?.name ? `an instance of ${(value as object).constructor.name}` : hostUtil().inspect(value, { depth: -1 });
  let shown = hostUtil().inspect(value, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `type ${typeof value} (${shown})`;
}

function invalidArgType(name: string, expected: string, value: unknown): Error {
  return codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" ${name.includes('.') ? 'property' : 'argument'} must be ${expected}. Received ${describeReceived(value)}`);
}

function validateObject(value: unknown, name: string): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidArgType(name, 'of type object', value);
}

/**
 * The stack of an error made here ends with this layer's frames, as Node's ends with its lib's
 * (the runtime's frames below would be the program's "tick queue"). Node's 'error' printing
 * compares it with the emit's stack: a long common tail would print "[... lines matching …]".
 */
function ownFrames(err: Error, above: (...a: any[]) => unknown): Error {
  Error.captureStackTrace(err, above);
  const lines = String(err.stack).split('\n');
  const first = lines.findIndex((l, i) => i > 0 && /^\s+at /.test(l) && !l.includes('async-timeline nodelib'));
  if (first > 0) Object.defineProperty(err, 'stack', { value: lines.slice(0, first).join('\n'), writable: true, configurable: true, enumerable: false });
  return err;
}

/** util._errnoException: `${syscall} ${code}`, errno, code, syscall. */
function errnoException(err: number, syscall: string): Error & Record<string, unknown> {
  const code = hostUtil().getSystemErrorName(err);
  const ex = new Error(`${syscall} ${code}`) as Error & Record<string, unknown>;
  ex.errno = err;
  ex.code = code;
  ex.syscall = syscall;
  return ownFrames(ex, errnoException) as Error & Record<string, unknown>;
}

/** lib/internal/errors.js genericNodeError: an Error with the properties assigned. */
function genericNodeError(message: string, props: Record<string, unknown>): Error & Record<string, unknown> {
  return Object.assign(new Error(message), props);
}

function convertToValidSignal(signal: unknown): number {
  const all = signals();
  if (typeof signal === 'number' && Object.values(all).includes(signal)) return signal;
  if (typeof signal === 'string') {
    const n = all[signal.toUpperCase()];
    if (n) return n;
  }
  throw codedError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${String(signal)}`);
}

function sanitizeKillSignal(killSignal: unknown): number | undefined {
  if (typeof killSignal === 'string' || typeof killSignal === 'number') return convertToValidSignal(killSignal);
  if (killSignal != null) throw invalidArgType('options.killSignal', 'one of type string or number', killSignal);
  return undefined;
}

/** ERR_OUT_OF_RANGE (lib/internal/errors.js), for the two checks of lib/child_process.js that use it. */
function outOfRange(name: string, range: string, input: unknown): Error {
  let received: string;
  if (Number.isInteger(input) && Math.abs(input as number) > 2 ** 32) {
    received = String(input).replace(/\B(?=(\d{3})+$)/g, '_');
  } else {
    received = hostUtil().inspect(input);
  }
  return codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${received}`);
}

function validateTimeout(timeout: unknown): void {
  if (timeout != null && !(Number.isInteger(timeout) && (timeout as number) >= 0)) {
    throw outOfRange('timeout', 'an unsigned integer', timeout);
  }
}

function validateMaxBuffer(maxBuffer: unknown): void {
  if (maxBuffer != null && !(typeof maxBuffer === 'number' && maxBuffer >= 0)) {
    throw outOfRange('options.maxBuffer', 'a positive number', maxBuffer);
  }
}

// ------------------------------------------------------------------ libuv's closing-handles phase

/**
 * uv_close callbacks run after the check phase, the most recently closed handle first. One
 * immediate per closed handle, each running the most recent one still waiting (see the header).
 */
const closing: Array<() => void> = [];
function closeHandle(cb: () => void): void {
  closing.push(cb);
  setImmediate(runClosedHandle);
}
function runClosedHandle(): void {
  const cb = closing.pop();
  if (cb !== undefined) cb();
}

// ------------------------------------------------------------------ the stdio pipes (net.Socket)

/** The pipe handle of a Socket (Node's Pipe wrap): only what the structure needs. */
class Pipe {
  reading = false;
  refed = true;
  constructor(readonly real: RealChild, readonly fd: number, readonly owner: any) {}
  readStart(): void {
    const was = this.reading;
    this.reading = true;
    // The host may have stopped on its own (a chunk on its way would fill the buffer).
    this.real.resume(this.fd);
    if (!was) this.owner[kOwner]?._updateRef();
  }
  readStop(): void {
    this.reading = false;
    this.real.pause(this.fd);
    this.owner[kOwner]?._updateRef();
  }
}

/**
 * A child's stdin/stdout/stderr: net.Socket's shape over a real pipe (`allowHalfOpen: false`,
 * `emitClose: false` — 'close' comes from the handle's close —, reading started at once).
 */
class Socket extends Duplex {
  _handle: Pipe | null;
  [kOwner]: any;
  [kIsUsedAsStdio]?: boolean;

  constructor(realChild: RealChild, fd: number, readable: boolean, owner: any) {
    super({ allowHalfOpen: false, emitClose: false, autoDestroy: true, decodeStrings: false, readable });
    this[kOwner] = owner;
    this._handle = new Pipe(realChild, fd, this);
    this.on('end', onReadableStreamEnd);
    // net.Socket: "if we have a handle, then start the flow of data into the buffer".
    if (readable) this.read(0);
  }

  _read(_n: number): void {
    if (this._handle) this._handle.readStart();
  }

  /** ChildSink.wants: the stream would take `inflight` more bytes without filling up (flowing: it passes them on at once). */
  _wants(inflight: number): boolean {
    if (this.destroyed || this._handle === null) return true;
    const state = this._readableState;
    if (state.flowing && state.length === 0) return true;
    return state.length + inflight < state.highWaterMark;
  }

  /** onStreamRead with data. */
  _onData(chunk: Buffer): void {
    if (this.destroyed) return;
    const result = this.push(chunk);
    if (!result && this._handle) {
      this._handle.reading = false;
      if (!this.destroyed) this._handle.readStop();
    }
  }

  /** onStreamRead with UV_EOF. */
  _onEof(): void {
    if (this.destroyed || this._readableState.endEmitted) return;
    this.push(null);
    this.read(0);
  }

  _write(chunk: unknown, encoding: string, cb: (err?: unknown) => void): void {
    const handle = this._handle;
    if (!handle) {
      cb(codedError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed'));
      return;
    }
    handle.real.write(handle.fd, chunk, typeof chunk === 'string' ? encoding : undefined, (err, sync) => {
      if (err === undefined) cb();
      else cb(sync ? sandboxError(err) : asyncErrorOf(err));
    });
  }

  _final(cb: (err?: unknown) => void): void {
    const handle = this._handle;
    if (!handle) {
      cb();
      return;
    }
    // A pipe the child writes into cannot be shut down from here: UV_ENOTCONN, a synchronous finish.
    if (handle.fd !== 0) {
      cb();
      return;
    }
    handle.real.end(handle.fd, (err) => cb(err === undefined ? undefined : asyncErrorOf(err)));
  }

  _destroy(exception: unknown, cb: (err?: unknown) => void): void {
    const handle = this._handle;
    if (handle) {
      const isException = !!exception;
      closeHandle(() => this.emit('close', isException));
      handle.real.destroyPipe(handle.fd);
      this._handle = null;
      this[kOwner]?._updateRef();
      cb(exception);
    } else {
      cb(exception);
      process.nextTick(() => this.emit('close'));
    }
  }

  ref(): this {
    if (this._handle) {
      this._handle.refed = true;
      this[kOwner]?._updateRef();
    }
    return this;
  }

  unref(): this {
    if (this._handle) {
      this._handle.refed = false;
      this[kOwner]?._updateRef();
    }
    return this;
  }

  /** A pipe of a running child keeps the loop alive while it reads (libuv: an active handle). */
  get _keepsAlive(): boolean {
    return this._handle !== null && this._handle.refed && (this._handle.fd === 0 ? this.writableLength > 0 : this._handle.reading);
  }
}

function onReadableStreamEnd(this: any): void {
  if (!this.allowHalfOpen) {
    this.write = writeAfterFIN;
  }
}

/** Provide a better error message when we call end() as a result of the other side sending a FIN. */
function writeAfterFIN(this: any, chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
  if (!this.writableEnded) {
    return Reflect.apply(Duplex.prototype.write, this, [chunk, encoding, cb]);
  }
  if (typeof encoding === 'function') cb = encoding;
  const er = genericNodeError('This socket has been ended by the other party', { code: 'EPIPE' });
  if (typeof cb === 'function') process.nextTick(cb as (e: unknown) => void, er);
  this.destroy(er);
  return false;
}

function asyncErrorOf(err: unknown): unknown {
  return asyncError(err);
}

// ------------------------------------------------------------------ ChildProcess

/** Node's Process handle wrap, on the sandbox's side: the real child, ref'd or not. */
class Process {
  refed = true;
  onexit: (exitCode: number, signalCode: string | null) => void = () => {};
  constructor(public real: RealChild | undefined) {}
  kill(signal: number): number {
    return this.real === undefined ? UV_ESRCH : this.real.signal(signal);
  }
  close(): void {
    this.real = undefined;
  }
}

export function ChildProcess(this: any): void {
  EventEmitter.call(this);

  this._closesNeeded = 1;
  this._closesGot = 0;
  this.connected = false;

  this.signalCode = null;
  this.exitCode = null;
  this.killed = false;
  this.spawnfile = null;

  this._handle = new Process(undefined);

  this._handle.onexit = (exitCode: number, signalCode: string | null) => {
    if (signalCode) {
      this.signalCode = signalCode;
    } else {
      this.exitCode = exitCode;
    }

    if (this.stdin) {
      this.stdin.destroy();
    }

    this._handle.close();
    this._handle = null;
    this._updateRef();

    if (exitCode < 0) {
      const syscall = this.spawnfile ? 'spawn ' + this.spawnfile : 'spawn';
      const err = errnoException(exitCode, syscall);

      if (this.spawnfile) err.path = this.spawnfile;

      err.spawnargs = this.spawnargs.slice(1);
      this.emit('error', err);
    } else {
      this.emit('exit', this.exitCode, this.signalCode);
    }

    // If any of the stdio streams have not been touched, then pull all the data through so
    // that it can get the eof and emit a 'close' event. Do it on nextTick so that the user
    // has one last chance to consume the output.
    process.nextTick(flushStdio, this);

    maybeClose(this);
  };
}
Object.setPrototypeOf(ChildProcess.prototype, EventEmitter.prototype);
Object.setPrototypeOf(ChildProcess, EventEmitter);

function flushStdio(subprocess: any): void {
  const stdio = subprocess.stdio;
  if (stdio == null) return;
  for (let i = 0; i < stdio.length; i++) {
    const s = stdio[i];
    if (!s || !s.readable || s[kIsUsedAsStdio]) continue;
    s.resume();
  }
}

function maybeClose(subprocess: any): void {
  subprocess._closesGot++;
  if (subprocess._closesGot === subprocess._closesNeeded) {
    subprocess.emit('close', subprocess.exitCode, subprocess.signalCode);
  }
}

function stdioStringToArray(stdio: unknown, channel?: string): unknown[] {
  const options: unknown[] = [];
  switch (stdio) {
    case 'ignore':
    case 'overlapped':
    case 'pipe':
      options.push(stdio, stdio, stdio);
      break;
    case 'inherit':
      options.push(0, 1, 2);
      break;
    default:
      // The host throws Node's ERR_INVALID_ARG_VALUE.
      return stdio as unknown[];
  }
  if (channel) options.push(channel);
  return options;
}

interface StdioEntry {
  type: 'ignore' | 'pipe' | 'ipc' | 'forward' | 'fd' | 'wrap' | 'other';
  /** forward: the program's process stream the chunks go to. */
  to?: 'stdout' | 'stderr';
  /** wrap: the sandbox stream given (another child's pipe). */
  stream?: any;
}

/**
 * getValidStdio, split in two: what the program sees for each fd, and what the host's spawn is
 * given. Anything not understood here is handed to the host as it is: its validation throws
 * Node's error for it.
 */
function mapStdio(stdio: unknown): { entries: StdioEntry[]; hostStdio: HostStdio } {
  if (typeof stdio === 'string') stdio = stdioStringToArray(stdio);
  if (!Array.isArray(stdio)) return { entries: [], hostStdio: stdio };
  const list = stdio.slice();
  while (list.length < 3) list.push(undefined);
  const entries: StdioEntry[] = [];
  const hostStdio: unknown[] = [];
  const fdEntry = (fd: number) => {
    if (fd === 1 || fd === 2) {
      entries.push({ type: 'forward', to: fd === 1 ? 'stdout' : 'stderr' });
      hostStdio.push('pipe');
    } else {
      entries.push({ type: 'fd' });
      hostStdio.push(fd);
    }
  };
  list.forEach((s: any, i: number) => {
    if (s == null) s = i < 3 ? 'pipe' : 'ignore';
    if (s === 'ignore') {
      entries.push({ type: 'ignore' });
      hostStdio.push('ignore');
    } else if (s === 'pipe' || s === 'overlapped' || (typeof s === 'number' && s < 0)) {
      entries.push({ type: 'pipe' });
      hostStdio.push('pipe');
    } else if (s === 'ipc') {
      entries.push({ type: 'ipc' });
      hostStdio.push('ipc');
    } else if (s === 'inherit') {
      fdEntry(i);
    } else if (typeof s === 'number') {
      fdEntry(s);
    } else if (s instanceof Socket) {
      // Another child's pipe (Node: a 'wrap' of its handle): the host's own stream of it.
      const handle = s._handle;
      entries.push({ type: 'wrap', stream: s });
      hostStdio.push(handle ? handle.real.host.stdio[handle.fd] : s);
    } else if (typeof s === 'object' && typeof s.fd === 'number') {
      fdEntry(s.fd);
    } else {
      entries.push({ type: 'other' });
      hostStdio.push(s);
    }
  });
  return { entries, hostStdio };
}

/** How to start the real process: the host's spawn with the program's arguments, or ChildProcess.prototype.spawn with normalized options. */
interface RealStart {
  start(hostStdio: HostStdio): RealChild;
  label: string;
}
const kRealStart = Symbol('kRealStart');
const kReal = Symbol('kReal');

ChildProcess.prototype.spawn = function (this: any, options: any) {
  validateObject(options, 'options');

  const realStart: RealStart | undefined = options[kRealStart];
  const { entries, hostStdio } = mapStdio(options.stdio || 'pipe');

  let realChild: RealChild;
  if (realStart !== undefined) {
    realChild = syncCall(() => realStart.start(hostStdio));
  } else {
    // Normalized options (file, args with argv0 first, envPairs, …), as lib/child_process.js passes them.
    const opts = { ...options, stdio: hostStdio };
    delete opts[kRealStart];
    if (opts.envPairs === undefined) opts.envPairs = Object.entries(process.env).map(([k, v]) => `${k}=${v}`);
    if (opts.cwd == null) opts.cwd = host.cwd;
    realChild = syncCall(() => RealChild.start((cp) => {
      const c = new cp.ChildProcess();
      c.spawn(opts);
      return c;
    }));
  }
  const h = realChild.host;
  this[kReal] = realChild;
  this._handle.real = realChild.err === 0 ? realChild : undefined;

  this.spawnfile = h.spawnfile;
  this.spawnargs = Array.from(h.spawnargs ?? []);

  const err = realChild.err;
  if (err === UV_EACCES || err === UV_EAGAIN || err === UV_EMFILE || err === UV_ENFILE || err === UV_ENOENT) {
    process.nextTick(onErrorNT, this, err);
    // There is no point in continuing when we've hit EMFILE or ENFILE because we won't be
    // able to set up the stdio file descriptors.
    if (err === UV_EMFILE || err === UV_ENFILE) return err;
  } else if (err) {
    // The host threw errnoException(err, 'spawn') itself: not reached.
    throw errnoException(err, 'spawn');
  } else {
    process.nextTick(onSpawnNT, this);
  }

  this.pid = h.pid;

  const sockets: any[] = [];
  let ipc = false;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.type === 'ignore') continue;
    if (entry.type === 'ipc') {
      ipc = true;
      this._closesNeeded++;
      continue;
    }
    // The stream is already cloned and piped, thus stop its readable side.
    if (entry.type === 'wrap') {
      const s = entry.stream;
      if (s._handle) {
        s._handle.reading = false;
        s._handle.real.handOver(s._handle.fd);
      }
      s.pause();
      s.readableFlowing = false;
      s._readableState.reading = false;
      s[kIsUsedAsStdio] = true;
      continue;
    }
    if (entry.type === 'pipe' && h.stdio?.[i]) {
      const socket = new Socket(realChild, i, i > 0, this);
      sockets[i] = socket;
      if (i > 0 && this.pid !== 0) {
        this._closesNeeded++;
        socket.on('close', () => {
          maybeClose(this);
        });
      }
    }
  }

  this.stdin = entries.length >= 1 && sockets[0] !== undefined ? sockets[0] : null;
  this.stdout = entries.length >= 2 && sockets[1] !== undefined ? sockets[1] : null;
  this.stderr = entries.length >= 3 && sockets[2] !== undefined ? sockets[2] : null;

  this.stdio = [];
  for (let i = 0; i < entries.length; i++) this.stdio.push(sockets[i] === undefined ? null : sockets[i]);

  // Add .send() method and start listening for IPC data
  if (ipc) setupChannel(this, realChild, options.serialization || 'json');

  const label = realStart?.label ?? this.spawnargs.join(' ');
  const shown = label.length > 80 ? `${label.slice(0, 77)}...` : label;
  realChild.attach(err === 0 ? `child ${this.pid}: ${shown}` : `spawn ${shown}`, {
    data: (fd, chunk) => {
      const entry = entries[fd];
      if (entry?.type === 'forward') (process as any)[entry.to!].write(chunk);
      else sockets[fd]?._onData(chunk);
    },
    wants: (fd, inflight) => sockets[fd]?._wants(inflight) ?? true,
    end: (fd) => {
      sockets[fd]?._onEof();
    },
    exit: (code, signal) => {
      if (this._handle) this._handle.onexit(code, signal);
    },
    message: (m) => this[kIpcIn]?.message(m),
    ipcEnd: () => this[kIpcIn]?.end(),
  });
  this._updateRef();

  return err;
};

function onErrorNT(self: any, err: number): void {
  self._handle.onexit(err);
}

function onSpawnNT(self: any): void {
  self.emit('spawn');
}

ChildProcess.prototype.kill = function (this: any, sig?: unknown) {
  const signal = sig === 0 ? sig : convertToValidSignal(sig === undefined ? 'SIGTERM' : sig);

  if (this._handle) {
    const err = this._handle.kill(signal);
    if (err === 0) {
      /* Success. */
      this.killed = true;
      return true;
    }
    if (err === UV_ESRCH) {
      /* Already dead. */
    } else if (err === UV_EINVAL || err === UV_ENOSYS) {
      /* The underlying platform doesn't support this signal. */
      throw errnoException(err, 'kill');
    } else {
      /* Other error, almost certainly EPERM. */
      this.emit('error', errnoException(err, 'kill'));
    }
  }

  /* Kill didn't succeed. */
  return false;
};

if (typeof (Symbol as any).dispose === 'symbol') {
  ChildProcess.prototype[(Symbol as any).dispose] = function (this: any) {
    if (!this.killed) {
      this.kill();
    }
  };
}

ChildProcess.prototype.ref = function (this: any) {
  if (this._handle) {
    this._handle.refed = true;
    this._updateRef();
  }
};

ChildProcess.prototype.unref = function (this: any) {
  if (this._handle) {
    this._handle.refed = false;
    this._updateRef();
  }
};

/** The real channel keeps the loop alive while the process handle, a reading pipe or the IPC channel is ref'd (libuv's active handles). */
Object.defineProperty(ChildProcess.prototype, '_updateRef', {
  value: function (this: any) {
    const realChild: RealChild | undefined = this[kReal];
    if (realChild === undefined) return;
    const refed = (this._handle !== null && this._handle.refed)
      || (this.stdio ?? []).some((s: any) => s instanceof Socket && s._keepsAlive)
      || (this[kIpcIn] !== undefined && this[kIpcIn].keepsAlive());
    realChild.setRef(refed);
  },
  writable: true,
  configurable: true,
  enumerable: false,
});

// ------------------------------------------------------------------ IPC (setupChannel)

const kIpcIn = Symbol('kIpcIn');

/** A message from the host's realm, copied into the sandbox's. */
function toSandbox(value: unknown, serialization: string, seen = new Map<object, unknown>()): unknown {
  if (serialization === 'json') return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  if (ArrayBuffer.isView(value) || value instanceof Buffer) return value;
  const t = Object.prototype.toString.call(value);
  let out: any;
  if (Array.isArray(value)) {
    out = [];
    seen.set(value, out);
    for (const v of value) out.push(toSandbox(v, serialization, seen));
    return out;
  }
  switch (t) {
    case '[object Date]':
      return new Date((value as Date).getTime());
    case '[object RegExp]':
      return new RegExp((value as RegExp).source, (value as RegExp).flags);
    case '[object Map]':
      out = new Map();
      seen.set(value, out);
      for (const [k, v] of value as Map<unknown, unknown>) out.set(toSandbox(k, serialization, seen), toSandbox(v, serialization, seen));
      return out;
    case '[object Set]':
      out = new Set();
      seen.set(value, out);
      for (const v of value as Set<unknown>) out.add(toSandbox(v, serialization, seen));
      return out;
    case '[object Error]':
      out = sandboxError(value);
      seen.set(value, out);
      return out;
    default:
      out = {};
      seen.set(value, out);
      for (const k of Object.keys(value)) out[k] = toSandbox((value as Record<string, unknown>)[k], serialization, seen);
      return out;
  }
}

class Control extends EventEmitter {
  #refs = 0;
  #refExplicitlySet = false;
  refed = true;
  [kPendingMessages]: unknown[][] = [];

  constructor(private readonly target: any) {
    super();
  }

  refCounted(): void {
    if (++this.#refs === 1 && !this.#refExplicitlySet) this.setRefed(true);
  }

  unrefCounted(): void {
    if (--this.#refs === 0 && !this.#refExplicitlySet) {
      this.setRefed(false);
      this.emit('unref');
    }
  }

  ref(): void {
    this.#refExplicitlySet = true;
    this.setRefed(true);
  }

  unref(): void {
    this.#refExplicitlySet = true;
    this.setRefed(false);
  }

  get fd(): number | undefined {
    return undefined;
  }

  private setRefed(v: boolean): void {
    this.refed = v;
    this.target._updateRef();
  }
}

function setupChannel(target: any, realChild: RealChild, serialization: string): void {
  const control = new Control(target);
  target.channel = control;
  let open = true;

  target._handleQueue = null;
  target._pendingMessage = null;

  target[kIpcIn] = {
    keepsAlive: () => open && control.refed,
    message(hostMessage: unknown) {
      if (!target.channel) return;
      const message = toSandbox(hostMessage, serialization);
      const internal = isInternal(message);
      // NODE_HANDLE and friends carry handles: not simulated, and never shown to the program.
      if (internal) return;
      process.nextTick(emit, 'message', message, undefined);
    },
    end() {
      // channel.onread with EOF.
      if (!open) return;
      if (target.connected) target.disconnect();
      open = false;
      target.channel = null;
      target._updateRef();
      maybeClose(target);
    },
  };

  target.on('newListener', function () {
    process.nextTick(() => {
      if (!target.channel || !target.listenerCount('message')) return;
      const messages = target.channel[kPendingMessages];
      const { length } = messages;
      if (!length) return;
      for (let i = 0; i < length; i++) Reflect.apply(target.emit, target, messages[i]);
      target.channel[kPendingMessages] = [];
    });
  });

  target.send = function (this: any, message: unknown, handle?: unknown, options?: unknown, callback?: unknown) {
    if (typeof handle === 'function') {
      callback = handle;
      handle = undefined;
      options = undefined;
    } else if (typeof options === 'function') {
      callback = options;
      options = undefined;
    } else if (options !== undefined) {
      validateObject(options, 'options');
    }

    options = { swallowErrors: false, ...(options as object) };

    if (this.connected) {
      return this._send(message, handle, options, callback);
    }
    const ex = codedError(Error, 'ERR_IPC_CHANNEL_CLOSED', 'Channel closed');
    if (typeof callback === 'function') {
      process.nextTick(callback as (e: unknown) => void, ex);
    } else {
      process.nextTick(() => this.emit('error', ex));
    }
    return false;
  };

  target._send = function (this: any, message: unknown, handle: unknown, options: any, callback: unknown) {
    if (message === undefined) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "message" argument must be specified');
    if (typeof message !== 'string' && typeof message !== 'object' && typeof message !== 'number' && typeof message !== 'boolean') {
      throw invalidArgType('message', 'one of type string, object, number, or boolean', message);
    }
    if (typeof options === 'boolean') options = { swallowErrors: options };
    if (handle) {
      throw new Error('child_process: sending a handle (socket, server) over the IPC channel is not simulated yet');
    }
    let wasAsyncWrite = true;
    const ret = realChild.send(message, { swallowErrors: options.swallowErrors, keepOpen: options.keepOpen }, (err, sync) => {
      if (sync) {
        wasAsyncWrite = false;
        // Written at once (or failed at once): Node calls back on the next tick.
        if (err) {
          if (!options.swallowErrors) {
            const ex = sandboxError(err);
            if (typeof callback === 'function') process.nextTick(callback as (e: unknown) => void, ex);
            else process.nextTick(() => this.emit('error', ex));
          }
        } else if (typeof callback === 'function') {
          process.nextTick(callback as (e: unknown) => void, null);
        }
      } else {
        // req.oncomplete: the write's status reaches the callback.
        control.unrefCounted();
        if (typeof callback === 'function') (callback as (e: unknown) => void)(err ? asyncErrorOf(err) : null);
      }
    });
    if (wasAsyncWrite) control.refCounted();
    return ret;
  };

  target.connected = true;

  target.disconnect = function (this: any) {
    if (!this.connected) {
      this.emit('error', codedError(Error, 'ERR_IPC_DISCONNECTED', 'IPC channel is already disconnected'));
      return;
    }
    // Do not allow any new messages to be written.
    this.connected = false;
    if (!this._handleQueue) this._disconnect();
  };

  target._disconnect = function (this: any) {
    // This marks the fact that the channel is actually disconnected.
    this.channel = null;
    let fired = false;
    const finish = () => {
      if (fired) return;
      fired = true;
      if (open) {
        // The program closes it: no end of channel will be read (and no 'close' without it, as in Node).
        open = false;
        realChild.disconnect();
        target._updateRef();
      }
      target.emit('disconnect');
    };
    process.nextTick(finish);
  };

  function emit(event: string, message: unknown, handle: unknown): void {
    if (target.listenerCount('message')) {
      target.emit(event, message, handle);
      return;
    }
    target.channel?.[kPendingMessages].push([event, message, handle]);
  }
}

function isInternal(message: any): boolean {
  return message !== null && typeof message === 'object' && typeof message.cmd === 'string' && message.cmd.length > 5 && message.cmd.slice(0, 5) === 'NODE_';
}

// ------------------------------------------------------------------ spawn

function abortChildProcess(child: any, killSignal: number | undefined, reason: unknown): void {
  if (!child) return;
  try {
    if (child.kill(killSignal)) {
      child.emit('error', new AbortError(undefined, { cause: reason }));
    }
  } catch (err) {
    child.emit('error', err);
  }
}

/** The program's (file, args, options) as spawn takes them: args and options told apart as normalizeSpawnArguments does. */
function splitSpawnArgs(args: unknown, options: unknown): { args: unknown; options: unknown } {
  if (Array.isArray(args) || args == null || typeof args !== 'object') return { args, options };
  return { args: [], options: args };
}

/** What the host's spawn is given: the program's options with its environment and working directory, without what the sandbox does itself (timeout, signal, killSignal). */
function hostOptions(options: unknown, stdio?: HostStdio): unknown {
  if (options === undefined) options = {};
  if (options === null || typeof options !== 'object') return options;
  const o: Record<string, unknown> = { ...(options as Record<string, unknown>) };
  delete o.timeout;
  delete o.signal;
  delete o.killSignal;
  if (o.env == null) o.env = process.env;
  if (o.cwd == null) o.cwd = host.cwd;
  else if (typeof o.cwd === 'string') o.cwd = real('path').resolve(host.cwd, o.cwd);
  if (stdio !== undefined) o.stdio = stdio;
  return o;
}

function commandLabel(file: unknown, args: unknown): string {
  return [file, ...(Array.isArray(args) ? args : [])].map(String).join(' ');
}

export function spawn(file: unknown, args?: unknown, options?: unknown): any {
  ({ args, options } = splitSpawnArgs(args, options));
  const o = (options && typeof options === 'object' ? options : {}) as Record<string, any>;
  validateTimeout(o.timeout);
  validateAbortSignal(o.signal, 'options.signal');
  const killSignal = sanitizeKillSignal(o.killSignal);

  const child = new (ChildProcess as any)();
  const realStart: RealStart = {
    label: commandLabel(file, args),
    start: (stdio) => RealChild.start((cp) => cp.spawn(file, args, hostOptions(options, stdio))),
  };
  child.spawn({ stdio: o.stdio, serialization: o.serialization, [kRealStart]: realStart });

  if (o.timeout > 0) {
    let timeoutId: any = setTimeout(() => {
      if (timeoutId) {
        try {
          child.kill(killSignal);
        } catch (err) {
          child.emit('error', err);
        }
        timeoutId = null;
      }
    }, o.timeout);

    child.once('exit', () => {
      if (timeoutId) {
        clearTimeout(timeoutId);
        timeoutId = null;
      }
    });
  }

  if (o.signal) {
    const signal = o.signal;
    if (signal.aborted) {
      process.nextTick(onAbortListener);
    } else {
      signal.addEventListener('abort', onAbortListener, { once: true });
      child.once('exit', () => signal.removeEventListener('abort', onAbortListener));
    }
  }
  function onAbortListener(): void {
    abortChildProcess(child, killSignal, o.signal.reason);
  }

  return child;
}

// ------------------------------------------------------------------ exec, execFile

function normalizeExecArgs(command: unknown, options: unknown, callback: unknown): { file: string; options: Record<string, any>; callback: any } {
  validateString(command, 'command');
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  // Make a shallow copy so we don't clobber the user's options object.
  const opts: Record<string, any> = { ...(options as object) };
  opts.shell = typeof opts.shell === 'string' ? opts.shell : true;
  return { file: command as string, options: opts, callback };
}

export function exec(command: unknown, options?: unknown, callback?: unknown): any {
  const opts = normalizeExecArgs(command, options, callback);
  return execFile(opts.file, opts.options, opts.callback);
}

function customPromiseExecFunction(orig: (...a: any[]) => any): (...a: any[]) => Promise<unknown> {
  return (...args: any[]) => {
    let resolve!: (v: unknown) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    }) as Promise<unknown> & { child?: unknown };

    promise.child = orig(...args, (err: any, stdout: unknown, stderr: unknown) => {
      if (err !== null) {
        err.stdout = stdout;
        err.stderr = stderr;
        reject(err);
      } else {
        resolve({ stdout, stderr });
      }
    });

    return promise;
  };
}

Object.defineProperty(exec, PROMISIFY_CUSTOM, { enumerable: false, value: customPromiseExecFunction(exec) });

function normalizeExecFileArgs(file: unknown, args: unknown, options: unknown, callback: unknown): { file: any; args: any[]; options: Record<string, any>; callback: any } {
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args != null && typeof args === 'object') {
    callback = options;
    options = args;
    args = null;
  } else if (typeof args === 'function') {
    callback = args;
    options = null;
    args = null;
  }

  args ??= [];

  if (typeof options === 'function') {
    callback = options;
  } else if (options != null) {
    validateObject(options, 'options');
  }

  options ??= {};

  if (callback != null) {
    validateFunction(callback, 'callback');
  }

  // Validate argv0, if present.
  if ((options as any).argv0 != null) {
    validateString((options as any).argv0, 'options.argv0');
  }

  return { file, args: args as any[], options: options as Record<string, any>, callback };
}

export function execFile(file: unknown, args?: unknown, options?: unknown, callback?: unknown): any {
  const n = normalizeExecFileArgs(file, args, options, callback);
  const fileArgs = n.args;
  callback = n.callback;
  const opts: Record<string, any> = {
    encoding: 'utf8',
    timeout: 0,
    maxBuffer: MAX_BUFFER,
    killSignal: 'SIGTERM',
    cwd: null,
    env: null,
    shell: false,
    ...n.options,
  };

  // Validate the timeout, if present.
  validateTimeout(opts.timeout);

  // Validate maxBuffer, if present.
  validateMaxBuffer(opts.maxBuffer);

  opts.killSignal = sanitizeKillSignal(opts.killSignal);

  const child = spawn(file, fileArgs, {
    cwd: opts.cwd,
    env: opts.env,
    gid: opts.gid,
    shell: opts.shell,
    signal: opts.signal,
    uid: opts.uid,
    windowsHide: !!opts.windowsHide,
    windowsVerbatimArguments: !!opts.windowsVerbatimArguments,
  });

  let encoding: string | null;
  const _stdout: any[] = [];
  const _stderr: any[] = [];
  if (opts.encoding !== 'buffer' && Buffer.isEncoding(opts.encoding)) {
    encoding = opts.encoding;
  } else {
    encoding = null;
  }
  let stdoutLen = 0;
  let stderrLen = 0;
  let killed = false;
  let exited = false;
  let timeoutId: any;

  let ex: any = null;

  let cmd = file as string;

  function exithandler(code?: number, signal?: string | null): void {
    if (exited) return;
    exited = true;

    if (timeoutId) {
      clearTimeout(timeoutId);
      timeoutId = null;
    }

    if (!callback) return;

    // merge chunks
    let stdout: any;
    let stderr: any;
    if (encoding || (child.stdout && child.stdout.readableEncoding)) {
      stdout = _stdout.join('');
    } else {
      stdout = Buffer.concat(_stdout);
    }
    if (encoding || (child.stderr && child.stderr.readableEncoding)) {
      stderr = _stderr.join('');
    } else {
      stderr = Buffer.concat(_stderr);
    }

    if (!ex && code === 0 && signal === null) {
      (callback as any)(null, stdout, stderr);
      return;
    }

    if (fileArgs?.length) cmd += ` ${fileArgs.join(' ')}`;

    if (!ex) {
      ex = genericNodeError(`Command failed: ${cmd}\n${stderr}`, {
        code: code! < 0 ? hostUtil().getSystemErrorName(code) : code,
        killed: child.killed || killed,
        signal: signal,
      });
    }

    ex.cmd = cmd;
    (callback as any)(ex, stdout, stderr);
  }

  function errorhandler(e: unknown): void {
    ex = e;

    if (child.stdout) child.stdout.destroy();

    if (child.stderr) child.stderr.destroy();

    exithandler();
  }

  function kill(): void {
    if (child.stdout) child.stdout.destroy();

    if (child.stderr) child.stderr.destroy();

    killed = true;
    try {
      child.kill(opts.killSignal);
    } catch (e) {
      ex = e;
      exithandler();
    }
  }

  if (opts.timeout > 0) {
    timeoutId = setTimeout(function delayedKill() {
      kill();
      timeoutId = null;
    }, opts.timeout);
  }

  if (child.stdout) {
    if (encoding) child.stdout.setEncoding(encoding);

    child.stdout.on('data', function onChildStdout(chunk: any) {
      // Do not need to count the length
      if (opts.maxBuffer === Infinity) {
        _stdout.push(chunk);
        return;
      }
      const enc = child.stdout.readableEncoding;
      const length = enc ? Buffer.byteLength(chunk, enc) : chunk.length;
      const slice = enc ? (s: string, a: number, b: number) => s.slice(a, b) : (buf: Buffer, a: number, b: number) => buf.slice(a, b);
      stdoutLen += length;

      if (stdoutLen > opts.maxBuffer) {
        const truncatedLen = opts.maxBuffer - (stdoutLen - length);
        _stdout.push((slice as any)(chunk, 0, truncatedLen));

        ex = codedError(RangeError, 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER', 'stdout maxBuffer length exceeded');
        kill();
      } else {
        _stdout.push(chunk);
      }
    });
  }

  if (child.stderr) {
    if (encoding) child.stderr.setEncoding(encoding);

    child.stderr.on('data', function onChildStderr(chunk: any) {
      // Do not need to count the length
      if (opts.maxBuffer === Infinity) {
        _stderr.push(chunk);
        return;
      }
      const enc = child.stderr.readableEncoding;
      const length = enc ? Buffer.byteLength(chunk, enc) : chunk.length;
      stderrLen += length;

      if (stderrLen > opts.maxBuffer) {
        const truncatedLen = opts.maxBuffer - (stderrLen - length);
        _stderr.push(chunk.slice(0, truncatedLen));

        ex = codedError(RangeError, 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER', 'stderr maxBuffer length exceeded');
        kill();
      } else {
        _stderr.push(chunk);
      }
    });
  }

  child.addListener('close', exithandler);
  child.addListener('error', errorhandler);

  return child;
}

Object.defineProperty(execFile, PROMISIFY_CUSTOM, { enumerable: false, value: customPromiseExecFunction(execFile) });

// ------------------------------------------------------------------ fork

export function fork(modulePath: unknown, args: unknown = [], options?: unknown): any {
  if (modulePath instanceof URL) modulePath = real('url').fileURLToPath(modulePath);
  if (typeof modulePath !== 'string') throw invalidArgType('modulePath', 'of type string or an instance of Buffer or URL', modulePath);

  // Get options and args arguments.
  let execArgv: string[];

  if (args == null) {
    args = [];
  } else if (typeof args === 'object' && !Array.isArray(args)) {
    options = args;
    args = [];
  } else if (!Array.isArray(args)) {
    throw invalidArgType('args', 'an instance of Array', args);
  }

  if (options != null) validateObject(options, 'options');
  const opts: Record<string, any> = { ...(options as object), shell: false };
  opts.execPath ||= process.execPath;

  // Prepare arguments for fork:
  execArgv = opts.execArgv || (process as any).execArgv || [];
  execArgv = execArgv.slice();
  args = [...execArgv, modulePath, ...(args as unknown[])];

  if (typeof opts.stdio === 'string') {
    opts.stdio = stdioStringToArray(opts.stdio, 'ipc');
  } else if (!Array.isArray(opts.stdio)) {
    // Use a separate fd=3 for the IPC channel. Inherit stdin, stdout, and stderr from the
    // parent if silent isn't set.
    opts.stdio = stdioStringToArray(opts.silent ? 'pipe' : 'inherit', 'ipc');
  } else if (!opts.stdio.includes('ipc')) {
    throw codedError(Error, 'ERR_CHILD_PROCESS_IPC_REQUIRED', 'Forked processes must have an IPC channel, missing value \'ipc\' in options.stdio');
  }

  return spawn(opts.execPath, args, opts);
}

// ------------------------------------------------------------------ the synchronous functions

/** The virtual clock blocks for the real time a synchronous call took (Atomics.wait of the sandbox: a Block on the timeline). */
function blockFor(ms: number): void {
  if (!(ms > 0)) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** stdio of a synchronous spawn: the child's stdout/stderr meant for the terminal are read and written to the program's. */
function syncStdio(stdio: unknown): { stdio: unknown; forward: Array<'stdout' | 'stderr' | undefined> } {
  const forward: Array<'stdout' | 'stderr' | undefined> = [];
  if (stdio === undefined) return { stdio, forward };
  if (typeof stdio === 'string') stdio = stdioStringToArray(stdio);
  if (!Array.isArray(stdio)) return { stdio, forward };
  const out = stdio.map((s: any, i: number) => {
    const fd = s === 'inherit' ? i : typeof s === 'number' ? s : s && typeof s === 'object' && typeof s.fd === 'number' && !(s instanceof Socket) ? s.fd : undefined;
    if (fd === 1 || fd === 2) {
      forward[i] = fd === 1 ? 'stdout' : 'stderr';
      return 'pipe';
    }
    return s;
  });
  return { stdio: out, forward };
}

export function spawnSync(file: unknown, args?: unknown, options?: unknown): any {
  ({ args, options } = splitSpawnArgs(args, options));
  const o = options && typeof options === 'object' ? (options as Record<string, unknown>) : undefined;
  const { stdio, forward } = syncStdio(o?.stdio);
  const opts = hostOptions(options) as Record<string, unknown>;
  if (o !== undefined && o.stdio !== undefined) opts.stdio = stdio;
  if (o !== undefined) {
    // The host's spawnSync applies these itself (in real time, which is the time blocked here).
    if (o.timeout !== undefined) opts.timeout = o.timeout;
    if (o.killSignal !== undefined) opts.killSignal = o.killSignal;
  }
  const clock = real('perf_hooks').performance;
  const t0 = clock.now();
  const ret = syncCall(() => real('child_process').spawnSync(file, args, opts));
  blockFor(clock.now() - t0);

  const output = ret.output == null ? ret.output : Array.from(ret.output as unknown[]);
  if (Array.isArray(output)) {
    forward.forEach((to, i) => {
      if (to === undefined) return;
      const chunk = output[i] as any;
      if (chunk != null && chunk.length > 0) (process as any)[to].write(chunk);
      output[i] = null;
    });
  }
  const result: Record<string, unknown> = {};
  if (ret.error !== undefined) {
    const e = sandboxError(ret.error) as Record<string, unknown>;
    if (Array.isArray(e.spawnargs)) e.spawnargs = Array.from(e.spawnargs);
    result.error = e;
  }
  result.status = ret.status;
  result.signal = ret.signal;
  result.output = output;
  result.pid = ret.pid;
  result.stdout = output && output[1];
  result.stderr = output && output[2];
  return result;
}

function checkExecSyncError(ret: any, args: unknown[] | undefined, cmd?: string): any {
  let err: any;
  if (ret.error) {
    err = ret.error;
    Object.assign(err, ret);
  } else if (ret.status !== 0) {
    let msg = 'Command failed: ';
    msg += cmd || (args as unknown[]).join(' ');
    if (ret.stderr && ret.stderr.length > 0) msg += `\n${ret.stderr.toString()}`;
    err = genericNodeError(msg, ret);
  }
  return err;
}

export function execFileSync(file: unknown, args?: unknown, options?: unknown): any {
  const n = normalizeExecFileArgs(file, args, options, undefined);
  const inheritStderr = !n.options.stdio;

  const ret = spawnSync(n.file, n.args, n.options);

  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);

  const errArgs = [n.options.argv0 || n.file, ...n.args];
  const err = checkExecSyncError(ret, errArgs);

  if (err) throw err;

  return ret.stdout;
}

export function execSync(command: unknown, options?: unknown): any {
  const opts = normalizeExecArgs(command, options, null);
  const inheritStderr = !opts.options.stdio;

  const ret = spawnSync(opts.file, opts.options);

  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);

  const err = checkExecSyncError(ret, undefined, command as string);

  if (err) throw err;

  return ret.stdout;
}

export function makeChildProcess(): Record<string, unknown> {
  return {
    _forkChild() {
      throw new Error('child_process._forkChild is not simulated');
    },
    ChildProcess,
    exec,
    execFile,
    execFileSync,
    execSync,
    fork,
    spawn,
    spawnSync,
  };
}
