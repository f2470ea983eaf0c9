/**
 * What a program's `require` and globals are in a sandbox — the wiring between the context's
 * realm, the runtime's simulated built-ins and Node's JavaScript layer (nodelib, src/core/node):
 * - host globals and the binary-data constructors the sandbox shares with the host;
 * - host modules whose results are re-homed in the sandbox's realm (runtime/realm.ts);
 * - nodelib's modules and globals (EventTarget, AbortController, perf_hooks, web streams, Blob,
 *   fetch …), evaluated in the context on first use;
 * - the sandbox's own `util` (promisify, callbackify, deprecate on the simulated loop).
 * The contexts themselves, the runtime's install and the Workers are sandbox.ts's.
 */
import type { RemoteNetwork } from '../netrec/types';
import util from 'node:util';
import vm from 'node:vm';
import type { RuntimeHandle } from '../runtime/host-api';
import { NODE_LIB_MODULES, NODE_TEST_MODULES, WEB_STREAM_GLOBALS } from '../node/modules';
import type { NodeLibHost } from '../node/host';
import { NOT_SIMULATED_CODE, nodeTestSimulated, notSimulatedReason } from './not-simulated';
import { UTIL_DEPRECATIONS } from '../versions/util-deprecations';
import type { NodeMajor } from '../versions/targets';
import type { WorkerInput } from './protocol';
import { missingImportError } from './missing-import';
import { makeSandboxAssert, type AssertPromisesModule } from './sandbox-assert';

/** Host globals handed to the sandbox as they are (none of them queues work on Node's loop). */
const HOST_GLOBALS = [
  'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams',
  'Buffer', 'atob', 'btoa', 'DOMException', 'Crypto', 'CryptoKey', 'SubtleCrypto',
];

/**
 * The binary-data constructors the sandbox shares with the host (jest-environment-node does the
 * same): every Buffer, TextEncoder result, fs read, crypto digest, zlib output and stream chunk
 * is made by the host's built-ins, with the host's `Uint8Array.prototype`. With the constructors
 * shared, `buf instanceof Uint8Array`, `Object.getPrototypeOf(Buffer.prototype) ===
 * Uint8Array.prototype` and `buf.buffer instanceof ArrayBuffer` hold in the program as in Node,
 * at no cost per value (esbuild's start-up check, `new TextEncoder().encode("") instanceof
 * Uint8Array`, needs exactly this). %TypedArray% comes along (it is the prototype of each).
 * The price, as under jest: a typed array's chain ends at the host's `Object.prototype`, so
 * `new Uint8Array(1) instanceof Object` is false in the program (docs/runtime.md, "Realms").
 * Set before runtime.js runs, so the runtime's own captures (modern/base64.ts) see these too.
 */
export const SHARED_BINARY_GLOBALS = [
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
];

/** Gives a fresh context the host's binary-data constructors (SHARED_BINARY_GLOBALS). */
export function shareBinaryGlobals(context: vm.Context): void {
  const global = vm.runInContext('globalThis', context) as Record<string, unknown>;
  const hostGlobal = globalThis as Record<string, unknown>;
  for (const name of SHARED_BINARY_GLOBALS) {
    // Only where both realms have it: a constructor the host V8 lacks stays as absent as before.
    if (hostGlobal[name] === undefined || global[name] === undefined) continue;
    Object.defineProperty(global, name, { value: hostGlobal[name], writable: true, configurable: true, enumerable: false });
  }
}

/**
 * The host's modules (handed to the program as they are otherwise) whose functions return
 * objects and arrays of the host's realm: `path.parse()`, `os.cpus()`, `url.parse()` (its
 * `query`), `querystring.parse()`, `v8.deserialize()`. The program gets a copy whose functions
 * re-home what they return (runtime/realm.ts `realmModule`).
 */
const REALM_MODULES = new Set(['path', 'path/posix', 'path/win32', 'os', 'url', 'querystring', 'v8']);

/**
 * Globals that are Node's JavaScript (lib/internal/event_target.js, abort_controller.js) ported
 * into nodelib (src/core/node), by the nodelib module that makes them: their dispatch, listener
 * errors (`process.nextTick(() => { throw err })`), leak warnings and `AbortSignal.timeout`
 * timers must be the simulated loop's, not the host's.
 */
