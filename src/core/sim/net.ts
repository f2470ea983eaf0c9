/**
 * The simulated `net` module: Server, Socket, createServer, connect — close to Node's API,
 * running in virtual time over pipe.ts connections.
 *
 * Every completion reaches user code through the owning thread's poll phase (`World.complete`),
 * recorded as IoStart … IoDone pairs: a pending read (IoStart when the socket starts reading,
 * IoDone when data arrives), a write (IoDone when its bytes left the send buffer), an accept.
 * Chunks are strings (UTF-8 text), not Buffers: the simulation has no Node dependency, and
 * `chunk.toString()` works on both.
 */
import { Emitter } from './emitter';
import { isLoopbackHost, outsideHostError } from './outside';
import { Connection, DEFAULT_LINK, type End, type EndOwner, type LinkOptions } from './pipe';
import type { SimThread, World } from './world';

export interface NetOptions extends Partial<LinkOptions> {
  /** Bytes a socket buffers before write() returns false (Node's writableHighWaterMark). */
  highWaterMark?: number;
}

/** What listens on a port: the simulated net.Server, or the TCP handle of Node's net in the sandbox. */
export interface PortListener {
  /** A connection reached the port (network event at time t). */
  incoming(conn: Connection, t: number): void;
}

/** Ports, links and options of the simulated network (one per world). */
export class Network {
  readonly servers = new Map<number, PortListener>();
  link: LinkOptions = { ...DEFAULT_LINK };
  highWaterMark = 16 * 1024;
  private nextSocket = 1;
  private nextPort = 40000;

  constructor(readonly world: World) {}

  configure(options: NetOptions): void {
    const { highWaterMark, ...link } = options;
    if (highWaterMark !== undefined) this.highWaterMark = highWaterMark;
    for (const [k, v] of Object.entries(link)) if (v !== undefined) (this.link as unknown as Record<string, number>)[k] = v;
  }

  socketId(): number {
    return this.nextSocket++;
  }

  ephemeralPort(): number {
    return this.nextPort++;
  }

  /**
   * Opens a connection to `port` at time t; the server hears of it one latency later. The
   * caller owns the client end. `refused` is called at that time if nobody listens.
   */
  open(port: number, t: number, label: string, refused: (t: number) => void, link: Partial<LinkOptions> = {}): Connection {
    const conn = new Connection(this.world, { ...this.link, ...link }, label);
    const arrival = t + this.world.latency(conn.link.latencyMs);
    this.world.at(arrival, `connect ${label}`, () => {
      const server = this.servers.get(port);
      if (server) server.incoming(conn, arrival);
      else refused(arrival + conn.link.latencyMs);
    });
    return conn;
  }
}

type Callback = (...args: any[]) => void;

/** net.Socket: one end of a simulated connection, owned by a simulated thread. */
export class Socket extends Emitter implements EndOwner {
  readonly id: number;
  /** Thread that receives this socket's events (the last one that read from it). */
  owner: SimThread;
  remoteAddress = '10.0.0.1';
  remotePort = 0;
  localAddress = '127.0.0.1';
  localPort = 0;
  connecting = false;
  destroyed = false;
  readableEnded = false;
  writableEnded = false;
  writableNeedDrain = false;
  /** Text read by readLineSync but not returned yet (blocking API, blocking.ts). */
  pendingText = '';
  private flowing = false;
  private paused = false;
  private delivering = false;
  private readIo = 0;
  private closed = false;
  private writeText = 0;
  private readText = 0;
  /**
   * The async context its events run in (Node's TCPWrap is an AsyncWrap): the connect() call's;
   * an accepted socket has none (its handle is made in C++).
   */
  context: (run: () => void) => void;

