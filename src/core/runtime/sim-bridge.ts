/**
 * Bridge between this runtime (one context, one main loop) and the simulation
 * (src/core/sim, docs/simulation.md): co-scheduling. The runtime keeps driving the main
 * thread's loop; in its poll phase it lets the simulation run everything due up to now
 * (network events, other threads' macrotasks) and then runs the main thread's I/O
 * completions as Io macrotasks. Threads made with a function (sim.thread, threadPool,
 * new Worker(fn)) get a loop whose clock is swapped into `clock.now` while they run.
 * The threads' loops themselves, and how a completion runs on them, are thread-loops.ts.
 *
 * A Worker on a file is a thread with a context of its own: the engine evaluates another copy
 * of this runtime there, in *thread mode* (`rt.host.thread`). That copy shares the main
 * runtime's recorder and simulation; its own loop (timers, immediates, its I/O queue, ticks,
 * microtasks) is stepped by the world like any thread's (`WorkerThreadLoop`), never by itself.
 *
 * Wiring (one line each, written by the sim engineer; see docs/simulation.md):
 *   index.ts  builtinModule(name): `return modules[key] ?? simBuiltin(name);`
 *   loop.ts   loopAlive():        `|| simAlive()`
 *   loop.ts   runIteration poll:  wait for `Math.min(next timer, simNextDue())`, call `simStuck()`
 *                                 when nothing is due but the simulation keeps the loop alive,
 *                                 then `simPoll()` before processImmediate.
 */
import type { EventKind } from '../trace/format';
import { SIM_MODULES, simModule } from '../sim/modules';
import { Simulation } from '../sim/simulation';
import type { SimHost, SimTrace, WorkerEntry } from '../sim/types';
import { clock, flushBlock, measureFromNow, setBusyCores } from './clock';
import { stopRun } from './fatal';
import { eventTargetErrors } from './error-origins';
import { internalWriteTick } from './ticks';
import type { ThreadRuntime } from './host-api';
import { SimPromise } from './promise-api';
import { EXIT_SIGNAL, rt } from './state';
import { scheduleChoices, scheduled, scheduleIoCost, scheduleNetLatency, schedulePollFirst } from './schedule';
import { captureFrame, cx } from './async-context/state';
import { callerSite } from './caller-site';
import { functionThread, mainLoop, runCompletion, type Completion } from './thread-loops';

/** Poll phases so far: each gets its number (MainLoop.pollEpoch) while it runs. */
let pollCount = 0;

/**
 * The race explorer's `poll` choice point (runtime/schedule.ts): when several completions are
 * ready as the poll phase starts, the schedule may run another one first; the rest follow in
 * their usual order. In a Worker thread's runtime too (its own completions; the world is the
 * main runtime's to drive).
 */
function runScheduledFirst(drive: boolean): void {
  const ready: Completion[] = [];
  for (;;) {
    const p = mainLoop.queue.peek();
    if (p === undefined || p.t > clock.now || p.epoch === mainLoop.pollEpoch) break;
    ready.push(mainLoop.queue.pop()!);
  }
  const callbacks = ready.filter((p) => !p.quiet);
  const first = callbacks.length >= 2 ? schedulePollFirst(callbacks.length) : 0;
  const chosen = first > 0 ? callbacks[first] : undefined;
  for (const p of ready) if (p !== chosen) mainLoop.queue.push(p);
  if (chosen !== undefined) {
    runCompletion(chosen);
    if (drive) sim!.world.runUntil(clock.now);
  }
}