const NODE_LIB_GLOBALS: Record<string, string> = {
  EventTarget: 'internal/event_target',
  Event: 'internal/event_target',
  CustomEvent: 'internal/event_target',
  AbortController: 'internal/abort_controller',
  AbortSignal: 'internal/abort_controller',
  // Node's perf_hooks (lib/internal/perf): mark/measure entries, observers dispatched on the
  // simulated loop's setImmediate, timerify, over the runtime's virtual clock.
  performance: 'perf_hooks',
  PerformanceEntry: 'perf_hooks',
  PerformanceMark: 'perf_hooks',
  PerformanceMeasure: 'perf_hooks',
  PerformanceObserver: 'perf_hooks',
  PerformanceObserverEntryList: 'perf_hooks',
  PerformanceResourceTiming: 'perf_hooks',
  // Node's lib/internal/webstreams (src/core/node/webstreams): reads, writes, pipes and their
  // promises are jobs of the simulated loop.
  ...Object.fromEntries(WEB_STREAM_GLOBALS.map((name) => [name, 'stream/web'])),
  // Node's lib/internal/blob.js and file.js: text(), arrayBuffer(), bytes() and stream() settle
  // in Node's job order on the simulated loop (the host's Blob would settle on V8's own queue).
  Blob: 'internal/blob',
  File: 'internal/blob',
  // fetch's classes: undici (src/core/node/fetch), over the simulated network.
  fetch: 'internal/deps/undici/undici',
  FormData: 'internal/deps/undici/undici',
  Headers: 'internal/deps/undici/undici',
  Request: 'internal/deps/undici/undici',
  Response: 'internal/deps/undici/undici',
  WebSocket: 'internal/deps/undici/undici',
  CloseEvent: 'internal/deps/undici/undici',
};

/**
 * The Node line from which a global exists without flags (absent below it, as in that Node):
 * WebSocket is unflagged from Node 22, CloseEvent a global from Node 24.
 */
const NODE_LIB_GLOBAL_SINCE: Record<string, NodeMajor> = { WebSocket: 22, CloseEvent: 24 };

/** `fetch` is an enumerable property of Node's global (a plain function); the classes are not. */
const ENUMERABLE_NODE_LIB_GLOBALS = new Set(['fetch']);

/**
 * The sandbox's `require('buffer')`: the host's module, but with the sandbox's `Blob` and `File`
 * (Node's lib/internal/blob.js in nodelib, made on first access), as `require('buffer').Blob ===
 * Blob` in Node.
 */
function withSandboxBlob(real: Record<string, unknown>, blob: () => Record<string, unknown>): Record<string, unknown> {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(real));
  for (const name of ['Blob', 'File']) {
    Object.defineProperty(copy, name, { get: () => blob()[name], enumerable: true, configurable: true });
  }
  return copy;
}

/**
 * The sandbox's `require('util')`: a copy of the host's `util` whose `types.isPromise`,
 * `isAsyncFunction` and `isGeneratorFunction` also recognize the runtime's promises and the
 * instrumented async (generator) functions, which V8 sees as a plain object / plain functions.
 */
/**
 * The `util` functions Node 23 removed (deprecated since Node 4–22): absent from a Node 24+
 * target's `util` (checked with `Object.keys(require('util'))` of node22 and node24).
 */
const UTIL_REMOVED_IN_24 = [
  'isBoolean', 'isBuffer', 'isDate', 'isError', 'isFunction', 'isNull', 'isNullOrUndefined', 'isNumber',
  'isObject', 'isPrimitive', 'isRegExp', 'isString', 'isSymbol', 'isUndefined', 'log', 'getCallSite',
];

function makeSandboxUtil(handle: RuntimeHandle, sandbox: Record<string, unknown>, nodeMajor: number | undefined): typeof util {
  const instrumented = (value: unknown) => handle.instrumentedKind(value);
  const types = Object.defineProperties({}, Object.getOwnPropertyDescriptors(util.types)) as typeof util.types;
  Object.assign(types, {
    isPromise: (value: unknown): boolean => handle.isPromise(value) || util.types.isPromise(value),
    isAsyncFunction: (value: unknown): boolean => util.types.isAsyncFunction(value) || instrumented(value) !== undefined,
    isGeneratorFunction: (value: unknown): boolean => util.types.isGeneratorFunction(value) || instrumented(value) === 'asyncGenerator',
  });
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(util)) as typeof util;
  Object.defineProperty(copy, 'types', { value: types, writable: true, enumerable: true, configurable: true });
  Object.assign(copy, sandboxPromisify(sandbox));
  const line = (nodeMajor ?? 20) as NodeMajor;
  const deprecate = sandboxDeprecate(sandbox, line);
  const table = copy as unknown as Record<string, unknown>;
  table.deprecate = deprecate;
  if (line >= 24) for (const name of UTIL_REMOVED_IN_24) delete table[name];
  for (const [name, [message, code]] of Object.entries(UTIL_DEPRECATIONS[line] ?? {})) {
    if (typeof table[name] === 'function') table[name] = deprecate(table[name] as (...a: unknown[]) => unknown, message, code);
  }
  return copy;
}

