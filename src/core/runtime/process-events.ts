/**
 * The `process` object's event emitter (on/once/off/emit/…, the subset of EventEmitter user
 * code uses on `process`) and process.emitWarning, which prints `(node:PID) Name: message` on
 * stderr from a nextTick, as Node's lib/internal/process/warning.js does.
 */
import { nextTick } from './ticks';
import { rt } from './state';
import { SIMULATED_PID } from './host-api';
import { writeOut } from './output';
import { stdioWritten } from './resources';

type Listener = (...args: unknown[]) => unknown;
interface Entry { fn: Listener; once: boolean }

const events = new Map<string | symbol, Entry[]>();

export function addListener(name: string | symbol, fn: unknown, once: boolean, prepend: boolean): void {
  if (typeof fn !== 'function') throw new TypeError(`The "listener" argument must be of type function. Received ${String(fn)}`);
  let list = events.get(name);
  if (list === undefined) events.set(name, (list = []));
  emitProcessEvent('newListener', name, fn);
  if (prepend) list.unshift({ fn: fn as Listener, once });
  else list.push({ fn: fn as Listener, once });
}

export function removeListener(name: string | symbol, fn: unknown): void {
  const list = events.get(name);
  if (list === undefined) return;
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i].fn === fn) {
      list.splice(i, 1);
      emitProcessEvent('removeListener', name, fn);
      return;
    }
  }
}

export function removeAll(name?: string | symbol): void {
  if (name === undefined) events.clear();
  else events.delete(name);
}

export function listeners(name: string | symbol): Listener[] {
  return (events.get(name) ?? []).map((e) => e.fn);
}

export function listenerCount(name: string | symbol): number {
  return events.get(name)?.length ?? 0;
}

export function eventNames(): (string | symbol)[] {
  return [...events.keys()].filter((k) => (events.get(k)?.length ?? 0) > 0);
}

/** EventEmitter.prototype.emit on `process`: true if there were listeners. */
export function processEmit(name: string | symbol, ...args: unknown[]): boolean {
  const printed = name === 'warning' && args[0] instanceof Error;
  if (printed) printWarning(args[0]);
  const list = events.get(name);
  if (list === undefined || list.length === 0) return printed;
  for (const e of list.slice()) {
    if (e.once) {
      const i = list.indexOf(e);
      if (i >= 0) list.splice(i, 1);
    }
    e.fn.apply(processRef.value, args);
  }
  return true;
}

/** Captured at load: the program may replace Reflect.apply. */
const reflectApply = Reflect.apply as (fn: (...a: unknown[]) => unknown, self: unknown, args: ArrayLike<unknown>) => unknown;

/**
 * Emits a process event as Node's internals do: through `process.emit`, so a program or a
 * library that replaced it (signal-exit wraps it to see 'exit') sees every event Node sends
 * that way — 'exit', 'beforeExit', 'warning', 'uncaughtException', 'unhandledRejection', … .
 */
export function emitProcessEvent(name: string | symbol, ...args: unknown[]): boolean {
  const proc = processRef.value as { emit?: unknown } | undefined;
  const emit = proc?.emit;
  // The arguments as an array-like without a prototype, applied (no spread: a program may have
  // broken Array.prototype[Symbol.iterator], as test262's destructuring tests do).
  const all = Object.create(null) as { [i: number]: unknown; length: number };
  all[0] = name;
  for (let i = 0; i < args.length; i++) all[i + 1] = args[i];
  all.length = args.length + 1;
  if (typeof emit !== 'function') return reflectApply(processEmit as (...a: unknown[]) => unknown, undefined, all) as boolean;
  return Boolean(reflectApply(emit as (...a: unknown[]) => unknown, proc, all));
}

/** The process object, set by process.ts (listeners are called with it as `this`). */
export const processRef: { value: unknown } = { value: undefined };

let warnedTraceHint = false;

/**
 * process.emitWarning(warning, type | options, code, ctor) — lib/internal/process/warning.js: a
 * string becomes a warning Error (name = type, code, detail); an Error is emitted as it is. On the
 * next tick, 'warning' is emitted; Node's own listener, added at start-up and so the first, prints
 * `(node:PID) [code] Name: message` (and the detail) on stderr.
 */
export function emitWarning(warning: unknown, type?: unknown, code?: unknown, ctor?: unknown): void {
  let detail: string | undefined;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    const o = type as { ctor?: unknown; code?: unknown; detail?: unknown; type?: unknown };
    ctor = o.ctor;
    code = o.code;
    if (typeof o.detail === 'string') detail = o.detail;
    type = o.type || 'Warning';
  } else if (typeof type === 'function') {
    ctor = type;
    code = undefined;
    type = 'Warning';
  }
  if (type !== undefined && typeof type !== 'string') throw invalidArgType('type', 'of type string', type);
  if (typeof code === 'function') {
    ctor = code;
    code = undefined;
  } else if (code !== undefined && typeof code !== 'string') {
    throw invalidArgType('code', 'of type string', code);
  }
  let w: Error & { code?: unknown; detail?: unknown };
  if (typeof warning === 'string') {
    w = new Error(warning);
    w.name = String(type || 'Warning');
    if (code !== undefined) w.code = code;
    if (detail !== undefined) w.detail = detail;
    Error.captureStackTrace(w, (typeof ctor === 'function' ? ctor : emitWarning) as never);
  } else if (warning instanceof Error) {
    w = warning;
  } else {
    throw invalidArgType('warning', 'one of type Error or string', warning);
  }
  nextTick(() => emitProcessEvent('warning', w));
}

/**
 * Node's own 'warning' listener (lib/internal/process/warning.js `onWarning`), added at start-up
 * and so the first: prints `(node:PID) [code] Name: message` (and the detail) on stderr.
 */
function printWarning(w: unknown): void {
  if (!(w instanceof Error)) return;
  const { code, detail } = w as Error & { code?: unknown; detail?: unknown };
  let text = `(node:${rt.host.options.pid ?? SIMULATED_PID}) `;
  if (code) text += `[${String(code)}] `;
  text += typeof w.toString === 'function' ? `${w.toString()}` : Error.prototype.toString.call(w);
  if (typeof detail === 'string') text += `\n${detail}`;
  // Shown once; it names the flag for the first warning's kind.
  if (!warnedTraceHint) {
    warnedTraceHint = true;
    const flag = w.name === 'DeprecationWarning' ? '--trace-deprecation' : '--trace-warnings';
    text += `\n(Use \`node ${flag} ...\` to show where the warning was created)`;
  }
  writeOut(2, text + '\n');
  stdioWritten(2);
}

/** Node's ERR_INVALID_ARG_TYPE for the few checks above. */
function invalidArgType(name: string, expected: string, actual: unknown): TypeError {
  const received = actual === null ? 'null' : actual === undefined ? 'undefined' : typeof actual === 'object' ? 'an instance of ' + ((actual as object).constructor?.name ?? 'Object') : `type ${typeof actual} (${String(actual)})`;
  const e = new TypeError(`The "${name}" argument must be ${expected}. Received ${received}`) as TypeError & { code: string };
  e.code = 'ERR_INVALID_ARG_TYPE';
  return e;
}
