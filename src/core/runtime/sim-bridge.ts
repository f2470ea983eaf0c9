/**
 * Bridge between this runtime (one context, one main loop) and the simulation
 * (src/core/sim, docs/simulation.md): co-scheduling. The runtime keeps driving the main
 * thread's loop; in its poll phase it lets the simulation run everything due up to now
 * (network events, other threads' macrotasks) and then runs the main thread's I/O
 * completions as Io macrotasks. Threads made with a function (sim.thread, threadPool,
 * new Worker(fn)) get a loop here whose clock is swapped into `clock.now` while they run.
 *
 * Wiring (one line each, written by the sim engineer; see docs/simulation.md):
 *   index.ts  builtinModule(name): `return modules[key] ?? simBuiltin(name);`
 *   loop.ts   loopAlive():        `|| simAlive()`
 *   loop.ts   runIteration poll:  wait for `Math.min(next timer, simNextDue())`, call `simStuck()`
 *                                 when nothing is due but the simulation keeps the loop alive,
 *                                 then `simPoll()` before processImmediate.
 */
import { EventKind, MacrotaskKind } from '../trace/format';
import { TimedHeap, type Timed } from '../sim/heap';
import { SIM_MODULES, simModule } from '../sim/modules';
import { Simulation } from '../sim/simulation';
import type { SimHost, SimTrace, ThreadLoop, WorkerEntry } from '../sim/types';
import { advanceTo, clock } from './clock';
import { stopRun, triggerUncaughtException } from './fatal';
import { runNextTicks } from './loop';
import { SimPromise } from './promise-api';
import { EXIT_SIGNAL, rt } from './state';

interface Completion extends Timed {
  io: number;
  run: () => void;
}

/** Thread whose clock is in `clock.now` right now; the others' clocks are parked here. */
let active = 0;
const parked = new Map<number, number>([[0, 0]]);

function runCompletion(p: Completion): void {
  if (p.io) rt.rec.emit(EventKind.IoDone, p.io, 0, 0);
  rt.stretch++;
  rt.rec.emit(EventKind.MacrotaskStart, MacrotaskKind.Io, p.io, 0);
  try {
    p.run();
  } catch (e) {
    triggerUncaughtException(e, false);
  }
  runNextTicks();
  rt.rec.emit(EventKind.MacrotaskEnd, MacrotaskKind.Io, p.io, 0);
}

/** The main thread: driven by the runtime's own loop (the world never steps it). */
class MainLoop implements ThreadLoop {
  readonly queue = new TimedHeap<Completion>();
  private seq = 0;
  now(): number {
    return active === 0 ? clock.now : (parked.get(0) as number);
  }
  advanceTo(t: number): void {
    if (active === 0) advanceTo(t);
    else parked.set(0, Math.max(parked.get(0) as number, t));
  }
  nextDue(): number {
    return Infinity;
  }
  step(): void {}
  queueIo(at: number, io: number, run: () => void): void {
    this.queue.push({ t: at, seq: this.seq++, io, run });
  }
  enter<T>(fn: () => T): T {
    return fn();
  }
}

/** A function thread: a clock and a poll queue; its clock is live while it runs. */
class FunctionThreadLoop implements ThreadLoop {
  private readonly queue = new TimedHeap<Completion>();
  private seq = 0;
  constructor(private readonly id: number) {
    parked.set(id, 0);
  }
  now(): number {
    return active === this.id ? clock.now : (parked.get(this.id) as number);
  }
  advanceTo(t: number): void {
    if (active === this.id) advanceTo(t);
    else parked.set(this.id, Math.max(parked.get(this.id) as number, t));
  }
  nextDue(): number {
    return this.queue.peek()?.t ?? Infinity;
  }
  step(): void {
    const p = this.queue.pop();
    if (!p) return;
    this.advanceTo(p.t);
    runCompletion(p);
  }
  queueIo(at: number, io: number, run: () => void): void {
    this.queue.push({ t: at, seq: this.seq++, io, run });
  }
  enter<T>(fn: () => T): T {
    const prev = active;
    const prevThread = rt.rec.thread;
    parked.set(prev, clock.now);
    active = this.id;
    clock.now = parked.get(this.id) as number;
    rt.rec.now = clock.now;
    rt.rec.thread = this.id;
    try {
      return fn();
    } finally {
      parked.set(this.id, clock.now);
      active = prev;
      clock.now = parked.get(prev) as number;
      rt.rec.now = clock.now;
      rt.rec.thread = prevThread;
    }
  }
}

