/**
 * The recorder: where the runtime writes trace events while a program runs.
 *
 * Storage is columnar (see format.ts): one typed array per operand, grown in place (never
 * copied, see `Segment`), so an event costs 1 (kind) + 8 (t) + 3×4 (a, b, c) + 2 (thread) =
 * 23 bytes and no object. Strings are interned once in a table (`str()`), so repeated console
 * lines or task names cost 4 bytes per use. `toTypedTrace` hands the columns over as typed
 * arrays (the engine's way); `toTraceFile` copies them into the JSON shape of `TraceFile`.
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
// The recorder runs inside the sandbox: its tables must not run a program's Array.prototype setters.
import { appendOwn } from '../runtime/own-slots';

/**
 * Storage: one growable SharedArrayBuffer per column, grown in place by `GROWTH` events at a time
 * (the engine reserves address space up to the segment's maximum and commits pages as they are
 * used: growing never copies). A segment holds up to `SEGMENT_EVENTS` events; a longer run
 * starts another. The final export of a one-segment trace — every run up to 16.7M events —
 * hands the columns over as views of these buffers: no copy at all, and posted to the engine's
 * caller they are shared, not even transferred.
 *
 * Why shared and not a resizable ArrayBuffer: a growable shared buffer never shrinks, so V8
 * reads and writes views of it as fast as plain typed arrays; views of a resizable one pay a
 * bounds check on every access (measured 1.3–2× slower on Node 20, on the hot path and in
 * every later scan of the trace).
 */
const GROWTH = 1 << 16;
/** Events per segment by default: 23 bytes each, so a segment reserves 386 MB of address space (not memory). */
const SEGMENT_EVENTS = 1 << 24;
/** The largest segment: 134M events, 3 GB of address space. */
const MAX_SEGMENT_EVENTS = 1 << 27;

/**
 * Events per segment for a run stopped at `budget` events: the whole run in one segment, so its
 * final export copies nothing. The budget is checked between macrotasks, so a run may pass it
 * a little: an eighth more is reserved (address space only, never touched unless used).
 */
export function segmentEventsFor(budget: number): number {
  if (!(budget >= 0)) return SEGMENT_EVENTS;
  const wanted = budget + Math.ceil(budget / 8) + GROWTH;
  return Math.min(MAX_SEGMENT_EVENTS, Math.ceil(wanted / GROWTH) * GROWTH);
}

type ColumnArray = Uint8Array | Uint16Array | Int32Array | Float64Array;
type ColumnType = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): ColumnArray; new (length: number): ColumnArray; BYTES_PER_ELEMENT: number };
const COLUMNS = ['kind', 't', 'a', 'b', 'c', 'thread'] as const;
type Column = (typeof COLUMNS)[number];
const COLUMN_TYPES: Record<Column, ColumnType> = { kind: Uint8Array, t: Float64Array, a: Int32Array, b: Int32Array, c: Int32Array, thread: Uint16Array };
/** ES2024's growable SharedArrayBuffer (Node ≥ 20 has it; the project's TypeScript lib is ES2023). */
interface GrowableSharedArrayBuffer extends SharedArrayBuffer {
  grow(byteLength: number): void;
}
const GrowableSharedArrayBuffer = SharedArrayBuffer as unknown as new (byteLength: number, options: { maxByteLength: number }) => GrowableSharedArrayBuffer;
/**
 * The columns' views before the first event: empty, and over a growable buffer like every
 * later view, so the hot path only ever sees one kind of typed array.
 */
const NONE = new GrowableSharedArrayBuffer(0, { maxByteLength: 0 });

/** Up to `capacity` events, in one growable buffer per column. */
class Segment {
  /** Events written into this segment: set when it is full, and by an export for the last one. */
  length = 0;
  /** One buffer per column (NONE once a final export has copied it). */
  readonly buffers: Record<Column, GrowableSharedArrayBuffer>;

  constructor(readonly capacity: number) {
    const make = (column: Column) => new GrowableSharedArrayBuffer(0, { maxByteLength: capacity * COLUMN_TYPES[column].BYTES_PER_ELEMENT });
    this.buffers = { kind: make('kind'), t: make('t'), a: make('a'), b: make('b'), c: make('c'), thread: make('thread') };
  }

  /** Slots allocated so far (events written and the rest of the last growth step). */
  get allocated(): number {
    return this.buffers.kind.byteLength;
  }

  /** Grows every column by up to GROWTH slots; returns how many were added. */
  grow(): number {
    const start = this.allocated;
    const add = Math.min(GROWTH, this.capacity - start);
    for (const column of COLUMNS) this.buffers[column].grow((start + add) * COLUMN_TYPES[column].BYTES_PER_ELEMENT);
    return add;
  }

  /** A fixed-length view of `length` slots of a column from slot `start`. */
  view(column: Column, start: number, length: number): ColumnArray {
    const type = COLUMN_TYPES[column];
    return new type(this.buffers[column], start * type.BYTES_PER_ELEMENT, length);
  }
}

