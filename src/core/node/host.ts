/**
 * What Node's modules in the sandbox get from outside it (set once by `install`, index.ts):
 * the run's I/O system (threadpool, real channels; src/core/io) and the host's real Node
 * modules, which do the real work synchronously (`fs.readFileSync`, `crypto.pbkdf2Sync`, …) or
 * start real processes. Nothing here is read before `install` runs.
 */
import type { IoSystem } from '../io/io-system';
import type { Network } from '../sim/net';
import type { NodeMajor } from '../versions/targets';
import type { RemoteNetwork } from '../netrec/types';

export interface NodeLibHost {
  /** The run's I/O system (made with the simulation on first use). */
  io(): IoSystem;
  /** The run's simulated network (ports, connections): net and http are built on it. */
  net(): Network;
  /** The Node line imitated: defaults and messages that changed between lines follow it (stream high-water marks, …). */
  nodeMajor: NodeMajor;
  /** The host's real Node modules: `require('fs')` of the worker, outside the sandbox. */
  require(name: string): any;
  /** The working directory the program runs in (relative paths resolve against it). */
  cwd: string;
  /** Where process.stdin reads: the host process's fd 0 ('inherit', the CLI) or nothing ('none', end of input at once). */
  stdin: 'inherit' | 'none';
  /** The runtime's clock, as its own `performance` reads it (virtual ms since the thread's start; the epoch of that origin). */
  clock: { now(): number; timeOrigin(): number };
  /** The run's memory budget (bytes): one read larger than this stops the run, never the host. */
  memoryBytes: number;
  /** A sandbox promise's state (Node's webstreams ask V8 whether a promise is still pending). */
  promiseState?(value: unknown): 'pending' | 'fulfilled' | 'rejected' | undefined;
  /** A value made by a host built-in (an fs result), re-homed in the sandbox's realm (runtime/realm.ts). */
  intoRealm<T>(value: T): T;
  /** A host module whose functions re-home the arrays and plain objects they return (runtime/realm.ts `realmModule`). */
  realmModule<M extends object>(hostModule: M): M;
  /** The sandbox-realm class standing for a host class (`fs.Stats`, `fs.Dirent`). */
  mirrorClass<C extends abstract new (...a: never[]) => unknown>(hostCtor: C): C;
  /** Hosts outside the program, recorded and replayed (src/core/netrec); absent: refused (mode 'off'). */
  remote?: RemoteNetwork;
  /**
   * The sandbox's `util.deprecate` (engine/sandbox-builtins.ts): Node's own modules deprecate through the
   * same function as the program's `util`, so a code warns once per run across both, as
   * lib/internal/util.js does, on the simulated process.
   */
  deprecate<F extends (...args: any[]) => any>(fn: F, msg: string, code?: string): F;
}

export const host: NodeLibHost = {
  io: () => {
    throw new Error('Node modules of the sandbox used before install');
  },
  net: () => {
    throw new Error('Node modules of the sandbox used before install');
  },
  nodeMajor: 20,
  require: () => {
    throw new Error('Node modules of the sandbox used before install');
  },
  cwd: '/',
  stdin: 'none',
  clock: { now: () => 0, timeOrigin: () => 0 },
  memoryBytes: Infinity,
  deprecate: () => {
    throw new Error('Node modules of the sandbox used before install');
  },
  intoRealm: (value) => value,
  mirrorClass: (hostCtor) => hostCtor,
  realmModule: (hostModule) => hostModule,
};

export function setHost(h: NodeLibHost): void {
  Object.assign(host, h);
}

/** This layer's own modules by name (index.ts sets it): what `require('fs')` inside it gives. */
let own: (name: string) => unknown = () => undefined;
export function setSandboxModules(get: (name: string) => unknown): void {
  own = get;
}
export function sandboxModule(name: string): any {
  const m = own(name);
  if (m === undefined) throw new Error(`nodelib: no module '${name}'`);
  return m;
}

/** A real Node module of the host, by name. */
export function real<T = any>(name: string): T {
  return host.require(name) as T;
}
