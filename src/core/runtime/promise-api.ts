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
import { noSideEffectsToString } from './modern/v8-messages';

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
 * The global `Promise`. A plain function (not a class) so calling it without `new` throws
 * V8's own message; subclasses reach it through `super()` with their new.target.
 */
export const SimPromise = function Promise(this: unknown, executor: unknown): object {
  if (new.target === undefined) throw new TypeError("Promise constructor cannot be invoked without 'new'");
  if (typeof executor !== 'function') throw new TypeError(`Promise resolver ${v8Describe(executor)} is not a function`);
  const p: PromiseImpl = (new.target as unknown) === SimPromise ? new PromiseImpl() : Reflect.construct(PromiseImpl, [], new.target);
  const [resolve, reject] = createResolvingFunctions(p);
  try {
    executor(resolve, reject);
  } catch (e) {
    if (isAbort(e)) throw e;
    reject(e);
  }
  return p;
} as unknown as { new (executor: unknown): PromiseImpl; prototype: PromiseImpl; readonly [Symbol.species]: unknown };

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
// esbuild renames the `Promise` function expression (it shadows a global): restore the name.
Object.defineProperty(SimPromise, 'name', { value: 'Promise', configurable: true });
defineMethod(proto, 'then', methods.then);
defineMethod(proto, 'catch', methods.catch);
defineMethod(proto, 'finally', methods.finally);
defineMethod(proto, 'constructor', SimPromise as unknown as () => unknown);
Object.defineProperty(proto, Symbol.toStringTag, { value: 'Promise', writable: false, enumerable: false, configurable: true });
Object.defineProperty(SimPromise, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });

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

setIntrinsicThen(methods.then);
setPromiseCtor(SimPromise);

/** True when an await of `x` may take the V8 fast path (x is ours and x.constructor is %Promise%). */
export function isPlainPromise(x: unknown): x is PromiseImpl {
  return isPromise(x) && (x as { constructor?: unknown }).constructor === SimPromise;
}
