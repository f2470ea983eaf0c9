/**
 * Explicit resource management (Node 24+; ES2026 §27.3-27.4, §9.2 DisposeCapability):
 * SuppressedError, DisposableStack, AsyncDisposableStack, %IteratorPrototype%[@@dispose] and
 * %AsyncIteratorPrototype%[@@asyncDispose] — and the abstract operations `using` / `await using`
 * declarations share with them (AddDisposableResource, DisposeResources).
 *
 * The asynchronous parts (AsyncDisposableStack.prototype.disposeAsync, an `await using` scope's
 * exit) are generators run by the async-function driver: each Await is the simulation's, so the
 * disposal order *and* its ticks are V8's (an `await using` of null still awaits once). Messages
 * are V8's (checked against Node 24 and 26).
 */
import { awaitRequest } from '../drivers/common';
import { runAsync } from '../drivers/async-function';
import { AsyncIteratorPrototype } from '../drivers/async-generator';
import { newPromiseCapability, performPromiseThen, promiseResolve, SimPromise } from '../promise-api';
import type { PromiseImpl } from '../promise';
import { isAbort } from '../state';
import { incompatibleReceiver, isObject, isProxy, lineDifferences, notAFunction, propertyNotFunction } from './v8-messages';

export const enum Hint { Sync = 0, Async = 1 }

interface DisposableResource {
  value: unknown;
  hint: Hint;
  method: ((this: unknown) => unknown) | undefined;
}

/** A DisposeCapability: the resources of one scope or stack, in the order they were added. */
export type DisposeCapability = DisposableResource[];

/** The symbols the sandbox's Symbol has (set by installDisposal before anything uses them). */
export const symbols = { dispose: Symbol.for('nodejs.dispose'), asyncDispose: Symbol.for('nodejs.asyncDispose') };

/**
 * GetMethod(V, @@dispose / @@asyncDispose) as V8 does it: the message names the symbol, not the
 * value; Node 24's V8 refuses a proxy too, even a callable one.
 */
function disposeMethodOf(v: object, key: symbol): ((this: unknown) => unknown) | undefined {
  const m = (v as Record<symbol, unknown>)[key];
  if (m === undefined || m === null) return undefined;
  if (typeof m !== 'function' || (isProxy(m) && !lineDifferences().disposeMethodMayBeProxy)) throw new TypeError(`${key.toString()} is not a function`);
  return m as (this: unknown) => unknown;
}

// ---------------------------------------------------------------- SuppressedError

