/**
 * libuv's TCP handle as Node's `tcp_wrap` / `stream_wrap` bindings show it to lib/net.js, over
 * a simulated connection (src/core/sim/pipe.ts) of the run's network (src/core/sim/net.ts).
 * Node's own net.js (lib/net.js, copied verbatim) drives it exactly as it drives the real one,
 * so every socket event (connect, data, end, close, timeout) comes in the order Node's JS
 * makes it; only what libuv and the kernel do is modelled here:
 *
 * - connect: the server's port hears the SYN one link latency later (its `onconnection` runs in
 *   its thread's poll phase); the client's connect completes one more latency later (SYN-ACK),
 *   or fails with ECONNREFUSED then when nobody listens.
 * - read: each arrival is one poll-phase completion (one `onread` with everything in the inbox,
 *   up to 64 KiB, as one uv__read); end-of-stream is a completion of its own (libuv stops after
 *   a partial read and sees EOF on the next poll), ECONNRESET when the peer reset.
 * - write: like uv_try_write on loopback — synchronous (no callback from the handle) while the
 *   kernel has room (SEND_BUFFER); asynchronous, completing when the bytes left the buffer, once
 *   it is full (a reader that does not read): that is where Node's back-pressure begins.
 * - shutdown completes in libuv's next pending phase (before the next poll's I/O; right after the
 *   running poll's I/O when asked for during it); close sends FIN (RST when received data
 *   was left unread, as Linux does), and its callback runs in the closing-handles phase (after
 *   the check phase, the latest first: World.closing).
 * - a handle keeps the loop alive while it is active: listening, reading, connecting, or with a
 *   write or shutdown under way (libuv's uv__handle_start/stop).
 *
 * Bytes travel as latin1 strings (one char per byte) so Buffers cross unchanged.
 */
import type { Network, PortListener } from '../../sim/net';
import { Connection, type End, type EndOwner } from '../../sim/pipe';
import type { SimThread } from '../../sim/world';
import { EventKind } from '../../trace/format';
import { isLoopbackHost, UV_ENETUNREACH } from '../../sim/outside';
import { host } from '../host';
import { warnOutsideHost } from './outside-warning';
import { recordNet } from './trace';
import { askRemote, RemotePeer } from './remote-peer';
import type { ConnectAnswer } from '../../netrec/types';

// libuv error numbers (Linux), as Node's `uv` binding has them.
export const UV = {
  UV_EOF: -4095,
  UV_EADDRINUSE: -98,
  UV_EADDRNOTAVAIL: -99,
  UV_ECONNREFUSED: -111,
  UV_ENETUNREACH: UV_ENETUNREACH,
  UV_ECONNRESET: -104,
  UV_EINVAL: -22,
  UV_ENOTCONN: -107,
  UV_ECANCELED: -125,
  UV_ETIMEDOUT: -110,
  UV_EPIPE: -32,
  UV_EBADF: -9,
  UV_EAI_NODATA: -3007,
  UV_EAI_NONAME: -3008,
} as const;

// stream_wrap's shared state (StreamBase's kReadBytesOrError … kLastWriteWasAsync).
export const kReadBytesOrError = 0;
export const kArrayBufferOffset = 1;
export const kBytesWritten = 2;
export const kLastWriteWasAsync = 3;
export const streamBaseState = new Int32Array(5);

export class WriteWrap {
  oncomplete?: (status: number) => void;
}
export class ShutdownWrap {
  oncomplete?: (status: number) => void;
}
export class TCPConnectWrap {
  oncomplete?: (status: number, handle: TCP, req: TCPConnectWrap, readable: boolean, writable: boolean) => void;
}

/**
 * The loopback link: the kernel moves bytes into the peer's receive queue during write(), so
 * what one side writes is readable in the same loop iteration's poll phase (latency 0), and the
 * order of events across the two ends is real Node's. Bandwidth is not limited.
 */
