/**
 * MessagePort and MessageChannel (and the ports under BroadcastChannel) as Node runs them
 * (src/node_messaging.cc, lib/internal/worker/io.js), on the simulated threads of world.ts.
 *
 * What Node does, and this file with it:
 * - Every port is a libuv async handle of the thread that owns it. postMessage serializes the
 *   message at once (errors and transfers happen in the call), appends it to the peer's queue
 *   and wakes the peer's handle (uv_async_send).
 * - A woken thread's poll phase runs its async handles *in the order they were created*; each
 *   handle drains its queue (up to max(queued, 1000) messages, then it wakes itself again),
 *   including messages posted while it drains. Each message is its own callback scope: ticks
 *   and microtasks run between two messages. A wake that comes while the poll phase is running
 *   callbacks is seen by the next poll phase, unless the pass has not reached that handle yet.
 * - A port delivers only once started (a 'message' listener, `onmessage`, `start()`); a port
 *   with a 'message' listener is ref'd, an unref'd or listener-less port does not keep the
 *   thread alive. Removing the last listener stops it again.
 * - close() closes the handle ('close' in the closing phase, after the check phase) and puts a
 *   close message in the peer's queue, after the messages already there: the peer closes when
 *   it reaches it (even if not started), so its 'close' comes one loop iteration later.
 * - A transferred port's object closes ('close' too); its queue and its peer move to a new port
 *   made in the receiving thread.
 * - BroadcastChannel (broadcast.ts): a started, ref'd port per channel object; a message goes to
 *   every other open channel of that name, in any thread, in the order the channels were made.
 *
 * Each message is an I/O of the trace: IoStart when posted (on the sender's thread), IoDone and
 * an Io macrotask when delivered, so the timeline draws send → receive.
 */
import { Emitter } from './emitter';
import { SIM_TRANSFERABLE, checkHostObjects, dataCloneError, isDetached, pairHostObjects, structuredCloneSim } from './clone';
import type { SimThread, World } from './world';

interface QueuedMessage {
  kind: 'message';
  /** The message as serialized by the sender (its realm): cloned again into the receiver's. */
  snapshot: unknown;
  /** Ports that travel with it (made at send time, adopted by the receiving thread). */
  ports: MessagePort[];
  /** Sender's clock when posted: the receiver sees it no earlier. */
  at: number;
  io: number;
}
interface QueuedClose {
  kind: 'close';
  at: number;
}
type Queued = QueuedMessage | QueuedClose;

export type Listener = (...args: any[]) => unknown;
export interface EventListenerLike {
  handleEvent?(event: unknown): unknown;
}

/** The event `onmessage` and `addEventListener('message')` listeners receive. */
export class MessageEvent {
  readonly type: string;
  readonly data: unknown;
  readonly origin: string;
  readonly lastEventId: string;
  readonly source: unknown;
  readonly ports: readonly unknown[];
  readonly target: unknown = null;

  /** `new MessageEvent(type, { data, origin, lastEventId, source, ports })`, as the web (and Node) make one. */
  constructor(type: unknown, init?: unknown) {
    const o = (init ?? {}) as { data?: unknown; origin?: unknown; lastEventId?: unknown; source?: unknown; ports?: Iterable<unknown> };
    this.type = `${String(type)}`;
    this.data = o.data === undefined ? null : o.data;
    this.origin = o.origin === undefined ? '' : `${String(o.origin)}`;
    this.lastEventId = o.lastEventId === undefined ? '' : `${String(o.lastEventId)}`;
    this.source = o.source ?? null;
    this.ports = o.ports === undefined ? [] : [...o.ports];
  }


  /** The port (or channel) whose listener runs: the target, as events here are not propagated. */
  get currentTarget(): unknown {
    return this.target;
  }
}

/**
 * The event a port (or channel) delivers: the message's data as it is, its target the receiver.
 * (Outside the class: a class body naming itself is renamed by esbuild, and Node prints
 * `event.constructor.name`.)
 */
export function deliveredEvent(type: string, data: unknown, ports: readonly MessagePort[], target: unknown): MessageEvent {
  const event = new MessageEvent(type, { ports });
  Object.assign(event, { data, target });
  return event;
}

/**
 * Brand that makes `instanceof EventTarget` hold for MessagePort and BroadcastChannel, as in Node
 * (nodelib's EventTarget, src/core/node/event-target.js, checks it).
 */