/** The sandbox's SuppressedError (a plain function: callable without `new`, as Error is). */
export const SuppressedError = function SuppressedError(this: unknown, error: unknown, suppressed: unknown, message?: unknown): object {
  const newTarget = new.target ?? SuppressedError;
  // An object with [[ErrorData]] (so it is an Error to V8, util.inspect and Error.isError) whose
  // prototype is newTarget's; Error(message) does step 3 (ToString, non-enumerable `message`).
  const o = Reflect.construct(Error, message === undefined ? [] : [message], newTarget) as Record<string, unknown>;
  Error.captureStackTrace?.(o, newTarget);
  Object.defineProperty(o, 'error', { value: error, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(o, 'suppressed', { value: suppressed, writable: true, enumerable: false, configurable: true });
  return o;
} as unknown as new (error: unknown, suppressed: unknown, message?: unknown) => Error & { error: unknown; suppressed: unknown };
Object.defineProperty(SuppressedError, 'length', { value: 3 });
Object.setPrototypeOf(SuppressedError, Error);
Object.defineProperty(SuppressedError, 'prototype', {
  value: Object.create(Error.prototype, {
    constructor: { value: SuppressedError, writable: true, enumerable: false, configurable: true },
    name: { value: 'SuppressedError', writable: true, enumerable: false, configurable: true },
    message: { value: '', writable: true, enumerable: false, configurable: true },
  }),
  writable: false, enumerable: false, configurable: false,
});

/** The SuppressedError DisposeResources makes when a disposal throws over an earlier error. */
function suppressedBy(error: unknown, suppressed: unknown): Error {
  return new SuppressedError(error, suppressed, 'An error was suppressed during disposal');
}

// ---------------------------------------------------------------- the abstract operations

/** GetDisposeMethod(V, hint) (§7.5.x): an async-dispose of a sync-only object wraps its @@dispose. */
function getDisposeMethod(v: object, hint: Hint): ((this: unknown) => unknown) | undefined {
  if (hint === Hint.Async) {
    const m = disposeMethodOf(v, symbols.asyncDispose);
    if (m !== undefined) return m;
    const sync = disposeMethodOf(v, symbols.dispose);
    if (sync === undefined) return undefined;
    // The closure: calls @@dispose, and resolves with undefined (its result is ignored).
    return [function (this: unknown) {
      const cap = newPromiseCapability(SimPromise);
      try {
        Reflect.apply(sync, this, []);
      } catch (e) {
        if (isAbort(e)) throw e;
        cap.reject.call(undefined, e);
        return cap.promise;
      }
      cap.resolve.call(undefined, undefined);
      return cap.promise;
    }][0];
  }
  return disposeMethodOf(v, symbols.dispose);
}

/**
 * AddDisposableResource(cap, V, hint, method?) (§9.2.x). `using x = null` adds nothing;
 * `await using x = null` adds an empty resource so the scope's exit still awaits.
 */
export function addDisposableResource(cap: DisposeCapability, v: unknown, hint: Hint, method?: unknown): void {
  if (method === undefined) {
    if (v === null || v === undefined) {
      if (hint === Hint.Sync) return;
      cap.push({ value: undefined, hint, method: undefined });
      return;
    }
    if (!isObject(v)) throw new TypeError('An object is expected with `using` declarations');
    const m = getDisposeMethod(v, hint);
    // V8 names @@dispose in both cases (an async resource falls back to it last).
    if (m === undefined) throw new TypeError(`${symbols.dispose.toString()} is not a function`);
    cap.push({ value: v, hint, method: m });
    return;
  }
  if (typeof method !== 'function') throw notAFunction(method);
  cap.push({ value: undefined, hint, method: method as (this: unknown) => unknown });
}

/** A completion: `{ error }` for a throw, `undefined` for a normal one. */
export type Completion = { error: unknown } | undefined;

function chain(completion: Completion, error: unknown): Completion {
  return completion === undefined ? { error } : { error: suppressedBy(error, completion.error) };
}

/** DisposeResources(cap, completion) for a capability holding only sync-dispose resources. */
export function disposeResourcesSync(cap: DisposeCapability, completion: Completion): Completion {
  const resources = cap.splice(0, cap.length);
  for (let i = resources.length - 1; i >= 0; i--) {
    const r = resources[i];
    if (r.method === undefined) continue;
    try {
      Reflect.apply(r.method, r.value, []);
    } catch (e) {
      if (isAbort(e)) throw e;
      completion = chain(completion, e);
    }
  }
  return completion;
}

/**
 * DisposeResources(cap, completion) with Awaits (an async scope or AsyncDisposableStack):
 * async-dispose resources are awaited; a sync one that follows an `await using` of null that
 * has not awaited yet awaits undefined first; one final await when only nulls were seen.
 * Yields each value to Await and is resumed with its result (or thrown its rejection); returns
 * the resulting completion. The `await using` lowering (instrument/using.ts) awaits them in the
 * user's function; disposeResourcesAsync hands them to the async-function driver.
 */
export function* disposeResourcesAwaiting(cap: DisposeCapability, completion: Completion): Generator<unknown, Completion, unknown> {
  const resources = cap.splice(0, cap.length);
  let needsAwait = false;
  let hasAwaited = false;
  for (let i = resources.length - 1; i >= 0; i--) {
    const r = resources[i];
    if (r.hint === Hint.Sync && needsAwait && !hasAwaited) {
      yield undefined;
      needsAwait = false;
    }
    if (r.method !== undefined) {
      try {
        const result = Reflect.apply(r.method, r.value, []);
        if (r.hint === Hint.Async) {
          hasAwaited = true;
          yield result;
        }
      } catch (e) {
        if (isAbort(e)) throw e;
        completion = chain(completion, e);
      }
    } else {
      needsAwait = true;
    }
  }
  if (needsAwait && !hasAwaited) yield undefined;
  return completion;
}

/** disposeResourcesAwaiting for a generator run by the async-function driver (`yield*` it). */
export function* disposeResourcesAsync(cap: DisposeCapability, completion: Completion): Generator<unknown, Completion, unknown> {
  const inner = disposeResourcesAwaiting(cap, completion);
  let step = inner.next();
  while (!step.done) {
    let value: unknown;
    try {
      value = yield awaitRequest(step.value, 0);
    } catch (e) {
      if (isAbort(e)) throw e;
      step = inner.throw(e);
      continue;
    }
    step = inner.next(value);
  }
  return step.value;
}

// ---------------------------------------------------------------- `using` declarations

/** The DisposeCapability of one scope with `using` declarations, and how its body ended. */
export interface UsingScope { cap: DisposeCapability; completion: Completion }

export const usingApi = {
  usingScope(): UsingScope {
    return { cap: [], completion: undefined };
  },
  /** `using x = v` / `await using x = v`: AddDisposableResource, then the binding's value. */
  using(scope: UsingScope, value: unknown, isAwait: boolean): unknown {
    addDisposableResource(scope.cap, value, isAwait ? Hint.Async : Hint.Sync);
    return value;
  },
  /** The scope's body threw. */
  usingThrew(scope: UsingScope, error: unknown): void {
    scope.completion = { error };
  },
  /** The scope's exit with only `using` declarations: dispose, then rethrow what must be thrown. */
  disposeScope(scope: UsingScope): void {
    const completion = disposeResourcesSync(scope.cap, scope.completion);
    if (completion !== undefined) throw completion.error;
  },
  /** The scope's exit with `await using`: the values to await, in order; throws at the end if it must. */
  *disposeScopeAsync(scope: UsingScope): Generator<unknown, void, unknown> {
    const completion = yield* disposeResourcesAwaiting(scope.cap, scope.completion);
    if (completion !== undefined) throw completion.error;
  },
};

// ---------------------------------------------------------------- DisposableStack

const enum State { Pending = 0, Disposed = 1 }
interface StackSlots { state: State; cap: DisposeCapability }

const syncSlots = new WeakMap<object, StackSlots>();
const asyncSlots = new WeakMap<object, StackSlots>();

function slotsOf(map: WeakMap<object, StackSlots>, o: unknown, method: string): StackSlots {
  const s = isObject(o) ? map.get(o) : undefined;
  if (s === undefined) throw incompatibleReceiver(method, o);
  return s;
}

/** V8 says "an already-disposed DisposableStack" for an AsyncDisposableStack too. */
function notDisposed(s: StackSlots, ctor: string, method: string): void {
  if (s.state === State.Disposed) throw new ReferenceError(`Cannot call ${ctor}.prototype.${method} on an already-disposed DisposableStack`);
}

/** OrdinaryCreateFromConstructor(newTarget, fallback prototype). */
function createFrom(newTarget: unknown, fallback: object): object {
  const proto = (newTarget as { prototype?: unknown }).prototype;
  return Object.create(isObject(proto) ? proto : fallback);
}

export const DisposableStack = function DisposableStack(this: unknown): object {
  if (new.target === undefined) throw new TypeError("Constructor DisposableStack requires 'new'");
  const o = createFrom(new.target, DisposableStack.prototype);
  syncSlots.set(o, { state: State.Pending, cap: [] });
  return o;
} as unknown as { new (): object; prototype: object };

const syncMethods = {
  adopt(this: unknown, value: unknown, onDispose: unknown): unknown {
    const s = slotsOf(syncSlots, this, 'DisposableStack.prototype.adopt');
    notDisposed(s, 'DisposableStack', 'adopt');
    if (typeof onDispose !== 'function') throw notAFunction(onDispose);
    addDisposableResource(s.cap, undefined, Hint.Sync, [() => (onDispose as (v: unknown) => unknown).call(undefined, value)][0]);
    return value;
  },
  defer(this: unknown, onDispose: unknown): undefined {
    const s = slotsOf(syncSlots, this, 'DisposableStack.prototype.defer');
    notDisposed(s, 'DisposableStack', 'defer');
    if (typeof onDispose !== 'function') throw notAFunction(onDispose);
    addDisposableResource(s.cap, undefined, Hint.Sync, onDispose);
    return undefined;
  },
  dispose(this: unknown): undefined {
    const s = slotsOf(syncSlots, this, 'DisposableStack.prototype.dispose');
    if (s.state === State.Disposed) return undefined;
    s.state = State.Disposed;
    const completion = disposeResourcesSync(s.cap, undefined);
    if (completion !== undefined) throw completion.error;
    return undefined;
  },
  move(this: unknown): object {
    const s = slotsOf(syncSlots, this, 'DisposableStack.prototype.move');
    notDisposed(s, 'DisposableStack', 'move');
    const moved = Object.create(DisposableStack.prototype);
    syncSlots.set(moved, { state: State.Pending, cap: s.cap });
    s.cap = [];
    s.state = State.Disposed;
    return moved;
  },
  use(this: unknown, value: unknown): unknown {
    const s = slotsOf(syncSlots, this, 'DisposableStack.prototype.use');
    notDisposed(s, 'DisposableStack', 'use');
    addDisposableResource(s.cap, value, Hint.Sync);
    return value;
  },
  get disposed(): boolean {
    return slotsOf(syncSlots, this, 'get DisposableStack.prototype.disposed').state === State.Disposed;
  },
};

// ---------------------------------------------------------------- AsyncDisposableStack

export const AsyncDisposableStack = function AsyncDisposableStack(this: unknown): object {
  if (new.target === undefined) throw new TypeError("Constructor AsyncDisposableStack requires 'new'");
  const o = createFrom(new.target, AsyncDisposableStack.prototype);
  asyncSlots.set(o, { state: State.Pending, cap: [] });
  return o;
} as unknown as { new (): object; prototype: object };

function* disposeAsyncBody(stack: unknown): Generator<unknown, undefined, unknown> {
  const s = isObject(stack) ? asyncSlots.get(stack) : undefined;
  if (s === undefined) throw new TypeError('Receiver is not an AsyncDisposableStack');
  if (s.state === State.Disposed) return undefined;
  s.state = State.Disposed;
  const completion = yield* disposeResourcesAsync(s.cap, undefined);
  if (completion !== undefined) throw completion.error;
  return undefined;
}

const asyncMethods = {
  adopt(this: unknown, value: unknown, onDisposeAsync: unknown): unknown {
    const s = slotsOf(asyncSlots, this, 'AsyncDisposableStack.prototype.adopt');
    notDisposed(s, 'AsyncDisposableStack', 'adopt');
    if (typeof onDisposeAsync !== 'function') throw notAFunction(onDisposeAsync);
    addDisposableResource(s.cap, undefined, Hint.Async, [() => (onDisposeAsync as (v: unknown) => unknown).call(undefined, value)][0]);
    return value;
  },
  defer(this: unknown, onDisposeAsync: unknown): undefined {
    const s = slotsOf(asyncSlots, this, 'AsyncDisposableStack.prototype.defer');
    notDisposed(s, 'AsyncDisposableStack', 'defer');
    if (typeof onDisposeAsync !== 'function') throw notAFunction(onDisposeAsync);
    addDisposableResource(s.cap, undefined, Hint.Async, onDisposeAsync);
    return undefined;
  },
  disposeAsync(this: unknown): unknown {
    return runAsync(disposeAsyncBody as never, undefined, [this], 0, 'AsyncDisposableStack.disposeAsync');
  },
  move(this: unknown): object {
    const s = slotsOf(asyncSlots, this, 'AsyncDisposableStack.prototype.move');
    notDisposed(s, 'AsyncDisposableStack', 'move');
    const moved = Object.create(AsyncDisposableStack.prototype);
    asyncSlots.set(moved, { state: State.Pending, cap: s.cap });
    s.cap = [];
    s.state = State.Disposed;
    return moved;
  },
  use(this: unknown, value: unknown): unknown {
    const s = slotsOf(asyncSlots, this, 'AsyncDisposableStack.prototype.use');
    notDisposed(s, 'AsyncDisposableStack', 'use');
    addDisposableResource(s.cap, value, Hint.Async);
    return value;
  },
  get disposed(): boolean {
    return slotsOf(asyncSlots, this, 'get AsyncDisposableStack.prototype.disposed').state === State.Disposed;
  },
};

// ---------------------------------------------------------------- iterator dispose methods

const iteratorMethods = {
  /** %IteratorPrototype%[@@dispose] (§27.1.4.x): calls `return()` when there is one. */
  dispose(this: unknown): undefined {
    const ret = (this as { return?: unknown }).return;
    if (ret !== undefined && ret !== null) {
      if (typeof ret !== 'function') throw propertyNotFunction(ret, 'return', this);
      Reflect.apply(ret, this, []);
    }
    return undefined;
  },
  /** %AsyncIteratorPrototype%[@@asyncDispose] (§27.1.3.x): awaits `return()`, fulfils with undefined. */
  asyncDispose(this: unknown): unknown {
    const cap = newPromiseCapability(SimPromise);
    let wrapper: object;
    try {
      const ret = (this as { return?: unknown }).return;
      if (ret === undefined || ret === null) {
        cap.resolve.call(undefined, undefined);
        return cap.promise;
      }
      if (typeof ret !== 'function') throw propertyNotFunction(ret, 'return', this);
      const result = Reflect.apply(ret, this, [undefined]);
      wrapper = promiseResolve(SimPromise, result);
    } catch (e) {
      if (isAbort(e)) throw e;
      cap.reject.call(undefined, e);
      return cap.promise;
    }
    performPromiseThen(wrapper as PromiseImpl, [() => undefined][0], undefined, cap);
    return cap.promise;
  },
};

// ---------------------------------------------------------------- installation

function defineMethods(target: object, source: object, names: string[]): void {
  for (const name of names) {
    const d = Object.getOwnPropertyDescriptor(source, name)!;
    Object.defineProperty(target, name, { ...d, enumerable: false, configurable: true, ...('value' in d && { writable: true }) });
  }
}

function defineClass(g: Record<string, unknown>, name: string, ctor: { prototype: object }, methods: object, names: string[], disposeKey: symbol, disposeName: string): void {
  const proto = Object.create(Object.prototype);
  defineMethods(proto, methods, names);
  Object.defineProperty(proto, 'constructor', { value: ctor, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(proto, disposeKey, { value: (proto as Record<string, unknown>)[disposeName], writable: true, enumerable: false, configurable: true });
  Object.defineProperty(proto, Symbol.toStringTag, { value: name, writable: false, enumerable: false, configurable: true });
  Object.defineProperty(ctor, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });
  Object.defineProperty(g, name, { value: ctor, writable: true, enumerable: false, configurable: true });
}

/**
 * Puts what the target has on the sandbox's global: the two well-known symbols (V8's own when
 * the host V8 has them, else made here with V8's descriptions), SuppressedError, the stacks and
 * the iterator dispose methods (on the realm's intrinsics and on the runtime's own
 * %AsyncIteratorPrototype% that instrumented async generators inherit from).
 */
export function installDisposal(g: Record<string, unknown>): void {
  // esbuild renames function expressions that shadow a global: restore the names.
  for (const [ctor, name] of [[SuppressedError, 'SuppressedError'], [DisposableStack, 'DisposableStack'], [AsyncDisposableStack, 'AsyncDisposableStack']] as const) {
    Object.defineProperty(ctor, 'name', { value: name, configurable: true });
  }
  const SymbolCtor = g.Symbol as unknown as Record<string, symbol>;
  for (const [key, description] of [['dispose', 'Symbol.dispose'], ['asyncDispose', 'Symbol.asyncDispose']] as const) {
    const current = Object.getOwnPropertyDescriptor(SymbolCtor, key);
    if (current === undefined || current.configurable) {
      Object.defineProperty(SymbolCtor, key, { value: Symbol(description), writable: false, enumerable: false, configurable: false });
    }
    symbols[key] = SymbolCtor[key];
  }
  Object.defineProperty(g, 'SuppressedError', { value: SuppressedError, writable: true, enumerable: false, configurable: true });
  defineClass(g, 'DisposableStack', DisposableStack, syncMethods, ['adopt', 'defer', 'dispose', 'move', 'use', 'disposed'], symbols.dispose, 'dispose');
  defineClass(g, 'AsyncDisposableStack', AsyncDisposableStack, asyncMethods, ['adopt', 'defer', 'disposeAsync', 'move', 'use', 'disposed'], symbols.asyncDispose, 'disposeAsync');
  const named = (fn: unknown, name: string) => Object.defineProperty(fn as object, 'name', { value: name, configurable: true });
  const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object;
  Object.defineProperty(iteratorPrototype, symbols.dispose, { value: named(iteratorMethods.dispose, '[Symbol.dispose]'), writable: true, enumerable: false, configurable: true });
  const asyncDispose = named(iteratorMethods.asyncDispose, '[Symbol.asyncDispose]');
  const nativeAsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}.prototype)) as object;
  for (const proto of [nativeAsyncIteratorPrototype, AsyncIteratorPrototype]) {
    Object.defineProperty(proto, symbols.asyncDispose, { value: asyncDispose, writable: true, enumerable: false, configurable: true });
  }
}