/**
 * Node's `util.deprecate` (lib/internal/util.js, getDeprecationWarningEmitter) on the sandbox's
 * `process`: the warning goes through the simulated process.emitWarning (a 'warning' event on
 * the next tick, then "(node:PID) [code] DeprecationWarning: …" on the program's stderr). The
 * host's would print on the host's own stderr and never reach the program's listeners.
 * Each code warns once per run (`codesWarned`); Node 22+ also copies `fn.length`.
 */
function sandboxDeprecate(sandbox: Record<string, unknown>, line: NodeMajor) {
  const codesWarned = new Set<string>();
  type Proc = { noDeprecation?: boolean; emitWarning(msg: string, type: string, code?: unknown, ctor?: unknown): void };
  return function deprecate<F extends (...a: any[]) => unknown>(fn: F, msg: string, code?: string): F {
    if (code !== undefined && typeof code !== 'string') {
      throw Object.assign(new TypeError(`The "code" argument must be of type string. Received ${util.inspect(code)}`), { code: 'ERR_INVALID_ARG_TYPE' });
    }
    let warned = false;
    function deprecated(this: unknown, ...args: unknown[]): unknown {
      const proc = sandbox.process as Proc;
      if (!proc.noDeprecation && !warned) {
        warned = true;
        if (code === undefined) proc.emitWarning(msg, 'DeprecationWarning', deprecated);
        else if (!codesWarned.has(code)) {
          proc.emitWarning(msg, 'DeprecationWarning', code, deprecated);
          codesWarned.add(code);
        }
      }
      if (new.target) return Reflect.construct(fn, args, new.target);
      return Reflect.apply(fn, this, args);
    }
    Object.setPrototypeOf(deprecated, fn);
    if (fn.prototype) deprecated.prototype = fn.prototype;
    if (line >= 22) Object.defineProperty(deprecated, 'length', { ...Object.getOwnPropertyDescriptor(fn, 'length') });
    return deprecated as unknown as F;
  };
}

/**
 * Node's `util.promisify` and `util.callbackify` (lib/internal/util.js, lib/util.js) made with
 * the sandbox's Promise and process.nextTick: the host's would settle on V8's own queue.
 * `util.promisify.custom` is the same registered symbol in every realm.
 */