  constructor(
    readonly net: Network,
    readonly pipeEnd: End,
    /** Who is at the other side ("client 3", ":7000"). */
    readonly label: string,
  ) {
    super();
    this.id = net.socketId();
    this.owner = net.world.current;
    this.context = captureContext(net);
    pipeEnd.owner = this;
    net.world.ref(this.owner, this, () => `socket #${this.id} (${label})`);
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    return inContext(this.context, () => super.emit(event, ...args));
  }

  get bytesRead(): number {
    return this.pipeEnd.bytesRead;
  }
  get bytesWritten(): number {
    return this.pipeEnd.bytesWritten;
  }
  get writableLength(): number {
    return this.pipeEnd.buffered;
  }
  get writableHighWaterMark(): number {
    return this.net.highWaterMark;
  }
  get readyState(): string {
    if (this.connecting) return 'opening';
    if (this.destroyed || this.closed) return 'closed';
    if (this.readableEnded) return 'writeOnly';
    return this.writableEnded ? 'readOnly' : 'open';
  }

  // ------------------------------------------------------------ writing

  write(data: unknown, encoding?: string | Callback, cb?: Callback): boolean {
    if (typeof encoding === 'function') cb = encoding;
    if (this.writableEnded || this.destroyed) {
      const err = new Error('This socket has been ended by the other party');
      (err as { code?: string }).code = 'EPIPE';
      this.later(() => (cb ? cb(err) : this.emit('error', err)));
      return false;
    }
    const text = toText(data);
    const world = this.net.world;
    const owner = world.current;
    // Descriptions are interned once per socket: a busy server writes millions of times.
    const io = world.ioStart((this.writeText ||= world.host.trace.string(`write to ${this.label}`)));
    this.pipeEnd.conn.write(this.pipeEnd, text, world.now(), (t) => world.complete(owner, t, io, () => cb?.()));
    const ok = this.pipeEnd.buffered < this.net.highWaterMark;
    if (!ok) this.writableNeedDrain = true;
    return ok;
  }

  end(data?: unknown, encoding?: string | Callback, cb?: Callback): this {
    if (typeof data === 'function') {
      cb = data as Callback;
      data = undefined;
    } else if (typeof encoding === 'function') cb = encoding;
    if (data !== undefined && data !== null) this.write(data);
    if (!this.writableEnded) {
      this.writableEnded = true;
      this.pipeEnd.conn.end(this.pipeEnd, this.net.world.now());
    }
    if (cb) this.once('finish', cb);
    this.later(() => this.emit('finish'));
    this.maybeClose();
    return this;
  }

