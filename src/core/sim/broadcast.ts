/**
 * BroadcastChannel as Node makes it (lib/internal/worker/io.js): each channel object owns a
 * started, ref'd MessagePort of its thread (ports.ts), so it keeps the thread alive until
 * close() or unref(); postMessage serializes once and queues the message on the port of every
 * other open channel of that name, in any thread, in the order the channels were made.
 */
import { domException } from './clone';
import { MessagePort, SIM_EVENT_TARGET, deliveredEvent, serializeMessage, type EventListenerLike, type Listener } from './ports';
import type { World } from './world';

const channelsByWorld = new WeakMap<World, Map<string, BroadcastChannel[]>>();

/** BroadcastChannel: a message goes to every other open channel of the same name, in any thread. */
export class BroadcastChannel {
  private handle: MessagePort | undefined;
  private readonly listeners: Array<{ type: string; listener: unknown; once: boolean }> = [];
  private readonly handlers: Record<string, unknown> = {};

  constructor(
    private readonly world: World,
    readonly name: string,
  ) {
    const handle = new MessagePort(world);
    handle.on('message', (data: unknown) => this.dispatch('message', data));
    this.handle = handle;
    const channels = this.registry();
    const list = channels.get(name);
    if (list === undefined) channels.set(name, [this]);
    else list.push(this);
  }

  private registry(): Map<string, BroadcastChannel[]> {
    let map = channelsByWorld.get(this.world);
    if (map === undefined) {
      map = new Map();
      channelsByWorld.set(this.world, map);
    }
    return map;
  }

  postMessage(...args: unknown[]): void {
    if (args.length === 0) throw missingArgs('message');
    if (this.handle === undefined) throw domException('BroadcastChannel is closed.', 'InvalidStateError');
    const w = this.world;
    const { snapshot } = serializeMessage(w, args[0], undefined, undefined);
    for (const other of this.registry().get(this.name) ?? []) {
      if (other === this || other.handle === undefined) continue;
      const io = w.ioStart(`broadcast on "${this.name}"`);
      other.handle.enqueue({ kind: 'message', snapshot, ports: [], at: w.now(), io });
    }
  }

  close(): void {
    const handle = this.handle;
    if (handle === undefined) return;
    this.handle = undefined;
    const list = this.registry().get(this.name) ?? [];
    const i = list.indexOf(this);
    if (i >= 0) list.splice(i, 1);
    handle.removeAllListeners('message');
    handle.close();
  }

  ref(): this {
    this.handle?.ref();
    return this;
  }
  unref(): this {
    this.handle?.unref();
    return this;
  }

  addEventListener(type: string, listener: unknown, options?: unknown): void {
    if (typeof listener !== 'function' && (typeof listener !== 'object' || listener === null)) return;
    if (this.listeners.some((l) => l.type === type && l.listener === listener)) return;
    const once = typeof options === 'object' && options !== null && (options as { once?: unknown }).once === true;
    this.listeners.push({ type, listener, once });
  }
  removeEventListener(type: string, listener: unknown): void {
    const i = this.listeners.findIndex((l) => l.type === type && l.listener === listener);
    if (i >= 0) this.listeners.splice(i, 1);
  }

  get onmessage(): unknown {
    return this.handlers.message ?? null;
  }
  set onmessage(fn: unknown) {
    this.setHandler('message', fn);
  }
  get onmessageerror(): unknown {
    return this.handlers.messageerror ?? null;
  }
  set onmessageerror(fn: unknown) {
    this.setHandler('messageerror', fn);
  }

  /** An event handler attribute keeps the place of its first setting among the listeners. */
  private setHandler(type: string, fn: unknown): void {
    const had = this.handlers[type] !== undefined;
    this.handlers[type] = typeof fn === 'function' ? fn : undefined;
    if (!had && typeof fn === 'function') this.listeners.push({ type, listener: HANDLER, once: false });
    if (typeof fn !== 'function') this.removeEventListener(type, HANDLER);
  }

  private dispatch(type: string, data: unknown): void {
    const event = deliveredEvent(type, data, [], this);
    for (const entry of this.listeners.filter((l) => l.type === type)) {
      if (!this.listeners.includes(entry)) continue;
      if (entry.once) this.removeEventListener(type, entry.listener);
      const fn = entry.listener === HANDLER ? this.handlers[type] : entry.listener;
      if (typeof fn === 'function') (fn as Listener).call(this, event);
      else if (fn !== null && typeof fn === 'object' && typeof (fn as EventListenerLike).handleEvent === 'function') (fn as EventListenerLike).handleEvent!(event);
    }
  }

  /** Node 26 names the class; before, the tag is its base class's (EventTarget). */
  get [Symbol.toStringTag](): string {
    return (this.world.host.nodeMajor ?? 20) >= 26 ? 'BroadcastChannel' : 'EventTarget';
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth: number, options: { stylize?: unknown }, inspect?: (v: unknown, o: unknown) => string): string {
    if (depth < 0) return 'BroadcastChannel';
    const inner = { name: this.name, active: this.handle !== undefined };
    return `BroadcastChannel ${inspect !== undefined ? inspect(inner, options) : JSON.stringify(inner)}`;
  }
}

Object.defineProperty(BroadcastChannel.prototype, SIM_EVENT_TARGET, { value: true });

const HANDLER = Symbol('event handler attribute');

function missingArgs(name: string): TypeError {
  const e = new TypeError(`The "${name}" argument must be specified`) as TypeError & { code: string };
  Object.defineProperty(e, 'code', { value: 'ERR_MISSING_ARGS', writable: true, enumerable: true, configurable: true });
  if (typeof e.stack === 'string') e.stack = e.stack.replace('TypeError: ', 'TypeError [ERR_MISSING_ARGS]: ');
  return e;
}