let sim: Simulation | undefined;
/** Main runtime: the runtimes of Worker threads on a file, by thread id. */
const workerRuntimes = new Map<number, ThreadRuntime>();

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
  if (sim === undefined && rt.host.thread !== undefined) sim = rt.host.thread.simulation;
  if (sim === undefined) {
    const current = () => workerRuntimes.get(sim?.world.current.id ?? 0);
    const host: SimHost = {
      trace,
      mainLoop,
      realNow: () => rt.host.realNow(),
      env: () => (globalProcessEnv() ?? {}),
      userSite: (label) => callerSite(label),
      // CPU time measured: a blocking call of this runtime's threads ends their stretch before
      // other threads run nested, and charging starts again when it returns.
      blocking: (starts) => {
        if (!clock.measured || workerRuntimes.has(sim?.world.current.id ?? 0)) return;
        if (starts) flushBlock();
        else measureFromNow();
      },
      captureContext: (empty) => {
        const frame = empty === true ? undefined : captureFrame();
        return (run) => {
          const prior = cx.frame;
          cx.frame = frame;
          try {
            run();
          } finally {
            cx.frame = prior;
          }
        };
      },
      // Promise-returning simulated APIs make the promises of the thread that calls them.
      get Promise() {
        return current()?.Promise ?? (SimPromise as unknown as PromiseConstructor);
      },
      stop: (reason) => stopRun(reason),
      abortError: () => current()?.exitSignal ?? EXIT_SIGNAL,
      cloneInto: (thread) => workerRuntimes.get(thread)?.clone,
      platformClone: platformClone(),
      deferError: (error, thrown) => {
        // process.exit() and a budget stop unwind through the listener: never deferred.
        if (error === EXIT_SIGNAL || rt.exited || (error !== undefined && error === rt.budgetError)) throw error;
        if (typeof error === 'object' && error !== null) eventTargetErrors.add(error);
        internalWriteTick(() => {
          thrown();
          throw error;
        });
      },
      nodeMajor: rt.host.options.nodeMajor ?? 20,
      createThread(id: number, name: string, entry: WorkerEntry) {
        if (entry.kind === 'file') {
          const world = (sim as Simulation).world;
          if (rt.host.createWorker === undefined) throw new Error('new Worker(file) needs the engine to make a context for the thread');
          const choices = scheduleChoices();
          const worker = rt.host.createWorker(id, name, entry.specifier, entry.eval, {
            recorder: rt.rec,
            // The thread's choice points are the run's schedule's (schedule.ts).
            ...(choices && { schedule: choices }),
            simulation: sim as Simulation,
            uncaught(thread, error) {
              const th = world.threads[thread];
              if (th === undefined) return;
              if (th.onUncaught) th.onUncaught(error);
              else world.exit(th, 1);
            },
            stop: (reason) => world.stop(reason),
            output(stream, text) {
              // As in Node, a worker's stdout/stderr travel to the main thread, which writes
              // them when its loop gets to them (not while it is busy or blocked).
              mainLoop.queue.push({ t: world.current.now(), seq: mainLoop.nextSeq(), io: 0, run: () => rt.host.write(stream, text), quiet: true, frame: undefined });
            },
          });
          workerRuntimes.set(id, worker);
          return { loop: worker.loop, start: worker.start };
        }
        // A function thread shares the memory (and so the runtime) of the thread that made it:
        // made inside a Worker on a file, it is that Worker's runtime's.
        const owner = workerRuntimes.get((sim as Simulation).world.current.id);
        if (owner === undefined) return functionThread(id, entry.fn);
        workerRuntimes.set(id, owner);
        return owner.functionThread(id, entry.fn);
      },
    };
    sim = new Simulation(host, {
      mainDriven: true,
      seed: rt.host.options.seed || 1,
      maxVirtualMs: rt.host.options.budgets.virtualTimeMs,
      io: { ...rt.host.options.io, seed: rt.host.options.seed, ...(scheduled && { perturb: scheduleIoCost }) },
      ...(scheduled && { perturbLatency: scheduleNetLatency }),
    });
  }
  return sim;
}

/** The host's structuredClone as the simulation asks for it (SimHost.platformClone). */
function platformClone(): SimHost['platformClone'] {
  const host = rt.host.structuredClone;
  return host === undefined ? undefined : (value, transfer) => host.call(rt.host, value, { transfer });
}

