/**
 * The public face of SimPromise: the `Promise` constructor (§27.2.3), `Promise.prototype`
 * methods (§27.2.5) and the abstract operations the drivers and combinators share
 * (NewPromiseCapability, PromiseResolve, SpeciesConstructor, IsConstructor).
 *
 * Messages of the TypeErrors are V8's, so a program that prints `e.message` prints the same.
 */
import {
  createResolvingFunctions, isPromise, performThen, PromiseImpl, promiseParent, ReactionKind, rejectPromise,
  resolvePromise, setIntrinsicThen, setPromiseCtor,
} from './promise';
import type { Capability } from './promise';
import { isAbort } from './state';
import { isProxy, noSideEffectsToString } from './modern/v8-messages';

/** V8's %ToString for messages ("#<Object>", "1", "undefined"), never calling user code. */
export function v8Describe(x: unknown): string {
  if (typeof x === 'function') return x.toString().length < 80 ? String(x) : `function ${x.name}`;
  return noSideEffectsToString(x);
}

const constructProbe: ProxyHandler<new () => object> = { construct: () => constructProbe };

/**
 * IsConstructor (§7.2.4) without touching `f`: a proxy of `f` is a constructor exactly when `f`
 * is, and its construct trap answers without reading `f.prototype` (which would run a getter, or
 * throw for a revoked proxy, where V8 goes on to Construct and fails there).
 */
export function isConstructor(f: unknown): boolean {
  if (typeof f !== 'function') return false;
  try {
    Reflect.construct(new Proxy(f as new () => object, constructProbe), []);
    return true;
  } catch {
    return false;
  }
}

/**
 * The global `Promise` (%Promise%, §27.2.3.1) checks its executor *before* it reads
 * `newTarget.prototype` (steps 2–3: `Reflect.construct(Promise, [], nt)` with a throwing
 * `nt.prototype` getter is a TypeError about the resolver). A JavaScript function cannot do that:
 * an ordinary function's [[Construct]] reads `newTarget.prototype` before its body runs, and the
 * only constructor that does not — a derived class — throws "Class constructor Promise cannot be
 * invoked without 'new'" when called, not V8's message. So %Promise% is built in three layers:
 *
 * - `callPromise`, an ordinary function: what a call without `new` runs (V8's message);
 * - `promiseTrap`, a Proxy of it whose `construct` trap is the constructor proper: the executor
 *   check, then OrdinaryCreateFromConstructor (one read of `newTarget.prototype`, as V8), then the
 *   executor. A proxy's [[Construct]] hands the trap the arguments before anything is read.
 * - `SimPromise`, a bound function of that proxy: the global. A bound function's [[Call]] and
 *   [[Construct]] are its target's (with `new.target` the bound function itself replaced by the
 *   target), and it is no proxy: `util.types.isProxy(Promise)` is false, and `util.inspect` —
 *   even with `showProxy` — shows `[Function: Promise]`. Its own `name`, `length` and
 *   `prototype` are redefined as the built-in's; Function.prototype.toString prints it as native
 *   (function-shape.ts `showAsNative`, from index.ts). The proxy itself is never reachable: the
 *   bound function does not expose its target, and the trap's `newTarget` is only ever the proxy
 *   (a plain `new Promise`) or a program's own constructor (a subclass, Reflect.construct).
 *
 * `new Promise` costs the bound function and the proxy's trap call on top of the function's
 * work; the runtime's own promises (awaits, async functions, then) are `new PromiseImpl()` and
 * never go through it; `Promise.resolve`, `Promise.all`… are own methods of the bound function.
 * Measured: test/conformance/README.md (get-prototype-abrupt-executor-not-callable).
 */
const callPromise = function Promise(): never {
  throw new TypeError("Promise constructor cannot be invoked without 'new'");
};

/** %Promise.prototype% (PromiseImpl's own prototype object, which index.ts gives the global). */
const PROMISE_PROTOTYPE: object = PromiseImpl.prototype;

