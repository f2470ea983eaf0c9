/**
 * A minimal EventEmitter (on/once/off/emit/listenerCount) for the simulated modules. The
 * runtime may offer Node's own `events` module, but the simulation stays free of Node
 * dependencies, so it carries these few lines. An 'error' event without listener throws, as
 * in Node.
 */
type Listener = (...args: any[]) => void;

export class Emitter {
  private listeners = new Map<string | symbol, Listener[]>();

  on(event: string | symbol, fn: Listener): this {
    const list = this.listeners.get(event);
    if (list) list.push(fn);
    else this.listeners.set(event, [fn]);
    this.listenerAdded(event);
    return this;
  }

  addListener(event: string | symbol, fn: Listener): this {
    return this.on(event, fn);
  }

  once(event: string | symbol, fn: Listener): this {
    const wrapper: Listener = (...args) => {
      this.off(event, wrapper);
      fn(...args);
    };
    (wrapper as { listener?: Listener }).listener = fn;
    return this.on(event, wrapper);
  }

  off(event: string | symbol, fn: Listener): this {
    const list = this.listeners.get(event);
    if (!list) return this;
    const i = list.findIndex((l) => l === fn || (l as { listener?: Listener }).listener === fn);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.listeners.delete(event);
    this.listenerRemoved(event);
    return this;
  }

  removeListener(event: string | symbol, fn: Listener): this {
    return this.off(event, fn);
  }

  removeAllListeners(event?: string | symbol): this {
    if (event === undefined) this.listeners.clear();
    else this.listeners.delete(event);
    return this;
  }

  listenerCount(event: string | symbol): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  emit(event: string | symbol, ...args: unknown[]): boolean {
    const list = this.listeners.get(event);
    if (!list || list.length === 0) {
      if (event === 'error') throw args[0] instanceof Error ? args[0] : new Error(String(args[0]));
      return false;
    }
    for (const fn of [...list]) fn.apply(this, args);
    return true;
  }

  /** A copy of the listeners of `event`, in order (for subclasses that call them one by one). */
  protected listenersOf(event: string | symbol): Listener[] {
    return [...(this.listeners.get(event) ?? [])];
  }

  /** Hooks for subclasses (a socket starts flowing when a 'data' listener is added). */
  protected listenerAdded(_event: string | symbol): void {}
  protected listenerRemoved(_event: string | symbol): void {}
}
