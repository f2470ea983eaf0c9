/**
 * Instrumented async functions look like async functions.
 *
 * The transformer turns `async function f(a) { … }` into a plain *method* that calls the
 * coroutine driver (`{ f(a) { return $.async(…) } }.f` — a method, so it is not constructible
 * and has no own `prototype`, as an async function) and hands it to `$.fn(f, kind, source)`,
 * which gives it the rest of an async function's face:
 * - its prototype is the realm's %AsyncFunction.prototype% / %AsyncGeneratorFunction.prototype%,
 *   so `f[Symbol.toStringTag]` is 'AsyncFunction' (the `async` npm library decides by that),
 *   `f.constructor` is AsyncFunction and `Object.prototype.toString.call(f)` is
 *   '[object AsyncFunction]';
 * - an async generator function gets its own `prototype` (the generator objects' parent);
 * - `Function.prototype.toString` shows the user's source, not the rewritten body;
 * - `util.inspect` prints `[AsyncFunction: f]`: inspect recognises async functions with a V8
 *   check no JS object can pass, so %AsyncFunction.prototype% gets an inspect.custom method that,
 *   for an instrumented function, returns a real (never called) async function of the same name
 *   and own properties — inspect formats *that* with its own code (see inspect.ts for promises).
 */
import { AsyncGeneratorPrototype } from './drivers/async-generator';
import { rt } from './state';

export const enum FunctionKind { Async = 0, AsyncGenerator = 1 }

interface Shape { kind: FunctionKind; source: string }

const shapes = new WeakMap<object, Shape>();
/** Texts Function.prototype.toString gives for functions of ours that must read as native. */
const nativeTexts = new WeakMap<object, string>();

/** Function.prototype.toString of `f` gives `text` (a built-in of ours: `function Promise() { [native code] }`). */
export function showAsNative(f: object, text: string): void {
  nativeTexts.set(f, text);
}

/** 'async' | 'asyncGenerator' for an instrumented function, else undefined. */
export function instrumentedKind(value: unknown): 'async' | 'asyncGenerator' | undefined {
  if (typeof value !== 'function') return undefined;
  const s = shapes.get(value);
  return s === undefined ? undefined : s.kind === FunctionKind.Async ? 'async' : 'asyncGenerator';
}

// The realm's intrinsics (this module runs inside the sandbox's context). Built from source text
// so no bundler can lower them to plain functions.
const AsyncFunctionPrototype = Object.getPrototypeOf(new Function('return async function () {}')()) as object;
const AsyncGeneratorFunctionPrototype = Object.getPrototypeOf(new Function('return async function* () {}')()) as object;
const AsyncFunctionCtor = (AsyncFunctionPrototype as { constructor: new (...src: string[]) => object }).constructor;
const AsyncGeneratorFunctionCtor = (AsyncGeneratorFunctionPrototype as { constructor: new (...src: string[]) => object }).constructor;

/** `$.fn(f, kind, source)`: shapes one instrumented async (generator) function; returns it. */
export function shapeFunction<F extends object>(f: F, kind: FunctionKind, source: string): F {
  shapes.set(f, { kind, source });
  if (kind === FunctionKind.Async) {
    Object.setPrototypeOf(f, AsyncFunctionPrototype);
  } else {
    Object.setPrototypeOf(f, AsyncGeneratorFunctionPrototype);
    // OrdinaryFunctionCreate + MakeConstructor's `prototype` for async generator functions
    // (§15.6.5): writable, not enumerable, not configurable; its parent is %AsyncGeneratorPrototype%.
    Object.defineProperty(f, 'prototype', { value: Object.create(AsyncGeneratorPrototype), writable: true, enumerable: false, configurable: false });
  }
  return f;
}

/**
 * `$.methods(owner, rows)`: shapes the async methods of an object literal (returned) or of a
 * class (`owner` is the class; called from a static block first in its body). A row is
 * [key, kind, source, onOwner]: onOwner 1 for the literal's own / static methods, 0 for those on
 * `owner.prototype`.
 */
export function shapeMethods<O extends object>(owner: O, rows: [key: string, kind: FunctionKind, source: string, onOwner: 0 | 1][]): O {
  for (const [key, kind, source, onOwner] of rows) {
    const target = onOwner ? owner : (owner as { prototype?: unknown }).prototype;
    if (target === null || (typeof target !== 'object' && typeof target !== 'function')) continue;
    const d = Object.getOwnPropertyDescriptor(target, key);
    if (d === undefined || typeof d.value !== 'function' || shapes.has(d.value)) continue;
    shapeFunction(d.value as object, kind, source);
  }
  return owner;
}