const LOOPBACK = { latencyMs: 0, bytesPerMs: Infinity, recvWindowBytes: 4 * 1024 * 1024 };

/**
 * Bytes the kernel holds for a connection (written, not yet read by the peer's program) before
 * a write becomes asynchronous: Linux's default tcp_wmem maximum, 4 MiB (measured with Node 20
 * on the loopback: a 2 MiB res.write completes at once, a 4 MiB one does not).
 */
const SEND_BUFFER = 4 * 1024 * 1024;
/** Bytes one uv__read hands to onread at most. */
const READ_CHUNK = 64 * 1024;

let nextAsyncId = 1;

function net(): Network {
  return host.net();
}

interface Address {
  address: string;
  family: 'IPv4' | 'IPv6';
  port: number;
}

function familyOf(address: string): 'IPv4' | 'IPv6' {
  return address.includes(':') ? 'IPv6' : 'IPv4';
}

export class TCP implements EndOwner, PortListener {
  static readonly constants = { SOCKET: 0, SERVER: 1, UV_TCP_IPV6ONLY: 1 };

  reading = false;
  onread: ((arrayBuffer: ArrayBuffer | undefined) => unknown) | undefined;
  onconnection: ((err: number, handle?: TCP) => void) | undefined;
  readonly fd = -1;
  private readonly asyncId = nextAsyncId++;
  private thread: SimThread;
  private refed = true;
  private closed = false;
  private listening = false;
  private connecting = false;
  private pendingReqs = 0;
  private conn: Connection | undefined;
  private end: End | undefined;
  private local: Address | undefined;
  private remote: Address | undefined;
  private delivering = false;
  private eofDelivered = false;
  private readIo = 0;
  /** readStart was called and its watcher is not registered yet (World.watch). */
  private registering = false;
  private acceptIo = 0;
  /** Connections whose SYN reached this listening port, not yet accepted (the kernel's accept queue). */
  private readonly backlog: Connection[] = [];
  private label = '';
  /** Set by the tls shim (fetch/shims/tls.js) before connecting: the remote peer is an https server. */
  tls = false;
  /** HTTP messages received on this connection so far (the trace numbers them). */
  httpMessages = 0;

  /** The simulated connection's id (0 before connect/accept), for the trace. */
  get connectionId(): number {
    return this.conn?.id ?? 0;
  }

  constructor(readonly type: number = 0) {
    this.thread = net().world.current;
  }

  private get world() {
    return net().world;
  }

  getAsyncId(): number {
    return this.asyncId;
  }
  getProviderType(): number {
    return 0;
  }

  // ---------------------------------------------------------------- liveness (uv_ref semantics)

  private active(): boolean {
    return !this.closed && (this.listening || this.reading || this.connecting || this.pendingReqs > 0);
  }

  private updateRef(): void {
    if (this.refed && this.active()) this.world.ref(this.thread, this, () => this.describe());
    else this.world.unref(this.thread, this);
  }

  private describe(): string {
    if (this.listening) return `http/net server listening on :${this.local?.port}`;
    if (this.connecting) return `connect to :${this.remote?.port}`;
    return `socket ${this.label}${this.reading ? ' (reading)' : ''}`;
  }

  ref(): void {
    this.refed = true;
    this.updateRef();
  }
  unref(): void {
    this.refed = false;
    this.updateRef();
  }
  hasRef(): boolean {
    return this.refed && !this.closed;
  }

  // ---------------------------------------------------------------- server

  bind(address: string, port: number): number {
    this.local = { address, family: 'IPv4', port };
    return 0;
  }
  bind6(address: string, port: number, _flags?: number): number {
    this.local = { address, family: 'IPv6', port };
    return 0;
  }

