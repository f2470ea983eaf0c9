/**
 * A small typed builder of traces for the view-model and browser tests, until (and besides)
 * real traces from the engine. It keeps the format's invariants by construction: seq is the
 * column index, `t` never decreases (`at` refuses to go back), ids are handed out in order,
 * string 0 is "", site 0 is the placeholder, and `resume` names the settle event's seq.
 *
 * `helloAsync()` and `helloSync()` follow what Node 20 does for samples/hello-async.ts and
 * samples/hello-sync.ts, event for event at the level the format records.
 */
import { EventKind, MacrotaskKind, TRACE_FORMAT_VERSION, type SourceSite, type TaskInfo, type TraceFile } from '../../../src/core/trace/format';

export class TraceBuilder {
  readonly trace: TraceFile;
  private now = 0;
  private nextPromise = 1;
  private nextJob = 1;
  private nextTimer = 1;
  private nextTick = 1;
  private nextImmediate = 1;
  private readonly stringIds = new Map<string, number>([['', 0]]);
  /** The simulated thread new events are stamped with; each thread has its own clock. */
  private thread = 0;
  private readonly clocks = new Map<number, number>([[0, 0]]);

  constructor(entry = 'samples/hello-async.ts') {
    this.trace = {
      format: 'async-timeline-trace',
      version: TRACE_FORMAT_VERSION,
      meta: { entry, seed: 0, endTime: 0, exitCode: 0, moduleKind: 'commonjs', engine: 'test-builder' },
      files: [entry],
      sites: [{ file: 0, line: 0, column: 0, label: '', kind: 'other' }],
      tasks: [{ name: 'main', site: 0, kind: 'main', parent: 0, thread: 0 }],
      strings: [''],
      events: { kind: [], t: [], a: [], b: [], c: [], thread: [] },
    };
  }

  /** Moves the current thread's clock forward (never back). */
  at(t: number): this {
    if (t < this.now) throw new Error(`time goes back: ${t} < ${this.now}`);
    this.now = t;
    this.clocks.set(this.thread, t);
    this.trace.meta.endTime = Math.max(this.trace.meta.endTime, t);
    return this;
  }

  /** Switches to simulated thread `thread` (its own clock, starting at `from` the first time). */
  on(thread: number, from = 0): this {
    this.thread = thread;
    this.now = this.clocks.get(thread) ?? from;
    this.clocks.set(thread, this.now);
    return this;
  }

  str(text: string): number {
    let id = this.stringIds.get(text);
    if (id === undefined) {
      id = this.trace.strings.push(text) - 1;
      this.stringIds.set(text, id);
    }
    return id;
  }

  site(line: number, column: number, label: string, kind: SourceSite['kind']): number {
    return this.trace.sites.push({ file: 0, line, column, label, kind }) - 1;
  }

  /** Appends one event and returns its seq. */
  ev(kind: EventKind, a = 0, b = 0, c = 0): number {
    const e = this.trace.events;
    e.kind.push(kind);
    e.t.push(this.now);
    e.a.push(a);
    e.b.push(b);
    e.c.push(c);
    e.thread.push(this.thread);
    return e.kind.length - 1;
  }

  promise(task = 0, site = 0): number {
    const id = this.nextPromise++;
    this.ev(EventKind.PromiseCreate, id, task, site);
    return id;
  }

  /** TaskCreate + result promise + TaskStart. Returns [task, resultPromise]. */
  call(name: string, site: number, parent: number, kind: TaskInfo['kind'] = 'async'): [number, number] {
    const task = this.trace.tasks.push({ name, site, kind, parent, thread: this.thread }) - 1;
    this.ev(EventKind.TaskCreate, task, parent, site);
    const result = this.promise(parent, site);
    this.ev(EventKind.TaskStart, task);
    return [task, result];
  }

  suspend(task: number, site: number, promise: number): number {
    return this.ev(EventKind.TaskSuspend, task, site, promise);
  }

  /** The promise settles and queues the task's resume. Returns the settle's seq and the job. */
  fulfillResuming(promise: number, task: number): { settle: number; job: number } {
    const settle = this.ev(EventKind.PromiseFulfill, promise);
    const job = this.nextJob++;
    this.ev(EventKind.ReactionQueued, promise, job, task);
    return { settle, job };
  }