/** A real async function standing in for `f` when util.inspect formats it. */
function inspectMirror(f: object, shape: Shape): object {
  const m = shape.kind === FunctionKind.Async ? new AsyncFunctionCtor() : new AsyncGeneratorFunctionCtor();
  for (const key of Reflect.ownKeys(f)) {
    if (key === 'prototype' || key === 'length' || key === 'arguments' || key === 'caller') continue;
    Object.defineProperty(m, key, Object.getOwnPropertyDescriptor(f, key)!);
  }
  if (Object.getPrototypeOf(f) !== Object.getPrototypeOf(m)) Object.setPrototypeOf(m, Object.getPrototypeOf(f));
  return m;
}

/**
 * Installs the realm-wide parts: Function.prototype.toString and inspect.custom on the two
 * intrinsic prototypes. `FunctionCtor` is the realm's Function.
 */
export function installFunctionShapes(FunctionCtor: FunctionConstructor): void {
  const fnProto = FunctionCtor.prototype as unknown as Record<string, unknown>;
  const nativeToString = fnProto.toString as (this: unknown) => string;
  const toString = {
    toString(this: unknown): string {
      if (typeof this === 'function') {
        const text = shapes.get(this)?.source ?? nativeTexts.get(this);
        if (text !== undefined) return text;
        // A function of the program: V8's text is the bundle's; the host finds the file's own.
        const generated = nativeToString.call(this);
        return rt.host.functionSource?.(generated) ?? generated;
      }
      return nativeToString.call(this);
    },
  }.toString;
  // The replacement reads as the native one.
  nativeTexts.set(toString, 'function toString() { [native code] }');
  Object.setPrototypeOf(toString, FunctionCtor.prototype);
  Object.defineProperty(fnProto, 'toString', { ...Object.getOwnPropertyDescriptor(fnProto, 'toString'), value: toString });

  // %AsyncGeneratorFunction.prototype.prototype% is the simulation's %AsyncGeneratorPrototype%
  // (the parent of every generator function's `prototype`, as in the spec; configurable there).
  Object.defineProperty(AsyncGeneratorFunctionPrototype, 'prototype', { value: AsyncGeneratorPrototype, writable: false, enumerable: false, configurable: true });
  // …and its `constructor` is %AsyncGeneratorFunction.prototype% (§27.6.1.1).
  Object.defineProperty(AsyncGeneratorPrototype, 'constructor', { value: AsyncGeneratorFunctionPrototype, writable: false, enumerable: false, configurable: true });

  if (rt.host.instrumentFunction !== undefined) {
    installDynamicConstructor(FunctionCtor, AsyncFunctionPrototype, AsyncFunctionCtor, 'AsyncFunction', 'async function');
    installDynamicConstructor(FunctionCtor, AsyncGeneratorFunctionPrototype, AsyncGeneratorFunctionCtor, 'AsyncGeneratorFunction', 'async function*');
  }

  const custom = Symbol.for('nodejs.util.inspect.custom');
  for (const proto of [AsyncFunctionPrototype, AsyncGeneratorFunctionPrototype]) {
    Object.defineProperty(proto, custom, {
      value: {
        [custom](this: unknown): unknown {
          const s = typeof this === 'function' ? shapes.get(this) : undefined;
          // Not ours: returning the value itself lets inspect format it as usual.
          return s === undefined ? this : inspectMirror(this as object, s);
        },
      }[custom],
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }
}

/** A direct eval in a function of its own: the instrumented code's `var`s stay out of the global scope. */
const evalScript = new Function('code', 'return eval(code)') as (code: string) => unknown;

/**
 * %AsyncFunction% / %AsyncGeneratorFunction% (§27.7.1, §27.4.1) as the program reaches them
 * (`Object.getPrototypeOf(async function () {}).constructor`): CreateDynamicFunction's source
 * text, instrumented like the program's own code, so the function runs on the simulated loop.
 * The real constructor checks the text first, so a bad body throws V8's own SyntaxError.
 */
function installDynamicConstructor(FunctionCtor: FunctionConstructor, proto: object, Real: new (...src: string[]) => object, name: string, head: string): void {
  const ctor = {
    [name](...args: unknown[]): unknown {
      Reflect.construct(Real, args);
      const texts = args.map((a) => String(a));
      const body = texts.length ? texts.pop()! : '';
      const source = `(${head} anonymous(${texts.join(',')}\n) {\n${body}\n})`;
      return evalScript(rt.host.instrumentFunction!(source));
    },
  }[name];
  // A constructor (`new AsyncFunction(…)`) as well as a function: a plain function with its own
  // [[Construct]], as the built-in.
  const C = function (this: unknown, ...args: unknown[]) {
    return ctor(...args);
  };
  Object.defineProperty(C, 'name', { value: name });
  Object.defineProperty(C, 'length', { value: 1 });
  Object.defineProperty(C, 'prototype', { value: proto, writable: false });
  Object.setPrototypeOf(C, FunctionCtor);
  nativeTexts.set(C, `function ${name}() { [native code] }`);
  Object.defineProperty(proto, 'constructor', { value: C, writable: false, enumerable: false, configurable: true });
}
