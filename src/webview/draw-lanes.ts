/**
 * Paints the rows: each lane's segments (one colour AND one shape or pattern per state, so
 * state never depends on colour alone: running is a solid bar, a callback a striped one,
 * calling a faint bar with an outline, waiting an outline, queued a short bar, blocked a tall
 * bar, computing a tall dotted bar, I/O outside JavaScript a hatched bar with an edge) and markers.
 * A pool thread's or a child process's bar is labelled with its request (`pbkdf2 · 100,000
 * iterations`) or command (`ls -la`), a connection's with its HTTP exchange (`GET /items/3 → 200`).
 *
 * Level of detail: segments at least MIN_SEGMENT_PX wide are drawn as they are; narrower ones are
 * aggregated per pixel column, the column taking the most telling state among them (blocked,
 * then running, then queued …). A column looks at no more than a few segments before jumping
 * to the next column by binary search, so a frame over a million-event trace costs about
 * rows × pixel columns, not events. Rectangles are batched per state into one path each.
 *
 * Coloured by an AsyncLocalStorage (scene.colouring), a segment keeps its state's shape and takes
 * its store's colour (theme.ts STORE_COLOURS; no store: the muted colour); batches are then per
 * state and colour, and a narrow column takes the colour of the segment that won it.
 */
import { EventKind } from '../core/trace/format';
import { exchangeLabel, ioRequestLabel, lowerBound, MarkerKind, netIndex, processCommand, SegState, type Lane } from '../core/viewmodel/index';
import { isExpandedHeader, viewRowLanes } from '../core/viewmodel/view-rows';
import { drawThreadRow } from './draw-threads';
import { ROW_H, rowTop, stepCenterPx, type Scene } from './scene';
import { STORE_COLOURS, type Palette } from './theme';

/** Higher wins when several states share a pixel column. */
const PRIORITY = [0, 4, 2, 1, 3, 5, 4, 5, 4];
/**
 * Segments narrower than this go through the per-column aggregation: drawn one by one they
 * cost a rectangle each for a sliver nobody can read, and rasterizing tens of thousands of
 * slivers is what makes a zoomed-out frame slow.
 */
const MIN_SEGMENT_PX = 3;
/** How many narrow segments a column inspects before skipping ahead. */
const COLUMN_SCAN_LIMIT = 6;

interface StateStyle {
  color: keyof Palette;
  /** Vertical inset from the row top, and height. */
  y: number;
  h: number;
  alpha: number;
  /** Stroked, not filled. */
  outline?: boolean;
  /** Filled with a pattern of the colour (its shape cue), not a solid fill. */
  pattern?: 'stripes' | 'dots' | 'hatch';
  /** Also stroked with the colour (a faint fill needs an edge to be seen). */
  edge?: boolean;
}

/** Exported for the test that checks every state is told apart by shape, not colour alone. */
export const STYLES: Record<number, StateStyle> = {
  [SegState.Running]: { color: 'running', y: 5, h: 14, alpha: 1 },
  [SegState.Callback]: { color: 'callback', y: 5, h: 14, alpha: 1, pattern: 'stripes' },
  [SegState.Calling]: { color: 'running', y: 5, h: 14, alpha: 0.3, edge: true },
  [SegState.Blocked]: { color: 'blocked', y: 4, h: 16, alpha: 1 },
  [SegState.Computing]: { color: 'computing', y: 4, h: 16, alpha: 1, pattern: 'dots' },
  // Outside JavaScript (a file read on a pool thread, a running child process): a light hatch
  // with an edge — work is under way, but no JavaScript runs.
  [SegState.Io]: { color: 'io', y: 5, h: 14, alpha: 1, pattern: 'hatch', edge: true },
  [SegState.Queued]: { color: 'queued', y: 7, h: 10, alpha: 0.55 },
  // An outline: waiting is "nothing running here". (Measured: one stroked path of rectangles
  // rasterizes faster than four 1-px fills per rectangle.)
  [SegState.Suspended]: { color: 'suspended', y: 7, h: 10, alpha: 1, outline: true },
};
const STATES = [SegState.Suspended, SegState.Queued, SegState.Calling, SegState.Callback, SegState.Io, SegState.Running, SegState.Blocked, SegState.Computing];