  /** Runs a queued resume job: ReactionRun then TaskResume naming the settle. */
  resume(promise: number, job: number, task: number, settle: number): number {
    this.ev(EventKind.ReactionRun, promise, job, task);
    return this.ev(EventKind.TaskResume, task, promise, settle);
  }

  thenCallbackQueued(promise: number): number {
    const job = this.nextJob++;
    this.ev(EventKind.ReactionQueued, promise, job, 0);
    return job;
  }

  log(text: string, stream: 1 | 2 = 1): number {
    return this.ev(EventKind.Console, stream, this.str(text), 0);
  }

  timer(delay: number, site: number): number {
    const id = this.nextTimer++;
    this.ev(EventKind.TimerSchedule, id, delay, site);
    return id;
  }

  tick(site: number): number {
    const id = this.nextTick++;
    this.ev(EventKind.TickSchedule, id, 0, site);
    return id;
  }

  immediate(site: number): number {
    const id = this.nextImmediate++;
    this.ev(EventKind.ImmediateSchedule, id, 0, site);
    return id;
  }

  build(exitCode = 0): TraceFile {
    this.trace.meta.endTime = Math.max(this.trace.meta.endTime, this.now);
    this.trace.meta.exitCode = exitCode;
    return this.trace;
  }
}

/** Three count() tasks sleeping 1 s concurrently, gathered by Promise.all: 1.00 s. */
export function helloAsync(): TraceFile {
  const tb = new TraceBuilder('samples/hello-async.ts');
  const countSite = tb.site(5, 1, 'count', 'function');
  const mainSite = tb.site(11, 1, 'main', 'function');
  const sleepSite = tb.site(7, 3, 'sleep(1000)', 'await');
  const timerSite = tb.site(7, 9, 'sleep(1000)', 'timer');
  const allSite = tb.site(13, 3, 'Promise.all [3]', 'await');
  tb.ev(EventKind.RunStart);
  tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Script, 0);
  const [main, mainResult] = tb.call('main', mainSite, 0);
  const counts: { task: number; result: number; sleep: number; timer: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const [task, result] = tb.call('count', countSite, main);
    tb.log('One\n');
    const timer = tb.timer(1000, timerSite);
    const sleep = tb.promise(task, sleepSite);
    tb.suspend(task, sleepSite, sleep);
    counts.push({ task, result, sleep, timer });
  }
  const all = tb.promise(main, allSite);
  tb.suspend(main, allSite, all);
  tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Script, 0);
  void mainResult;

  tb.at(1000);
  counts.forEach((count, index) => {
    tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Timer, count.timer);
    tb.ev(EventKind.TimerFire, count.timer);
    const { settle, job } = tb.fulfillResuming(count.sleep, count.task);
    tb.resume(count.sleep, job, count.task, settle);
    tb.log('Two\n');
    tb.ev(EventKind.TaskFinish, count.task, count.result);
    tb.ev(EventKind.PromiseFulfill, count.result);
    const thenJob = tb.thenCallbackQueued(count.result);
    tb.ev(EventKind.ReactionRun, count.result, thenJob, 0);
    if (index === 2) {
      const { settle: allSettle, job: allJob } = tb.fulfillResuming(all, main);
      tb.resume(all, allJob, main, allSettle);
      tb.log('executed in 1.00 seconds.\n');
      tb.ev(EventKind.TaskFinish, main, mainResult);
      tb.ev(EventKind.PromiseFulfill, mainResult);
    }
    tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Timer, count.timer);
  });
  tb.ev(EventKind.RunEnd, 0, tb.str('exit'));
  return tb.build();
}

