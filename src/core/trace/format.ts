/**
 * The trace format: one versioned event log of a simulated run.
 *
 * This module is the contract between the engine (which records), the view model (which
 * reads) and every file on disk (`--trace out.json`, the HTML export, the webview state).
 * It has no dependencies and holds types and constants only.
 *
 * Invariants (the recorder guarantees them, readers may rely on them):
 * - Events are stored in columns; the index of an event in the columns IS its `seq`:
 *   strictly increasing, starting at 0, without gaps.
 * - `t` (virtual milliseconds since the start of the run) never decreases from one event to
 *   the next.
 * - Ids (task, promise, timer, immediate, tick, job, site, string) are positive integers
 *   handed out in order of first appearance; 0 means "none".
 * - Every `TaskResume` names, in `c`, the `seq` of the settle event (`PromiseFulfill` or
 *   `PromiseReject`) that caused it; that event precedes the resume.
 * - Every `TaskSuspend` is followed (later) by exactly one `TaskResume` of the same task,
 *   unless the trace is truncated.
 * - Strings (names, console text, messages) live once in `strings` and are referred to by
 *   index; string 0 is the empty string. They are user data: a reader displays them as text,
 *   never as markup.
 * - Same program + same options + same seed gives a byte-identical serialized trace.
 *
 * History:
 * - 1: first version. Kinds added since, which older readers skip: PromiseDiscarded,
 *   PromiseSite, Alive (64–67, the run's analysis); AlsStore (68, the AsyncLocalStorage store a
 *   task or callback runs in). A reader that does not know a kind skips it: adding one needs no
 *   new version.
 */

/** Incremented on every incompatible change. A reader refuses a newer major version. */
export const TRACE_FORMAT_VERSION = 1;