const LABELLED: ReadonlySet<number> = new Set([SegState.Suspended, SegState.Queued, SegState.Blocked, SegState.Computing, SegState.Io]);

/** `onFill`: the text sits on a filled bar of that colour; `plate`: on a plate of the background (a patterned bar). */
/**
 * A collapsed group draws all its lanes in one row: their segments' labels (each cut to its own
 * segment) would be written over each other. Each is cut short of the next one to its right
 * instead; one left with no room is dropped (a label needs 3 characters to be drawn).
 */
function clipOverlappingLabels(labels: SegLabel[], from: number): void {
  const row = labels.splice(from).sort((a, b) => a.px - b.px);
  for (let i = 0; i + 1 < row.length; i++) row[i].maxW = Math.min(row[i].maxW, row[i + 1].px - row[i].px - 6);
  for (const label of row) labels.push(label);
}

interface SegLabel { text: string; px: number; y: number; maxW: number; state: number; onFill: keyof Palette | null; plate?: boolean }

/**
 * A segment's words: a Block's own description (`cpu 100 ms on core 1`), a pool request's label
 * (`readFile data/users.json · 12 KiB`), a child process's command, else its source site's label.
 */
function segmentText(scene: Scene, seq: number, site: number): string {
  const { trace, lanes } = scene.model;
  const kind = seq >= 0 ? trace.events.kind[seq] : 0;
  if (kind === EventKind.Block && trace.events.b[seq] !== 0) {
    const note = trace.strings[trace.events.b[seq]];
    if (note) return note;
  }
  if (kind === EventKind.IoPoolStart) return ioRequestLabel(trace, lanes.io, trace.events.a[seq]);
  if (kind === EventKind.IoStart && lanes.laneOfIo[trace.events.a[seq]] >= 0) return processCommand(ioRequestLabel(trace, lanes.io, trace.events.a[seq]));
  if (kind === EventKind.HttpRequest || kind === EventKind.HttpResponse) {
    const net = netIndex(trace);
    const exchange = net.exchangeOfSeq.get(seq);
    if (exchange !== undefined) return exchangeLabel(net, exchange);
  }
  return site > 0 ? trace.sites[site]?.label ?? '' : '';
}

/**
 * Rectangles per state and colour for this frame (x, y, w, h flattened), keyed by
 * `batchKey(state, slot)`: slot 0 is the state's own colour, 1…STORE_COLOURS.length a store's,
 * NO_STORE the colour of a segment that ran without a store.
 */
type Batches = Map<number, number[]>;
const NO_STORE = STORE_COLOURS.length + 1;
const batchKey = (state: number, slot: number): number => state | (slot << 4);

function pushRect(batches: Batches, state: number, slot: number, x: number, y: number, w: number, h: number): void {
  const key = batchKey(state, slot);
  let rects = batches.get(key);
  if (!rects) batches.set(key, (rects = []));
  rects.push(x, y, w, h);
}

/** The colour slot of segment `i` of lane `laneIndex` (0 when colouring by state). */
function slotOf(scene: Scene, laneIndex: number, i: number): number {
  const values = scene.colouring?.segmentValue[laneIndex];
  if (!values) return 0;
  const v = values[i];
  return v < 0 ? NO_STORE : (v % STORE_COLOURS.length) + 1;
}

