/**
 * The module table: specifier → factory. The runtime's `builtinModule(name)` consults it, so
 * `import net from 'node:net'`, `import { Worker } from 'worker_threads'` and
 * `import * as sim from 'async-timeline/sim'` in user code reach the simulation:
 *
 *   builtinModule(name) { return simModule(simulation, name) ?? …existing… }
 *
 * (the bundler must leave 'async-timeline/sim' as a `require` call: mark it external).
 */
import { createSimApi } from './api';
import { Server, Socket, connect } from './net';
import type { Simulation } from './simulation';
import { BroadcastChannel } from './broadcast';
import { MessageChannel, MessageEvent, MessagePort } from './ports';
import { TRANSFER_MODE } from './clone';
import { Worker, type WorkerLocals, type WorkerOptions } from './threads';

/**
 * A constructor for user code: `new Name(...args)` makes `make(...args)`, and `instanceof Name`
 * and `Name.prototype` are the simulation class's. Without `new`: Node's TypeError.
 */
function publicClass<T extends object>(name: string, Class: { prototype: T }, make: ((...args: unknown[]) => T) | undefined): unknown {
  const ctor = {
    [name]: function (this: unknown, ...args: unknown[]) {
      if (make === undefined) throw codeError(TypeError, 'Constructor cannot be called', 'ERR_CONSTRUCT_CALL_INVALID');
      if (new.target === undefined) throw codeError(TypeError, 'Cannot call constructor without `new`', 'ERR_CONSTRUCT_CALL_REQUIRED');
      return make(...args);
    },
  }[name];
  Object.defineProperty(ctor, 'prototype', { value: Class.prototype, writable: false });
  return ctor;
}

function codeError(Kind: ErrorConstructor, message: string, code?: string): Error {
  const e = new Kind(message);
  if (code !== undefined) {
    Object.defineProperty(e, 'code', { value: code, writable: true, enumerable: true, configurable: true });
    if (typeof e.stack === 'string') e.stack = e.stack.replace(`${e.name}: `, `${e.name} [${code}]: `);
  }
  return e;
}

function netModule(sim: Simulation) {
  const net = sim.net;
  const createServer = (...args: unknown[]) => {
    const listener = args.find((a) => typeof a === 'function') as ((s: Socket) => void) | undefined;
    return new Server(net, listener);
  };
  const mod = {
    createServer,
    connect: (...args: unknown[]) => connect(net, ...args),
    createConnection: (...args: unknown[]) => connect(net, ...args),
    Server: function SimServer(this: unknown, listener?: (s: Socket) => void) {
      return new Server(net, listener);
    } as unknown as typeof Server,
    Socket,
    isIP: (s: string) => (/^\d+\.\d+\.\d+\.\d+$/.test(s) ? 4 : s.includes(':') ? 6 : 0),
    isIPv4: (s: string) => /^\d+\.\d+\.\d+\.\d+$/.test(s),
    isIPv6: (s: string) => s.includes(':'),
  };
  return { ...mod, default: mod };
}

function workerThreadsModule(sim: Simulation) {
  const world = sim.world;
  const locals = () => world.current.locals as Partial<WorkerLocals>;
  const mod = {
    Worker: function SimWorker(this: unknown, what: ConstructorParameters<typeof Worker>[1], options?: WorkerOptions) {
      return new Worker(world, what, options);
    } as unknown as typeof Worker,
    MessageChannel: publicClass('MessageChannel', MessageChannel, () => new MessageChannel(world)),
    MessagePort: publicClass('MessagePort', MessagePort, undefined),
    BroadcastChannel: publicClass('BroadcastChannel', BroadcastChannel, (...args: unknown[]) => {
      if (args.length === 0) throw codeError(TypeError, 'The "name" argument must be specified', 'ERR_MISSING_ARGS');
      return new BroadcastChannel(world, `${String(args[0])}`);
    }),
    // Node 22+ checks the argument count (webidl): a TypeError without a code; Node 20 does not.
    MessageEvent: publicClass('MessageEvent', MessageEvent, (...args: unknown[]) => {
      if (args.length === 0 && (world.host.nodeMajor ?? 20) >= 22) throw new TypeError('MessageEvent constructor: 1 argument required, but 0 found.');
      return new MessageEvent(args[0], args[1]);
    }),
    receiveMessageOnPort(port: unknown): { message: unknown } | undefined {
      if (!(port instanceof MessagePort)) {
        const e = new TypeError('The "port" argument must be a MessagePort instance') as TypeError & { code: string };
        Object.defineProperty(e, 'code', { value: 'ERR_INVALID_ARG_TYPE', writable: true, enumerable: true, configurable: true });
        if (typeof e.stack === 'string') e.stack = e.stack.replace('TypeError: ', 'TypeError [ERR_INVALID_ARG_TYPE]: ');
        throw e;
      }
      return port.receive();
    },
    get isMainThread() {
      return world.current.id === 0;
    },
    get parentPort() {
      return locals().parentPort ?? null;
    },
    get workerData() {
      return locals().workerData;
    },
    get threadId() {
      return world.current.id;
    },
    resourceLimits: {},
    SHARE_ENV: Symbol.for('nodejs.worker_threads.SHARE_ENV'),
    markAsUntransferable(): void {},
    /**
     * Node's answer for a port in a vm context: not simulated (a port there gets plain event
     * objects, and 'messageerror' when a message holds a host object the context cannot make).
     */
    moveMessagePortToContext(): never {
      throw new Error('async-timeline: worker_threads.moveMessagePortToContext (a MessagePort in a vm context) is not simulated');
    },
  };
  // Node 22+: the object's transfer mode becomes "neither clone nor transfer" (the mark
  // src/core/sim/clone.ts reads): structuredClone and postMessage refuse it with DataCloneError.
  if ((world.host.nodeMajor ?? 20) >= 22) {
    Object.assign(mod, {
      markAsUncloneable(value: unknown): void {
        if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return;
        Object.defineProperty(value, TRANSFER_MODE, { value: 0, writable: true, configurable: true, enumerable: false });
      },
    });
  }
  Object.defineProperty(mod, 'default', { value: mod, enumerable: false });
  return mod;
}

/** Specifier → factory (each made once per simulation). */
export const SIM_MODULES: Record<string, (sim: Simulation) => unknown> = {
  net: netModule,
  'node:net': netModule,
  worker_threads: workerThreadsModule,
  'node:worker_threads': workerThreadsModule,
  'async-timeline/sim': createSimApi,
};

/** The simulated module for `name`, or undefined if the simulation does not provide it. */
export function simModule(sim: Simulation, name: string): unknown {
  const make = SIM_MODULES[name];
  if (!make) return undefined;
  const key = name.startsWith('node:') ? name.slice(5) : name;
  return sim.module(key, make);
}