/** The same three count() calls blocking the thread for 1 s each (Atomics.wait): 3.00 s. */
export function helloSync(): TraceFile {
  const tb = new TraceBuilder('samples/hello-sync.ts');
  const countSite = tb.site(9, 1, 'count', 'function');
  const mainSite = tb.site(15, 1, 'main', 'function');
  const blockSite = tb.site(11, 3, 'blockingSleep(1000)', 'call');
  const allSite = tb.site(17, 3, 'Promise.all [3]', 'await');
  tb.ev(EventKind.RunStart);
  tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Script, 0);
  const [main, mainResult] = tb.call('main', mainSite, 0);
  const results: number[] = [];
  for (let i = 0; i < 3; i++) {
    const [task, result] = tb.call('count', countSite, main);
    tb.log('One\n');
    tb.ev(EventKind.Block, 1000, 0, blockSite); // stamped before: the clock moves after it
    tb.at(1000 * (i + 1));
    tb.log('Two\n');
    tb.ev(EventKind.TaskFinish, task, result);
    tb.ev(EventKind.PromiseFulfill, result);
    results.push(result);
  }
  const all = tb.promise(main, allSite);
  tb.suspend(main, allSite, all);
  const jobs = results.map((r) => tb.thenCallbackQueued(r));
  results.forEach((r, i) => {
    tb.ev(EventKind.ReactionRun, r, jobs[i], 0);
  });
  const { settle, job } = tb.fulfillResuming(all, main);
  tb.resume(all, job, main, settle);
  tb.log('executed in 3.00 seconds.\n');
  tb.ev(EventKind.TaskFinish, main, mainResult);
  tb.ev(EventKind.PromiseFulfill, mainResult);
  tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Script, 0);
  tb.ev(EventKind.RunEnd, 0, tb.str('exit'));
  return tb.build();
}

/** A program that throws after an await: an uncaught error and exit code 1. */
export function withUncaughtError(): TraceFile {
  const tb = new TraceBuilder('samples/boom.ts');
  const fnSite = tb.site(1, 1, 'boom', 'function');
  const awaitSite = tb.site(2, 3, 'sleep(10)', 'await');
  tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Script, 0);
  const [task, result] = tb.call('boom', fnSite, 0);
  const timer = tb.timer(10, awaitSite);
  const p = tb.promise(task, awaitSite);
  tb.suspend(task, awaitSite, p);
  tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Script, 0);
  tb.at(10);
  tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Timer, timer);
  tb.ev(EventKind.TimerFire, timer);
  const { settle, job } = tb.fulfillResuming(p, task);
  tb.resume(p, job, task, settle);
  const message = tb.str('Error: boom </script><b>not bold</b>');
  tb.ev(EventKind.TaskThrow, task, result, message);
  tb.ev(EventKind.PromiseReject, result, message, 1);
  tb.ev(EventKind.UnhandledRejection, result, tb.str('Error: boom </script><b>not bold</b>\n    at boom (samples/boom.ts:3:9)'));
  tb.log('Error: boom </script><b>not bold</b>\n', 2);
  tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Timer, timer);
  tb.ev(EventKind.RunEnd, 1, tb.str('exit'));
  return tb.build(1);
}

/**
 * Two simulated worker threads (as the sim records them: each thread's own clock, Blocks
 * stamped at their start with a description). Each worker computes 100 ms on a core, reads
 * from a database (off-core: 50 ms and 80 ms), computes 50 ms more and posts its result; main
 * awaits both messages. 230 ms in all; both workers run at once from 0 to 100 ms.
 */
export function twoWorkers(): TraceFile {
  const tb = new TraceBuilder('samples/two-workers.ts');
  const mainSite = tb.site(10, 1, 'main', 'function');
  const workSite = tb.site(3, 1, 'work', 'function');
  const cpuSite = tb.site(4, 3, 'sim.cpu(100)', 'call');
  const readSite = tb.site(5, 3, 'db.readSync()', 'call');
  const cpu2Site = tb.site(6, 3, 'sim.cpu(50)', 'call');
  const allSite = tb.site(12, 3, 'Promise.all [2]', 'await');
  const ios = [1, 2];
  tb.ev(EventKind.RunStart);
  tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Script, 0);
  const [main, mainResult] = tb.call('main', mainSite, 0);
  tb.ev(EventKind.ThreadCreate, 1, tb.str('worker-1'));
  tb.ev(EventKind.ThreadCreate, 2, tb.str('worker-2'));
  for (const io of ios) tb.ev(EventKind.IoStart, io, tb.str(`message from worker-${io}`), allSite);
  const all = tb.promise(main, allSite);
  tb.suspend(main, allSite, all);
  tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Script, 0);
  const readMs = [0, 50, 80];
  for (const w of [1, 2]) {
    tb.on(w, 0);
    tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Script, 0);
    const [task, result] = tb.call('work', workSite, 0);
    tb.ev(EventKind.Block, 100, tb.str(`cpu 100 ms on core ${w}`), cpuSite);
    tb.at(100);
    tb.ev(EventKind.Block, readMs[w], tb.str('read from db → :5432'), readSite);
    tb.at(100 + readMs[w]);
    tb.ev(EventKind.Block, 50, tb.str(`cpu 50 ms on core ${w}`), cpu2Site);
    tb.at(150 + readMs[w]);
    tb.log(`worker-${w} done\n`);
    tb.ev(EventKind.TaskFinish, task, result);
    tb.ev(EventKind.PromiseFulfill, result);
    tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Script, 0);
    tb.ev(EventKind.ThreadExit, w);
  }
  tb.on(0);
  for (const w of [1, 2]) {
    tb.at(150 + readMs[w]);
    tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Io, w);
    tb.ev(EventKind.IoDone, w);
    tb.log(`got the result of worker-${w}\n`);
    if (w === 2) {
      const { settle, job } = tb.fulfillResuming(all, main);
      tb.resume(all, job, main, settle);
      tb.log('all done in 230 ms\n');
      tb.ev(EventKind.TaskFinish, main, mainResult);
      tb.ev(EventKind.PromiseFulfill, mainResult);
    }
    tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Io, w);
  }
  tb.ev(EventKind.RunEnd, 0, tb.str('exit'));
  return tb.build();
}

