/**
 * The `async-timeline/sim` module: what user programs import to script the world around
 * them — clients, cores, CPU work, blocking socket calls, readiness, plain threads, a pool,
 * and the memory model. Documented with examples in docs/simulation.md.
 */
import { acceptSync, endSync, readLineSync, readSync, select, writeSome, writeSync, type Selectable } from './blocking';
import { ScriptedClients, type ClientResult, type ClientScript } from './clients';
import { MEMORY_MODEL, formatBytes, memoryReport } from './memory';
import type { NetOptions, Server, Socket } from './net';
import type { Simulation } from './simulation';
import { ThreadHandle, ThreadPool } from './threads';
import type { IoModelOptions, IoTimeMode } from '../io/model';

export interface ConfigureOptions extends NetOptions {
  /** Number of simulated cores (default 4); set it before any cpu() work. */
  cores?: number;
  /**
   * Real I/O's latency model (docs/io-model.md): `time: 'measured'` for real durations, and
   * per-kind costs (`{ 'fs.read': 0.5 }` sets the base ms, `{ 'fs.read': { per: 2 } }` ms per MiB).
   */
  io?: { time?: IoTimeMode; costs?: IoModelOptions['costs'] };
}

export interface ClientsHandle {
  readonly results: ClientResult[];
  /** Resolves (on the thread that made the script) when every client is done. */
  readonly done: Promise<ClientResult[]>;
  readonly allDone: boolean;
}

export function createSimApi(sim: Simulation) {
  const world = sim.world;
  return {
    /** Sets cores and network defaults. */
    configure(options: ConfigureOptions): void {
      const { cores, io, ...net } = options;
      if (cores !== undefined) world.setCores(cores);
      if (io?.costs !== undefined) sim.io.model.configure(io.costs);
      if (io?.time !== undefined) {
        if (io.time !== 'model' && io.time !== 'measured') throw new RangeError(`io.time must be 'model' or 'measured', got ${JSON.stringify(io.time)}`);
        sim.io.model.time = io.time;
      }
      sim.net.configure(net);
    },
    /** The calling thread's virtual clock (ms). */
    now(): number {
      return world.now();
    },
    /** The calling simulated thread's id (0 = main). */
    threadId(): number {
      return world.current.id;
    },
    cores(): number {
      return world.cores.count;
    },
    /** CPU work: occupies a core for `ms` of virtual time (waits for a free core first). */
    cpu(ms: number): void {
      world.cpu(ms);
    },
    /** A blocking sleep of the calling thread that needs no core (time.sleep, Thread.sleep). */
    sleepSync(ms: number): void {
      world.sleep(ms, `sleepSync(${ms})`, 'sim.sleepSync');
    },
    /** Scripted clients that connect to `script.port` (see ClientScript). */
    clients(script: ClientScript): ClientsHandle {
      const owner = world.current;
      const group = new ScriptedClients(sim.net, script, owner);
      const keep = {};
      world.ref(owner, keep, () => `scripted clients of :${script.port} (${group.describe()})`);
      const done = new sim.host.Promise<ClientResult[]>((resolve) =>
        group.onDone((t) => {
          world.unref(owner, keep);
          world.complete(owner, t, 0, () => resolve(group.results));
        }),
      );
      return {
        results: group.results,
        done,
        get allDone() {
          return group.allDone;
        },
      };
    },
    acceptSync: (server: Server): Socket | null => acceptSync(world, server),
    readSync: (socket: Socket, maxBytes?: number): string | null => readSync(world, socket, maxBytes),
    readLineSync: (socket: Socket): string | null => readLineSync(world, socket),
    writeSync: (socket: Socket, data: string): number => writeSync(world, socket, data),
    writeSome: (socket: Socket, data: string): number => writeSome(world, socket, data),
    endSync: (socket: Socket): void => endSync(world, socket),
    /** Which sockets are readable/writable; blocks until one is, or `timeoutMs` (0 = just look). */
    select: <T extends Selectable>(read: readonly T[], write: readonly T[] = [], timeoutMs?: number) => select(world, read, write, timeoutMs),
    /** Runs `fn` on a new shared-memory thread. */
    thread<T>(fn: () => T, name?: string): ThreadHandle<T> {
      return new ThreadHandle(world, fn, name);
    },
    /** A pool of `size` shared-memory threads: pool.submit(job), pool.close(). */
    threadPool(size: number, name?: string): ThreadPool {
      return new ThreadPool(world, size, name);
    },
    /** Memory of the run under the documented model; `tasks`: suspended async functions to count. */
    memory(tasks = 0) {
      return memoryReport(world.peakThreads, tasks);
    },
    formatBytes,
    MEMORY_MODEL,
  };
}

export type SimApi = ReturnType<typeof createSimApi>;