/** What one event records. `a`, `b`, `c` are the event's three integer operands. */
export const enum EventKind {
  /** The run starts. a = 0. */
  RunStart = 1,
  /** The run ends. a = exit code, b = string: why it ended ("exit", "budget: …"). */
  RunEnd = 2,

  /** A macrotask starts: a = MacrotaskKind, b = the id of its timer/immediate/io (0 for the script). */
  MacrotaskStart = 3,
  /** The macrotask and all the ticks/microtasks it caused are done. a = MacrotaskKind, b = id. */
  MacrotaskEnd = 4,

  /** An async function (or generator) call made a task. a = task, b = parent task (0 = main script), c = site of the call's function. */
  TaskCreate = 10,
  /** The task begins running (synchronously inside its call). a = task. */
  TaskStart = 11,
  /** The task stops at an await. a = task, b = await site, c = the promise it waits on. */
  TaskSuspend = 12,
  /** The task runs again. a = task, b = promise that settled, c = seq of that settle event. */
  TaskResume = 13,
  /** A generator (sync or async) yields. a = task, b = yield site, c = 0. */
  TaskYield = 14,
  /** The task returned. a = task, b = its result promise (0 for a sync generator). */
  TaskFinish = 15,
  /** The task threw. a = task, b = its result promise, c = string: the error's message. */
  TaskThrow = 16,

  /** A promise is made. a = promise, b = task running at that moment (0 = none), c = site (0 if unknown). */
  PromiseCreate = 20,
  /** The promise is resolved with a thenable and will adopt its state. a = promise, b = the thenable's promise id (0 if not one of ours). */
  PromiseAdopt = 21,
  /** The promise is fulfilled. a = promise. */
  PromiseFulfill = 22,
  /** The promise is rejected. a = promise, b = string: the reason, c = 1 if it had no handler then. */
  PromiseReject = 23,
  /** A reaction job is queued. a = promise, b = job, c = task it will resume (0 if a plain then-callback). */
  ReactionQueued = 24,
  /** A reaction job runs. a = promise, b = job, c = task it resumes (0 if none). */
  ReactionRun = 25,
  /** A rejection nobody handled (reported as Node reports it). a = promise, b = string: reason. */
  UnhandledRejection = 26,

  /** setTimeout / setInterval. a = timer, b = delay in ms (after the 1 ms minimum), c = site. */
  TimerSchedule = 30,
  /** A timer's callback runs. a = timer. */
  TimerFire = 31,
  /** clearTimeout / clearInterval. a = timer. */
  TimerClear = 32,
  /** setImmediate. a = immediate, c = site. */
  ImmediateSchedule = 33,
  /** An immediate's callback runs. a = immediate. */
  ImmediateRun = 34,
  /** process.nextTick. a = tick, c = site. */
  TickSchedule = 35,
  /** A nextTick callback runs. a = tick. */
  TickRun = 36,
  /** queueMicrotask. a = job, c = site. */
  MicrotaskSchedule = 37,
  /** A queueMicrotask callback runs. a = job. */
  MicrotaskRun = 38,

  /**
   * Synchronous blocking (Atomics.wait, busy loop, CPU work): the clock advanced by `a` ms while
   * nothing else ran on that thread. b = string: what it was (0 = none), c = site.
   *
   * Timestamp rule, as recorded today:
   * - the runtime (src/core/runtime/clock.ts: `block()` for Atomics.wait, `flushBlock()` for a
   *   busy-wait on the clock) advances the clock FIRST and emits after: `t` is the END of the
   *   block, which spans [t − a, t]; b = 0. (A busy-wait's `a` is rounded to whole ms, at least 1.)
   *   In a run with `meta.cpu = 'measured'`, a runtime Block with c = 0 is a synchronous stretch
   *   charged its measured real duration (clock.ts), at least 0.5 ms, rounded.
   * - the simulated world (src/core/sim/world.ts, `block()`: cpu, blocking reads, sleeps on a
   *   simulated thread) stamps the START: `t` = t0, the block spans [t, t + a]; b = description
   *   (`cpu 100 ms on core 1`, `read from bob → :7000`).
   * Readers must accept both: the view model (`blockInterval`, src/core/viewmodel/axis.ts) takes
   * the block as stamped at its start when the next event of the same thread is at t + a or
   * later, else as stamped at its end.
   */
  Block = 40,
  /** An I/O operation begins. a = io id, b = string: description, c = site. */
  IoStart = 41,
  /** An I/O operation completes (its callback is queued). a = io id. */
  IoDone = 42,
  /** A native (non-simulated) promise reached an await and was waited for in real time. a = promise, b = string: what it was, c = site. */
  External = 43,
  /**
   * A threadpool request (fs, crypto, zlib, dns.lookup; src/core/io) starts on a pool thread.
   * a = io id (of its IoStart), b = pool thread (1-based), c = simulated core (1-based; 0 = needs
   * none). Its wait in the pool's queue is this event's `t` minus its IoStart's; it runs until
   * its IoDone. Recorded on the thread that made the request. (Added in trace format 1, engine 0.2.)
   */
  IoPoolStart = 44,
  /**
   * A real process outside the simulation (a child process, opened by IoStart) delivered an
   * event, now running as an Io macrotask: a = io id, b = string: what (`stdout 12 B`, `exit 0`).
   */
  IoEvent = 45,
  /**
   * A racy tie: here real Node's order depends on real time, and the simulation took one of the
   * two outcomes (src/core/runtime/racy-ties.ts, docs/cost-model.md). a = RacyTieKind, b =
   * RacyOutcome (which one ran first), c = the site of the timer involved (0 if unknown).
   * Recorded when decided, before the callback that goes first. The n-th racy tie of a run
   * (0-based, in trace order) takes bit n mod 32 of the seed: a set bit flips the default.
   * (Added in trace format 1, engine 0.2.)
   */
  RacyTie = 46,

  /** The program wrote to stdout (a = 1) or stderr (a = 2). b = string: the text, including its newline. */
  Console = 50,
  /** An uncaught error. a = task (0 = main), b = string: the printed error, c = site (0 if unknown). */
  UncaughtError = 51,
  /** An engine warning (something escaped the simulation). b = string: message, c = site. */
  Warning = 52,
  /** The run was stopped before its end; the trace up to here is kept. b = string: the reason. */
  Truncated = 53,

  /**
   * (Analysis, issue 11.) A promise was dropped: the value of a call in an expression statement
   * (`fetchUser(id);`) was one of our promises, not yet handled. a = promise, c = site of the
   * call. src/core/analysis flags it as floating if nothing handles it before the run ends.
   */
  PromiseDiscarded = 64,
  /** (Analysis.) Where a `new Promise(…)` of the program's source was made. a = promise, c = site. */
  PromiseSite = 65,
  /**
   * (Analysis.) Something still holding the loop open when the run was stopped early, recorded
   * just before Truncated: a = timer id (its TimerSchedule has the delay and site), or 0 with
   * b = string: a handle or request (`server listening on :8080`, `I/O #3: fs.read …`), and
   * c = the site where the program started that handle (a server's `listen` line) or 0.
   */
  Alive = 67,
  /**
   * The AsyncLocalStorage store a task or callback runs in (src/core/runtime/async-context/
   * trace-stores.ts), recorded right after the TaskStart/TaskResume, or after the TimerFire /
   * ImmediateRun / Io MacrotaskStart, that begins the run slice — one event per storage that has a
   * store then (none: the slice runs without one). a = the storage's number (1-based, in order of
   * creation, unique across threads; at most 16 per thread are followed), b = string: the store's label (one line of `util.inspect`,
   * at most 40 characters, data only), c = the site of its `new AsyncLocalStorage()` (0 if unknown).
   * The timeline colours tasks by it (src/core/viewmodel/als.ts). (Added in trace format 1.)
   */
  AlsStore = 68,

  /**
   * The network as Node's net/http in the sandbox use it (src/core/node/http). A connection is
   * established: a = connection id, b = string: who with whom (`client :40001 → :40000`,
   * `server :40000 ← :40001`), c = side (1 = client end, 2 = server end). Recorded on the thread
   * of that end when its program hears of it (connect completion, accept).
   */
  NetConnect = 54,
  /** One end of a connection is closed: a = connection id, b = string: `close` or `reset`, c = side. */
  NetClose = 55,
  /**
   * An HTTP request's head was received by a server: a = connection id, b = string: `GET /path`,
   * c = its number on that connection (1-based; keep-alive connections carry several).
   */
  HttpRequest = 56,
  /** An HTTP response's head was received by a client: a = connection id, b = string: `200 OK`, c = its number on that connection. */
  HttpResponse = 57,
  /**
   * The message last announced on this connection by HttpRequest (c = 1) or HttpResponse (c = 2)
   * was received completely: a = connection id, b = body bytes.
   */
  HttpMessageEnd = 62,
  /** A server starts listening on a port (c = 1) or stops (c = 0): a = port, b = string: `listen :40000`. */
  NetListen = 63,

  /** A simulated thread is made (issue: threads). a = thread id, b = string: name. */
  ThreadCreate = 60,
  /** A simulated thread ends. a = thread id. */
  ThreadExit = 61,
}