/**
 * Real I/O (as src/core/io records it): a pool of 2 threads on 2 cores; `main` hashes a password
 * (I/O #1, pbkdf2 on thread 1, core 1) and awaits it, reads a file (I/O #2, thread 2, no core),
 * asks for a second hash (I/O #3: both threads busy, it waits in the pool's queue until thread 1
 * is free at 50 ms) and runs `ls -la` (I/O #4, a child process: stdout at 5 ms, exit at 6 ms).
 * As the engine records them, thread 1 takes I/O #3 (IoPoolStart) before the loop sees I/O #1's
 * completion (IoDone) at the same moment, and a process's IoDone comes after its last event.
 */
export function threadpoolIo(): TraceFile {
  const tb = new TraceBuilder('samples/io.ts');
  const mainSite = tb.site(3, 1, 'main', 'function');
  const hashSite = tb.site(4, 9, 'pbkdf2(…)', 'call');
  const readSite = tb.site(5, 3, 'readFile(…)', 'call');
  const execSite = tb.site(7, 3, "exec('ls -la')", 'call');
  const awaitSite = tb.site(4, 3, 'hash(…)', 'await');
  const hashLabel = tb.str('pbkdf2 · 100,000 iterations');
  tb.ev(EventKind.RunStart);
  tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Script, 0);
  const [main, mainResult] = tb.call('main', mainSite, 0);
  tb.ev(EventKind.IoStart, 1, hashLabel, hashSite);
  tb.ev(EventKind.IoPoolStart, 1, 1, 1);
  const hashed = tb.promise(main, awaitSite);
  tb.ev(EventKind.IoStart, 2, tb.str('readFile data/users.json · 12 KiB'), readSite);
  tb.ev(EventKind.IoPoolStart, 2, 2, 0);
  tb.ev(EventKind.IoStart, 3, hashLabel, hashSite);
  tb.ev(EventKind.IoStart, 4, tb.str('child 4242: ls -la'), execSite);
  tb.suspend(main, awaitSite, hashed);
  tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Script, 0);

  const callback = (io: number, body?: () => void): void => {
    tb.ev(EventKind.IoDone, io);
    tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Io, io);
    body?.();
    tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Io, io);
  };
  tb.at(0.15);
  callback(2, () => tb.log('read 12 KiB\n'));
  // The child's events run as Io macrotasks of their own (no id: the IoEvent names the process).
  tb.at(5);
  tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Io, 0);
  tb.ev(EventKind.IoEvent, 4, tb.str('stdout 12 B'));
  tb.log('ls: 2 files\n');
  tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Io, 0);
  tb.at(6);
  tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Io, 0);
  tb.ev(EventKind.IoEvent, 4, tb.str('exit 0'));
  tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Io, 0);
  tb.ev(EventKind.IoDone, 4);
  tb.at(50);
  tb.ev(EventKind.IoPoolStart, 3, 1, 1);
  callback(1, () => {
    const { settle, job } = tb.fulfillResuming(hashed, main);
    tb.resume(hashed, job, main, settle);
    tb.log('hashed\n');
    tb.ev(EventKind.TaskFinish, main, mainResult);
    tb.ev(EventKind.PromiseFulfill, mainResult);
  });
  tb.at(100);
  callback(3, () => tb.log('hashed again\n'));
  tb.ev(EventKind.RunEnd, 0, tb.str('exit'));
  return tb.build();
}
