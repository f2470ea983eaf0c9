/**
 * The real process behind a `ChildProcess` of the sandbox (child-process.ts): started with the
 * host's `child_process`, outside the simulation, in real time. Its events — a chunk on a pipe,
 * the end of a pipe, the exit, an IPC message or the end of the IPC channel — arrive on the
 * host's event loop between simulation slices. Nothing of the program runs there: each event is
 * handed at once to the run's I/O system (`channel.deliverAll`), where its `run` becomes an Io
 * macrotask of the simulated poll phase; the events of one turn of the host's loop share one
 * real moment (as one epoll wait of libuv returns them together), hence one virtual moment.
 *
 * The channel closes once the host has seen the exit, every pipe closed and the IPC channel
 * ended: nothing more can come. A child still running when the run ends is killed (SIGKILL).
 */
import type { RealChannel } from '../io/io-system';
import { host, real } from './host';
import { openChannel } from './libuv';

type Run = () => void;

/** What the sandbox's ChildProcess does with the real events (each called inside a delivered run). */
export interface ChildSink {
  data(fd: number, chunk: Buffer): void;
  /**
   * Whether the program's stream of `fd` takes more now, `inflight` bytes being on their way to
   * it (read-only look at its state): libuv stops reading a pipe as soon as a chunk pushed into
   * a stream that is not flowing fills its buffer; the host stops at the same point.
   */
  wants(fd: number, inflight: number): boolean;
  end(fd: number): void;
  exit(code: number | null, signal: string | null): void;
  message(message: unknown): void;
  ipcEnd(): void;
}

/** The host's stdio entry for each fd: 'pipe', 'ignore', 'ipc', 'inherit', an fd, or a host stream (another child's pipe). */
export type HostStdio = unknown;

// ------------------------------------------------------------------ the host's turns

/**
 * The real moment of the host's current turn: the first event handed over in it. Events of one
 * turn (one poll phase of the host's libuv: data, EOF and the exit read together) share it, so
 * the simulated loop runs them in one poll phase too. A turn ends with the host's check phase.
 */
let turnAt: number | undefined;
function moment(): number {
  if (turnAt === undefined) {
    turnAt = host.io().realNow();
    real('timers').setImmediate(() => {
      turnAt = undefined;
    });
  }
  return turnAt;
}

/** The size of a chunk for the timeline. */
function bytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

const FD_NAMES = ['stdin', 'stdout', 'stderr'];
const fdName = (fd: number) => FD_NAMES[fd] ?? `fd ${fd}`;

/** Node's `[kChannelHandle]` of a host ChildProcess: the IPC pipe (its writeQueueSize says whether a send completed synchronously). */
function ipcHandle(hostChild: any): any {
  const sym = Object.getOwnPropertySymbols(hostChild).find((s) => s.description === 'kChannelHandle');
  return sym === undefined ? undefined : hostChild[sym];
}

export class RealChild {
  /** The host's ChildProcess. */
  readonly host: any;
  /** 0, or the libuv error of the spawn (UV_ENOENT = -2, …): then no process exists. */
  readonly err: number;
  readonly pid: number | undefined;
  private channel: RealChannel | undefined;
  /**
   * What can still produce an event: the process (until its exit), each pipe the child writes
   * into (until its EOF), the IPC channel, the program's writes to stdin under way. At 0 the
   * channel closes (a pipe's own close is no event of the program's: its socket closes itself).
   */
  private open = 0;
  private dead = false;
  /** The sandbox disconnected the IPC channel itself (the host's 'disconnect' is then not an event). */
  private ipcClosedHere = false;

  private constructor(hostChild: any, err: number) {
    this.host = hostChild;
    this.err = err;
    this.pid = hostChild.pid;
  }

