/**
 * One simulation: the world (threads, cores, scheduler), the network and Atomics across
 * threads, made once per run from the runtime's host. The simulated modules (modules.ts)
 * are views of it.
 */
import { IoSystem } from '../io/io-system';
import type { IoModelOptions } from '../io/model';
import { BareLoop } from './bare-loop';
import { Network } from './net';
import { AtomicsSim } from './threads';
import type { SimHost, ThreadLoop, WorkerEntry } from './types';
import { World, type WorldOptions } from './world';

export interface SimulationOptions extends WorldOptions {
  /** The I/O latency model (src/core/io/model.ts). */
  io?: IoModelOptions;
}

export class Simulation {
  readonly world: World;
  readonly net: Network;
  readonly atomics: AtomicsSim;
  /** Real I/O in virtual time: the threadpool, child processes (src/core/io). */
  readonly io: IoSystem;
  private readonly modules = new Map<string, unknown>();

  constructor(readonly host: SimHost, options: SimulationOptions = {}) {
    // Function threads run in the caller's context; when the host makes no loop for them, a
    // bare loop (clock + poll queue) does.
    const createThread = host.createThread.bind(host);
    const wrapped: SimHost = Object.create(host) as SimHost;
    wrapped.createThread = (id: number, name: string, entry: WorkerEntry) => {
      try {
        return createThread(id, name, entry);
      } catch (e) {
        if (entry.kind !== 'function') throw e;
        const loop: ThreadLoop = new BareLoop(id, host.trace);
        return { loop, start: () => void entry.fn() };
      }
    };
    this.world = new World(wrapped, options);
    this.net = new Network(this.world);
    this.atomics = new AtomicsSim(this.world);
    this.io = new IoSystem(this.world, {
      realNow: host.realNow ?? (() => Date.now()),
      currentSite: host.currentSite?.bind(host),
      captureContext: host.captureContext?.bind(host),
      poolSizeEnv: host.env ? () => host.env!().UV_THREADPOOL_SIZE : undefined,
    }, options.io);
  }

  /** A simulated module by name, made once (see modules.ts). */
  module(name: string, make: (sim: Simulation) => unknown): unknown {
    let m = this.modules.get(name);
    if (m === undefined) {
      m = make(this);
      this.modules.set(name, m);
    }
    return m;
  }
}