const carriers = new WeakMap<object, new () => object>();
/**
 * A newTarget that hands PromiseImpl the prototype read from a program's newTarget: one function
 * per prototype, kept. (Slow in V8 — ~15 µs a construction, where a class newTarget takes < 1 µs —
 * so only for a newTarget whose `prototype` is a getter or behind a proxy.)
 */
function prototypeCarrier(proto: object): new () => object {
  let carrier = carriers.get(proto);
  if (carrier === undefined) {
    carrier = function () {} as unknown as new () => object;
    carrier.prototype = proto;
    carriers.set(proto, carrier);
  }
  return carrier;
}

/** Promise(executor) as [[Construct]] (§27.2.3.1 steps 2–11). */
function constructPromise(_target: unknown, args: unknown[], newTarget: unknown): object {
  const executor = args[0];
  if (typeof executor !== 'function') throw new TypeError(`Promise resolver ${v8Describe(executor)} is not a function`);
  // OrdinaryCreateFromConstructor(newTarget, "%Promise.prototype%"): one read of
  // `newTarget.prototype` (before the promise exists: a throwing getter leaves no promise for
  // the trace or an async_hooks `init`), and %Promise.prototype% when it is not an object (a
  // class's own [[Construct]] — Reflect.construct(PromiseImpl, [], newTarget) — would fall back
  // to %Object.prototype%).
  let proto: unknown = PROMISE_PROTOTYPE;
  if (newTarget !== promiseTrap && newTarget !== SimPromise) {
    proto = (newTarget as { prototype?: unknown }).prototype;
    if (proto === null || (typeof proto !== 'object' && typeof proto !== 'function')) proto = PROMISE_PROTOTYPE;
  }
  let p: PromiseImpl;
  if (proto === PROMISE_PROTOTYPE) p = new PromiseImpl();
  else {
    // Made with its prototype already (an async_hooks `init` sees the subclass's promise). When
    // `prototype` is newTarget's own data property (a class, a function: always, as theirs cannot
    // be reconfigured), PromiseImpl may read it again unobserved; otherwise (a getter, a proxy)
    // a newTarget of ours carries it.
    const own = isProxy(newTarget) ? undefined : Object.getOwnPropertyDescriptor(newTarget, 'prototype');
    const ctor = own !== undefined && own.value === proto ? (newTarget as new () => object) : prototypeCarrier(proto as object);
    p = Reflect.construct(PromiseImpl, [], ctor);
  }
  const [resolve, reject] = createResolvingFunctions(p);
  try {
    executor(resolve, reject);
  } catch (e) {
    if (isAbort(e)) throw e;
    reject(e);
  }
  return p;
}

// A handler without a prototype: a trap the handler lacks is looked up on it, and a program's
// `Object.prototype.apply = …` must not become one.
const promiseHandler: ProxyHandler<typeof callPromise> = Object.setPrototypeOf({ construct: constructPromise }, null);
/** Also the trap's `newTarget` for a plain `new Promise(…)` (the bound function passes its target). */
const promiseTrap = new Proxy(callPromise, promiseHandler);

export const SimPromise = Function.prototype.bind.call(promiseTrap as (...a: unknown[]) => unknown, undefined) as unknown as {
  new (executor: unknown): PromiseImpl; prototype: PromiseImpl; readonly [Symbol.species]: unknown;
};
// The built-in's own `length` and `name` (a bound function's are "bound Promise" and the target's length).
Object.defineProperty(SimPromise, 'length', { value: 1, writable: false, enumerable: false, configurable: true });
Object.defineProperty(SimPromise, 'name', { value: 'Promise', writable: false, enumerable: false, configurable: true });

/** Captured once: inside the vm context every global lookup (`Symbol`) goes through the slow global proxy. */
const SPECIES: symbol = Symbol.species;

