/**
 * The recorder: where the runtime writes trace events while a program runs.
 *
 * Storage is columnar (see format.ts): one typed array per operand, in chunks of 65 536 events
 * (growing never copies), so an event costs 1 (kind) + 8 (t) + 3×4 (a, b, c) + 2 (thread) =
 * 23 bytes and no object. Strings
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

/** Events per chunk (a power of two): columns are chunked, never copied when they grow. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;

/** One chunk of the six columns. */
class Chunk {
  kinds = new Uint8Array(CHUNK);
  times = new Float64Array(CHUNK);
  as = new Int32Array(CHUNK);
  bs = new Int32Array(CHUNK);
  cs = new Int32Array(CHUNK);
  threads = new Uint16Array(CHUNK);
}
type Column = 'kinds' | 'times' | 'as' | 'bs' | 'cs' | 'threads';
const EMPTY = new Uint8Array(0);

/**
 * Copies one column of the first n events into a plain array (the JSON shape). With `release`,
 * each chunk's column is dropped once copied, so the peak memory of a final export is the
 * output plus one column, not output plus all columns.
 */
function toArray(chunks: Chunk[], n: number, column: Column, release: boolean): number[] {
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i += CHUNK) {
    const ch = chunks[i >> CHUNK_BITS];
    const col: ArrayLike<number> = ch[column];
    const m = Math.min(CHUNK, n - i);
    for (let j = 0; j < m; j++) out[i + j] = col[j];
    if (release) (ch as unknown as Record<Column, Uint8Array>)[column] = EMPTY;
  }
  return out;
}

/** Copies one column of the first n events into one typed array (a memcpy per chunk). */
function toTyped<T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(chunks: Chunk[], n: number, column: Column, out: T, release: boolean): T {
  for (let i = 0; i < n; i += CHUNK) {
    const ch = chunks[i >> CHUNK_BITS];
    const col = ch[column] as T;
    const m = Math.min(CHUNK, n - i);
    out.set(m === CHUNK ? col : col.subarray(0, m), i);
    if (release) (ch as unknown as Record<Column, Uint8Array>)[column] = EMPTY;
  }
  return out;
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

/** The ArrayBuffers under a typed trace's columns, for `postMessage`'s transfer list. */
export function columnBuffers(trace: TypedTrace): ArrayBuffer[] {
  const e = trace.events;
  return [e.kind, e.t, e.a, e.b, e.c, e.thread].map((col) => col.buffer as ArrayBuffer);
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
  readonly ids = { promise: 0, timer: 0, tick: 0, immediate: 0, job: 0 };

  private readonly chunks: Chunk[] = [];
  /** The current chunk's columns and the next free slot in it. */
  private kinds!: Uint8Array;
  private times!: Float64Array;
  private as!: Int32Array;
  private bs!: Int32Array;
  private cs!: Int32Array;
  private threads!: Uint16Array;
  private pos = CHUNK;
  private released = false;

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
    if (this.pos === CHUNK) this.newChunk();
    const j = this.pos++;
    this.kinds[j] = kind;
    this.times[j] = this.now;
    this.as[j] = a;
    this.bs[j] = b;
    this.cs[j] = c;
    this.threads[j] = this.thread;
    return this.count++;
  }

  private newChunk(): void {
    const ch = new Chunk();
    this.chunks.push(ch);
    this.kinds = ch.kinds;
    this.times = ch.times;
    this.as = ch.as;
    this.bs = ch.bs;
    this.cs = ch.cs;
    this.threads = ch.threads;
    this.pos = 0;
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
    return this.chunks[seq >> CHUNK_BITS].kinds[seq & (CHUNK - 1)];
  }

  /**
   * The JSON trace. Columns are copied into plain arrays (the file format is JSON). `release`:
   * this is the last export — the recorder's columns are freed while copying (less peak memory)
   * and the recorder must not be used afterwards.
   */
  toTraceFile(meta: TraceMeta, release = false): TraceFile {
    const n = this.startExport(release);
    return {
      ...this.tables(meta),
      events: {
        kind: toArray(this.chunks, n, 'kinds', release),
        t: toArray(this.chunks, n, 'times', release),
        a: toArray(this.chunks, n, 'as', release),
        b: toArray(this.chunks, n, 'bs', release),
        c: toArray(this.chunks, n, 'cs', release),
        thread: toArray(this.chunks, n, 'threads', release),
      },
    };
  }

  /** The trace with typed-array columns (to transfer to another thread); `release` as above. */
  toTypedTrace(meta: TraceMeta, release = false): TypedTrace {
    const n = this.startExport(release);
    return {
      ...this.tables(meta),
      events: {
        kind: toTyped(this.chunks, n, 'kinds', new Uint8Array(n), release),
        t: toTyped(this.chunks, n, 'times', new Float64Array(n), release),
        a: toTyped(this.chunks, n, 'as', new Int32Array(n), release),
        b: toTyped(this.chunks, n, 'bs', new Int32Array(n), release),
        c: toTyped(this.chunks, n, 'cs', new Int32Array(n), release),
        thread: toTyped(this.chunks, n, 'threads', new Uint16Array(n), release),
      },
    };
  }

  private startExport(release: boolean): number {
    if (this.released) throw new Error('the trace was already exported with release');
    this.released = release;
    if (release) this.enabled = false;
    return this.count;
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
