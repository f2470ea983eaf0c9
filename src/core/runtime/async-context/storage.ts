/**
 * AsyncLocalStorage, in the two implementations Node ships:
 *
 * - `FrameStorage` (Node 24+, lib/internal/async_local_storage/async_context_frame.js): the
 *   context is an immutable frame (a Map storage → store) that V8 carries across promise jobs
 *   and Node across its own queues; `enterWith` makes a new frame and makes it current, `run`
 *   does that and puts the previous store back, `disable` deletes the storage from the current
 *   frame (shared by whatever captured it).
 * - `HookStorage` (Node 20/22, the class in lib/async_hooks.js): each resource has a store
 *   record, copied from the running resource's at init by a hook every storage enables (which
 *   also turns V8's promise hooks on: promises take async ids); `run`/`enterWith` write into
 *   the running resource's record; `exit` disables the storage for the call.
 *
 * Here the running context is `cx.frame` (state.ts) in both cases: the frame, or the record.
 */
import { invalidArgType } from '../errors';
import { SymbolDispose } from '../timers';
import { AsyncHook } from './hooks';
import { cx, storageKeys } from './state';
import { AsyncResource } from './resource';
import { registerStorage } from './trace-stores';

type Fn = (...args: unknown[]) => unknown;

/** AsyncContextFrame (lib/internal/async_context_frame.js): a copy of the current frame plus one entry. */
class AsyncContextFrame extends Map<unknown, unknown> {
  constructor(storage: unknown, data: unknown) {
    super(cx.frame as Map<unknown, unknown> | undefined);
    this.set(storage, data);
  }
}

function validateOptions(options: unknown): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw invalidArgType('options', 'object', options);
  }
}

/** RunScope (lib/internal/async_local_storage/run_scope.js): `using scope = als.withScope(store)`. */
class RunScope {
  #storage: { getStore(): unknown; enterWith(s: unknown): void };
  #previousStore: unknown;
  #disposed = false;
  constructor(storage: { getStore(): unknown; enterWith(s: unknown): void }, store: unknown) {
    this.#storage = storage;
    this.#previousStore = storage.getStore();
    storage.enterWith(store);
  }
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#storage.enterWith(this.#previousStore);
  }
}
(RunScope.prototype as unknown as Record<symbol, unknown>)[SymbolDispose] = function (this: RunScope) {
  this.dispose();
};

/** RunScope's prototype (its [Symbol.dispose] follows the target's symbol: modern/index.ts). */
export function runScopePrototype(): object {
  return RunScope.prototype;
}

export class FrameStorage {
  #defaultValue: unknown = undefined;
  #name: string | undefined = undefined;

  constructor(options: unknown = {}) {
    validateOptions(options);
    const o = options as { defaultValue?: unknown; name?: unknown };
    this.#defaultValue = o.defaultValue;
    if (o.name !== undefined) this.#name = `${String(o.name)}`;
    registerStorage(this, FrameStorage.prototype.getStore as (this: object) => unknown);
  }

  get name(): string {
    return this.#name || '';
  }

  static bind(fn: unknown): unknown {
    return AsyncResource.bind(fn);
  }

  static snapshot(): unknown {
    return FrameStorage.bind((cb: Fn, ...args: unknown[]) => cb(...args));
  }

  disable(): void {
    (cx.frame as Map<unknown, unknown> | undefined)?.delete(this);
  }

  enterWith(data: unknown): void {
    cx.frame = new AsyncContextFrame(this, data);
  }

  run(data: unknown, fn: Fn, ...args: unknown[]): unknown {
    const prior = this.getStore();
    if (Object.is(prior, data)) return Reflect.apply(fn, null, args);
    this.enterWith(data);
    try {
      return Reflect.apply(fn, null, args);
    } finally {
      this.enterWith(prior);
    }
  }

  exit(fn: Fn, ...args: unknown[]): unknown {
    return this.run(undefined, fn, ...args);
  }

  getStore(): unknown {
    const frame = cx.frame as Map<unknown, unknown> | undefined;
    if (!frame?.has(this)) return this.#defaultValue;
    return frame.get(this);
  }

  withScope(store: unknown): RunScope {
    return new RunScope(this, store);
  }
}

const storageList: HookStorage[] = [];
/** async_hooks' storageHook: its init is what `captureFrame` does (it propagates the records). */
let storageHook: AsyncHook | undefined;
function hook(): AsyncHook {
  storageHook ??= new AsyncHook({ init() {} });
  return storageHook;
}

function syncKeys(): void {
  storageKeys.length = 0;
  for (const s of storageList) storageKeys.push(s.kResourceStore);
}

/** The running resource's record, made on first write (Node stores it on the resource itself). */
function currentRecord(): Record<symbol, unknown> {
  let rec = cx.frame as Record<symbol, unknown> | undefined;
  if (rec === undefined) cx.frame = rec = Object.create(null) as Record<symbol, unknown>;
  return rec;
}

export class HookStorage {
  kResourceStore: symbol;
  enabled: boolean;

  constructor() {
    this.kResourceStore = Symbol('kResourceStore');
    this.enabled = false;
    registerStorage(this, HookStorage.prototype.getStore as (this: object) => unknown);
  }

  static bind(fn: unknown): unknown {
    return AsyncResource.bind(fn);
  }

  static snapshot(): unknown {
    return HookStorage.bind((cb: Fn, ...args: unknown[]) => cb(...args));
  }

  disable(): void {
    if (this.enabled) {
      this.enabled = false;
      storageList.splice(storageList.indexOf(this), 1);
      syncKeys();
      if (storageList.length === 0) hook().disable();
    }
  }

  _enable(): void {
    if (!this.enabled) {
      this.enabled = true;
      storageList.push(this);
      syncKeys();
      hook().enable();
    }
  }

  enterWith(store: unknown): void {
    this._enable();
    currentRecord()[this.kResourceStore] = store;
  }

  run(store: unknown, callback: Fn, ...args: unknown[]): unknown {
    if (Object.is(store, this.getStore())) return Reflect.apply(callback, null, args);
    this._enable();
    const rec = currentRecord();
    const oldStore = rec[this.kResourceStore];
    rec[this.kResourceStore] = store;
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      rec[this.kResourceStore] = oldStore;
    }
  }

  exit(callback: Fn, ...args: unknown[]): unknown {
    if (!this.enabled) return Reflect.apply(callback, null, args);
    this.disable();
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      this._enable();
    }
  }

  getStore(): unknown {
    if (this.enabled) {
      const rec = cx.frame as Record<symbol, unknown> | undefined;
      return rec === undefined ? undefined : rec[this.kResourceStore];
    }
    return undefined;
  }
}