  listen(_backlog: number): number {
    const n = net();
    const local = this.local ?? { address: '::', family: 'IPv6' as const, port: 0 };
    if (local.port === 0) {
      let p = n.ephemeralPort();
      while (n.servers.has(p)) p = n.ephemeralPort();
      local.port = p;
    }
    if (n.servers.has(local.port)) return UV.UV_EADDRINUSE;
    this.local = local;
    n.servers.set(local.port, this);
    this.listening = true;
    this.thread = this.world.current;
    this.world.placeHandle(this, 'listen');
    recordNet(EventKind.NetListen, local.port, `listen :${local.port}`, 1);
    this.acceptIo = this.world.ioStart(`accept on :${local.port}`);
    this.updateRef();
    return 0;
  }

  /**
   * PortListener: a client's SYN reached our port at time t. It waits in the accept queue
   * (`backlog`); libuv accepts one connection per readiness of the listening socket (uv__server_io
   * under Node: strace shows one accept4 per epoll_wait, never a second until the next poll), so
   * two clients connecting at once are accepted in two successive poll phases — what decides
   * which request reaches the server first, and so whether a kept-alive socket is back in a
   * client's pool before its next request (undici opens fewer connections).
   */
  incoming(conn: Connection, t: number): void {
    if (!this.listening) return;
    this.backlog.push(conn);
    if (this.backlog.length === 1) this.queueAccept(t);
  }

  /** The next poll phase from `t` accepts the oldest connection waiting in the backlog. */
  private queueAccept(t: number): void {
    const io = this.acceptIo;
    this.world.complete(this.thread, t, io, () => {
      if (this.closed) return;
      const conn = this.backlog.shift()!;
      this.acceptIo = this.world.ioStart(`accept on :${this.local!.port}`);
      // The rest of the queue: the listening socket is still readable at the next poll.
      if (this.backlog.length > 0) this.queueAccept(this.world.now());
      const h = new TCP(TCP.constants.SOCKET);
      h.thread = this.thread;
      const clientV4 = conn.label.startsWith('4:');
      const remoteAddress = this.local!.family === 'IPv6' ? (clientV4 ? '::ffff:127.0.0.1' : '::1') : '127.0.0.1';
      h.attach(conn, conn.server, { address: this.local!.family === 'IPv6' ? (clientV4 ? '::ffff:127.0.0.1' : '::1') : '127.0.0.1', family: this.local!.family, port: this.local!.port }, {
        address: remoteAddress,
        family: this.local!.family,
        port: Number(conn.label.split(':').pop()),
      });
      recordNet(EventKind.NetConnect, conn.id, `server :${this.local!.port} ← :${h.remote!.port}`, 2);
      this.onconnection?.(0, h);
    }, true);
  }

  // ---------------------------------------------------------------- client

  connect(req: TCPConnectWrap, address: string, port: number): number {
    return this.connectTo(req, address, port, 'IPv4');
  }
  connect6(req: TCPConnectWrap, address: string, port: number): number {
    return this.connectTo(req, address, port, 'IPv6');
  }