/** SpeciesConstructor(O, %Promise%) (§7.3.22). */
export function speciesConstructor(o: object): unknown {
  const C = (o as { constructor?: unknown }).constructor;
  if (C === undefined) return SimPromise;
  if (C === null || (typeof C !== 'object' && typeof C !== 'function')) throw new TypeError('The .constructor property is not an object');
  const S = (C as Record<symbol, unknown>)[SPECIES];
  if (S === undefined || S === null || S === SimPromise) return SimPromise;
  if (isConstructor(S)) return S;
  throw new TypeError('object.constructor[Symbol.species] is not a constructor');
}

/** NewPromiseCapability(C) (§27.2.1.5), with GetCapabilitiesExecutor's checks. */
export function newPromiseCapability(C: unknown): Capability {
  if (C === SimPromise) {
    const promise = new PromiseImpl();
    const [resolve, reject] = createResolvingFunctions(promise);
    return { promise, resolve, reject };
  }
  if (!isConstructor(C)) throw new TypeError(`${v8Describe(C)} is not a constructor`);
  let resolve: unknown;
  let reject: unknown;
  // GetCapabilitiesExecutor: an anonymous built-in (its `name` is "").
  const executor = [(res: unknown, rej: unknown) => {
    if (resolve !== undefined) throw new TypeError('Promise executor has already been invoked with non-undefined arguments');
    if (reject !== undefined) throw new TypeError('Promise executor has already been invoked with non-undefined arguments');
    resolve = res;
    reject = rej;
  }][0];
  const promise = Reflect.construct(C as new (e: unknown) => object, [executor]);
  if (typeof resolve !== 'function' || typeof reject !== 'function') throw new TypeError('Promise resolve or reject function is not callable');
  return { promise, resolve: resolve as Capability['resolve'], reject: reject as Capability['reject'] };
}

/** PromiseResolve(C, x) (§27.2.4.7.1). */
export function promiseResolve(C: unknown, x: unknown): object {
  if (isPromise(x) && (x as { constructor?: unknown }).constructor === C) return x;
  if (C === SimPromise) {
    const p = new PromiseImpl();
    resolvePromise(p, x);
    return p;
  }
  const cap = newPromiseCapability(C);
  cap.resolve.call(undefined, x);
  return cap.promise;
}

/** PerformPromiseThen(promise, onFulfilled, onRejected, resultCapability) (§27.2.5.4.1). */
export function performPromiseThen(p: PromiseImpl, onFulfilled: unknown, onRejected: unknown, capability?: Capability | PromiseImpl): void {
  if (capability === undefined || isPromise(capability)) performThen(p, ReactionKind.Derived, onFulfilled, onRejected, capability);
  else performThen(p, ReactionKind.Capability, onFulfilled, onRejected, capability);
}

function incompatible(method: string, receiver: unknown): TypeError {
  return new TypeError(`Method Promise.prototype.${method} called on incompatible receiver ${v8Describe(receiver)}`);
}

function invokeThen(p: unknown, onF: unknown, onR: unknown): unknown {
  return (p as { then(a: unknown, b: unknown): unknown }).then(onF, onR);
}

/** Invoke(p, "then", « onFulfilled »): one argument, as thenFinally/catchFinally pass (a patched `then` sees `arguments.length` 1). */
function invokeThen1(p: unknown, onF: unknown): unknown {
  return (p as { then(a: unknown): unknown }).then(onF);
}

function defineMethod(target: object, name: string, fn: (...args: any[]) => unknown): void {
  Object.defineProperty(target, name, { value: fn, writable: true, enumerable: false, configurable: true });
}

const proto = PromiseImpl.prototype as unknown as Record<string, unknown>;