/** What kind of macrotask is running (operand `a` of MacrotaskStart/End). */
export const enum MacrotaskKind {
  Script = 1,
  Timer = 2,
  Immediate = 3,
  Io = 4,
}

/** Which racy tie (operand `a` of RacyTie). */
export const enum RacyTieKind {
  /**
   * The first loop iteration after a main script that made a `setTimeout(f, 0 | 1)` and a
   * `setImmediate(g)`: the timer runs first if ≥ 1 ms of real time passed before the iteration
   * (CommonJS entries on every Node; ES module entries on Node 22+, which load them synchronously).
   */
  TimeoutVsImmediate = 1,
  /**
   * Two timers of different delays due at the same millisecond, the later one made after the
   * simulated clock ticked (synchronous work between the two calls, in one loop iteration): real
   * Node runs the older first if its millisecond clock ticked as often, the later first if it
   * ticked once less (its timer then due a millisecond earlier). c = the later timer's site.
   * Recorded when the first of them is about to run. (Added in trace format 1.)
   */
  TimersAcrossClockTick = 2,
}

/** Which of a racy tie's two outcomes the simulation took (operand `b` of RacyTie). */
export const enum RacyOutcome {
  /** The documented default (TimeoutVsImmediate: the timer first; TimersAcrossClockTick: the older timer first). */
  Default = 1,
  /** The other outcome, chosen by the seed (TimeoutVsImmediate: the immediate first; TimersAcrossClockTick: the later timer first). */
  Flipped = 2,
}

/** Where in the user's source something is: 1-based line, 1-based column, in the user's TS. */
export interface SourceSite {
  /** Index into `files`. */
  file: number;
  line: number;
  column: number;
  /** What is there, as a reader should see it: `sleep(1000)`, `Promise.all [3]`, `count`. */
  label: string;
  /** What kind of place this is. */
  kind: 'await' | 'yield' | 'function' | 'call' | 'for-await' | 'timer' | 'tick' | 'other';
}

