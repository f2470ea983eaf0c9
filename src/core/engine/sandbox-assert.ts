/**
 * The sandbox's `assert` and `assert/strict`: the host's module (Node 20's), with the two things
 * a program's failure report shows of it made the imitated line's:
 *
 * - The stack of an `AssertionError` is captured in the host's realm, under the host's
 *   `Error.stackTraceLimit`; a program's `Error.stackTraceLimit = 0` (or 3) must hold for it as
 *   for its own errors. Each call runs with the host's limit set to the sandbox's.
 * - Node 22.23+, 24 and 26 give an `AssertionError` an own `diff` (`'simple'` unless an
 *   `Assert` instance says `'full'`), after `operator`; the spec reporter's inspection of the
 *   error prints it. A failure thrown by a call gets it on those lines, and the newline their
 *   `+ actual - expected` messages end with.
 * - `rejects` and `doesNotReject` are nodelib's (node/assert-promises.js): Node's async functions
 *   on the simulated loop. The host's awaited a simulated promise on the host's microtask queue,
 *   which the simulated loop does not drain, and never settled.
 *
 * What still differs is listed in src/core/node/testrunner/README.md ("Where it deviates"): the
 * message of `assert.ok(expr)` without a message, and the body of a larger diff on 22+ (Node 22's
 * Myers diff, not 20's).
 */
import type { NodeMajor } from '../versions/targets';

type Fn = (...args: unknown[]) => unknown;

/** Whether the line's AssertionError has an own `diff` (added in Node 22.x; every supported 22 has it). */
function hasDiff(nodeMajor: NodeMajor): boolean {
  return nodeMajor >= 22;
}

/** The sandbox's `assert` module from the host's; its `strict` (also `require('assert/strict')`) wrapped alike. */
/** nodelib's `internal/assert-promises` (node/assert-promises.js). */
export interface AssertPromisesModule {
  makeAssertPromises(assert: Record<string, unknown>): { rejects: Fn; doesNotReject: Fn };
}

/**
 * The program's assert over the host's. `assertPromises` loads nodelib's rejects/doesNotReject on
 * their first call (nodelib is evaluated in the sandbox the first time the program needs it).
 */