function sandboxPromisify(sandbox: Record<string, unknown>): Pick<typeof util, 'promisify' | 'callbackify'> {
  const custom = util.promisify.custom;
  const SandboxPromise = () => sandbox.Promise as PromiseConstructor;
  const promisify = (original: (...args: any[]) => unknown): any => {
    if (typeof original !== 'function') return util.promisify(original); // Node's own TypeError
    const already = (original as any)[custom];
    if (already !== undefined) {
      if (typeof already !== 'function') return util.promisify(original);
      return Object.defineProperty(already, custom, { value: already, enumerable: false, writable: false, configurable: true });
    }
    function fn(this: unknown, ...args: unknown[]) {
      const P = SandboxPromise();
      return new P((resolve, reject) => {
        args.push((err: unknown, ...values: unknown[]) => {
          if (err) return reject(err);
          resolve(values[0]);
        });
        Reflect.apply(original, this, args);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, custom, { value: fn, enumerable: false, writable: false, configurable: true });
    return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
  };
  promisify.custom = custom;
  const callbackify = (original: (...args: any[]) => PromiseLike<unknown>): any => {
    if (typeof original !== 'function') return util.callbackify(original as never);
    const nextTick = (...a: unknown[]) => (sandbox.process as { nextTick(...a: unknown[]): void }).nextTick(...a);
    function callbackified(this: unknown, ...args: unknown[]) {
      const maybeCb = args.pop();
      if (typeof maybeCb !== 'function') return util.callbackify(original as never)(maybeCb as never); // Node's own TypeError
      const cb = (maybeCb as (...a: unknown[]) => void).bind(this);
      Reflect.apply(original, this, args).then(
        (ret) => nextTick(cb, null, ret),
        (rej) => nextTick(callbackifyOnRejected, rej, cb),
      );
    }
    const descriptors = Object.getOwnPropertyDescriptors(original);
    if (typeof descriptors.length.value === 'number') descriptors.length.value++;
    if (typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
    const propertiesValues = Object.values(descriptors);
    for (let i = 0; i < propertiesValues.length; i++) Object.setPrototypeOf(propertiesValues[i], null);
    Object.defineProperties(callbackified, descriptors);
    return callbackified;
  };
  return { promisify: promisify as unknown as typeof util.promisify, callbackify: callbackify as unknown as typeof util.callbackify };
}

/** Node's callbackifyOnRejected: a falsy rejection reason becomes ERR_FALSY_VALUE_REJECTION. */
function callbackifyOnRejected(reason: unknown, cb: (e: unknown) => void): void {
  if (!reason) {
    const e = new Error('Promise was rejected with falsy value') as Error & { code: string; reason: unknown };
    e.code = 'ERR_FALSY_VALUE_REJECTION';
    e.reason = reason;
    reason = e;
  }
  cb(reason);
}

/** Gives a sandbox the host's web-platform globals it lacks (HOST_GLOBALS). */
export function shareHostGlobals(sandbox: Record<string, unknown>): void {
  // Node's web-platform globals that do no I/O of their own: the host's, so their behaviour is
  // exactly Node's (AbortSignal drives timers/promises cancellation, Buffer/URL are everywhere).
  for (const name of HOST_GLOBALS) {
    if (sandbox[name] === undefined && (globalThis as Record<string, unknown>)[name] !== undefined) {
      Object.defineProperty(sandbox, name, { value: (globalThis as Record<string, unknown>)[name], writable: true, configurable: true, enumerable: false });
    }
  }
}

/** What wireSandboxBuiltins needs of one sandbox. */
export interface BuiltinsWiring {
  /** The context's real global. */
  sandbox: Record<string, unknown>;
  /** The context's own Error (errors the program catches are of its realm). */
  sandboxError: ErrorConstructor;
  handle: RuntimeHandle;
  input: WorkerInput;
  /** The host's require, from the program's file. */
  realRequire: NodeJS.Require;
  /** A Worker's sandbox: process.stdin is the main thread's only. */
  isThread: boolean;
  remote: RemoteNetwork | undefined;
  /** Evaluates Node's layer (dist/nodelib.js) in this context and gives its require; called once, on first use. */
  installNodeLib(host: NodeLibHost): (name: string) => unknown;
}

/**
 * Wires a sandbox's built-ins: returns the program's `require` of a built-in module, and defines
 * the globals that come from nodelib (`crypto`, `process.stdin`, NODE_LIB_GLOBALS) as getters
 * that load it on first access. Must run before the program does: it reads the runtime's own
 * `performance` before perf_hooks' may replace it.
 */
export function wireSandboxBuiltins(w: BuiltinsWiring): (name: string) => unknown {
  const { sandbox, sandboxError, handle, input, realRequire } = w;
  const sandboxUtil = makeSandboxUtil(handle, sandbox, input.nodeMajor);
  // Node's JS layer in the sandbox (events' EventEmitterAsyncResource) uses the simulated async_hooks.
  // `sandbox:<name>`: the runtime's own module of that name (node:test's runner takes the program's very `timers`).
  // node:test's `t.assert` is the program's assert (sandbox-assert.ts), as in Node.
  const nodeLibRequire = Object.assign((name: string): unknown => (name === 'async_hooks' ? handle.builtinModule(name) : name.startsWith('sandbox:') ? handle.builtinModule(name.slice(8)) : name === 'assert' || name === 'assert/strict' ? sandboxBuiltin(name) : realRequire(name)), { resolve: realRequire.resolve });
  // The runtime's own clock object (runtime/globals.ts makePerformance), before Node's
  // perf_hooks `performance` replaces the global: nodelib's performance binding reads it.
  const runtimePerformance = sandbox.performance as { now(): number; timeOrigin: number };
  const clock = { now: () => runtimePerformance.now(), timeOrigin: () => runtimePerformance.timeOrigin };
  let nodeLib: ((name: string) => unknown) | undefined;
  const loadNodeLib = (): ((name: string) => unknown) =>
    (nodeLib ??= w.installNodeLib({ io: () => handle.io(), net: () => handle.net(), nodeMajor: input.nodeMajor, require: nodeLibRequire, cwd: input.cwd, stdin: input.stdin ?? 'none', clock, memoryBytes: input.budgets.memoryMb * 1024 * 1024, promiseState: (p) => handle.promiseState(p), deprecate: sandboxUtil.deprecate, intoRealm: (v) => handle.intoRealm(v), mirrorClass: (c) => handle.mirrorClass(c), realmModule: (m) => handle.realmModule(m), ...(w.remote && { remote: w.remote }) }));
  let sandboxBuffer: Record<string, unknown> | undefined;
  // The program's assert: the host's, its failures made the line's (sandbox-assert.ts).
  let sandboxAssert: ReturnType<typeof makeSandboxAssert> | undefined;
  const sandboxBuiltin = (name: string): unknown => {
    const missing = missingImportError(name);
    if (missing) {
      // Node's NodeError: `Error [ERR_MODULE_NOT_FOUND]: …` heads its stack, `code` (and `url` for a path) are own properties.
      const e = new sandboxError(missing.message) as Error & { code?: string; url?: string };
      e.name = 'Error [ERR_MODULE_NOT_FOUND]';
      void e.stack;
      delete (e as { name?: string }).name;
      e.code = 'ERR_MODULE_NOT_FOUND';
      if (missing.url !== undefined) e.url = missing.url;
      throw e;
    }
    const bare = name.startsWith('node:') ? name.slice(5) : name;
    if (bare === 'util') return sandboxUtil;
    if (bare === 'util/types') return sandboxUtil.types;
    if (bare === 'assert' || bare === 'assert/strict') {
      sandboxAssert ??= makeSandboxAssert(realRequire('assert') as never, sandboxError, input.nodeMajor ?? 20, () => loadNodeLib()('internal/assert-promises') as AssertPromisesModule);
      return bare === 'assert' ? sandboxAssert : sandboxAssert.strict;
    }
    if (bare === 'buffer') return (sandboxBuffer ??= withSandboxBlob(realRequire('buffer') as Record<string, unknown>, () => loadNodeLib()('internal/blob') as Record<string, unknown>));
    if (NODE_LIB_MODULES.includes(bare)) return loadNodeLib()(bare);
    if (NODE_TEST_MODULES.includes(bare) && nodeTestSimulated(input.nodeMajor ?? 20)) return loadNodeLib()(bare);
    const refused = notSimulatedReason(name, input.nodeMajor ?? 20);
    if (refused !== undefined) throw Object.assign(new sandboxError(refused), { code: NOT_SIMULATED_CODE });
    const simulated = handle.builtinModule(name);
    if (simulated !== undefined) return simulated;
    // Host modules whose results are plain objects and arrays: re-homed in the sandbox's realm (runtime/realm.ts).
    if (REALM_MODULES.has(bare)) return handle.realmModule(realRequire(name) as object);
    return realRequire(name);
  };
  // The global `crypto` is nodelib's webcrypto (its subtle's promises are the simulation's), made on first use, as Node's getter.
  Object.defineProperty(sandbox, 'crypto', { get: () => (sandboxBuiltin('crypto') as { webcrypto: unknown }).webcrypto, enumerable: true, configurable: true });
  // process.stdin: nodelib's Readable on fd 0 (node/stdin.ts), made on first access as Node's getter; the main thread's only.
  const proc = sandbox.process as Record<string, unknown> | undefined;
  if (!w.isThread && proc !== undefined) {
    let stdin: unknown;
    Object.defineProperty(proc, 'stdin', {
      get: () => (stdin ??= (loadNodeLib()('internal/stdin') as { makeStdin(source: 'inherit' | 'none'): unknown }).makeStdin(input.stdin ?? 'none')),
      enumerable: true,
      configurable: true,
    });
  }
  // EventTarget, Event, CustomEvent, AbortController, AbortSignal: nodelib's, loaded on first
  // access (a program that never touches them pays nothing), then plain values — the same
  // classes nodelib's own modules (streams, events, fs, child_process) use, so `instanceof` holds.
  for (const [name, from] of Object.entries(NODE_LIB_GLOBALS)) {
    if ((input.nodeMajor ?? 20) < (NODE_LIB_GLOBAL_SINCE[name] ?? 0)) continue;
    const enumerable = ENUMERABLE_NODE_LIB_GLOBALS.has(name);
    const settle = (value: unknown): void => {
      Object.defineProperty(sandbox, name, { value, writable: true, configurable: true, enumerable });
    };
    Object.defineProperty(sandbox, name, {
      get: () => {
        const value = (loadNodeLib()(from) as Record<string, unknown>)[name];
        settle(value);
        return value;
      },
      set: settle,
      enumerable,
      configurable: true,
    });
  }
  return sandboxBuiltin;
}