/** One task: one call of an async function, async generator or generator. */
export interface TaskInfo {
  /** Readable name: `count`, `Server.handle`, `<anonymous> chat.ts:12`. */
  name: string;
  /** The function's site (index into `sites`), 0 if unknown. */
  site: number;
  kind: 'async' | 'async-generator' | 'generator' | 'main' | 'thread';
  /** Parent task (0 = main script). */
  parent: number;
  /** Simulated thread the task runs on (0 = main thread). */
  thread: number;
}

/** The columns: event i is (kind[i], t[i], a[i], b[i], c[i], thread[i]). */
export interface EventColumns {
  kind: number[];
  t: number[];
  a: number[];
  b: number[];
  c: number[];
  thread: number[];
}

/**
 * The columns as any array of numbers: plain (`EventColumns`, the JSON shape) or typed arrays
 * (as the engine hands a trace over: recorder.ts `TypedEventColumns`).
 */
export type ReadonlyEventColumns = { readonly [K in keyof EventColumns]: ArrayLike<number> };

/**
 * A trace that a reader only scans (counts, lookups by index): plain or typed columns, so a
 * caller holding typed columns needs no plain copy of millions of events to read them.
 */
export type ScannableTrace = Omit<TraceFile, 'events'> & { events: ReadonlyEventColumns };

/** A whole trace as written to disk (JSON) and sent to the webview. */
export interface TraceFile {
  format: 'async-timeline-trace';
  version: number;
  meta: TraceMeta;
  /** Source file paths, as the user knows them (workspace-relative or absolute). Index 0 is the entry file. */
  files: string[];
  /** Sites; index 0 is a placeholder meaning "unknown". */
  sites: SourceSite[];
  /** Tasks; index 0 is the main script. */
  tasks: TaskInfo[];
  /** String table; index 0 is "". */
  strings: string[];
  events: EventColumns;
}

export interface TraceMeta {
  /** The entry file as given. */
  entry: string;
  /** The exported function used as entry (`--entry`), if any. */
  entryFunction?: string;
  seed: number;
  /** Virtual time at the end, in ms. */
  endTime: number;
  exitCode: number;
  /** Set when the run was stopped before its natural end. */
  truncated?: { reason: string };
  /** 'commonjs' or 'module': which ordering rules applied. */
  moduleKind: 'commonjs' | 'module';
  /**
   * The Node major line the run imitated (20, 22, 24 or 26; src/core/versions). Absent in
   * traces written before targets could be chosen: those imitated Node 20.
   */
  nodeMajor?: number;
  /** Engine version that wrote the trace. */
  engine: string;
  /**
   * 'measured': synchronous code was charged its real measured duration (RuntimeOptions.cpu,
   * docs/cost-model.md) — the run is not deterministic. Absent: the cost model (sync code free).
   */
  cpu?: 'measured';
  /**
   * The schedule perturbations the run took (src/core/explore, RuntimeOptions.schedule): replaying
   * them gives the same run. Absent when the run was given no schedule (added in 0.1.0's race explorer).
   */
  perturbations?: SchedulePerturbation[];
  /**
   * Hosts outside the program (src/core/netrec, docs/recordings.md): the run's network mode, its
   * recording (path relative to the program's folder, and when it was last written), and how
   * many requests were replayed from it or performed for real and recorded. Absent when the run
   * was given no network mode (the library's default, 'off').
   */
  network?: NetworkMeta;
}

export interface NetworkMeta {
  mode: 'record-missing' | 'record' | 'replay-only' | 'off';
  recording?: string;
  recordedAt?: string;
  replayed: number;
  recorded: number;
}

/**
 * One decision of a run taken otherwise than the simulation's default, at a place where real
 * Node's order depends on real time (src/core/runtime/schedule.ts, src/core/explore):
 * - `tie`: the n-th racy tie (racy-ties.ts) is flipped (v = 1);
 * - `late`: the n-th macrotask (timer, immediate or I/O callback of the main thread) starts v ms late;
 * - `io`: the n-th I/O latency drawn from the model is v % of the model's (75…125);
 * - `net`: the n-th latency of a network link with a delay (not the loopback's 0) is v % (75…125);
 * - `poll`: in the n-th poll phase with several completions ready, the v-th of them (by the
 *   default order, 0-based) runs first.
 * `n` counts the choice points of that kind the run met, 0-based.
 */
export interface SchedulePerturbation {
  kind: 'tie' | 'late' | 'io' | 'net' | 'poll';
  n: number;
  v: number;
}