/** Draws the given rows (the visible ones: see scene.visibleRows). */
export function drawLanes(ctx: CanvasRenderingContext2D, scene: Scene, visible: readonly number[]): void {
  const { palette, widthPx } = scene;
  const batches: Batches = new Map();
  const overview: Batches = new Map();
  const labels: SegLabel[] = [];
  const columns = new Uint8Array(Math.ceil(widthPx) + 2);
  const slots = new Uint8Array(columns.length);

  for (const r of visible) {
    const row = scene.rows[r];
    const y = rowTop(scene, r);
    if (row.kind === 'thread' || row.kind === 'cores') {
      drawThreadRow(ctx, scene, row, y);
      continue;
    }
    const lanes = viewRowLanes(scene.model.lanes, row);
    if (row.kind === 'group' || row.kind === 'context') {
      ctx.fillStyle = palette.panel;
      ctx.fillRect(0, y, widthPx, ROW_H);
    }
    if (row.kind === 'lane' && row.entry) {
      // The visualized function's call: marked with an accent edge, pinned under the axis.
      ctx.fillStyle = palette.accent;
      ctx.fillRect(0, y, 3, ROW_H);
      ctx.fillRect(0, y + ROW_H - 2, widthPx, 2);
    }
    if (lanes.includes(scene.selectedLane) && !isExpandedHeader(row)) {
      ctx.fillStyle = palette.highlight;
      ctx.globalAlpha = 0.6;
      ctx.fillRect(0, y, widthPx, ROW_H);
      ctx.globalAlpha = 1;
    }
    ctx.fillStyle = palette.border;
    ctx.globalAlpha = 0.5;
    ctx.fillRect(0, y + ROW_H - 1, widthPx, 1);
    ctx.globalAlpha = 1;
    columns.fill(0);
    slots.fill(0);
    if (isExpandedHeader(row)) {
      // An expanded group's header shows a thin overview of its members (its lanes follow).
      for (const laneIndex of lanes) collectSegments(scene, laneIndex, y, overview, columns, slots, null);
      flushColumns(columns, slots, y, overview);
      continue;
    }
    const rowLabels = labels.length;
    for (const laneIndex of lanes) collectSegments(scene, laneIndex, y, batches, columns, slots, labels);
    if (lanes.length > 1) clipOverlappingLabels(labels, rowLabels);
    flushColumns(columns, slots, y, batches);
  }

  paintBatches(ctx, palette, batches, false);
  paintBatches(ctx, palette, overview, true);


  // Labels in a monospace font: one measurement gives every width, so long labels are cut to
  // fit with "…" instead of clipping (a clip region per label costs more than the text).
  ctx.font = `11px ${palette.mono}`;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = palette.muted;
  const charW = ctx.measureText('0').width || 7;
  for (const label of labels) {
    const fits = Math.floor(label.maxW / charW);
    if (fits < 3) continue;
    const text = label.text.length <= fits ? label.text : `${label.text.slice(0, fits - 1)}…`;
    if (label.plate) {
      // On a hatched bar (I/O) no single colour reads everywhere: the foreground on a plate of the background.
      ctx.fillStyle = palette.bg;
      ctx.fillRect(label.px - 2, label.y - 6, text.length * charW + 4, 12);
      ctx.fillStyle = palette.fg;
    } else if (label.onFill) {
      // On a filled bar (blocked, computing) the text takes the background or the foreground colour, whichever reads better on it.
      const fill = palette[label.onFill] as string;
      const on = textOn(palette, fill);
      if (on.plate || STYLES[label.state]?.pattern) {
        // Neither reads well on this fill (an orange in a light theme): the text sits on a plate of
        // the background; on a dotted fill (computing), on a plate of the plain fill, without the dots.
        ctx.fillStyle = on.plate ? palette.bg : fill;
        ctx.fillRect(label.px - 2, label.y - 6, text.length * charW + 4, 12);
      }
      ctx.fillStyle = on.colour;
    } else {
      ctx.fillStyle = palette.muted;
    }
    ctx.fillText(text, label.px, label.y);
  }

  for (const r of visible) {
    const row = scene.rows[r];
    if (isExpandedHeader(row) || row.kind === 'thread' || row.kind === 'cores') continue;
    for (const laneIndex of viewRowLanes(scene.model.lanes, row)) drawMarkers(ctx, scene, scene.model.lanes.lanes[laneIndex], rowTop(scene, r));
  }
}

/**
 * Text on a filled bar: the theme's background or foreground, whichever has more contrast on
 * `fill`; when even that is below 4.5:1, the foreground on a plate of the background (cached).
 */
const textColours = new Map<string, { colour: string; plate: boolean }>();