let sim: Simulation | undefined;
const mainLoop = new MainLoop();

const trace: SimTrace = {
  event(thread, t, kind, a, b, c) {
    if (!rt.tracing) return;
    const now = rt.rec.now;
    const th = rt.rec.thread;
    rt.rec.now = t;
    rt.rec.thread = thread;
    rt.rec.emit(kind as EventKind, a, b, c);
    rt.rec.now = now;
    rt.rec.thread = th;
  },
  string: (text) => rt.rec.str(text),
};

/** The run's simulation, made when a program first imports a simulated module. */
function getSim(): Simulation {
  if (sim === undefined) {
    const host: SimHost = {
      trace,
      mainLoop,
      Promise: SimPromise as unknown as PromiseConstructor,
      stop: (reason) => stopRun(reason),
      abortError: () => EXIT_SIGNAL,
      createThread(id: number, _name: string, entry: WorkerEntry) {
        if (entry.kind !== 'function') {
          throw new Error('new Worker(file) needs a context per thread from the engine (docs/simulation.md); use new Worker(fn) or sim.thread(fn)');
        }
        const loop = new FunctionThreadLoop(id);
        const start = () => {
          rt.stretch++;
          rt.rec.emit(EventKind.MacrotaskStart, MacrotaskKind.Script, 0, 0);
          try {
            entry.fn();
          } catch (e) {
            triggerUncaughtException(e, false);
          }
          runNextTicks();
          rt.rec.emit(EventKind.MacrotaskEnd, MacrotaskKind.Script, 0, 0);
        };
        return { loop, start };
      },
    };
    sim = new Simulation(host, { mainDriven: true, seed: rt.host.options.seed || 1, maxVirtualMs: rt.host.options.budgets.virtualTimeMs });
  }
  return sim;
}

/** `require(name)` of a simulated module (net, worker_threads, async-timeline/sim), else undefined. */
export function simBuiltin(name: string): unknown {
  return SIM_MODULES[name] === undefined ? undefined : simModule(getSim(), name);
}

/** The simulation keeps the main thread alive (a server, a socket, a worker, clients). */
export function simAlive(): boolean {
  return sim !== undefined && (sim.world.main.refs.size > 0 || mainLoop.queue.size > 0);
}

/** Earliest virtual time at which the simulation has something for the main loop to do. */
export function simNextDue(): number {
  if (sim === undefined) return Infinity;
  return Math.min(sim.world.nextTime(), mainLoop.queue.peek()?.t ?? Infinity);
}

/** Poll phase: the world catches up with the main clock, then main's I/O completions run. */
export function simPoll(): void {
  if (sim === undefined) return;
  sim.world.runUntil(clock.now);
  for (;;) {
    const p = mainLoop.queue.peek();
    if (rt.exited || p === undefined || p.t > clock.now) break;
    mainLoop.queue.pop();
    runCompletion(p);
    sim.world.runUntil(clock.now);
  }
}

/** Nothing is due but the simulation keeps the loop alive: stop, saying who waits on what. */
export function simStuck(): void {
  sim?.world.stuck();
}

/** Atomics.wait/notify across simulated threads (the sandbox's Atomics may delegate here). */
export function simAtomics(): Simulation['atomics'] | undefined {
  return sim?.atomics;
}
