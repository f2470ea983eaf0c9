/**
 * One lane under construction: segments of one state each (a new state closes the open one)
 * and point markers, in growable columns; `finish()` freezes them into a `Lane`.
 */
import { GrowableFloat64, GrowableInt32 } from './columns';
import { SegState, type Lane, type LaneKind } from './lanes';

export class LaneBuilder {
  /** Read back while building (to merge a repeated state), hence the raw columns. */
  readonly x0 = new GrowableFloat64();
  readonly x1 = new GrowableFloat64();
  readonly state = new GrowableInt32();
  readonly seq = new GrowableInt32();
  readonly site = new GrowableInt32();
  readonly mx = new GrowableFloat64();
  readonly mkind = new GrowableInt32();
  readonly mseq = new GrowableInt32();
  /** The open segment: its state (0 = none), start and site. */
  open = 0;
  openX = 0;
  openSeq = 0;
  openSite = 0;

  constructor(readonly kind: LaneKind, readonly label: string, readonly task: number, readonly group: string, readonly thread = 0) {}

  /** Closes the open segment at x and opens `state` (0: none) there. */
  set(state: number, x: number, seq: number, site = 0): void {
    if (this.open === state && this.openSite === site) return;
    if (this.open !== 0 && x > this.openX) {
      const last = this.x0.length - 1;
      // The same state again, right after (main resumes between two calls without a step): one
      // segment. Callbacks stay apart: each is its own macrotask; so do pieces of CPU work (each has its
      // own note) and I/O requests (each its own operation).
      if (last >= 0 && this.open !== SegState.Callback && this.open !== SegState.Computing && this.open !== SegState.Io && this.x1.data[last] === this.openX && this.state.data[last] === this.open && this.site.data[last] === this.openSite) {
        this.x1.data[last] = x;
      } else {
        this.x0.push(this.openX);
        this.x1.push(x);
        this.state.push(this.open);
        this.seq.push(this.openSeq);
        this.site.push(this.openSite);
      }
    }
    this.open = state;
    this.openX = x;
    this.openSeq = seq;
    this.openSite = site;
  }

  mark(kind: number, x: number, seq: number): void {
    this.mx.push(x);
    this.mkind.push(kind);
    this.mseq.push(seq);
  }

  finish(index: number, endX: number): Lane {
    this.set(0, endX, -1);
    return {
      index,
      kind: this.kind,
      label: this.label,
      task: this.task,
      group: this.group,
      thread: this.thread,
      segments: {
        x0: this.x0.finish(),
        x1: this.x1.finish(),
        state: Uint8Array.from(this.state.finish()),
        seq: this.seq.finish(),
        site: this.site.finish(),
      },
      markers: { x: this.mx.finish(), kind: Uint8Array.from(this.mkind.finish()), seq: this.mseq.finish() },
    };
  }
}
