/**
 * The direct harness: runs a program on the simulation without the engine, with a stand-in
 * loop per thread (loop.ts) and a stand-in Promise (promise.ts). Used by the unit tests (the
 * café totals, back-pressure, starvation, deadlock) and by bench/scenarios.mjs. Programs are
 * CommonJS code (e.g. a sample bundled by esbuild with async/await lowered to generators so
 * that their promises are ours) or plain functions.
 */
import { simModule } from '../modules';
import { Simulation, type SimulationOptions } from '../simulation';
import type { SimHost, SimTrace, WorkerEntry } from '../types';
import { DirectLoop } from './loop';
import { makePromiseClass } from './promise';

/** Trace events as plain rows: [thread, t, kind, a, b, c]. */
export type Row = [number, number, number, number, number, number];

export interface DirectOptions extends SimulationOptions {
  /** Keep trace rows (default true; off for the benchmark). */
  record?: boolean;
  /** Print output as it comes (default: only collect). */
  echo?: boolean;
  /** Called every 4096 trace events (the benchmark samples the heap there: the run is synchronous). */
  sample?: () => void;
}

export interface DirectResult {
  sim: Simulation;
  output: string;
  rows: Row[];
  strings: string[];
  events: number;
  stopped: string | undefined;
  /** Virtual time of the main thread at the end. */
  endTime: number;
}

export class DirectRun {
  readonly rows: Row[] = [];
  readonly strings: string[] = [''];
  private readonly stringIds = new Map<string, number>([['', 0]]);
  events = 0;
  output = '';
  readonly sim: Simulation;
  readonly Promise: PromiseConstructor;
  private code = '';
  private readonly loops: DirectLoop[] = [];

  constructor(private readonly options: DirectOptions = {}) {
    const record = options.record !== false;
    const trace: SimTrace = {
      event: (thread, t, kind, a, b, c) => {
        if ((++this.events & 4095) === 0) options.sample?.();
        if (record) this.rows.push([thread, t, kind, a, b, c]);
      },
      string: (text) => {
        let id = this.stringIds.get(text);
        if (id === undefined) {
          id = this.strings.push(text) - 1;
          this.stringIds.set(text, id);
        }
        return id;
      },
    };
    this.Promise = makePromiseClass(() => ({ enqueue: (job) => DirectLoop.current.enqueueJob(job) }));
    const mainLoop = new DirectLoop(0, trace);
    DirectLoop.current = mainLoop;
    this.loops.push(mainLoop);
    const host: SimHost = {
      trace,
      mainLoop,
      Promise: this.Promise,
      stop: (reason) => this.write(`[simulation stopped] ${reason}\n`),
      createThread: (id, _name, entry) => {
        const loop = new DirectLoop(id, trace);
        this.loops.push(loop);
        return { loop, start: () => loop.macrotask(1, 0, () => this.startEntry(entry)) };
      },
    };
    this.sim = new Simulation(host, options);
  }

  write(text: string): void {
    this.output += text;
    if (this.options.echo) process.stdout.write(text);
  }

  private startEntry(entry: WorkerEntry): void {
    if (entry.kind === 'function') entry.fn();
    else this.evaluate(this.code);
  }

  /** The globals a program sees; timers and jobs go to the loop of the thread running. */
  globals(): Record<string, unknown> {
    const loop = () => DirectLoop.current;
    const sim = this.sim;
    const fmt = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') + '\n';
    return {
      Promise: this.Promise,
      setTimeout: (fn: () => void, ms = 0, ...args: unknown[]) => loop().setTimer(() => fn(...(args as [])), ms, false),
      setInterval: (fn: () => void, ms = 0) => loop().setTimer(fn, ms, true),
      clearTimeout: (id: number) => loop().clearTimer(id),
      clearInterval: (id: number) => loop().clearTimer(id),
      setImmediate: (fn: () => void) => loop().setImmediate(fn),
      clearImmediate: (h: unknown) => loop().clearImmediate(h),
      queueMicrotask: (fn: () => void) => loop().enqueueJob(fn),
      performance: { now: () => sim.world.now() },
      console: { log: (...a: unknown[]) => this.write(fmt(a)), error: (...a: unknown[]) => this.write(fmt(a)), info: (...a: unknown[]) => this.write(fmt(a)) },
      process: { nextTick: (fn: () => void) => loop().nextTick(fn), env: {}, argv: ['node', 'main.js'], exitCode: 0, stdout: { write: (s: string) => this.write(s) } },
      Atomics: Object.assign(Object.create(Atomics) as typeof Atomics, {
        wait: (ia: Int32Array, i: number, v: number, timeout?: number) => sim.atomics.wait(ia, i, v, timeout),
        notify: (ia: Int32Array, i: number, count?: number) => sim.atomics.notify(ia, i, count),
      }),
    };
  }

  require = (name: string): unknown => {
    const m = simModule(this.sim, name);
    if (m !== undefined) return m;
    if (name === 'timers/promises' || name === 'node:timers/promises') {
      const P = this.Promise;
      const g = this.globals() as { setTimeout: (f: () => void, ms: number) => void; setImmediate: (f: () => void) => void };
      return {
        setTimeout: (ms: number, value?: unknown) => new P((r) => g.setTimeout(() => r(value), ms)),
        setImmediate: (value?: unknown) => new P((r) => g.setImmediate(() => r(value))),
      };
    }
    throw new Error(`direct harness: no module '${name}'`);
  };

  /** Evaluates CommonJS code on the current thread with this run's globals. */
  evaluate(code: string): void {
    this.code = code;
    const g = this.globals();
    const names = Object.keys(g);
    const module = { exports: {} as unknown };
    const fn = new Function('require', 'module', 'exports', '__filename', '__dirname', ...names, code) as (...a: unknown[]) => void;
    fn(this.require, module, module.exports, '/sandbox/main.js', '/sandbox', ...names.map((n) => g[n]));
  }

  /**
   * The main loop drives and lets the world catch up in its poll phase, as the runtime does
   * through src/core/runtime/sim-bridge.ts (options.mainDriven): tests that integration path.
   */
  private coSchedule(): void {
    const world = this.sim.world;
    const main = this.loops[0];
    while (world.stopped === undefined) {
      const due = Math.min(main.nextDue(), world.nextTime());
      if (due === Infinity) {
        if (world.main.refs.size > 0) world.stuck();
        return;
      }
      main.advanceTo(due);
      world.runUntil(main.now());
      if (main.nextDue() <= main.now()) main.enter(() => main.step());
    }
  }

  /** Runs `main` (code or function) as the main script, then the whole world. */
  run(main: string | (() => void)): DirectResult {
    const loop = this.loops[0];
    try {
      loop.macrotask(1, 0, () => (typeof main === 'string' ? this.evaluate(main) : main()));
      if (this.options.mainDriven) this.coSchedule();
      else this.sim.world.run();
    } catch (e) {
      if (!(e as { simulationStopped?: boolean })?.simulationStopped) throw e;
    }
    return {
      sim: this.sim,
      output: this.output,
      rows: this.rows,
      strings: this.strings,
      events: this.events,
      stopped: this.sim.world.stopped,
      endTime: this.sim.world.main.now(),
    };
  }
}

/** Runs `main` on a fresh simulation; returns output, trace rows and the simulation. */
export function runDirect(main: string | ((run: DirectRun) => void), options?: DirectOptions): DirectResult {
  const run = new DirectRun(options);
  return run.run(typeof main === 'string' ? main : () => main(run));
}