  /**
   * Starts the real process: `start` calls the host's `child_process.spawn` (its argument
   * validation throws Node's own errors) or `ChildProcess.prototype.spawn`; the libuv result of
   * the spawn is read on the way (the host would report a failure only on its next tick).
   */
  static start(start: (cp: any) => any): RealChild {
    const cp = real('child_process');
    const proto = cp.ChildProcess.prototype;
    const own = Object.getOwnPropertyDescriptor(proto, 'spawn')!;
    let err = 0;
    // Scoped: the host's ChildProcess.prototype.spawn is wrapped for this one call only, to
    // read what `this._handle.spawn(options)` returns (0 or a negative errno).
    Object.defineProperty(proto, 'spawn', {
      ...own,
      value: function spawn(this: any, options: unknown) {
        const handle = this._handle;
        const orig = handle.spawn;
        handle.spawn = function (this: unknown, o: unknown) {
          err = orig.call(this, o);
          return err;
        };
        try {
          return own.value.call(this, options);
        } finally {
          delete handle.spawn;
        }
      },
    });
    let hostChild: any;
    try {
      hostChild = start(cp);
    } finally {
      Object.defineProperty(proto, 'spawn', own);
    }
    // The host reports a failed spawn with an 'error' on its next tick: ours comes from the sandbox.
    hostChild.on('error', () => {});
    return new RealChild(hostChild, err);
  }

