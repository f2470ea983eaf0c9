/**
 * The recorder: where the runtime writes trace events while a program runs.
 *
 * Storage is columnar (see format.ts): one typed array per operand, grown by doubling, so an
 * event costs 1 (kind) + 8 (t) + 3×4 (a, b, c) + 2 (thread) = 23 bytes and no object. Strings
 * are interned once in a table (`str()`), so repeated console lines or task names cost 4 bytes
 * per use. `toTraceFile` copies the columns into the JSON shape of `TraceFile`.
 *
 * Tracing can be switched off (`enabled = false`, for the benchmark): `emit` then returns at its
 * first branch. A few events are always kept (`force`): RunStart/RunEnd, console output,
 * uncaught errors, unhandled rejections, Truncated — the things a user must see even then.
 *
 * Determinism: the recorder reads no clock of its own; `now` is set by the runtime's virtual
 * clock, ids come from counters, strings from first use. Same run → same bytes.
 */
import { EventKind, TRACE_FORMAT_VERSION } from './format';
import type { SourceSite, TaskInfo, TraceFile, TraceMeta } from './format';

const INITIAL_CAPACITY = 1024;

/** A plain array copy of the first n elements (much faster than Array.from on millions). */
function toArray(column: ArrayLike<number>, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(column[i]);
  return out;
}

export class Recorder {
  /** false: only forced events are recorded. */
  enabled: boolean;
  /** Number of events recorded (also the next event's seq). */
  count = 0;
  /** Current virtual time (ms); the runtime's clock writes it, `emit` stamps it. */
  now = 0;
  /** Current simulated thread (0 = main). */
  thread = 0;

  private capacity = INITIAL_CAPACITY;
  private kinds = new Uint8Array(INITIAL_CAPACITY);
  private times = new Float64Array(INITIAL_CAPACITY);
  private as = new Int32Array(INITIAL_CAPACITY);
  private bs = new Int32Array(INITIAL_CAPACITY);
  private cs = new Int32Array(INITIAL_CAPACITY);
  private threads = new Uint16Array(INITIAL_CAPACITY);

  private readonly strings: string[] = [''];
  private readonly stringIds = new Map<string, number>([['', 0]]);
  readonly files: string[] = [];
  private readonly fileIds = new Map<string, number>();
  /** Index 0: the "unknown" placeholder. */
  readonly sites: SourceSite[] = [{ file: 0, line: 0, column: 0, label: '', kind: 'other' }];
  /** Index 0: the main script. */
  readonly tasks: TaskInfo[] = [{ name: '<main>', site: 0, kind: 'main', parent: 0, thread: 0 }];

  constructor(enabled: boolean) {
    this.enabled = enabled;
  }

  /** Records one event; returns its seq (or -1 when tracing is off). Hot path: no allocation. */
  emit(kind: EventKind, a: number, b: number, c: number): number {
    if (!this.enabled) return -1;
    return this.push(kind, a, b, c);
  }

  /** Records an event even when tracing is off (console output, errors, run start/end). */
  force(kind: EventKind, a: number, b: number, c: number): number {
    return this.push(kind, a, b, c);
  }

  private push(kind: EventKind, a: number, b: number, c: number): number {
    const i = this.count;
    if (i === this.capacity) this.grow();
    this.kinds[i] = kind;
    this.times[i] = this.now;
    this.as[i] = a;
    this.bs[i] = b;
    this.cs[i] = c;
    this.threads[i] = this.thread;
    this.count = i + 1;
    return i;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    const k = new Uint8Array(cap); k.set(this.kinds); this.kinds = k;
    const t = new Float64Array(cap); t.set(this.times); this.times = t;
    const a = new Int32Array(cap); a.set(this.as); this.as = a;
    const b = new Int32Array(cap); b.set(this.bs); this.bs = b;
    const c = new Int32Array(cap); c.set(this.cs); this.cs = c;
    const th = new Uint16Array(cap); th.set(this.threads); this.threads = th;
    this.capacity = cap;
  }

  /** Interns a string; returns its index in the string table. */
  str(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  /** Registers a source file; returns its index. */
  file(path: string): number {
    let id = this.fileIds.get(path);
    if (id === undefined) {
      id = this.files.length;
      this.files.push(path);
      this.fileIds.set(path, id);
    }
    return id;
  }

  /** Adds a site; returns its id. */
  site(site: SourceSite): number {
    this.sites.push(site);
    return this.sites.length - 1;
  }

  /** Adds a task; returns its id (tasks are registered even when tracing is off: cheap, and ids stay stable). */
  task(info: TaskInfo): number {
    this.tasks.push(info);
    return this.tasks.length - 1;
  }

  /** Bytes used by the event columns (for the benchmark's bytes/event check). */
  get bytesPerEvent(): number {
    return 1 + 8 + 4 * 3 + 2;
  }

  /** Kind of event `seq` (for tests). */
  kindAt(seq: number): number {
    return this.kinds[seq];
  }

  /** The JSON trace. Columns are copied into plain arrays (the file format is JSON). */
  toTraceFile(meta: TraceMeta): TraceFile {
    const n = this.count;
    return {
      format: 'async-timeline-trace',
      version: TRACE_FORMAT_VERSION,
      meta,
      files: this.files.length > 0 ? this.files.slice() : [meta.entry],
      sites: this.sites.map((s) => ({ ...s })),
      tasks: this.tasks.map((t) => ({ ...t })),
      strings: this.strings.slice(),
      events: {
        kind: toArray(this.kinds, n),
        t: toArray(this.times, n),
        a: toArray(this.as, n),
        b: toArray(this.bs, n),
        c: toArray(this.cs, n),
        thread: toArray(this.threads, n),
      },
    };
  }
}