export function makeSandboxAssert(host: Fn & Record<string, unknown>, sandboxError: ErrorConstructor, nodeMajor: NodeMajor, assertPromises: () => AssertPromisesModule): Fn & Record<string, unknown> {
  const AssertionError = host.AssertionError as new (...args: unknown[]) => Error;
  const wrap = (fn: Fn, takesErrorClass = false): Fn => {
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = Number(sandboxError.stackTraceLimit) || 0;
      const expected = args[1];
      const asHost = takesErrorClass ? hostErrorClass(expected) : undefined;
      if (asHost) args[1] = asHost;
      try {
        return fn.apply(this, args);
      } catch (e) {
        if (asHost && e instanceof AssertionError && (e as { expected?: unknown }).expected === asHost) (e as { expected?: unknown }).expected = expected;
        if (e instanceof AssertionError) {
          withoutOwnFrame(e, wrapped);
          if (hasDiff(nodeMajor) && !Object.prototype.hasOwnProperty.call(e, 'diff')) asLine(e);
        }
        throw e;
      } finally {
        Error.stackTraceLimit = limit;
      }
    };
    return Object.defineProperty(wrapped, 'name', { value: fn.name });
  };
  /**
   * `throws(fn, SomeError)` / `doesNotThrow(fn, SomeError)` with an error class of the program's
   * realm (`TypeError`, `class MyError extends Error`): the host's check asks whether its own
   * `Error` is among the class's prototypes, which a class of the sandbox's realm never has, and
   * then calls the class as a validation function (`MyError(e)`: "Class constructor MyError cannot
   * be invoked without 'new'", where Node says "The error is expected to be an instance of
   * "MyError""). The host gets a stand-in whose prototype is the host's `Error` and which reads
   * and calls through to the class (`instanceof` reads its `prototype`, the message its `name`).
   * Its target is a fresh arrow, not the class: a frozen class's own prototype could not be
   * answered otherwise (a proxy's invariant). The sandbox's `Error` itself stays as it is: for
   * Node, `Error` is not among its own prototypes either.
   */
  const hostErrorClass = (expected: unknown): Fn | undefined => {
    if (typeof expected !== 'function' || expected === sandboxError || !Object.prototype.isPrototypeOf.call(sandboxError, expected)) return undefined;
    if (Object.prototype.isPrototypeOf.call(Error, expected)) return undefined;
    return new Proxy(() => undefined, {
      getPrototypeOf: () => Error,
      get: (_target, key) => Reflect.get(expected, key),
      apply: (_target, self, args) => Reflect.apply(expected as Fn, self, args),
    });
  };
  /**
   * The stack as the host's assert captured it, less this wrapper's frame: the assert function
   * cut its own frames, and the one under them is ours. Captured again from the wrapper's caller,
   * under the `Error.stackTraceLimit` in force, with the header Node gave it
   * (`AssertionError [ERR_ASSERTION]: …`, named while captured).
   */
  const withoutOwnFrame = (e: Error, wrapped: Fn): void => {
    const original = e.stack;
    const header = `${e.name} [${(e as { code?: string }).code}]: ${e.message}`;
    if (typeof original !== 'string' || !original.startsWith(header)) return;
    const probe = { name: e.name, message: e.message } as Error;
    Error.captureStackTrace(probe, wrapped);
    const recaptured = String(probe.stack);
    const plain = `${e.name}: ${e.message}`;
    if (recaptured.startsWith(plain)) e.stack = header + recaptured.slice(plain.length);
  };
  /**
   * Node 22+'s AssertionError of a failed call: an own `diff` after `operator`, and a message
   * with a `+ actual - expected` diff ends with a newline (22's createErrDiff:
   * `${header}\n${diff}\n`; 20's has none), in the stack's first line too.
   */
  const asLine = (e: Error): void => {
    Object.defineProperty(e, 'diff', { value: 'simple', writable: true, enumerable: true, configurable: true });
    const message = e.message;
    if (message.includes('\n+ actual - expected\n') && !message.endsWith('\n')) {
      const stack = e.stack;
      e.message = `${message}\n`;
      if (typeof stack === 'string') e.stack = stack.replace(message, () => e.message);
    }
  };
  /** `new AssertionError(…)` of the program (or of node:test's `t.assert.ok`): made as a failed call's. */
  const assertionError = new Proxy(AssertionError, {
    construct(target, args, newTarget) {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = Number(sandboxError.stackTraceLimit) || 0;
      try {
        const e = Reflect.construct(target, args, newTarget === assertionError ? target : newTarget) as Error;
        if (hasDiff(nodeMajor) && !Object.prototype.hasOwnProperty.call(e, 'diff')) asLine(e);
        return e;
      } finally {
        Error.stackTraceLimit = limit;
      }
    },
  });
  // One pair for `assert` and `assert.strict` (Node's strict.rejects === assert.rejects), over the
  // program's `throws`/`doesNotThrow` (`program`, the module wrapped below, before any call).
  let promiseAssertions: ReturnType<AssertPromisesModule['makeAssertPromises']> | undefined;
  const promiseAssertion = (key: 'rejects' | 'doesNotReject'): Fn => (promiseAssertions ??= assertPromises().makeAssertPromises(program))[key];
  const rejects = Object.defineProperty(function (promiseFn: unknown, ...args: unknown[]): unknown {
    return promiseAssertion('rejects')(promiseFn, ...args);
  }, 'name', { value: 'rejects' });
  const doesNotReject = Object.defineProperty(function (promiseFn: unknown, ...args: unknown[]): unknown {
    return promiseAssertion('doesNotReject')(promiseFn, ...args);
  }, 'name', { value: 'doesNotReject' });
  const modules = new Map<unknown, Fn & Record<string, unknown>>();
  const wrapModule = (mod: Fn & Record<string, unknown>): Fn & Record<string, unknown> => {
    let out = modules.get(mod);
    if (out) return out;
    out = wrap(mod) as Fn & Record<string, unknown>;
    modules.set(mod, out);
    Object.defineProperty(out, 'length', { value: mod.length });
    for (const key of Reflect.ownKeys(mod)) {
      if (key === 'length' || key === 'name' || key === 'prototype') continue;
      const desc = Object.getOwnPropertyDescriptor(mod, key)!;
      const value = desc.value as unknown;
      // The module's functions; its classes (CallTracker, Assert) stay the host's, and
      // AssertionError is the host's under a proxy (its instances are the host's, `instanceof` holds).
      if (key === 'AssertionError') desc.value = assertionError;
      else if (key === 'rejects') desc.value = rejects;
      else if (key === 'doesNotReject') desc.value = doesNotReject;
      else if (typeof value === 'function' && !/^[A-Z]/.test(String(key))) {
        desc.value = key === 'strict' ? wrapModule(value as Fn & Record<string, unknown>) : wrap(value as Fn, key === 'throws' || key === 'doesNotThrow');
      }
      Object.defineProperty(out, key, desc);
    }
    return out;
  };
  const program = wrapModule(host);
  return program;
}
