/**
 * How Node's util.inspect shows a SimPromise: exactly like a native promise.
 *
 * util.inspect recognises native promises with V8's IsPromise, which a SimPromise is not. So
 * SimPromise.prototype gets a `Symbol.for('nodejs.util.inspect.custom')` method that returns a
 * native promise (of the sandbox realm) in the same state with the same own properties — and
 * inspect formats *that* with its own code (`Promise { <pending> }`, `Promise { 42 }`,
 * `Promise { <rejected> Error: … }`, nesting, line breaking, depth), byte-identical.
 * A subclass gets a native subclass of the same name (`MyPromise [Promise] { 1 }`).
 */
import { FULFILLED, isPromise, PENDING, promiseResult, promiseState, PromiseImpl } from './promise';

type NativeCtor = new (executor: (res: (v: unknown) => void, rej: (e: unknown) => void) => void) => object;

export function installPromiseInspect(NativePromise: NativeCtor, SimPromiseProto: object): void {
  const nativeThen = (NativePromise.prototype as { then: (...a: unknown[]) => unknown }).then;
  const subclasses = new Map<string, NativeCtor>();
  const ctorFor = (p: object): NativeCtor => {
    const proto = Object.getPrototypeOf(p);
    if (proto === SimPromiseProto) return NativePromise;
    const d = proto === null ? undefined : Object.getOwnPropertyDescriptor(proto, 'constructor');
    const name = d !== undefined && typeof d.value === 'function' ? String(d.value.name) : '';
    if (name === '' || name === 'Promise') return NativePromise;
    let C = subclasses.get(name);
    if (C === undefined) {
      const Base = NativePromise;
      C = ({ [name]: class extends Base {} })[name] as NativeCtor;
      subclasses.set(name, C);
    }
    return C;
  };
  const mirror = (p: PromiseImpl): object => {
    const C = ctorFor(p);
    const state = promiseState(p);
    const value = promiseResult(p);
    let m: object;
    if (state === PENDING) {
      m = new C(() => {});
    } else if (state === FULFILLED) {
      m = new C((res) => res(value));
    } else {
      m = new C((_res, rej) => rej(value));
      nativeThen.call(m, undefined, () => {});
    }
    for (const key of Reflect.ownKeys(p)) {
      const desc = Object.getOwnPropertyDescriptor(p, key)!;
      Object.defineProperty(m, key, desc);
    }
    return m;
  };
  Object.defineProperty(SimPromiseProto, Symbol.for('nodejs.util.inspect.custom'), {
    value: function inspectPromise(this: unknown): unknown {
      if (!isPromise(this)) return 'Object [Promise] {}';
      return mirror(this);
    },
    writable: true,
    enumerable: false,
    configurable: true,
  });
}
