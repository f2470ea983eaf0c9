/**
 * The runtime's entry: `install(globalObject, host)` (see host-api.ts). Bundled by
 * `npm run build` into dist/runtime.js, an IIFE evaluated inside the sandbox's vm context,
 * which leaves `install` on the context's global as `__asyncTimelineInstall`.
 */
import { setProcessEnv, simBuiltin, simIo, simNet } from './sim-bridge';
import { workerThreadRuntime } from './thread-loops';
import './combinators';
import { Recorder, segmentEventsFor } from '../trace/recorder';
import type { TraceFile, TraceMeta } from '../trace/format';
import type { TypedTrace } from '../trace/recorder';
import { clock, configureCpu } from './clock';
import { makeConsole } from './console';
import { clearImmediate, setImmediate } from './immediates';
import { makeAtomics, makeDate, makePerformance, queueMicrotask } from './globals';
import { installMessagingGlobals } from './messaging';
import type { InstallFn, RuntimeHandle, RuntimeHost } from './host-api';
import { INSTALL_GLOBAL } from './host-api';
import { installPromiseInspect } from './inspect';
import { installFunctionShapes, instrumentedKind, showAsNative } from './function-shape';
import { intoRealm, mirrorClass, realmModule } from './realm';
import { makeInstrumentation } from './instrumentation';
import { IMPORT_RECORD_GLOBAL, INSTRUMENTATION_GLOBAL } from './instrumentation-api';
import { importRecord } from './modules';
import { isFinished, runMain, runSlice, stop } from './loop';
import { makeProcess } from './process';
import { orderPromiseStatics, SimPromise } from './promise-api';
import { rt } from './state';
import { makeTimersPromises } from './timers-promises';
import { clearInterval, clearTimeout, setInterval, setTimeout } from './timers';
import { installModernBuiltins } from './modern/index';
import './unhandled-rejections';
import { configureAsyncContext, makeAsyncHooksModule } from './async-context/module';
import './external';
import { recordAlive } from './alive';
import { setBeforeStop } from './fatal';
import { configureSchedule, followSchedule, takenPerturbations } from './schedule';

// A run stopped early records what kept it alive (src/core/analysis answers "why is it running").
setBeforeStop(recordAlive);

export { SimPromise } from './promise-api';
import { isPromise, promiseState } from './promise';
import { asyncFrames } from './async-stack';
import { stackLimitRaise } from './stack-limit';

const PROMISE_STATE_NAMES = ['pending', 'fulfilled', 'rejected'] as const;
export { isPromise };
export { newPromiseCapability, performPromiseThen, promiseResolve } from './promise-api';

function define(g: object, name: string, value: unknown): void {
  Object.defineProperty(g, name, { value, writable: true, enumerable: false, configurable: true });
}

let installed = false;