export function textOn(palette: Palette, fill: string): { colour: string; plate: boolean } {
  const key = `${fill}|${palette.bg}|${palette.fg}`;
  let best = textColours.get(key);
  if (!best) {
    const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    const rgb = (css: string): number[] => {
      if (!probe) return [0, 0, 0];
      probe.clearRect(0, 0, 1, 1);
      probe.fillStyle = palette.bg;
      probe.fillRect(0, 0, 1, 1);
      probe.fillStyle = css;
      probe.fillRect(0, 0, 1, 1);
      return Array.from(probe.getImageData(0, 0, 1, 1).data.slice(0, 3));
    };
    const lum = (c: number[]): number => {
      const [r, g, b] = c.map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: number, b: number): number => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const f = lum(rgb(fill));
    const onBg = contrast(lum(rgb(palette.bg)), f);
    const onFg = contrast(lum(rgb(palette.fg)), f);
    best = Math.max(onBg, onFg) >= 4.5 ? { colour: onBg >= onFg ? palette.bg : palette.fg, plate: false } : { colour: palette.fg, plate: true };
    textColours.set(key, best);
  }
  return best;
}

/** Small repeating tiles that carry a state's shape cue (cached per colour). */
const patterns = new Map<string, CanvasPattern | null>();

function patternOf(ctx: CanvasRenderingContext2D, kind: 'stripes' | 'dots' | 'hatch', colour: string, bg: string): CanvasPattern | string {
  const key = `${kind}|${colour}|${bg}`;
  let p = patterns.get(key);
  if (p === undefined) {
    const tile = document.createElement('canvas');
    tile.width = tile.height = 6;
    const t = tile.getContext('2d');
    if (t) {
      t.fillStyle = colour;
      if (kind === 'stripes') {
        // Diagonal stripes: colour, with thin background lines.
        t.fillRect(0, 0, 6, 6);
        t.strokeStyle = bg;
        t.lineWidth = 1.5;
        t.beginPath();
        t.moveTo(-1, 7); t.lineTo(7, -1);
        t.moveTo(-1, 1); t.lineTo(1, -1);
        t.moveTo(5, 7); t.lineTo(7, 5);
        t.stroke();
      } else if (kind === 'hatch') {
        // The background, tinted with the colour, crossed by thin lines of it the other way from the stripes.
        t.fillStyle = bg;
        t.fillRect(0, 0, 6, 6);
        t.globalAlpha = 0.22;
        t.fillStyle = colour;
        t.fillRect(0, 0, 6, 6);
        t.globalAlpha = 1;
        t.strokeStyle = colour;
        t.lineWidth = 1.25;
        t.beginPath();
        t.moveTo(-1, -1); t.lineTo(7, 7);
        t.moveTo(5, -1); t.lineTo(7, 1);
        t.moveTo(-1, 5); t.lineTo(1, 7);
        t.stroke();
      } else {
        // Solid with background dots along a grid.
        t.fillRect(0, 0, 6, 6);
        t.fillStyle = bg;
        t.fillRect(1, 1, 2, 2);
      }
    }
    p = t ? ctx.createPattern(tile, 'repeat') : null;
    patterns.set(key, p);
  }
  return p ?? colour;
}

/** Fills each state's (and colour's) rectangles in one path; `thin` squashes them to an overview strip. */
function paintBatches(ctx: CanvasRenderingContext2D, palette: Palette, batches: Batches, thin: boolean): void {
  const slotsOf = new Map<number, number[]>();
  for (const key of batches.keys()) {
    const state = key & 15;
    let list = slotsOf.get(state);
    if (!list) slotsOf.set(state, (list = []));
    list.push(key >> 4);
  }
  for (const state of STATES) {
    for (const slot of slotsOf.get(state) ?? []) paintBatch(ctx, palette, state, slot, batches.get(batchKey(state, slot))!, thin);
  }
  ctx.globalAlpha = 1;
}

function paintBatch(ctx: CanvasRenderingContext2D, palette: Palette, state: number, slot: number, rects: number[], thin: boolean): void {
  const style = STYLES[state];
  ctx.globalAlpha = thin ? style.alpha * 0.6 : style.alpha;
  ctx.beginPath();
  for (let i = 0; i < rects.length; i += 4) {
    if (thin) ctx.rect(rects[i], rects[i + 1] - style.y + ROW_H / 2 - 2, rects[i + 2], 4);
    else ctx.rect(rects[i], rects[i + 1], rects[i + 2], rects[i + 3]);
  }
  const colour = slot === 0 ? palette[style.color] as string : slot === NO_STORE ? palette.muted : STORE_COLOURS[slot - 1];
  if (style.outline && !thin) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1;
    ctx.stroke();
  } else {
    ctx.fillStyle = style.pattern && !thin ? patternOf(ctx, style.pattern, colour, palette.bg) : colour;
    ctx.fill();
    if (style.edge && !thin) {
      ctx.globalAlpha = 1;
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1;
      ctx.stroke();
    }
  }
  ctx.globalAlpha = 1;
}