// Methods are created as object-literal methods so their `name` is right and they are not
// constructors (as built-in methods); `length` follows the spec's parameter counts.
const methods = {
  then(this: unknown, onFulfilled: unknown, onRejected: unknown): unknown {
    if (!isPromise(this)) throw incompatible('then', this);
    const C = speciesConstructor(this);
    if (C === SimPromise) {
      promiseParent.next = this;
      const derived = new PromiseImpl();
      performThen(this, ReactionKind.Derived, onFulfilled, onRejected, derived);
      return derived;
    }
    const cap = newPromiseCapability(C);
    performThen(this, ReactionKind.Capability, onFulfilled, onRejected, cap);
    return cap.promise;
  },
  catch(this: unknown, onRejected: unknown): unknown {
    return invokeThen(this, undefined, onRejected);
  },
  finally(this: unknown, onFinally: unknown): unknown {
    // §27.2.5.3: generic over `this`; thenFinally/catchFinally via the species constructor.
    if (this === null || (typeof this !== 'object' && typeof this !== 'function')) throw incompatible('finally', this);
    const C = speciesConstructor(this);
    let thenFinally: unknown = onFinally;
    let catchFinally: unknown = onFinally;
    if (typeof onFinally === 'function') {
      thenFinally = [(value: unknown) => {
        const result = (onFinally as () => unknown)();
        const p = promiseResolve(C, result);
        return invokeThen1(p, [() => value][0]);
      }][0];
      catchFinally = [(reason: unknown) => {
        const result = (onFinally as () => unknown)();
        const p = promiseResolve(C, result);
        return invokeThen1(p, [() => { throw reason; }][0]);
      }][0];
    }
    return invokeThen(this, thenFinally, catchFinally);
  },
};
defineMethod(proto, 'then', methods.then);
defineMethod(proto, 'catch', methods.catch);
defineMethod(proto, 'finally', methods.finally);
defineMethod(proto, 'constructor', SimPromise as unknown as () => unknown);
Object.defineProperty(proto, Symbol.toStringTag, { value: 'Promise', writable: false, enumerable: false, configurable: true });
Object.defineProperty(SimPromise, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });
// `x instanceof Promise` on a bound function is InstanceofOperator(x, its target) (§20.2.3.6
// OrdinaryHasInstance step 2), which reads the proxy's — so callPromise's — `prototype`.
Object.defineProperty(callPromise, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });

const statics = {
  resolve(this: unknown, x: unknown): unknown {
    if (this === null || (typeof this !== 'object' && typeof this !== 'function')) throw new TypeError('PromiseResolve called on non-object');
    return promiseResolve(this, x);
  },
  reject(this: unknown, r: unknown): unknown {
    if (this === SimPromise) {
      const p = new PromiseImpl();
      rejectPromise(p, r);
      return p;
    }
    const cap = newPromiseCapability(this);
    cap.reject.call(undefined, r);
    return cap.promise;
  },
};
defineMethod(SimPromise, 'resolve', statics.resolve);
defineMethod(SimPromise, 'reject', statics.reject);
Object.defineProperty(SimPromise, Symbol.species, {
  get: Object.getOwnPropertyDescriptor({ get [Symbol.species]() { return this; } }, Symbol.species)!.get,
  enumerable: false,
  configurable: true,
});

/**
 * Lays out the global's own keys in V8's order (`all`, `allSettled`, `any`, `race`, `resolve`,
 * `reject`, then the line's `withResolvers`, `try`): `Reflect.ownKeys(Promise)` and
 * `util.inspect(Promise, { showHidden: true })` list them so. They are defined by several modules
 * (here, combinators.ts, modern/promise-statics.ts); index.ts calls this once they all are.
 */
export function orderPromiseStatics(): void {
  for (const key of ['all', 'allSettled', 'any', 'race', 'resolve', 'reject', 'withResolvers', 'try']) {
    const d = Object.getOwnPropertyDescriptor(SimPromise, key);
    if (d === undefined) continue;
    delete (SimPromise as unknown as Record<string, unknown>)[key];
    Object.defineProperty(SimPromise, key, d);
  }
}

setIntrinsicThen(methods.then);
setPromiseCtor(SimPromise);

/** True when an await of `x` may take the V8 fast path (x is ours and x.constructor is %Promise%). */
export function isPlainPromise(x: unknown): x is PromiseImpl {
  return isPromise(x) && (x as { constructor?: unknown }).constructor === SimPromise;
}
