/**
 * The sandbox's web messaging globals: `structuredClone` (its results belong to the sandbox's
 * realm, as Node's belong to the program's), and `MessageChannel`, `MessagePort`,
 * `BroadcastChannel`, `MessageEvent` — the simulated ones of `worker_threads` (src/core/sim/ports.ts),
 * made on first access so a program that never touches them creates no simulation.
 */
import { SIM_TRANSFERABLE, checkHostObjects, pairHostObjects, structuredCloneSim } from '../sim/clone';
import { rt } from './state';
import { simBuiltin } from './sim-bridge';

/**
 * structuredClone(value, { transfer }): the host's (V8's serializer: its validation, errors and
 * detaching are Node's), then copied into this realm so `clone instanceof Array` holds in user
 * code. Node's own objects of the sandbox (a Blob, Headers, a stream: plain objects to the
 * host's V8) are judged first by the imitated line's rules and cloned by their own `[kClone]`
 * where the host's copy has a plain object for them (src/core/sim/clone.ts). Without a host
 * clone (a browser worker), the simulation's own.
 */
export function makeStructuredClone(): (...args: unknown[]) => unknown {
  return function structuredClone(...args: unknown[]): unknown {
    const nodeMajor = rt.host.options.nodeMajor ?? 20;
    if (args.length === 0) throw missingValue(nodeMajor);
    const [value, options] = args;
    const transfer = transferListOf(options, nodeMajor);
    checkHostObjects(value, transfer ?? [], nodeMajor);
    const host = rt.host.structuredClone;
    const hooks = { nodeMajor };
    if (host === undefined) return structuredCloneSim(structuredCloneSim(value, hooks), hooks);
    let copy: unknown;
    try {
      // The transfer list as read once here (an iterator is consumed by reading it, as Node's webidl reads it once).
      copy = transfer === undefined ? host.apply(rt.host, args) : host.call(rt.host, value, { transfer });
    } catch (e) {
      throw intoRealm(e);
    }
    const pairs = pairHostObjects(value, copy, nodeMajor);
    if (pairs.size === 0) return structuredCloneSim(copy);
    return structuredCloneSim(copy, {
      nodeMajor,
      replace: (v) => {
        const original = pairs.get(v);
        return original === undefined ? undefined : structuredCloneSim(structuredCloneSim(original, hooks), hooks);
      },
    });
  };
}

/**
 * The transfer list of structuredClone's options, for the checks made before the host's clone
 * (undefined: the options have none to read).
 * A port or a web stream in it would be transferred by Node (a new port, a new stream wired to
 * the old one through a port): not simulated, refused with a clear error rather than the host's
 * "invalid object" one.
 */
function transferListOf(options: unknown, nodeMajor: number): unknown[] | undefined {
  if (nodeMajor >= 22) return refuseSimTransfers(webidlTransfer(options, nodeMajor));
  if (options === null || typeof options !== 'object') return undefined;
  const transfer = (options as { transfer?: unknown }).transfer;
  // Not a list (absent, or invalid): the host's clone (Node 20's, as the line's) reads and judges it itself.
  if (transfer === null || typeof transfer !== 'object' || typeof (transfer as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') return undefined;
  return refuseSimTransfers([...(transfer as Iterable<unknown>)]);
}

/**
 * Node 22+ reads the options by WebIDL (lib/internal/worker/js_transferable.js
 * StructuredSerializeOptions): a dictionary (undefined and null are empty ones, a function is
 * one) whose `transfer` is a sequence — an iterable object; its TypeErrors carry
 * ERR_INVALID_ARG_TYPE as a property only. Node 22's message says "can not", 24's "cannot".
 */
function webidlTransfer(options: unknown, nodeMajor: number): unknown[] {
  const prefix = "Failed to execute 'structuredClone': ";
  if (options === undefined || options === null) return [];
  if (typeof options !== 'object' && typeof options !== 'function') throw webidlError(`${prefix}Options cannot be converted to a dictionary`);
  const transfer = (options as { transfer?: unknown }).transfer;
  if (transfer === undefined) return [];
  if (transfer === null || typeof transfer !== 'object' || typeof (transfer as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
    throw webidlError(`${prefix}transfer in Options ${nodeMajor >= 24 ? 'cannot' : 'can not'} be converted to sequence.`);
  }
  return [...(transfer as Iterable<unknown>)];
}

function webidlError(message: string): TypeError {
  const e = new TypeError(message);
  Object.defineProperty(e, 'code', { value: 'ERR_INVALID_ARG_TYPE', writable: true, enumerable: true, configurable: true });
  return e;
}

function refuseSimTransfers(list: unknown[]): unknown[] {
  for (const item of list) {
    if (item === null || typeof item !== 'object') continue;
    const sim = (item as Record<symbol, unknown>)[SIM_TRANSFERABLE] === true || (item as Record<symbol, unknown>)[Symbol.for('async-timeline.node.transferMode')] !== undefined;
    if (sim) throw new TypeError(`async-timeline: structuredClone with a ${constructorName(item)} in the transfer list is not simulated (postMessage can transfer a MessagePort)`);
  }
  return list;
}

function constructorName(value: object): string {
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'host object';
}

/**
 * structuredClone() without a value. Node 22+ passes a whole sentence where its ERR_MISSING_ARGS
 * wants an argument name (so the message says it twice); Node 20's C++ check names it plainly.
 */
function missingValue(nodeMajor: number): TypeError {
  const modern = nodeMajor >= 22;
  const e = new TypeError(modern ? 'The "The value argument must be specified" argument must be specified' : 'The value argument must be specified');
  Object.defineProperty(e, 'code', { value: 'ERR_MISSING_ARGS', writable: true, enumerable: true, configurable: true });
  if (modern && typeof e.stack === 'string') e.stack = e.stack.replace('TypeError: ', 'TypeError [ERR_MISSING_ARGS]: ');
  return e;
}

/** A TypeError/RangeError of the host's realm (argument validation) re-made in this one; others as they are. */
function intoRealm(e: unknown): unknown {
  if (typeof e !== 'object' || e === null || e instanceof Error) return e;
  const name = (e as Error).name;
  const Kind = name === 'TypeError' ? TypeError : name === 'RangeError' ? RangeError : undefined;
  if (Kind === undefined) return e;
  const out = new Kind((e as Error).message);
  for (const key of Object.keys(e)) (out as unknown as Record<string, unknown>)[key] = (e as Record<string, unknown>)[key];
  out.stack = (e as Error).stack;
  return out;
}

const MESSAGING_GLOBALS = ['MessageChannel', 'MessagePort', 'BroadcastChannel', 'MessageEvent'] as const;

/** Defines the messaging globals on `g` as getters that settle into plain values on first use. */
export function installMessagingGlobals(g: Record<string, unknown>): void {
  Object.defineProperty(g, 'structuredClone', { value: makeStructuredClone(), writable: true, enumerable: true, configurable: true });
  for (const name of MESSAGING_GLOBALS) {
    const settle = (value: unknown): void => {
      Object.defineProperty(g, name, { value, writable: true, enumerable: false, configurable: true });
    };
    Object.defineProperty(g, name, {
      get: () => {
        const value = (simBuiltin('worker_threads') as Record<string, unknown>)[name];
        settle(value);
        return value;
      },
      set: settle,
      enumerable: false,
      configurable: true,
    });
  }
}