function collectSegments(scene: Scene, laneIndex: number, rowY: number, batches: Batches, columns: Uint8Array, slots: Uint8Array, labels: SegLabel[] | null): void {
  const { view } = scene;
  const lane: Lane = scene.model.lanes.lanes[laneIndex];
  const seg = lane.segments;
  const n = seg.x0.length;
  let i = lowerBound(seg.x1, view.x0, n);
  let scanned = 0;
  let column = -1;
  while (i < n) {
    const x0 = seg.x0[i];
    if (x0 > view.x1) break;
    const px0 = view.toPx(x0);
    const px1 = view.toPx(seg.x1[i]);
    const state = seg.state[i];
    if (px1 - px0 >= MIN_SEGMENT_PX) {
      const style = STYLES[state];
      const a = Math.max(px0, -2);
      const b = Math.min(px1, scene.widthPx + 2);
      // Adjacent callbacks (three timers due at once) keep a pixel between them.
      const gapPx = state === SegState.Callback && b - a > 4 ? 1 : 0;
      const left = Math.round(a);
      const width = Math.max(1, Math.round(b) - left - gapPx);
      const slot = slotOf(scene, laneIndex, i);
      if (style.outline) pushRect(batches, state, slot, left + 0.5, rowY + style.y + 0.5, Math.max(1, width - 1), style.h - 1);
      else pushRect(batches, state, slot, left, rowY + style.y, width, style.h);
      if (labels && LABELLED.has(state) && b - a > 40) {
        const text = segmentText(scene, seg.seq[i], seg.site[i]);
        // On a pool or process lane a Done marker can sit where the bar begins (the request before it ended there).
        const inset = lane.kind === 'pool' || lane.kind === 'process' || lane.kind === 'net' ? 8 : 4;
        if (text) {
          labels.push({
            text, px: a + inset, y: rowY + ROW_H / 2, maxW: b - a - inset - 4, state,
            onFill: state === SegState.Blocked || state === SegState.Computing ? style.color : null, plate: style.pattern === 'hatch',
          });
        }
      }
      i++;
      continue;
    }
    // Narrow: fold into its pixel column; after a few, jump to the next column.
    const col = Math.max(0, Math.min(columns.length - 1, Math.floor(px0)));
    if (col !== column) {
      column = col;
      scanned = 0;
    }
    if (PRIORITY[state] > PRIORITY[columns[col]]) {
      columns[col] = state;
      slots[col] = slotOf(scene, laneIndex, i);
    }
    if (++scanned >= COLUMN_SCAN_LIMIT) {
      i = Math.max(i + 1, lowerBound(seg.x0, view.toX(col + 1), n));
      scanned = 0;
    } else {
      i++;
    }
  }
}

function flushColumns(columns: Uint8Array, slots: Uint8Array, rowY: number, batches: Batches): void {
  let start = 0;
  for (let px = 1; px <= columns.length; px++) {
    if (px < columns.length && columns[px] === columns[start] && slots[px] === slots[start]) continue;
    const state = columns[start];
    if (state !== 0) {
      const style = STYLES[state];
      pushRect(batches, state, slots[start], start, rowY + style.y, px - start, style.h);
    }
    start = px;
  }
}

/** One marker per pixel column at most; the rest are skipped by binary search. */
function drawMarkers(ctx: CanvasRenderingContext2D, scene: Scene, lane: Lane, rowY: number): void {
  const { view, palette } = scene;
  const m = lane.markers;
  const n = m.x.length;
  const cy = rowY + ROW_H / 2;
  let i = lowerBound(m.x, view.x0 - 1, n);
  while (i < n) {
    const x = m.x[i];
    if (x > view.x1 + 1) break;
    const px = stepCenterPx(scene, x);
    if (m.kind[i] !== MarkerKind.Racy) drawMarker(ctx, palette, m.kind[i], px, cy);
    i = Math.max(i + 1, lowerBound(m.x, view.toX(view.toPx(x) + 1), n));
  }
  // Racy ties are few and are the point of the picture: never thinned out, drawn on top of the
  // schedule markers they share their spot with.
  if (lane.kind !== 'timers') return;
  for (let j = lowerBound(m.x, view.x0 - 1, n); j < n && m.x[j] <= view.x1 + 1; j++) {
    if (m.kind[j] === MarkerKind.Racy) drawMarker(ctx, palette, MarkerKind.Racy, stepCenterPx(scene, m.x[j]), cy);
  }
}