/** The program's process.env (the sandbox's `process`), read when the threadpool is first used. */
let processEnv: (() => Record<string, string | undefined>) | undefined;
export function setProcessEnv(read: () => Record<string, string | undefined>): void {
  processEnv = read;
}
function globalProcessEnv(): Record<string, string | undefined> | undefined {
  return processEnv?.();
}

/** Real I/O in virtual time (src/core/io): the run's I/O system, made with the simulation. */
export function simIo(): Simulation['io'] {
  return getSim().io;
}

/** The simulated network (ports, connections): Node's net and http in the sandbox run on it. */
export function simNet(): Simulation['net'] {
  return getSim().net;
}

/** The loop may advance to `due`: no real operation could still deliver something before it. */
export function simMayAdvanceTo(due: number): boolean {
  return sim === undefined || sim.io.mayAdvanceTo(due);
}

/** A threadpool request is due by `now` but its real answer is not in: the poll phase waits for it. */
export function simAwaitingAnswer(now: number): boolean {
  return sim !== undefined && sim.io.awaitingAnswer(now);
}

/** How far virtual time has got while the loop waits for real I/O (Infinity: no wait). */
export function simHoldFrontier(): number {
  return sim === undefined ? Infinity : sim.io.holdFrontier();
}

/** Real operations are under way (the loop waits for them rather than ending). */
export function simHolding(): boolean {
  return sim !== undefined && sim.io.holding;
}

/** The run ends: real processes still running are killed (and the trace says so). */
export function simShutdownIo(): string[] {
  return sim === undefined || rt.host.thread !== undefined ? [] : sim.io.shutdown();
}

/** What the simulation still has pending (for a run stopped early). */
export function simPendingIo(): string[] {
  return sim === undefined ? [] : sim.io.describePending();
}

/** What the simulated world holds open for the main thread (a server, a socket, a worker), one line each. */
/** What the simulated world holds open on the main thread, each with where the program started it (a site id, 0 unknown). */
export function simAliveHandles(): Array<{ what: string; site: number }> {
  if (sim === undefined || rt.host.thread !== undefined) return [];
  const world = sim.world;
  return [...world.main.refs].map(([handle, d]) => ({ what: typeof d === 'string' ? d : d(), site: world.handleSites.get(handle) ?? 0 }));
}

/** `require(name)` of a simulated module (net, worker_threads, async-timeline/sim), else undefined. */
export function simBuiltin(name: string): unknown {
  return SIM_MODULES[name] === undefined ? undefined : simModule(getSim(), name);
}

/** The simulation keeps the main thread alive (a server, a socket, a worker, clients). */
export function simAlive(): boolean {
  if (rt.host.thread !== undefined) return mainLoop.strongQueued > 0 || mainLoop.closing.length > 0 || mainLoop.pending.length > 0;
  return sim !== undefined && (sim.world.main.refs.size > 0 || mainLoop.strongQueued > 0 || mainLoop.closing.length > 0 || mainLoop.pending.length > 0);
}

/**
 * libuv's closing-handles phase (after the check phase): the close callbacks of the handles
 * closed before it, the most recently closed first; handles closed by them wait for the next.
 */
export function simRunClosing(): void {
  const list = mainLoop.closing;
  if (list.length === 0) return;
  mainLoop.closing = [];
  for (let i = list.length - 1; i >= 0 && !rt.exited; i--) runCompletion(list[i]);
}

/** Earliest virtual time at which the simulation has something for the main loop to do. */
export function simNextDue(): number {
  // uv_backend_timeout: pending callbacks or closing handles make the poll not wait; nor does a
  // watcher to register that may find its socket ready (epoll_wait returns at once then).
  if (mainLoop.pending.length > 0 || mainLoop.closing.length > 0 || mainLoop.watching.length > 0) return clock.now;
  if (rt.host.thread !== undefined) return mainLoop.queue.peek()?.t ?? Infinity;
  if (sim === undefined) return Infinity;
  return Math.min(sim.world.nextTime(), mainLoop.queue.peek()?.t ?? Infinity);
}

