/**
 * What the accessible companion of the canvas says about each lane at the cursor: its state
 * (in words), since when and until when, and what it waits on. Pure: the webview renders it as
 * a table; tests read it directly.
 */
import { lowerBound } from './columns';
import { formatDuration, timeAtX } from './axis';
import { ioRequestLabel, SegState, type Lane } from './lanes';
import { exchangeLabel, netIndex } from './network';
import type { TimelineModel } from './index';

/** Short words for each segment state (the legend uses the same). */
export const STATE_WORDS: Record<number, string> = {
  [SegState.Running]: 'running',
  [SegState.Calling]: 'calling',
  [SegState.Suspended]: 'waiting',
  [SegState.Queued]: 'queued',
  [SegState.Blocked]: 'blocked',
  [SegState.Callback]: 'callback',
  [SegState.Computing]: 'computing',
  [SegState.Io]: 'I/O',
};

export interface LaneStateAt {
  lane: number;
  /** 'not started', 'done', or a STATE_WORDS value. */
  state: string;
  /** The segment's start and end times (ms); NaN when the lane has no segment there. */
  since: number;
  until: number;
  /** What it waits on (the await's source text), or ''. */
  waitsOn: string;
  /** The event to select for this lane at the cursor: the segment's first event, or the nearest. */
  seq: number;
}

/** The segment of `lane` at layout x, or -1. */
export function segmentAt(lane: Lane, x: number): number {
  const seg = lane.segments;
  const n = seg.x0.length;
  // First segment ending after x (ends are sorted, as segments do not overlap).
  const i = lowerBound(seg.x1, x, n);
  if (i < n && seg.x0[i] <= x && (x < seg.x1[i] || i === n - 1 || seg.x0[i + 1] > x)) return i;
  return -1;
}

/** The event of `lane` to select at layout x: its segment's first event, else the last marker or segment before x, else the first after. */
export function laneEventNear(lane: Lane, x: number): number {
  const i = segmentAt(lane, x);
  if (i >= 0) return lane.segments.seq[i];
  let best = -1;
  let bestX = -Infinity;
  const seg = lane.segments;
  const s = lowerBound(seg.x0, x, seg.x0.length) - 1;
  if (s >= 0 && seg.x0[s] > bestX) { best = seg.seq[s]; bestX = seg.x0[s]; }
  const m = lowerBound(lane.markers.x, x + 1e-9, lane.markers.x.length) - 1;
  if (m >= 0 && lane.markers.x[m] > bestX) best = lane.markers.seq[m];
  if (best >= 0) return best;
  if (seg.seq.length > 0) return seg.seq[0];
  return lane.markers.seq.length > 0 ? lane.markers.seq[0] : -1;
}

export function laneStateAt(model: TimelineModel, laneIndex: number, cursorSeq: number): LaneStateAt {
  const lane = model.lanes.lanes[laneIndex];
  const x = cursorSeq >= 0 ? model.axis.pos[cursorSeq] : 0;
  const seg = lane.segments;
  const i = segmentAt(lane, x);
  if (i >= 0) {
    const site = seg.site[i];
    // A pool thread or a child process: what it works on (the request, the command), not a site.
    // A connection: the HTTP exchange under way (`GET /items/3 → 200`).
    const exchange = lane.kind === 'net' ? netIndex(model.trace).exchangeOfSeq.get(seg.seq[i]) ?? -1 : -1;
    const request = lane.kind === 'pool' || lane.kind === 'process' ? ioRequestLabel(model.trace, model.lanes.io, model.trace.events.a[seg.seq[i]] ?? 0)
      : exchange >= 0 ? exchangeLabel(netIndex(model.trace), exchange) : '';
    return {
      lane: laneIndex,
      state: STATE_WORDS[seg.state[i]] ?? 'active',
      since: timeAtX(model.axis, seg.x0[i]),
      until: timeAtX(model.axis, seg.x1[i]),
      waitsOn: request || (site > 0 ? model.trace.sites[site]?.label ?? '' : ''),
      seq: seg.seq[i],
    };
  }
  const n = seg.x0.length;
  const before = n === 0 || x < seg.x0[0];
  return { lane: laneIndex, state: n === 0 ? 'idle' : before ? 'not started' : 'done', since: NaN, until: NaN, waitsOn: '', seq: laneEventNear(lane, x) };
}

/** "0 ms → 1.00 s", or '' for no segment. */
export function formatSpan(s: LaneStateAt): string {
  return Number.isNaN(s.since) ? '' : `${formatDuration(s.since)} → ${formatDuration(s.until)}`;
}