function drawMarker(ctx: CanvasRenderingContext2D, palette: Palette, kind: number, px: number, cy: number): void {
  ctx.lineWidth = 1.5;
  switch (kind) {
    case MarkerKind.Resolve:
    case MarkerKind.Reject:
      ctx.fillStyle = kind === MarkerKind.Resolve ? palette.resolve : palette.reject;
      ctx.beginPath();
      ctx.moveTo(px, cy - 5);
      ctx.lineTo(px + 5, cy);
      ctx.lineTo(px, cy + 5);
      ctx.lineTo(px - 5, cy);
      ctx.closePath();
      ctx.fill();
      ctx.strokeStyle = palette.bg;
      ctx.lineWidth = 1;
      ctx.stroke();
      break;
    case MarkerKind.Yield:
      ctx.fillStyle = palette.yield;
      ctx.beginPath();
      ctx.moveTo(px - 4, cy - 6);
      ctx.lineTo(px + 5, cy);
      ctx.lineTo(px - 4, cy + 6);
      ctx.closePath();
      ctx.fill();
      break;
    case MarkerKind.Finish:
      ctx.strokeStyle = palette.resolve;
      ctx.beginPath();
      ctx.moveTo(px - 4, cy);
      ctx.lineTo(px - 1, cy + 4);
      ctx.lineTo(px + 5, cy - 5);
      ctx.stroke();
      break;
    case MarkerKind.Throw:
    case MarkerKind.Error:
      ctx.strokeStyle = palette.reject;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(px - 4, cy - 4);
      ctx.lineTo(px + 4, cy + 4);
      ctx.moveTo(px + 4, cy - 4);
      ctx.lineTo(px - 4, cy + 4);
      ctx.stroke();
      break;
    case MarkerKind.Console:
      ctx.fillStyle = palette.console;
      ctx.fillRect(px - 1, cy - 7, 2, 4);
      ctx.fillRect(px - 3, cy - 8, 6, 1.5);
      break;
    case MarkerKind.Schedule:
    case MarkerKind.Done:
      ctx.strokeStyle = palette.callback;
      ctx.beginPath();
      ctx.arc(px, cy, 3.5, 0, Math.PI * 2);
      if (kind === MarkerKind.Done) {
        ctx.fillStyle = palette.callback;
        ctx.fill();
      }
      ctx.stroke();
      break;
    case MarkerKind.Warning:
      ctx.fillStyle = palette.queued;
      ctx.beginPath();
      ctx.moveTo(px, cy - 6);
      ctx.lineTo(px + 5, cy + 4);
      ctx.lineTo(px - 5, cy + 4);
      ctx.closePath();
      ctx.fill();
      break;
    case MarkerKind.Racy:
      // Two crossing arrows (either order may come first) and the word, so a racy tie is found at a glance.
      ctx.strokeStyle = palette.queued;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(px - 5, cy - 4);
      ctx.lineTo(px + 5, cy + 4);
      ctx.moveTo(px + 2, cy + 4);
      ctx.lineTo(px + 5, cy + 4);
      ctx.lineTo(px + 5, cy + 1);
      ctx.moveTo(px - 5, cy + 4);
      ctx.lineTo(px + 5, cy - 4);
      ctx.moveTo(px + 2, cy - 4);
      ctx.lineTo(px + 5, cy - 4);
      ctx.lineTo(px + 5, cy - 1);
      ctx.stroke();
      ctx.fillStyle = palette.queued;
      ctx.font = `600 10px ${palette.font}`;
      ctx.textBaseline = 'middle';
      ctx.fillText('racy', px + 8, cy);
      break;
    default:
      break;
  }
}