/** Poll phase: the world catches up with the main clock, then main's I/O completions run. */
export function simPoll(): void {
  if (sim === undefined) return;
  // A Worker's runtime only runs its own completions: the world is driven from the main one.
  const drive = rt.host.thread === undefined;
  // What the world did before this phase (bytes written in the timers phase reach their socket)
  // is ready for it; completions that become ready while it runs callbacks wait for the next.
  if (drive) sim.world.runUntil(clock.now);
  // libuv's pending phase (before the poll): callbacks fed since the last poll phase.
  runPending();
  registerWatchers();
  mainLoop.pollEpoch = ++pollCount;
  const deferred: Completion[] = [];
  try {
    if (scheduled) runScheduledFirst(drive);
    for (;;) {
      const p = mainLoop.queue.peek();
      if (rt.exited || p === undefined || p.t > clock.now) break;
      mainLoop.queue.pop();
      if (p.weak) mainLoop.weakQueued--;
      if (p.epoch === mainLoop.pollEpoch) {
        deferred.push(p);
        continue;
      }
      runCompletion(p);
      if (drive) sim.world.runUntil(clock.now);
    }
  } finally {
    mainLoop.pollEpoch = 0;
    for (const p of deferred) {
      mainLoop.queue.push(p);
      if (p.weak) mainLoop.weakQueued++;
    }
  }
  // libuv ≥ 1.45 runs the pending queue again right after the poll (up to 8 rounds).
  for (let r = 0; r < 8 && mainLoop.pending.length > 0 && !rt.exited; r++) runPending();
}

/**
 * uv__io_poll's first step: watchers changed since the last poll are registered with epoll, so
 * what they find ready (queued now, with the frame of the code that started them) is ordered
 * after everything that became ready while the previous phases ran.
 */
function registerWatchers(): void {
  const list = mainLoop.watching;
  if (list.length === 0) return;
  mainLoop.watching = [];
  const prior = cx.frame;
  for (const w of list) {
    cx.frame = w.frame;
    try {
      w.run();
    } finally {
      cx.frame = prior;
    }
  }
}

function runPending(): void {
  const list = mainLoop.pending;
  if (list.length === 0) return;
  mainLoop.pending = [];
  for (const p of list) {
    if (rt.exited) return;
    runCompletion(p);
  }
}


/** The run was stopped: Workers' output still on its way to stdout is written now, not lost. */
export function simFlushOutput(): void {
  const rest: Completion[] = [];
  while (mainLoop.queue.size > 0) rest.push(mainLoop.queue.pop()!);
  for (const p of rest) if (p.quiet) p.run();
}

/** Nothing is due but the simulation keeps the loop alive: stop, saying who waits on what. */
export function simStuck(): void {
  if (rt.host.thread === undefined) sim?.world.stuck();
}

// A busy-wait in a program with simulated threads occupies a core (docs/simulation.md).
const threadedWorld = () => {
  const s = rt.host.thread !== undefined ? getSim() : sim;
  return s !== undefined && s.world.threads.length > 1 ? s.world : undefined;
};
setBusyCores({
  waitForCore(t) {
    const world = threadedWorld();
    return world === undefined ? 0 : world.cores.firstFree(t) - t;
  },
  book(startedAt, ms) {
    const world = threadedWorld();
    if (world === undefined || ms <= 0) return 0;
    world.current.cpuMs += ms;
    return world.cores.book(startedAt, ms).start - startedAt;
  },
});

/** Atomics.wait/notify across simulated threads (the sandbox's Atomics may delegate here). */
export function simAtomics(): Simulation['atomics'] | undefined {
  if (rt.host.thread !== undefined) return getSim().atomics;
  // On the main thread only once there are other threads to wake it (else: cost model's wait).
  return sim !== undefined && sim.world.threads.length > 1 ? sim.atomics : undefined;
}