/**
 * The event columns as typed arrays: how a trace crosses from the engine's worker to its caller
 * (transferred, not copied: a million events cost a memcpy, where plain arrays cost seconds of
 * structured cloning). Same layout as the recorder's: 23 bytes per event.
 */
export interface TypedEventColumns {
  kind: Uint8Array;
  t: Float64Array;
  a: Int32Array;
  b: Int32Array;
  c: Int32Array;
  thread: Uint16Array;
}

/** A trace whose columns are typed arrays (see `TypedEventColumns`); `plainTrace` makes it a `TraceFile`. */
export type TypedTrace = Omit<TraceFile, 'events'> & { events: TypedEventColumns };

/**
 * The ArrayBuffers under a typed trace's columns, for `postMessage`'s transfer list. Columns on
 * shared memory (a final export's) are not in it: they are shared, not transferred.
 */
export function columnBuffers(trace: TypedTrace): ArrayBuffer[] {
  const e = trace.events;
  const buffers = [e.kind, e.t, e.a, e.b, e.c, e.thread].map((col) => col.buffer);
  // By tag, not instanceof: the recorder's arrays may come from another realm (the sandbox's).
  return buffers.filter((b): b is ArrayBuffer => Object.prototype.toString.call(b) === '[object ArrayBuffer]');
}

