/**
 * "Colour by" an AsyncLocalStorage: which store each bar of the timeline ran in.
 *
 * The trace records, right after the event that begins a run slice (TaskStart, TaskResume, a
 * timer's, immediate's or I/O callback's start), one AlsStore event per storage that has a store
 * then (format.ts EventKind.AlsStore). A slice without one ran without a store.
 *
 * Each segment of a lane takes the store of the lane's latest slice that began before the
 * segment ends: a running segment its own slice's, a waiting or queued segment the store the
 * task had when it stopped (an await resumes in the context it was suspended in), a calling
 * segment its caller's. Values are numbered in order of first appearance: the legend's order
 * and the colour's index.
 */
import { EventKind, MacrotaskKind, type ScannableTrace } from '../trace/format';
import type { LaneModel } from './lanes';

/** One AsyncLocalStorage the run gave a store to. */
export interface AlsStorageInfo {
  /** Its number in the trace (AlsStore's `a`: 1-based, in order of creation). */
  storage: number;
  /** The site of its `new AsyncLocalStorage()` (0 if unknown). */
  site: number;
  /** What the "Colour by" control calls it: `AsyncLocalStorage at server.ts:4`. */
  label: string;
}

export interface AlsColouring {
  storage: number;
  /** The store labels (data: display as text only), in order of first appearance; value v is values[v]. */
  values: string[];
  /** How many run slices ran in each value's store. */
  slices: number[];
  /** Slices that ran with no store of this storage. */
  slicesWithout: number;
  /** Per lane, per segment: the index of the segment's store in `values`, -1 for none. */
  segmentValue: Int32Array[];
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

/** The storages the run gave a store to, by number; empty for a run without AsyncLocalStorage. */
export function alsStorages(trace: ScannableTrace): AlsStorageInfo[] {
  const { kind, a, c } = trace.events;
  const siteOf = new Map<number, number>();
  for (let i = 0; i < kind.length; i++) if (kind[i] === EventKind.AlsStore && !siteOf.has(a[i])) siteOf.set(a[i], c[i]);
  const numbers = [...siteOf.keys()].sort((x, y) => x - y);
  const place = (site: number): string => {
    const s = trace.sites[site];
    return site > 0 && s ? `${baseName(trace.files[s.file] ?? '')}:${s.line}` : '';
  };
  // Two storages made at one place (a factory) are told apart by their number.
  const perPlace = new Map<string, number>();
  for (const n of numbers) perPlace.set(place(siteOf.get(n)!), (perPlace.get(place(siteOf.get(n)!)) ?? 0) + 1);
  return numbers.map((storage) => {
    const site = siteOf.get(storage)!;
    const at = place(site);
    const label = !at ? `AsyncLocalStorage #${storage}` : perPlace.get(at)! > 1 ? `AsyncLocalStorage at ${at} (#${storage})` : `AsyncLocalStorage at ${at}`;
    return { storage, site, label };
  });
}

const storagesOf = new WeakMap<ScannableTrace, AlsStorageInfo[]>();

/** `AsyncLocalStorage at server.ts:4`: how the timeline names storage number `storage`. */
export function alsStorageName(trace: ScannableTrace, storage: number): string {
  let list = storagesOf.get(trace);
  if (!list) storagesOf.set(trace, (list = alsStorages(trace)));
  return list.find((s) => s.storage === storage)?.label ?? `AsyncLocalStorage #${storage}`;
}

/** The store of every segment of every lane, for one storage. */
export function buildAlsColouring(trace: ScannableTrace, lanes: LaneModel, storage: number): AlsColouring {
  const { kind, a, b } = trace.events;
  const n = kind.length;
  const laneCount = lanes.lanes.length;
  // Per lane: the seqs where its store changed and the new value (-1: a slice began, no store yet).
  const changeSeq: number[][] = Array.from({ length: laneCount }, () => []);
  const changeValue: number[][] = Array.from({ length: laneCount }, () => []);
  const valueOfString = new Map<number, number>();
  const values: string[] = [];
  const slices: number[] = [];
  let sliceCount = 0;
  let withStore = 0;
  /** The lane whose slice began last (AlsStore events follow the slice's first event). */
  let sliceLane = -1;
  for (let i = 0; i < n; i++) {
    const k = kind[i];
    if (k === EventKind.TaskStart || k === EventKind.TaskResume) sliceLane = lanes.laneOfTask[a[i]] ?? -1;
    else if (k === EventKind.TimerFire || k === EventKind.ImmediateRun || (k === EventKind.MacrotaskStart && a[i] === MacrotaskKind.Io)) sliceLane = lanes.laneOfEvent[i];
    else if (k === EventKind.AlsStore) {
      if (a[i] !== storage || sliceLane < 0) continue;
      let v = valueOfString.get(b[i]);
      if (v === undefined) {
        v = values.length;
        valueOfString.set(b[i], v);
        values.push(trace.strings[b[i]] ?? '');
        slices.push(0);
      }
      slices[v]++;
      withStore++;
      const seqs = changeSeq[sliceLane];
      // Replaces the slice's "no store yet".
      changeValue[sliceLane][seqs.length - 1] = v;
      continue;
    } else continue;
    if (sliceLane < 0) continue;
    sliceCount++;
    changeSeq[sliceLane].push(i);
    changeValue[sliceLane].push(-1);
  }
  const segmentValue = lanes.lanes.map((lane, l) => {
    const seg = lane.segments;
    const count = seg.seq.length;
    const out = new Int32Array(count).fill(-1);
    const seqs = changeSeq[l];
    const vals = changeValue[l];
    if (seqs.length === 0) return out;
    let c = -1;
    for (let j = 0; j < count; j++) {
      // A segment ends where the next one begins; the last runs on.
      const endSeq = j + 1 < count ? seg.seq[j + 1] : Infinity;
      while (c + 1 < seqs.length && seqs[c + 1] < endSeq) c++;
      out[j] = c >= 0 ? vals[c] : -1;
    }
    return out;
  });
  return { storage, values, slices, slicesWithout: sliceCount - withStore, segmentValue };
}
