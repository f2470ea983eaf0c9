/**
 * The `process` object's event emitter (on/once/off/emit/…, the subset of EventEmitter user
 * code uses on `process`) and process.emitWarning, which prints `(node:PID) Name: message` on
 * stderr from a nextTick, as Node's lib/internal/process/warning.js does.
 */
import { nextTick } from './ticks';
import { rt } from './state';
import { writeOut } from './output';

type Listener = (...args: unknown[]) => unknown;
interface Entry { fn: Listener; once: boolean }

const events = new Map<string | symbol, Entry[]>();

export function addListener(name: string | symbol, fn: unknown, once: boolean, prepend: boolean): void {
  if (typeof fn !== 'function') throw new TypeError(`The "listener" argument must be of type function. Received ${String(fn)}`);
  let list = events.get(name);
  if (list === undefined) events.set(name, (list = []));
  processEmit('newListener', name, fn);
  if (prepend) list.unshift({ fn: fn as Listener, once });
  else list.push({ fn: fn as Listener, once });
}

export function removeListener(name: string | symbol, fn: unknown): void {
  const list = events.get(name);
  if (list === undefined) return;
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i].fn === fn) {
      list.splice(i, 1);
      processEmit('removeListener', name, fn);
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
  const list = events.get(name);
  if (list === undefined || list.length === 0) return false;
  for (const e of list.slice()) {
    if (e.once) {
      const i = list.indexOf(e);
      if (i >= 0) list.splice(i, 1);
    }
    e.fn.apply(processRef.value, args);
  }
  return true;
}

/** The process object, set by process.ts (listeners are called with it as `this`). */
export const processRef: { value: unknown } = { value: undefined };

let warnedTraceHint = false;

/** process.emitWarning(message, type): 'warning' event, then the default stderr output. */
export function emitWarning(warning: unknown, type?: unknown): void {
  let name = typeof type === 'string' ? type : 'Warning';
  let message: string;
  if (typeof warning === 'object' && warning !== null && 'message' in warning) {
    name = (warning as Error).name || name;
    message = String((warning as Error).message);
  } else {
    message = String(warning);
  }
  nextTick(() => {
    const w = new Error(message);
    Object.defineProperty(w, 'name', { value: name, enumerable: false, writable: true, configurable: true });
    processEmit('warning', w);
    let text = `(node:${rt.host.options.pid ?? 4242}) ${name}: ${message}\n`;
    if (!warnedTraceHint) {
      warnedTraceHint = true;
      text += '(Use `node --trace-warnings ...` to show where the warning was created)\n';
    }
    writeOut(2, text);
  });
}