export const SIM_EVENT_TARGET = Symbol.for('async-timeline.sim.eventTarget');

/** Likewise `event instanceof Event` for a MessageEvent (src/core/node/event-target.js checks it). */
Object.defineProperty(MessageEvent.prototype, Symbol.for('async-timeline.sim.event'), { value: true });

// ------------------------------------------------------------------ a thread's async handles

/**
 * One thread's libuv async handles (its ports), in creation order, and the pass of its poll
 * phase over them (uv__async_io). Each delivered message is one Io completion of the thread:
 * the pass picks the next message when the loop is about to run it (the completion's lazy io),
 * then queues itself first in line for the next one.
 */
class AsyncHandles {
  private readonly handles: MessagePort[] = [];
  /** The handles of the running pass (a snapshot: handles made meanwhile wait for the next). */
  private pass: MessagePort[] | undefined;
  private passPos = 0;
  private picked: { port: MessagePort; message: QueuedMessage } | undefined;
  /** Times for which a wake is queued already. */
  private readonly wakes = new Set<number>();

  constructor(
    readonly world: World,
    readonly thread: SimThread,
  ) {}

  add(port: MessagePort): void {
    this.handles.push(port);
  }

  /** The handles, in creation order (a copy). */
  list(): MessagePort[] {
    return this.handles.slice();
  }

  remove(port: MessagePort): void {
    const i = this.handles.indexOf(port);
    if (i >= 0) this.handles.splice(i, 1);
  }

  /** uv_async_send: the handle has something; a poll phase at or after `at` looks at it. */
  signal(port: MessagePort, at: number): void {
    port.signaled = true;
    const t = Math.max(at, this.thread.now());
    if (this.wakes.has(t)) return;
    this.wakes.add(t);
    // Seen by a poll phase that starts after now (libuv reads the async fd once per poll). Weak:
    // a pending uv_async_send keeps no loop alive; a ref'd port does, by its own ref.
    this.world.complete(this.thread, t, () => this.startPass(t), () => this.runPicked(), true, true);
  }

  private startPass(t: number): number {
    this.wakes.delete(t);
    if (this.pass !== undefined) return -1; // the running pass will see it
    this.pass = [...this.handles];
    this.passPos = 0;
    return this.pickNext();
  }

  /** The io of the next message to deliver in this pass (-1: the pass is over, nothing runs). */
  private pickNext(): number {
    const pass = this.pass;
    if (pass === undefined) return -1;
    const now = this.thread.now();
    while (this.passPos < pass.length) {
      const port = pass[this.passPos];
      if (port.failed) {
        // MessagePort::OnMessage: a callback that ended in an uncaught exception ends this
        // handle's turn; it wakes itself again for the rest (the next poll phase).
        port.failed = false;
        port.budget = -1;
        this.passPos++;
        if (port.hasDeliverable(now)) this.signal(port, now);
        continue;
      }
      if (port.signaled && port.budget < 0 && !port.detached) {
        port.signaled = false;
        port.budget = Math.max(port.queueLength, 1000);
      }
      if (port.budget > 0 && !port.detached) {
        const message = port.takeDeliverable(now);
        if (message !== undefined) {
          port.budget--;
          this.picked = { port, message };
          return message.io;
        }
      }
      // Node stops a handle after its budget so others are not starved: it wakes itself again.
      const starved = port.budget === 0 && port.hasDeliverable(now);
      port.budget = -1;
      this.passPos++;
      if (starved) this.signal(port, now);
      // A message sent from a thread whose clock is ahead: the wake queued for its time looks again.
      else if (port.pendingLater(now)) port.signaled = true;
    }
    this.pass = undefined;
    return -1;
  }

  private runPicked(): void {
    const picked = this.picked;
    this.picked = undefined;
    // The next message of the pass is its own callback scope: first in line, after this one's
    // ticks and microtasks (-Infinity sorts before every queued completion).
    this.world.complete(this.thread, -Infinity, () => this.pickNext(), () => this.runPicked(), false, true);
    if (picked === undefined) return;
    picked.port.failed = false;
    picked.port.deliver(picked.message, this.thread);
  }
}

const hubs = new WeakMap<SimThread, AsyncHandles>();
/** The ports a thread owns when it ends (but `keep`), torn down: MessagePort.threadEnded. */
export function endPortsOf(world: World, thread: SimThread, keep: MessagePort): void {
  for (const port of hubOf(world, thread).list()) if (port !== keep) port.threadEnded();
}