export const install: InstallFn = (globalObject: object, host: RuntimeHost): RuntimeHandle => {
  if (installed) throw new Error('the Async Timeline runtime is installed once per context');
  installed = true;
  const g = globalObject as Record<string, unknown>;
  const options = host.options;
  rt.host = host;
  // A Worker thread's runtime follows the main runtime's schedule: one sequence of choice points for the run.
  if (host.thread === undefined) configureSchedule(options.schedule);
  else followSchedule(host.thread.schedule);
  rt.tracing = options.tracing;
  // A Worker's runtime writes into the main runtime's recorder: one trace, unique ids.
  rt.rec = host.thread?.recorder ?? new Recorder(options.tracing, segmentEventsFor(options.budgets.events));
  if (options.epochMs !== undefined) clock.epoch = options.epochMs;
  configureCpu(options.cpu);
  const nodeMajor = options.nodeMajor ?? 20;
  configureAsyncContext(nodeMajor);

  installPromiseInspect(g.Promise as never, SimPromise.prototype);
  installFunctionShapes(g.Function as FunctionConstructor);
  const proc = makeProcess();
  setProcessEnv(() => proc.env as Record<string, string | undefined>);
  const con = makeConsole();
  const timersPromises = makeTimersPromises();
  const timers = { setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate, promises: timersPromises };
  // lib/timers.js: util.promisify(setTimeout / setImmediate) gives timers/promises' versions
  // (an enumerable getter there, so util.inspect shows it).
  const promisifyCustom = Symbol.for('nodejs.util.promisify.custom');
  for (const [fn, custom] of [[setTimeout, timersPromises.setTimeout], [setImmediate, timersPromises.setImmediate]] as const) {
    Object.defineProperty(fn, promisifyCustom, { get: () => custom, enumerable: true, configurable: true });
  }

  define(g, 'Promise', SimPromise);
  for (const [k, v] of Object.entries(timers)) if (k !== 'promises') define(g, k, v);
  define(g, 'queueMicrotask', queueMicrotask);
  define(g, 'process', proc);
  define(g, 'console', con);
  define(g, 'Date', makeDate(g.Date as DateConstructor));
  const performance = makePerformance();
  define(g, 'performance', performance);
  if (g.Atomics !== undefined) define(g, 'Atomics', makeAtomics(g.Atomics as typeof Atomics));
  if (g.global === undefined) define(g, 'global', g);
  // structuredClone into this realm; MessageChannel, MessagePort, BroadcastChannel, MessageEvent (simulated).
  installMessagingGlobals(g);
  // What the target line adds (Node 22's Array.fromAsync, Node 24's DisposableStack and
  // well-known Symbol.dispose, …) or lacks.
  const hostUtil = host.requireBuiltin?.('util') as typeof import('node:util') | undefined;
  installModernBuiltins(g, options.nodeMajor, {
    isNativeError: (x) => hostUtil?.types.isNativeError(x) ?? x instanceof (g.Error as ErrorConstructor),
    isProxy: (x) => hostUtil?.types.isProxy(x) ?? false,
  });
  orderPromiseStatics();
  showAsNative(SimPromise, 'function Promise() { [native code] }');
  // Node 20 (and 22) defines these well-known symbols where V8 does not yet (lib/internal/process/pre_execution.js).
  const SymbolCtor = g.Symbol as SymbolConstructor & Record<string, symbol>;
  if (SymbolCtor.dispose === undefined) Object.defineProperty(SymbolCtor, 'dispose', { value: Symbol.for('nodejs.dispose') });
  if (SymbolCtor.asyncDispose === undefined) Object.defineProperty(SymbolCtor, 'asyncDispose', { value: Symbol.for('nodejs.asyncDispose') });
  define(g, INSTRUMENTATION_GLOBAL, makeInstrumentation());
  define(g, IMPORT_RECORD_GLOBAL, importRecord);

  const modules: Record<string, unknown> = { timers, 'timers/promises': timersPromises, process: proc, console: con };
  // (perf_hooks and the `performance` global are Node's lib/internal/perf, in nodelib: engine/sandbox-builtins.ts.)
  // One re-homed copy per host module object of this sandbox (`require('path').posix === require('path/posix')`).
  const realmModules = new Map<object, object>();
  const lazy: Record<string, () => unknown> = {
    // async_hooks / AsyncLocalStorage on the simulated queues (src/core/runtime/async-context).
    async_hooks: () => makeAsyncHooksModule(host.requireBuiltin?.('async_hooks'), nodeMajor),
  };

  return {
    builtinModule(name: string): unknown {
      const key = name.startsWith('node:') ? name.slice(5) : name;
      const own = (o: object) => Object.prototype.hasOwnProperty.call(o, key);
      if (!own(modules) && own(lazy)) modules[key] = lazy[key]();
      return modules[key] ?? simBuiltin(name);
    },
    runMain(main: () => unknown, moduleKind?: 'commonjs' | 'module'): void {
      runMain(main, moduleKind ?? options.moduleKind);
    },
    threadRuntime(main: () => unknown) {
      const thread = host.thread;
      if (thread === undefined) throw new Error('threadRuntime: this runtime is not a thread\'s');
      return workerThreadRuntime(thread.id, () => runMain(main, options.moduleKind));
    },
    runSlice,
    io: simIo,
    net: simNet,
    get exitCode() { return rt.exitCode; },
    get done() { return isFinished(); },
    get now() { return clock.now; },
    get eventCount() { return rt.rec.count; },
    stop,
    isPromise: (value: unknown) => isPromise(value),
    promiseState: (value: unknown) => (isPromise(value) ? PROMISE_STATE_NAMES[promiseState(value)] : undefined),
    instrumentedKind,
    asyncFrames,
    stackLimitRaise,
    intoRealm,
    mirrorClass,
    realmModule: (hostModule) => realmModule(hostModule, realmModules),
    trace(meta: Pick<TraceMeta, 'entry' | 'engine'> & Partial<TraceMeta>, opts?: { final?: boolean; typed?: boolean }): TraceFile & TypedTrace {
      const full: TraceMeta = {
        seed: options.seed,
        moduleKind: options.moduleKind,
        nodeMajor: options.nodeMajor ?? 20,
        ...meta,
        endTime: clock.now,
        exitCode: rt.exitCode,
      };
      if (rt.truncated !== '') full.truncated = { reason: rt.truncated };
      if (options.cpu === 'measured') full.cpu = 'measured';
      const perturbations = takenPerturbations();
      if (perturbations !== undefined) full.perturbations = perturbations;
      // (The handle's overloads give each caller the shape it asked for.)
      return (opts?.typed ? rt.rec.toTypedTrace(full, opts.final === true) : rt.rec.toTraceFile(full, opts?.final === true)) as TraceFile & TypedTrace;
    },
  };
};

define(globalThis, INSTALL_GLOBAL, install);