  private connectTo(req: TCPConnectWrap, address: string, port: number, family: 'IPv4' | 'IPv6'): number {
    // Only the program's own servers are on the simulated network (sim/outside.ts): an address
    // elsewhere fails at the call, as a connect to an unreachable network does in libuv (net.js
    // then destroys the socket with `connect ENETUNREACH address:port`), and the run says why.
    const remote = host.remote !== undefined && host.remote.mode !== 'off' ? host.remote : undefined;
    if (!isLoopbackHost(address)) {
      if (remote) return this.connectRemote(req, address, port, family, remote.hostnameOf(address) ?? address);
      warnOutsideHost(`a connection to ${family === 'IPv6' ? `[${address}]` : address}:${port}`);
      return UV.UV_ENETUNREACH;
    }
    // A local port none of the program's servers listens on: a recorded local server (or, in
    // 'record' mode, a real one outside the program, to record it).
    if (remote && !net().servers.has(port) && remote.servesLoopback(port)) return this.connectRemote(req, address, port, family, address);
    const n = net();
    const world = this.world;
    this.thread = world.current;
    const localPort = n.ephemeralPort();
    const t = world.now();
    const io = world.ioStart(`connect to ${address}:${port}`);
    let refused = false;
    // The label carries the client's family and port to the server side (its remote address).
    const conn = n.open(port, t, `${family === 'IPv4' ? '4' : '6'}:${localPort}`, (tr) => {
      refused = true;
      world.complete(this.thread, tr, io, () => {
        this.connecting = false;
        this.pendingReqs--;
        this.updateRef();
        req.oncomplete?.(UV.UV_ECONNREFUSED, this, req, false, false);
      }, true);
    }, LOOPBACK);
    const latency = conn.link.latencyMs;
    this.connecting = true;
    this.pendingReqs++;
    this.updateRef();
    this.attach(conn, conn.client, { address: family === 'IPv4' ? '127.0.0.1' : '::1', family, port: localPort }, { address, family, port });
    world.at(t + latency, `syn-ack ${address}:${port}`, () => {
      if (refused) return;
      world.complete(this.thread, t + 2 * latency, io, () => {
        this.connecting = false;
        this.pendingReqs--;
        this.updateRef();
        if (this.closed) return;
        recordNet(EventKind.NetConnect, conn.id, `client :${localPort} → :${port}`, 1);
        req.oncomplete?.(0, this, req, true, true);
      }, true);
    });
    return 0;
  }

  /**
   * A connection to a host outside the program (src/core/netrec): its far end is a RemotePeer
   * answering from the recording. The connect completes after the recorded connect time (or
   * fails with the recorded error: ECONNREFUSED, …), on the same poll-phase rule as the loopback's.
   */
  private connectRemote(req: TCPConnectWrap, address: string, port: number, family: 'IPv4' | 'IPv6', hostname: string): number {
    const n = net();
    const world = this.world;
    this.thread = world.current;
    const localPort = n.ephemeralPort();
    const t = world.now();
    const io = world.ioStart(`connect to ${hostname}:${port}`);
    const conn = new Connection(world, LOOPBACK, `${family === 'IPv4' ? '4' : '6'}:${localPort}`);
    this.connecting = true;
    this.pendingReqs++;
    this.updateRef();
    this.attach(conn, conn.client, { address: family === 'IPv4' ? '127.0.0.1' : '::1', family, port: localPort }, { address, family, port });
    new RemotePeer(conn.server, conn, { tls: this.tls, hostname, port }, this.thread);
    askRemote<ConnectAnswer>(this.thread, t, `connect to ${hostname}:${port} (a real connection)`, (done) => host.remote!.connect(hostname, port, done), (answer) => {
      const failed = 'error' in answer;
      world.complete(this.thread, t + (failed ? 0 : answer.connectMs), io, () => {
        this.connecting = false;
        this.pendingReqs--;
        this.updateRef();
        if (failed) {
          // A libuv error number net.js can name; anything else (a recording that cannot be used) as unreachable.
          const errno = answer.error.errno !== undefined && answer.error.errno < 0 && answer.error.errno > -4096 ? answer.error.errno : UV.UV_ENETUNREACH;
          req.oncomplete?.(errno, this, req, false, false);
          return;
        }
        if (this.closed) return;
        recordNet(EventKind.NetConnect, conn.id, `client :${localPort} → ${hostname}:${port}`, 1);
        req.oncomplete?.(0, this, req, true, true);
      }, true);
    });
    return 0;
  }

  private attach(conn: Connection, end: End, local: Address, remote: Address): void {
    this.conn = conn;
    this.end = end;
    end.owner = this;
    this.local = local;
    this.remote = remote;
    this.label = `${local.port} ⇄ ${remote.port}`;
  }

  getsockname(out: Record<string, unknown>): number {
    if (!this.local) return UV.UV_EINVAL;
    Object.assign(out, this.local);
    return 0;
  }
  getpeername(out: Record<string, unknown>): number {
    if (!this.remote || this.connecting) return UV.UV_ENOTCONN;
    Object.assign(out, this.remote);
    return 0;
  }