function hubOf(world: World, thread: SimThread): AsyncHandles {
  let hub = hubs.get(thread);
  if (hub === undefined) {
    hub = new AsyncHandles(world, thread);
    hubs.set(thread, hub);
  }
  return hub;
}

// ------------------------------------------------------------------ serialization

/** Messages as Node serializes them: validation, transfer list, detaching, then a snapshot. */
export function serializeMessage(world: World, value: unknown, transferArg: unknown, source: MessagePort | undefined): { snapshot: unknown; ports: MessagePort[] } {
  const modernErrors = (world.host.nodeMajor ?? 20) >= 22;
  const transfer = transferList(transferArg);
  const buffers: ArrayBuffer[] = [];
  const ports: MessagePort[] = [];
  for (const item of transfer) {
    if (item instanceof MessagePort) {
      if (item === source) throw dataCloneError('Transfer list contains source port');
      if (ports.includes(item)) throw dataCloneError('Transfer list contains duplicate MessagePort');
      if (item.detached || item.closing) throw dataCloneError('MessagePort in transfer list is already detached');
      ports.push(item);
    } else if (Object.prototype.toString.call(item) === '[object ArrayBuffer]') {
      if (buffers.includes(item as ArrayBuffer)) throw dataCloneError('Transfer list contains duplicate ArrayBuffer');
      if (isDetached(item as ArrayBuffer)) throw dataCloneError('An ArrayBuffer is detached and could not be cloned.');
      buffers.push(item as ArrayBuffer);
    } else if (modernErrors) throw dataCloneError('Found invalid value in transferList.');
    else throw withCode(new TypeError('Found invalid object in transferList'), 'ERR_INVALID_TRANSFER_OBJECT');
  }
  const nodeMajor = world.host.nodeMajor ?? 20;
  const platform = world.host.platformClone ?? globalClone();
  if (platform !== undefined && ports.length === 0) {
    // V8's serializer first when the platform has it: its errors are the exact ones (getters
    // run once, class instances), and it detaches the transferred buffers. Node's host objects
    // of the sandbox (a Blob: a plain object to the platform) are judged before it and cloned
    // by their own [kClone] where its copy has a plain object for them (clone.ts).
    checkHostObjects(value, [], nodeMajor);
    const copy = platform(value, buffers);
    const pairs = pairHostObjects(value, copy, nodeMajor);
    const snapshot = structuredCloneSim(copy, {
      nodeMajor,
      replace: (v) => {
        const original = pairs.get(v);
        return original === undefined ? undefined : structuredCloneSim(original, { nodeMajor });
      },
    });
    return { snapshot, ports: [] };
  }
  // A port inside the message must be transferred (a port cannot be copied).
  const moved = new Map<object, MessagePort>();
  const snapshot = structuredCloneSim(value, {
    nodeMajor,
    replace(v) {
      if (!(v instanceof MessagePort)) return undefined;
      if (!ports.includes(v)) {
        const text = 'Object that needs transfer was found in message but not listed in transferList';
        throw modernErrors ? dataCloneError(text) : withCode(new TypeError(text), 'ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST');
      }
      let moving = moved.get(v);
      if (moving === undefined) {
        moving = new MessagePort(world, null);
        moved.set(v, moving);
      }
      return moving;
    },
  });
  // With ports the platform cannot see the message (a port is a simulation object): it only
  // detaches the transferred buffers.
  if (platform !== undefined) for (const b of buffers) platform(b, [b]);
  // Transferred ports: their queue and their peer move to the new ports, the old objects close.
  const newPorts = ports.map((p) => {
    const np = moved.get(p) ?? new MessagePort(world, null);
    p.moveTo(np);
    return np;
  });
  return { snapshot, ports: newPorts };
}

/** Node 20's C++ errors: a `code` property, not in the stack's first line. */
function withCode(e: Error, code: string): Error {
  Object.defineProperty(e, 'code', { value: code, writable: true, enumerable: true, configurable: true });
  return e;
}

/** This realm's structuredClone as a platform clone (the direct harness runs where Node's is global). */
function globalClone(): ((value: unknown, transfer: ArrayBuffer[]) => unknown) | undefined {
  const clone = (globalThis as { structuredClone?: (value: unknown, options: { transfer: ArrayBuffer[] }) => unknown }).structuredClone;
  return clone === undefined ? undefined : (value, transfer) => clone(value, { transfer });
}

