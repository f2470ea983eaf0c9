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
 *
 * What still differs is listed in src/core/node/testrunner/README.md ("Where it deviates"): the
 * message of `assert.ok(expr)` without a message, the body of a larger diff on 22+ (Node 22's
 * Myers diff, not 20's), and
 * `rejects`/`doesNotReject` on a simulated promise.
 */
import type { NodeMajor } from '../versions/targets';

type Fn = (...args: unknown[]) => unknown;

/** Whether the line's AssertionError has an own `diff` (added in Node 22.x; every supported 22 has it). */
function hasDiff(nodeMajor: NodeMajor): boolean {
  return nodeMajor >= 22;
}

/** The sandbox's `assert` module from the host's; its `strict` (also `require('assert/strict')`) wrapped alike. */
export function makeSandboxAssert(host: Fn & Record<string, unknown>, sandboxError: ErrorConstructor, nodeMajor: NodeMajor): Fn & Record<string, unknown> {
  const AssertionError = host.AssertionError as new (...args: unknown[]) => Error;
  const wrap = (fn: Fn): Fn => {
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = Number(sandboxError.stackTraceLimit) || 0;
      try {
        return fn.apply(this, args);
      } catch (e) {
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
      else if (typeof value === 'function' && !/^[A-Z]/.test(String(key))) {
        desc.value = key === 'strict' ? wrapModule(value as Fn & Record<string, unknown>) : wrap(value as Fn);
      }
      Object.defineProperty(out, key, desc);
    }
    return out;
  };
  return wrapModule(host);
}