  get bytesRead(): number {
    return this.end?.bytesRead ?? 0;
  }
  get bytesWritten(): number {
    return this.end?.bytesWritten ?? 0;
  }

  setNoDelay(): number {
    return 0;
  }
  setKeepAlive(): number {
    return 0;
  }
  setSimultaneousAccepts(): void {}
  setBlocking(): number {
    return 0;
  }
  useUserBuffer(): void {}

  // ---------------------------------------------------------------- reading

  readStart(): number {
    if (this.closed) return UV.UV_EINVAL;
    this.reading = true;
    this.updateRef();
    if (this.readIo === 0 && !this.eofDelivered) this.readIo = this.world.ioStart(`read ${this.label}`);
    // libuv registers the read watcher with epoll when the next poll phase starts (World.watch):
    // until then, data already waiting or arriving is not seen, and once registered it is ready
    // after what arrived meanwhile on sockets already watched — a connection just accepted
    // whose client wrote at once is read after a kept-alive one written to later
    // (`http-accept-one-per-poll.js`, strace: epoll_ctl ADD at the top of uv__io_poll).
    if (!this.registering) {
      this.registering = true;
      this.world.watch(this.thread, () => {
        this.registering = false;
        const ready = this.end?.readableAt();
        if (this.reading && ready !== undefined) this.scheduleRead(Math.max(ready, this.world.now()));
      });
    }
    return 0;
  }

  readStop(): number {
    this.reading = false;
    this.updateRef();
    return 0;
  }

  /** EndOwner: data or EOF arrived. */
  arrived(_end: End, t: number): void {
    if (this.reading && !this.registering) this.scheduleRead(t);
  }

  private scheduleRead(t: number): void {
    if (this.delivering || this.closed || this.eofDelivered) return;
    this.delivering = true;
    const io = this.readIo;
    this.readIo = 0;
    this.world.complete(this.thread, t, io, () => this.deliver(), true);
  }

  private deliver(): void {
    this.delivering = false;
    const end = this.end!;
    if (this.closed || !this.reading) return;
    if (end.inbox.length > 0) {
      const text = this.conn!.consume(end, this.world.now(), READ_CHUNK);
      const buf = Buffer.from(text, 'latin1');
      streamBaseState[kReadBytesOrError] = buf.length;
      streamBaseState[kArrayBufferOffset] = buf.byteOffset;
      this.onread?.(buf.buffer as ArrayBuffer);
    } else if (end.eof) {
      this.eofDelivered = true;
      this.reading = false;
      this.updateRef();
      streamBaseState[kReadBytesOrError] = end.rst ? UV.UV_ECONNRESET : UV.UV_EOF;
      this.onread?.(undefined);
      return;
    }
    if (this.closed || this.eofDelivered) return;
    if (this.readIo === 0) this.readIo = this.world.ioStart(`read ${this.label}`);
    // What is left (more than one read's worth, or the EOF behind the data) comes on the next poll.
    if (this.reading && end.readableAt() !== undefined) this.scheduleRead(this.world.now());
  }

  // ---------------------------------------------------------------- writing