  /** Opens the channel and listens to the host's events; `label` names it on the timeline. */
  attach(label: string, sink: ChildSink): void {
    const h = this.host;
    this.channel = openChannel(label, () => this.kill());
    const stdio: any[] = h.stdio ?? [];
    if (this.err !== 0) {
      // No process: the pipes Node made for it end at once (Node reads their EOF in the first
      // poll phase). The host's own pipes are not waited for.
      const events: Array<readonly [string, Run]> = [];
      stdio.forEach((s, fd) => {
        if (s != null && fd > 0) events.push([`${fdName(fd)} end`, () => sink.end(fd)]);
      });
      if (h.connected) events.push(['ipc channel closed', () => sink.ipcEnd()]);
      this.channel.deliverAll(events);
      this.channel.close();
      this.dead = true;
      for (const s of stdio) {
        s?.on('error', () => {});
        s?.destroy();
      }
      return;
    }
    this.open = 1;
    h.on('exit', (code: number | null, signal: string | null) => {
      this.event(signal ? `exit ${signal}` : `exit ${code}`, () => sink.exit(code, signal));
      this.done();
    });
    stdio.forEach((s, fd) => {
      if (s == null) return;
      s.on('error', () => {});
      if (fd === 0) return;
      // A pipe the child writes into: waited for until its EOF (or its close, if it never came).
      this.open++;
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        this.done();
      };
      let inflight = 0;
      s.on('data', (chunk: Buffer) => {
        inflight += chunk.length;
        this.event(`${fdName(fd)} ${bytes(chunk.length)}`, () => {
          inflight -= chunk.length;
          sink.data(fd, chunk);
        });
        if (!sink.wants(fd, inflight)) s.pause();
      });
      s.on('end', () => {
        this.event(`${fdName(fd)} end`, () => sink.end(fd));
        end();
      });
      s.on('close', end);
    });
    if (h.connected) {
      this.open++;
      h.on('message', (m: unknown) => this.event('message', () => sink.message(m)));
      h.on('disconnect', () => {
        if (!this.ipcClosedHere) this.event('ipc channel closed', () => sink.ipcEnd());
        this.done();
      });
    }
  }

  /** A real event, handed to the simulation as it arrives (its `run` is an Io macrotask of the poll phase). */
  private event(what: string, run: Run): void {
    if (this.dead || this.channel === undefined) return;
    this.channel.deliverAll([[what, run]], moment());
  }

  /** One thing the program waits for is over (the exit, a pipe's EOF, the IPC channel, a write's completion): at none left, the channel closes. */
  private done(): void {
    if (--this.open > 0 || this.dead) return;
    this.dead = true;
    this.channel?.close();
  }

  /** The program's ref state of the child and its pipes (the channel keeps the loop alive only if some is ref'd). */
  setRef(refed: boolean): void {
    const channel = this.channel;
    if (channel === undefined || channel.closed) return;
    if (refed) channel.ref();
    else channel.unref();
  }

  /** Run ended: the real process is killed. */
  private kill(): void {
    this.dead = true;
    try {
      this.host.kill('SIGKILL');
    } catch {
      /* already gone */
    }
    for (const s of this.host.stdio ?? []) s?.destroy?.();
  }

  /** `uv_process_kill`: 0 or a negative errno. A process that exited but whose exit the program has not seen yet is still a zombie there: 0. */
  signal(sig: number): number {
    const handle = this.host._handle;
    if (!handle) return 0;
    this.touch();
    return handle.kill(sig);
  }

  /** The program acts on the process: its response is timed from now (RealChannel.touch). */
  private touch(): void {
    if (!this.dead) this.channel?.touch();
  }

  // ---------------------------------------------------------------- pipes

  /** Stops (flow control) or restarts reading a pipe (both idempotent). */
  pause(fd: number): void {
    this.host.stdio[fd]?.pause();
  }

  resume(fd: number): void {
    const s = this.host.stdio[fd];
    if (s != null && !s.destroyed && s.readableFlowing === false) s.resume();
  }

  destroyPipe(fd: number): void {
    this.touch();
    this.host.stdio[fd]?.destroy();
  }

  /**
   * The pipe became another child's stdio (Node: the handle is "cloned and piped", its reading
   * stopped): this parent no longer reads it, and it is no longer waited for. The host's copy of
   * the descriptor is closed (the other child has its own); the program's stream stays as Node
   * leaves it, open and silent.
   */
  handOver(fd: number): void {
    const s = this.host.stdio[fd];
    if (s == null) return;
    s.removeAllListeners('data');
    s.removeAllListeners('end');
    s.destroy();
  }

  /**
   * Writes to the child's stdin. `cb` is called at once when libuv wrote it at once (as Node's
   * uv_try_write: the stream's callback is synchronous then), else through the channel when the
   * real write completes.
   */
  write(fd: number, chunk: unknown, encoding: string | undefined, cb: (err?: unknown, sync?: boolean) => void): void {
    const s = this.host.stdio[fd];
    if (s == null || s.destroyed || this.dead) {
      // The host already closed it (the child exited; the program has not seen it yet): the pipe's reader is gone.
      cb(epipe(), true);
      return;
    }
    this.touch();
    let settled = false;
    const n = typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding as BufferEncoding) : (chunk as Uint8Array).length;
    s.write(chunk, encoding, (err: unknown) => {
      if (settled) return;
      settled = true;
      this.event(`${fdName(fd)} ${bytes(n)} written`, () => cb(err ?? undefined, false));
      this.done();
    });
    if (settled) return;
    if (s.writableErrored) {
      settled = true;
      cb(s.writableErrored, true);
    } else if (s.writableLength === 0) {
      settled = true;
      cb(undefined, true);
    } else {
      this.open++;
    }
  }

  /** Ends the child's stdin (a shutdown): `cb` through the channel. */
  end(fd: number, cb: (err?: unknown) => void): void {
    const s = this.host.stdio[fd];
    if (s == null || s.destroyed || this.dead) {
      cb();
      return;
    }
    this.touch();
    this.open++;
    s.end((err: any) => {
      // Destroyed meanwhile (the child exited): the program destroys its side when it sees the exit.
      const e = err && err.code !== 'ERR_STREAM_DESTROYED' ? err : undefined;
      this.event(`${fdName(fd)} end`, () => cb(e));
      this.done();
    });
  }

  // ---------------------------------------------------------------- IPC

  /**
   * Sends a message. `cb(err, sync)`: sync when the message was written at once (Node then
   * calls back on the next tick), else through the channel when the write completes.
   */
  send(message: unknown, options: object, cb: (err: unknown, sync: boolean) => void): boolean {
    if (this.err !== 0) {
      // No process at the other end of the channel.
      cb(epipe(), true);
      return true;
    }
    this.touch();
    let settled = false;
    let counted = false;
    const ret = this.host.send(message, undefined, options, (err: unknown) => {
      if (settled) return;
      settled = true;
      this.event('message sent', () => cb(err ?? null, false));
      if (counted) this.done();
    });
    const pipe = ipcHandle(this.host);
    if (!settled && (pipe === undefined || !pipe.writeQueueSize)) {
      settled = true;
      cb(null, true);
    } else if (!settled) {
      counted = true;
      this.open++;
    }
    return ret !== false;
  }

  /** The program closes the IPC channel itself. */
  disconnect(): void {
    this.ipcClosedHere = true;
    this.touch();
    if (this.host.connected) this.host.disconnect();
  }
}

/** EPIPE of a write, as libuv reports it. */
function epipe(): Error {
  const e = new Error('write EPIPE') as Error & Record<string, unknown>;
  e.errno = -32;
  e.code = 'EPIPE';
  e.syscall = 'write';
  return e;
}