/** The JSON shape: plain arrays (what every reader and the file format use). */
export function plainTrace(trace: TraceFile | TypedTrace): TraceFile {
  const e = trace.events;
  if (Array.isArray(e.kind)) return trace as TraceFile;
  const plain = (col: ArrayLike<number>): number[] => {
    const out: number[] = new Array(col.length);
    for (let i = 0; i < col.length; i++) out[i] = col[i];
    return out;
  };
  return { ...trace, events: { kind: plain(e.kind), t: plain(e.t), a: plain(e.a), b: plain(e.b), c: plain(e.c), thread: plain(e.thread) } };
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
  /**
   * The last id given to each kind of traced object. They live here, not in the runtime,
   * because every simulated thread with a context of its own (a Worker on a file) runs its
   * own copy of the runtime and writes into this same recorder: ids must stay unique.
   */
  readonly ids = { promise: 0, timer: 0, tick: 0, immediate: 0, job: 0, storage: 0 };

  /** Where the events are; the last segment is the one being written. */
  private readonly segments: Segment[] = [];
  /** The current growth step's slots of each column, and the next free slot in them. */
  private kinds: Uint8Array = new Uint8Array(NONE);
  private times: Float64Array = new Float64Array(NONE);
  private as: Int32Array = new Int32Array(NONE);
  private bs: Int32Array = new Int32Array(NONE);
  private cs: Int32Array = new Int32Array(NONE);
  private threads: Uint16Array = new Uint16Array(NONE);
  private pos = 0;
  private released = false;

  private readonly strings: string[] = [''];
  private readonly stringIds = new Map<string, number>([['', 0]]);
  readonly files: string[] = [];
  private readonly fileIds = new Map<string, number>();
  /** Index 0: the "unknown" placeholder. */
  readonly sites: SourceSite[] = [{ file: 0, line: 0, column: 0, label: '', kind: 'other' }];
  /** Index 0: the main script. */
  readonly tasks: TaskInfo[] = [{ name: '<main>', site: 0, kind: 'main', parent: 0, thread: 0 }];

  /**
   * `segmentEvents`: events per segment (`segmentEventsFor(budget)` for a run with an event
   * budget; tests make it small to cross segment borders).
   */
  constructor(enabled: boolean, private readonly segmentEvents = SEGMENT_EVENTS) {
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
    if (this.pos === this.kinds.length) this.grow();
    const j = this.pos++;
    this.kinds[j] = kind;
    this.times[j] = this.now;
    this.as[j] = a;
    this.bs[j] = b;
    this.cs[j] = c;
    this.threads[j] = this.thread;
    return this.count++;
  }

  /** Makes room for the next events: the current segment grows, or a new one starts. */
  private grow(): void {
    let segment = this.segments[this.segments.length - 1];
    if (!segment || segment.allocated === segment.capacity) {
      if (segment) segment.length = segment.capacity;
      segment = new Segment(this.segmentEvents);
      this.segments.push(segment);
    }
    const start = segment.allocated;
    const added = segment.grow();
    this.kinds = segment.view('kind', start, added) as Uint8Array;
    this.times = segment.view('t', start, added) as Float64Array;
    this.as = segment.view('a', start, added) as Int32Array;
    this.bs = segment.view('b', start, added) as Int32Array;
    this.cs = segment.view('c', start, added) as Int32Array;
    this.threads = segment.view('thread', start, added) as Uint16Array;
    this.pos = 0;
  }

  /** Interns a string; returns its index in the string table. */
  str(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      appendOwn(this.strings, s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  /** Registers a source file; returns its index. */
  file(path: string): number {
    let id = this.fileIds.get(path);
    if (id === undefined) {
      id = this.files.length;
      appendOwn(this.files, path);
      this.fileIds.set(path, id);
    }
    return id;
  }

  /** Adds a site; returns its id. */
  site(site: SourceSite): number {
    return appendOwn(this.sites, site) - 1;
  }

  /** Adds a task; returns its id (tasks are registered even when tracing is off: cheap, and ids stay stable). */
  task(info: TaskInfo): number {
    return appendOwn(this.tasks, info) - 1;
  }

  /** Bytes used by the event columns (for the benchmark's bytes/event check). */
  get bytesPerEvent(): number {
    return 1 + 8 + 4 * 3 + 2;
  }

  /** Kind of event `seq` (for tests). */
  kindAt(seq: number): number {
    const segment = this.segments[Math.floor(seq / this.segmentEvents)];
    return new Uint8Array(segment.buffers.kind)[seq % this.segmentEvents];
  }

  /**
   * The JSON trace. Columns are copied into plain arrays (the file format is JSON). `release`:
   * this is the last export — the recorder's columns are dropped once copied (less peak memory)
   * and the recorder must not be used afterwards.
   */
  toTraceFile(meta: TraceMeta, release = false): TraceFile {
    this.startExport(release);
    const plain = (column: Column): number[] => {
      const out: number[] = new Array(this.count);
      let i = 0;
      for (const segment of this.segments) {
        const col = segment.view(column, 0, segment.length);
        for (let j = 0; j < col.length; j++) out[i++] = col[j];
      }
      return out;
    };
    const events = { kind: plain('kind'), t: plain('t'), a: plain('a'), b: plain('b'), c: plain('c'), thread: plain('thread') };
    if (release) {
      this.segments.length = 0;
      this.dropViews();
    }
    return { ...this.tables(meta), events };
  }

  /**
   * The trace with typed-array columns (to post to another thread). A one-segment trace's
   * columns are views of the recorder's own shared buffers, the first `count` events: no copy,
   * however often it is taken (a snapshot), and later events never show in it. A trace of
   * several segments is copied, each column into an array of its own, to transfer. `release`
   * (the last export): the recorder lets go of its buffers and must not be used afterwards.
   */
  toTypedTrace(meta: TraceMeta, release = false): TypedTrace {
    this.startExport(release);
    const n = this.count;
    const tables = this.tables(meta);
    if (this.segments.length === 1) {
      const [segment] = this.segments;
      if (release) {
        this.segments.length = 0;
        this.dropViews();
      }
      const shared = <T extends ColumnArray>(column: Column): T => segment.view(column, 0, n) as T;
      return { ...tables, events: { kind: shared('kind'), t: shared('t'), a: shared('a'), b: shared('b'), c: shared('c'), thread: shared('thread') } };
    }
    if (release) this.dropViews();
    const joined = <T extends ColumnArray>(column: Column): T => {
      const out = new COLUMN_TYPES[column](n);
      let at = 0;
      for (const segment of this.segments) {
        out.set(segment.view(column, 0, segment.length), at);
        at += segment.length;
        // The last export: this column of the segment can go (the peak is the trace and one column).
        if (release) segment.buffers[column] = NONE;
      }
      return out as T;
    };
    const events = { kind: joined<Uint8Array>('kind'), t: joined<Float64Array>('t'), a: joined<Int32Array>('a'), b: joined<Int32Array>('b'), c: joined<Int32Array>('c'), thread: joined<Uint16Array>('thread') };
    if (release) this.segments.length = 0;
    return { ...tables, events };
  }

  /** Lets go of the views of the last growth step (they hold their whole buffer alive). */
  private dropViews(): void {
    this.kinds = new Uint8Array(NONE);
    this.times = new Float64Array(NONE);
    this.as = new Int32Array(NONE);
    this.bs = new Int32Array(NONE);
    this.cs = new Int32Array(NONE);
    this.threads = new Uint16Array(NONE);
    this.pos = 0;
  }

  private startExport(release: boolean): void {
    if (this.released) throw new Error('the trace was already exported with release');
    this.released = release;
    if (release) this.enabled = false;
    // The hot path counts events only in `count`: the last segment holds the rest.
    const last = this.segments[this.segments.length - 1];
    if (last) last.length = this.count - (this.segments.length - 1) * this.segmentEvents;
  }

  private tables(meta: TraceMeta): Omit<TraceFile, 'events'> {
    return {
      format: 'async-timeline-trace',
      version: TRACE_FORMAT_VERSION,
      meta,
      files: this.files.length > 0 ? this.files.slice() : [meta.entry],
      sites: this.sites.map((s) => ({ ...s })),
      tasks: this.tasks.map((t) => ({ ...t })),
      strings: this.strings.slice(),
    };
  }
}