function transferList(arg: unknown): unknown[] {
  if (arg === undefined || arg === null) return [];
  if (typeof arg === 'object' && typeof (arg as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
    // postMessage(value, { transfer }) (Node ≥ 15, as the web does)
    const inner = (arg as { transfer?: unknown }).transfer;
    return inner === undefined || inner === null ? [] : transferList(inner);
  }
  if (typeof arg !== 'object' || typeof (arg as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
    const e = new TypeError('Optional transferList argument must be an iterable') as TypeError & { code: string };
    Object.defineProperty(e, 'code', { value: 'ERR_INVALID_ARG_TYPE', writable: true, enumerable: true, configurable: true });
    throw e;
  }
  return [...(arg as Iterable<unknown>)];
}

// ------------------------------------------------------------------ MessagePort

/** A MessagePort: one end of a channel, a handle of the thread that owns it. */
export class MessagePort extends Emitter {
  /** The other end (undefined once either end closed). */
  peer: MessagePort | undefined;
  /** The thread whose loop delivers this port's messages (undefined while it travels in a message). */
  thread: SimThread | undefined;
  private queue: Queued[] = [];
  started = false;
  private refed = false;
  /** close() was called (or the peer's close reached it): the handle is closing. */
  closing = false;
  /** The handle is gone (closed, or the object was transferred): nothing is delivered any more. */
  detached = false;
  /** Woken since its last visit by the thread's pass (AsyncHandles). */
  signaled = false;
  /** Messages this pass may still deliver (-1: not visited). */
  budget = -1;
  /** The message being delivered ended in an uncaught exception (a listener threw). */
  failed = false;
  /** The ports of the message being delivered (MessageEvent.ports). */
  private receiving: readonly MessagePort[] = [];
  private readonly eventListeners: Array<{ type: string; listener: unknown; wrapper: Listener }> = [];
  private readonly handlers: Record<string, { fn: unknown; wrapper: Listener } | undefined> = {};
  /** Runs a delivery in the async context of the code that made the port (a handle's, as in Node). */
  private readonly inContext: (run: () => void) => void;

  /** `thread`: the owner (default: the calling thread); null: a port travelling in a message. */
  constructor(readonly world: World, thread?: SimThread | null) {
    super();
    Object.defineProperty(this, SIM_TRANSFERABLE, { value: true });
    this.inContext = world.host.captureContext?.() ?? ((run) => run());
    if (thread !== null) this.adopt(thread ?? world.current);
  }

  /** The thread that receives this port (in a message, or a Worker's parentPort) owns its handle from now on. */
  adopt(thread: SimThread): void {
    this.thread = thread;
    hubOf(this.world, thread).add(this);
    if (this.queue.length > 0) hubOf(this.world, thread).signal(this, this.queue[0].at);
    this.updateRef();
  }

  get queueLength(): number {
    return this.queue.length;
  }

  postMessage(...args: unknown[]): void {
    if (args.length === 0) throw withCode(new TypeError('Not enough arguments to MessagePort.postMessage'), 'ERR_MISSING_ARGS');
    const [value, transfer] = args;
    const w = this.world;
    const { snapshot, ports } = serializeMessage(w, value, transfer, this);
    const target = this.peer;
    // A closing port's messages are never delivered (its channel is being disentangled).
    if (target === undefined || this.closing || this.detached || target.closing || target.detached) return;
    const same = target.thread !== undefined && target.thread === w.current;
    const io = w.ioStart(same || target.thread === undefined ? 'port message' : `message to thread ${target.thread.id}`);
    target.enqueue({ kind: 'message', snapshot, ports, at: w.now(), io });
  }

  /** Appends to the queue and wakes the owning thread's handle. */
  enqueue(item: Queued): void {
    this.queue.push(item);
    if (this.thread !== undefined && !this.detached) hubOf(this.world, this.thread).signal(this, item.at);
  }

  /** The next message deliverable now; a close message at the front closes the port (started or not). */
  takeDeliverable(now: number): QueuedMessage | undefined {
    for (;;) {
      const front = this.queue[0];
      if (front === undefined || front.at > now) return undefined;
      if (front.kind === 'close') {
        this.queue.shift();
        this.closeHandle();
        return undefined;
      }
      if (!this.started) return undefined;
      this.queue.shift();
      return front;
    }
  }

  /** Something is queued for later than `now` (posted by a thread whose clock is ahead). */
  pendingLater(now: number): boolean {
    return this.queue.some((item) => item.at > now);
  }

  hasDeliverable(now: number): boolean {
    const front = this.queue[0];
    return front !== undefined && front.at <= now && (this.started || front.kind === 'close');
  }

  /** One message reaches user code (a callback scope of `thread`). */
  deliver(message: QueuedMessage, thread: SimThread): void {
    const value = this.world.cloneFor(thread)(message.snapshot);
    for (const p of message.ports) p.adopt(thread);
    this.inContext(() => {
      const prior = this.receiving;
      this.receiving = message.ports;
      try {
        this.dispatch('message', value);
      } finally {
        this.receiving = prior;
      }
    });
  }

  /**
   * EventTarget dispatch: every listener runs; one that throws does not stop the others, its
   * error is thrown from a tick of this callback scope (lib/internal/event_target.js), which
   * also ends the port's turn in the pass (see AsyncHandles.pickNext).
   */
  private dispatch(event: string, ...args: unknown[]): void {
    const defer = this.world.host.deferError;
    const inPass = event === 'message';
    for (const fn of this.listenersOf(event)) {
      if (defer === undefined) {
        fn.apply(this, args);
        continue;
      }
      try {
        fn.apply(this, args);
      } catch (error) {
        defer(error, () => {
          if (inPass) this.failed = true;
        });
      }
    }
  }

  /**
   * Node's drainMessagePort as a Worker exits (lib/internal/worker.js `kOnExit`, before 'exit'):
   * every message already posted is delivered now, in the exit's callback scope — a message the
   * thread posted just before it ended is never lost, even when its wake-up would only have been
   * seen by a later poll phase (the thread's clock ahead of the parent's poll).
   */
  drain(thread: SimThread): void {
    const now = thread.now();
    for (;;) {
      const front = this.queue[0];
      if (front === undefined || front.kind !== 'message' || front.at > now || this.detached) return;
      this.queue.shift();
      this.world.ioDone(thread, front.io);
      this.deliver(front, thread);
    }
  }

  /**
   * worker_threads.receiveMessageOnPort: the oldest message already posted to this port (by the
   * receiving thread's clock), taken out of the queue so no 'message' event delivers it.
   */
  receive(): { message: unknown } | undefined {
    const first = this.queue[0];
    if (first === undefined || first.kind !== 'message' || this.thread === undefined || first.at > this.world.now()) return undefined;
    this.queue.shift();
    const value = this.world.cloneFor(this.thread)(first.snapshot);
    for (const p of first.ports) p.adopt(this.thread);
    return { message: value };
  }

  // ---------------------------------------------------------------- start, ref, close

  /** Node's setupPortReferencing: the first 'message' listener refs and starts the port. */
  protected override listenerAdded(event: string | symbol): void {
    if (event !== 'message' || this.listenerCount('message') !== 1) return;
    this.refed = true;
    this.updateRef();
    this.start();
  }

  /** The last 'message' listener gone: the port stops (messages wait) and is unref'd. */
  protected override listenerRemoved(event: string | symbol): void {
    if (event !== 'message' || this.listenerCount('message') !== 0) return;
    this.started = false;
    this.refed = false;
    this.updateRef();
  }

  start(): void {
    if (this.started || this.detached) return;
    this.started = true;
    // MessagePort::Start triggers the async handle: queued messages come in the next poll.
    if (this.queue.length > 0 && this.thread !== undefined) hubOf(this.world, this.thread).signal(this, this.queue[0].at);
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
    return this.refed && !this.closing && !this.detached;
  }

  private updateRef(): void {
    const th = this.thread;
    if (th === undefined) return;
    if (this.hasRef()) this.world.ref(th, this, `a MessagePort of thread ${th.id} (ref'd: a 'message' listener or ref())`);
    else this.world.unref(th, this);
  }

  close(callback?: unknown): void {
    if (typeof callback === 'function') this.once('close', callback as Listener);
    this.closeHandle();
  }

  /**
   * uv_close on the handle. Its close callback (the owning thread's closing phase) disentangles
   * the channel — the peer gets a close message then, so its own 'close' comes a loop iteration
   * later (MessagePort::OnClose) — and emits 'close'.
   */
  private closeHandle(): void {
    if (this.closing || this.detached) return;
    this.closing = true;
    this.updateRef();
    const th = this.thread;
    if (th === undefined) return;
    this.world.closing(th, () => {
      this.detached = true;
      hubOf(this.world, th).remove(this);
      this.disentangle();
      this.inContext(() => this.dispatch('close'));
    });
  }

  /**
   * The owning thread ended (a Worker exited): its environment's handles are torn down without
   * running any more of its JavaScript — no 'close' here — and the peer gets the close message,
   * so the other end's 'close' comes, and a 'message' listener there stops keeping its thread
   * alive (Node's MessagePort::OnClose as the worker's environment is cleaned up).
   */
  threadEnded(): void {
    if (this.detached) return;
    this.closing = true;
    this.detached = true;
    this.updateRef();
    if (this.thread !== undefined) hubOf(this.world, this.thread).remove(this);
    this.disentangle();
  }

  /** The channel ends here: the peer gets a close message behind the ones already queued. */
  private disentangle(): void {
    const peer = this.peer;
    this.peer = undefined;
    if (peer !== undefined && peer.peer === this) {
      peer.peer = undefined;
      peer.enqueue({ kind: 'close', at: this.world.now() });
    }
  }

  /** Transferred: `to` takes this port's queue and peer; this object closes. */
  moveTo(to: MessagePort): void {
    to.queue = this.queue;
    this.queue = [];
    to.peer = this.peer;
    if (this.peer !== undefined) this.peer.peer = to;
    this.peer = undefined; // so its close does not close the channel
    if (this.thread !== undefined) hubOf(this.world, this.thread).remove(this);
    this.closeHandle();
    this.detached = true;
  }

  // ---------------------------------------------------------------- the EventTarget side

  addEventListener(type: string, listener: unknown, options?: unknown): void {
    if (typeof listener !== 'function' && (typeof listener !== 'object' || listener === null)) return;
    if (this.eventListeners.some((l) => l.type === type && l.listener === listener)) return;
    const once = typeof options === 'object' && options !== null && (options as { once?: unknown }).once === true;
    const wrapper: Listener = (data?: unknown) => {
      if (once) this.removeEventListener(type, listener);
      this.callEventListener(listener, this.eventFor(type, data));
    };
    this.eventListeners.push({ type, listener, wrapper });
    this.on(type, wrapper);
  }

  removeEventListener(type: string, listener: unknown): void {
    const i = this.eventListeners.findIndex((l) => l.type === type && l.listener === listener);
    if (i < 0) return;
    const [entry] = this.eventListeners.splice(i, 1);
    this.off(type, entry.wrapper);
  }

  get onmessage(): unknown {
    return this.handlers.message?.fn ?? null;
  }
  set onmessage(fn: unknown) {
    this.setHandler('message', fn);
  }
  get onmessageerror(): unknown {
    return this.handlers.messageerror?.fn ?? null;
  }
  set onmessageerror(fn: unknown) {
    this.setHandler('messageerror', fn);
  }

  private setHandler(type: string, fn: unknown): void {
    const current = this.handlers[type];
    if (current !== undefined) {
      this.off(type, current.wrapper);
      this.handlers[type] = undefined;
    }
    if (typeof fn !== 'function') return;
    const wrapper: Listener = (data?: unknown) => this.callEventListener(this.handlers[type]?.fn, this.eventFor(type, data));
    this.handlers[type] = { fn, wrapper };
    this.on(type, wrapper);
  }

  private eventFor(type: string, data: unknown): unknown {
    return type === 'message' || type === 'messageerror' ? deliveredEvent(type, data, this.receiving, this) : { type, target: this };
  }

  private callEventListener(listener: unknown, event: unknown): void {
    if (typeof listener === 'function') (listener as Listener).call(this, event);
    else if (listener !== null && typeof listener === 'object' && typeof (listener as EventListenerLike).handleEvent === 'function') (listener as EventListenerLike).handleEvent!(event);
  }
}

Object.defineProperty(MessagePort.prototype, SIM_EVENT_TARGET, { value: true });

export class MessageChannel {
  readonly port1: MessagePort;
  readonly port2: MessagePort;
  constructor(world: World) {
    this.port1 = new MessagePort(world);
    this.port2 = new MessagePort(world);
    this.port1.peer = this.port2;
    this.port2.peer = this.port1;
  }
}