  destroy(err?: Error): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    if (!this.writableEnded) {
      this.writableEnded = true;
      this.pipeEnd.conn.end(this.pipeEnd, this.net.world.now());
    }
    this.readableEnded = true;
    if (err) this.later(() => this.emit('error', err));
    this.maybeClose();
    return this;
  }

  // ------------------------------------------------------------ reading (flowing mode)

  setEncoding(_encoding?: string): this {
    return this; // chunks are text already
  }

  pause(): this {
    this.paused = true;
    return this;
  }

  resume(): this {
    this.setOwner(this.net.world.current);
    this.flowing = true;
    this.paused = false;
    if (this.readIo === 0 && !this.readableEnded) this.readIo = this.net.world.ioStart(this.readDescription());
    const ready = this.pipeEnd.readableAt();
    if (ready !== undefined) this.scheduleDelivery(Math.max(ready, this.net.world.now()));
    return this;
  }

  isPaused(): boolean {
    return !this.flowing || this.paused;
  }

  protected override listenerAdded(event: string | symbol): void {
    if (event === 'data' && !this.flowing) this.resume();
  }

  /** EndOwner: data or EOF arrived. */
  arrived(_end: End, t: number): void {
    if (this.flowing && !this.paused) this.scheduleDelivery(t);
  }

  /** EndOwner: bytes left our send buffer; 'drain' once it is empty after a full write. */
  sent(end: End, t: number): void {
    if (this.writableNeedDrain && end.buffered === 0) {
      this.writableNeedDrain = false;
      this.net.world.complete(this.owner, t, 0, () => this.emit('drain'));
    }
    if (end.finSent) this.maybeClose(t);
  }

  private scheduleDelivery(t: number): void {
    if (this.delivering || this.readableEnded) return;
    this.delivering = true;
    const io = this.readIo;
    this.readIo = 0;
    this.net.world.complete(this.owner, t, io, () => this.deliver());
  }

  private deliver(): void {
    this.delivering = false;
    const world = this.net.world;
    while (this.pipeEnd.inbox.length > 0 && this.flowing && !this.paused && !this.destroyed) {
      const chunk = this.pipeEnd.inbox[0];
      const text = this.pipeEnd.conn.consume(this.pipeEnd, world.now(), chunk.bytes);
      this.emit('data', text);
    }
    if (this.destroyed) return;
    if (this.pipeEnd.eof && this.pipeEnd.inbox.length === 0 && !this.readableEnded) {
      this.readableEnded = true;
      this.emit('end');
      if (!this.writableEnded) this.end(); // allowHalfOpen: false, as Node's default
      this.maybeClose();
    } else if (this.readIo === 0 && !this.readableEnded) {
      this.readIo = world.ioStart(this.readDescription());
      if (this.pipeEnd.inbox.length > 0 && this.flowing && !this.paused) this.scheduleDelivery(world.now());
    }
  }

  private readDescription(): number {
    return (this.readText ||= this.net.world.host.trace.string(`read from ${this.label}`));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<string> {
    return socketIterator(this);
  }

  // ------------------------------------------------------------ life cycle

  /** Moves the socket (its events and keep-alive) to another simulated thread. */
  setOwner(th: SimThread): void {
    if (th === this.owner) return;
    const world = this.net.world;
    const desc = () => `socket #${this.id} (${this.label})`;
    if (!this.closed) {
      world.unref(this.owner, this);
      world.ref(th, this, desc);
    }
    this.owner = th;
  }

  /** 'close' once both directions are finished. */
  maybeClose(t = this.net.world.now()): void {
    if (this.closed) return;
    const bothDone = (this.readableEnded || this.destroyed) && this.writableEnded && (this.pipeEnd.finSent || this.destroyed);
    if (!bothDone) return;
    this.closed = true;
    this.net.world.unref(this.owner, this);
    this.net.world.complete(this.owner, t, 0, () => this.emit('close', false));
  }

  /** Runs `fn` in this socket's thread's poll phase, at its current time. */
  private later(fn: () => void): void {
    this.net.world.complete(this.owner, this.net.world.now(), 0, fn);
  }

  address(): { port: number; address: string; family: string } {
    return { port: this.localPort, address: this.localAddress, family: 'IPv4' };
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  setTimeout(): this {
    return this;
  }
  ref(): this {
    if (!this.closed) this.net.world.ref(this.owner, this, `socket #${this.id} (${this.label})`);
    return this;
  }
  unref(): this {
    this.net.world.unref(this.owner, this);
    return this;
  }
}

/** `for await (const chunk of socket)`: pauses the socket while the consumer is busy (back-pressure). */
function socketIterator(socket: Socket): AsyncIterableIterator<string> {
  const P = socket.net.world.host.Promise;
  const queue: string[] = [];
  let done = false;
  let failure: unknown;
  let waiting: { resolve: (r: IteratorResult<string>) => void; reject: (e: unknown) => void } | undefined;
  socket.on('data', (chunk: string) => {
    if (waiting) {
      const w = waiting;
      waiting = undefined;
      w.resolve({ value: chunk, done: false });
    } else {
      queue.push(chunk);
      socket.pause();
    }
  });
  const finish = () => {
    done = true;
    if (waiting) waiting.resolve({ value: undefined, done: true });
    waiting = undefined;
  };
  socket.on('end', finish);
  socket.on('close', finish);
  socket.on('error', (e: unknown) => {
    failure = e;
    if (waiting) waiting.reject(e);
    waiting = undefined;
  });
  const it: AsyncIterableIterator<string> = {
    next(): Promise<IteratorResult<string>> {
      if (queue.length > 0) {
        const value = queue.shift() as string;
        if (queue.length === 0) socket.resume();
        return P.resolve({ value, done: false });
      }
      if (failure !== undefined) return P.reject(failure);
      if (done) return P.resolve({ value: undefined, done: true });
      socket.resume();
      return new P((resolve, reject) => (waiting = { resolve, reject }));
    },
    return(): Promise<IteratorResult<string>> {
      socket.destroy();
      return P.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return it;
    },
  };
  return it;
}

/** net.Server. Without a 'connection' listener, connections wait in the backlog for acceptSync/select. */
export class Server extends Emitter {
  port = 0;
  listening = false;
  owner: SimThread;
  /** Accepted by the kernel, not yet by the program: sockets and their arrival time. */
  readonly backlog: Array<{ socket: Socket; t: number }> = [];
  connections = 0;
  private acceptIo = 0;
  /** The async context its events (and its connections') run in: the listen() call's (Node's TCPServerWrap). */
  context: (run: () => void) => void;

  constructor(readonly net: Network, listener?: (s: Socket) => void) {
    super();
    this.owner = net.world.current;
    this.context = captureContext(net);
    if (listener) this.on('connection', listener);
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    // 'close' comes from the handle's close callback, outside any store (as real Node shows).
    return inContext(event === 'close' ? emptyContext(this.net) : this.context, () => super.emit(event, ...args));
  }

  listen(...args: unknown[]): this {
    const cb = args.find((a) => typeof a === 'function') as Callback | undefined;
    const first = args[0];
    const port = typeof first === 'number' ? first : typeof first === 'object' && first ? Number((first as { port?: number }).port ?? 0) : 0;
    const world = this.net.world;
    this.owner = world.current;
    this.context = captureContext(this.net);
    this.port = port || this.net.ephemeralPort();
    if (this.net.servers.has(this.port)) {
      const err = new Error(`listen EADDRINUSE: address already in use :::${this.port}`);
      (err as { code?: string }).code = 'EADDRINUSE';
      world.complete(this.owner, world.now(), 0, () => this.emit('error', err));
      return this;
    }
    this.net.servers.set(this.port, this);
    this.listening = true;
    world.placeHandle(this, 'listen');
    world.ref(this.owner, this, () => `listening server :${this.port} (${this.connections} connections so far, no further client will connect)`);
    if (cb) this.once('listening', cb);
    world.complete(this.owner, world.now(), 0, () => this.emit('listening'));
    return this;
  }

  /** A connection reached the port (network event at time t). */
  incoming(conn: Connection, t: number): void {
    if (!this.listening) return;
    const socket = new Socket(this.net, conn.server, conn.label);
    // Node makes the accepted socket's handle in C++, outside any store.
    socket.context = emptyContext(this.net);
    socket.setOwner(this.owner);
    socket.localPort = this.port;
    socket.remotePort = this.net.ephemeralPort();
    socket.remoteAddress = `10.0.${(conn.id >> 8) & 255}.${conn.id & 255}`;
    this.connections++;
    if (this.listenerCount('connection') > 0) {
      const world = this.net.world;
      if (this.acceptIo === 0) this.acceptIo = world.ioStart(`accept on :${this.port}`);
      const io = this.acceptIo;
      this.acceptIo = 0;
      world.complete(this.owner, t, io, () => {
        if (this.listening && this.listenerCount('connection') > 0) this.acceptIo = world.ioStart(`accept on :${this.port}`);
        this.emit('connection', socket);
      });
    } else {
      this.backlog.push({ socket, t });
    }
  }

  close(cb?: Callback): this {
    const world = this.net.world;
    if (this.listening) {
      this.listening = false;
      this.net.servers.delete(this.port);
      world.unref(this.owner, this);
    }
    world.complete(this.owner, world.now(), 0, () => {
      emptyContext(this.net)(() => cb?.());
      this.emit('close');
    });
    return this;
  }

  address(): { port: number; address: string; family: string } {
    return { port: this.port, address: '::', family: 'IPv6' };
  }
  getConnections(cb: (err: Error | null, n: number) => void): this {
    this.net.world.complete(this.owner, this.net.world.now(), 0, () => cb(null, this.connections));
    return this;
  }
  ref(): this {
    if (this.listening) this.net.world.ref(this.owner, this, `listening server :${this.port}`);
    return this;
  }
  unref(): this {
    this.net.world.unref(this.owner, this);
    return this;
  }
}

/** net.connect / net.createConnection from user code to a simulated server. */
export function connect(net: Network, ...args: unknown[]): Socket {
  const cb = args.find((a) => typeof a === 'function') as Callback | undefined;
  const first = args[0];
  const port = typeof first === 'number' ? first : Number((first as { port?: number })?.port ?? 0);
  const world = net.world;
  const host = typeof first === 'number' ? (typeof args[1] === 'string' ? args[1] : undefined) : (first as { host?: string })?.host;
  if (host !== undefined && !isLoopbackHost(host)) return refuseOutside(net, host, port, cb);
  const conn = net.open(port, world.now(), `:${port}`, (t) => {
    const err = new Error(`connect ECONNREFUSED 127.0.0.1:${port}`);
    (err as { code?: string }).code = 'ECONNREFUSED';
    world.complete(socket.owner, t, io, () => {
      socket.destroy();
      socket.emit('error', err);
    });
  });
  const socket = new Socket(net, conn.client, `:${port}`);
  socket.remotePort = port;
  socket.connecting = true;
  const io = world.ioStart(`connect to :${port}`);
  if (cb) socket.once('connect', cb);
  // The handshake takes a round trip; the server end exists after one latency.
  const t = world.now() + 2 * conn.link.latencyMs;
  world.at(t, `connected ${conn.label}`, () => {
    if (!net.servers.has(port)) return;
    world.complete(socket.owner, t, io, () => {
      socket.connecting = false;
      socket.emit('connect');
      socket.emit('ready');
    });
  });
  return socket;
}

/**
 * A connection to a host that is not this machine (sim/outside.ts): the socket fails in the next
 * poll phase with the Node-shaped ENETUNREACH error saying why, instead of silently reaching the
 * program's own server on that port.
 */
function refuseOutside(net: Network, host: string, port: number, cb: Callback | undefined): Socket {
  const world = net.world;
  const conn = new Connection(world, net.link, `${host}:${port}`);
  const socket = new Socket(net, conn.client, `${host}:${port}`);
  socket.remotePort = port;
  socket.connecting = true;
  if (cb) socket.once('connect', cb);
  const io = world.ioStart(`connect to ${host}:${port}`);
  const err = outsideHostError(Error, `a connection to ${host}:${port}`, { syscall: 'connect', host, port });
  world.complete(socket.owner, world.now(), io, () => {
    socket.connecting = false;
    socket.destroy();
    socket.emit('error', err);
  });
  return socket;
}

/** The async context of the code calling now, as a runner (SimHost.captureContext). */
function captureContext(net: Network): (run: () => void) => void {
  return net.world.host.captureContext?.() ?? ((run) => run());
}

/** A runner with no store (SimHost.captureContext(true)). */
function emptyContext(net: Network): (run: () => void) => void {
  return net.world.host.captureContext?.(true) ?? ((run) => run());
}

function inContext<T>(context: (run: () => void) => void, f: () => T): T {
  let result!: T;
  context(() => {
    result = f();
  });
  return result;
}

function toText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof Uint8Array) return new TextDecoder().decode(data);
  return String(data);
}