  writeBuffer(req: WriteWrap, data: Uint8Array): number {
    return this.writeBytes(req, Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1'));
  }
  writeUtf8String(req: WriteWrap, s: string): number {
    return this.writeBytes(req, Buffer.from(s, 'utf8').toString('latin1'));
  }
  writeLatin1String(req: WriteWrap, s: string): number {
    return this.writeBytes(req, Buffer.from(s, 'latin1').toString('latin1'));
  }
  writeAsciiString(req: WriteWrap, s: string): number {
    return this.writeBytes(req, Buffer.from(s, 'ascii').toString('latin1'));
  }
  writeUcs2String(req: WriteWrap, s: string): number {
    return this.writeBytes(req, Buffer.from(s, 'ucs2').toString('latin1'));
  }
  writev(req: WriteWrap, chunks: unknown[], allBuffers: boolean): number {
    let text = '';
    if (allBuffers) {
      for (const c of chunks as Uint8Array[]) text += Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('latin1');
    } else {
      for (let i = 0; i < chunks.length; i += 2) {
        const c = chunks[i];
        const enc = chunks[i + 1] as BufferEncoding;
        text += typeof c === 'string' ? Buffer.from(c, enc === ('buffer' as BufferEncoding) ? 'utf8' : enc).toString('latin1') : Buffer.from((c as Uint8Array).buffer, (c as Uint8Array).byteOffset, (c as Uint8Array).byteLength).toString('latin1');
      }
    }
    return this.writeBytes(req, text);
  }

  private writeBytes(req: WriteWrap, bytes: string): number {
    const end = this.end;
    if (!end || this.closed || end.finQueued) {
      streamBaseState[kBytesWritten] = 0;
      streamBaseState[kLastWriteWasAsync] = 0;
      return UV.UV_EPIPE;
    }
    const world = this.world;
    const sync = end.buffered + end.peer.inboxBytes + bytes.length <= SEND_BUFFER;
    streamBaseState[kBytesWritten] = bytes.length;
    streamBaseState[kLastWriteWasAsync] = sync ? 0 : 1;
    if (sync) {
      this.conn!.write(end, bytes, world.now(), undefined, true);
      return 0;
    }
    const io = world.ioStart(`write ${this.label}`);
    this.pendingReqs++;
    this.updateRef();
    this.conn!.write(end, bytes, world.now(), (t) => {
      world.complete(this.thread, t, io, () => {
        this.pendingReqs--;
        this.updateRef();
        req.oncomplete?.(0);
      }, true);
    }, true);
    return 0;
  }

  shutdown(req: ShutdownWrap): number {
    const end = this.end;
    if (!end || this.closed) return UV.UV_ENOTCONN;
    const io = this.world.ioStart(`shutdown ${this.label}`);
    this.pendingReqs++;
    this.updateRef();
    this.conn!.end(end, this.world.now());
    // Nothing waits in libuv's write queue (writes that could not go at once are the pipe's):
    // libuv feeds the shutdown to its pending queue, run before the next poll's I/O.
    this.world.pending(this.thread, io, () => {
      this.pendingReqs--;
      this.updateRef();
      req.oncomplete?.(this.closed ? UV.UV_ECANCELED : 0);
    });
    return 0;
  }

  /** EndOwner: a chunk left our send buffer (asynchronous writes complete through their own callback). */
  sent(): void {}

  // ---------------------------------------------------------------- closing

  reset(cb?: () => void): number {
    this.closeWith(true, cb);
    return 0;
  }

  close(cb?: () => void): void {
    this.closeWith(false, cb);
  }

  private closeWith(rst: boolean, cb: (() => void) | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.reading = false;
    if (this.listening) {
      this.listening = false;
      recordNet(EventKind.NetListen, this.local!.port, `close :${this.local!.port}`, 0);
      const n = net();
      if (n.servers.get(this.local!.port) === this) n.servers.delete(this.local!.port);
    }
    const end = this.end;
    if (end) {
      // Linux answers a close with unread received data by a reset.
      const reset = rst || end.inboxBytes > 0;
      if (!end.finQueued) this.conn!.end(end, this.world.now(), reset);
      recordNet(EventKind.NetClose, this.conn!.id, reset ? 'reset' : 'close', end.side === 'client' ? 1 : 2);
    }
    this.updateRef();
    if (cb) this.world.closing(this.thread, cb);
  }
}

/** The `pipe_wrap` binding: Unix-domain sockets and named pipes are not simulated. */
export class Pipe {
  static readonly constants = { SOCKET: 0, SERVER: 1, IPC: 2, UV_READABLE: 1, UV_WRITABLE: 2 };
  constructor() {
    throw new Error('async-timeline: net/http over a Unix socket or pipe path is not simulated (use a TCP port)');
  }
}
export class PipeConnectWrap {}

export function familyOfAddress(address: string): string {
  return familyOf(address);
}
