/**
 * Compare mode: several runs on one linear scale of virtual time. A table of totals on top
 * (time, tasks, awaits, blocked, speed-up), then one band per run: a bar as long as the run
 * (labelled with its time and "× faster"), and under it one thin row per task showing when it
 * ran, waited or blocked. Every run shares the x scale, so the faster run is visibly shorter.
 * Strings from traces are drawn with fillText or set as textContent only.
 */
import {
  buildComparison, buildTimeline, causesDifferText, checkTrace, compactRows, formatDelta, formatDuration, formatSpeedup, runHeadline, SegState, type CompactRow, type Comparison, type TimelineModel,
} from '../core/viewmodel/index';
import type { ScannableTrace } from '../core/trace/format';
import type { RaceReport } from '../shared/protocol';
import { h } from './dom';
import { readPalette, type Palette } from './theme';

const GUTTER = 170;
const AXIS = 26;
const HEAD = 28;
const ROW = 13;
const GAP = 14;
const PAD_RIGHT = 24;
const MAX_ROWS = 16;
/** Below the bands: the label of the first divergence (in the first band's header it covered the run's headline). */
const FOOT = 20;

interface Band {
  index: number;
  rows: CompactRow[];
  hidden: number;
}

export class CompareView {
  readonly el: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly wrap: HTMLElement;
  private readonly bands: Band[];
  private palette: Palette = readPalette();

  constructor(private readonly comparison: Comparison, models: TimelineModel[], private readonly races?: RaceReport) {
    this.bands = models.map((model, index) => ({ index, ...compactRows(model, MAX_ROWS) }));
    this.canvas = h('canvas', { role: 'img', 'aria-label': this.describe() });
    this.wrap = h('div', { class: 'tl-compare-canvas' }, this.canvas);
    this.el = h('div', { class: 'tl-compare' }, ...(races ? [this.racesSection(races)] : []), this.table(), ...this.causesSection(), this.wrap);
    new ResizeObserver(() => this.paint()).observe(this.wrap);
  }

  /** One sentence per run, for screen readers and the canvas's label. */
  private describe(): string {
    const runs = this.comparison.runs.map((run, i) => `${run.label}: ${runHeadline(this.comparison, i)}`).join('; ');
    return this.races?.divergence ? `${runs}. They part at ${formatDuration(this.races.divergence.t)}: ${this.races.divergence.description}` : runs;
  }

  /** The race explorer's outcomes (each with its frequency and the schedule that replays it) and where the runs shown part. */
  private racesSection(races: RaceReport): HTMLElement {
    const head = h('tr', {}, ...['outcome', 'runs', 'frequency'].map((t) => h('th', { scope: 'col' }, t)),
      // The option is one word: a narrow panel wraps the head before it, never after its "--".
      h('th', { scope: 'col', class: 'tl-race-schedule' }, 'schedule (run ', h('span', { class: 'tl-nowrap' }, '--schedule)')));
    const rows = races.outcomes.map((o) => h('tr', { class: o.shown ? 'tl-race-shown' : undefined },
      h('th', { scope: 'row', title: o.label }, o.label),
      h('td', {}, String(o.count)),
      h('td', {}, `${(o.frequency * 100).toFixed(o.frequency < 0.1 ? 1 : 0)}%`),
      h('td', { class: 'tl-race-schedule' }, o.schedule)));
    return h('div', { class: 'tl-races', 'data-outcomes': String(races.outcomes.length) },
      // The headline ("200 runs, 2 outcomes — a race: …") is the panel's summary line, shown once.
      ...(races.note ? [h('div', { class: 'tl-races-note' }, races.note)] : []),
      h('table', { class: 'tl-compare-table tl-races-table', 'aria-label': 'Outcomes found by the race explorer' }, h('thead', {}, head), h('tbody', {}, ...rows)),
      ...(races.divergence ? [h('div', { class: 'tl-races-divergence' }, `First divergence at ${formatDuration(races.divergence.t)} — ${races.divergence.description}`)] : []));
  }

  private table(): HTMLElement {
    const { runs, fastestAll } = this.comparison;
    const head = h('tr', {}, ...['run', 'virtual time', 'tasks', 'awaits', 'max concurrency', 'blocked', 'vs slowest', 'vs first'].map((t) => h('th', { scope: 'col' }, t)));
    const body = runs.map((run, i) => h('tr', { class: fastestAll.includes(i) && fastestAll.length < runs.length ? 'tl-fastest' : undefined, 'data-run': i },
      h('th', { scope: 'row', title: run.trace.meta.entry }, run.label),
      h('td', {}, formatDuration(run.endTime)),
      h('td', {}, String(run.summary.tasks)),
      h('td', {}, String(run.summary.awaits)),
      h('td', {}, String(run.summary.maxConcurrency)),
      h('td', {}, formatDuration(run.summary.blockedMs)),
      h('td', { class: 'tl-speedup' }, i === this.comparison.slowest ? 'slowest' : formatSpeedup(run.speedup)),
      h('td', {}, i === 0 ? '—' : formatSpeedup(run.vsFirst))));
    return h('table', { class: 'tl-compare-table', 'aria-label': 'Runs compared' }, h('thead', {}, head), h('tbody', {}, ...body));
  }

  /**
   * Time by cause (the critical path's, src/core/analysis) of every run side by side; a cause
   * whose time differs from the first run's is marked, with the difference.
   */
  private causesSection(): HTMLElement[] {
    const { runs, causes } = this.comparison;
    if (causes.length === 0) return [];
    const several = runs.length > 1;
    const head = h('tr', {}, h('th', { scope: 'col' }, 'time by cause'), ...runs.map((run) => h('th', { scope: 'col', title: run.trace.meta.entry }, run.label)), ...(several ? [h('th', { scope: 'col' }, 'between the runs')] : []));
    const body = causes.map((row) => h('tr', { class: row.differs ? 'tl-cause-differs' : undefined, 'data-cause': row.cause },
      h('th', { scope: 'row' }, row.name),
      ...row.ms.map((ms, i) => h('td', {}, formatDuration(ms), ...(i > 0 && Math.abs(row.delta[i]) >= 0.5 ? [h('span', { class: 'tl-cause-delta' }, ` ${formatDelta(row.delta[i])}`)] : []))),
      ...(several ? [h('td', { class: 'tl-cause-verdict' }, row.differs ? '≠ differs' : 'same')] : [])));
    const line = causesDifferText(this.comparison);
    return [
      ...(line ? [h('div', { class: 'tl-causes-differ' }, line)] : []),
      h('table', { class: 'tl-compare-table tl-causes-table', 'aria-label': 'Time by cause of each run (critical path)' }, h('thead', {}, head), h('tbody', {}, ...body)),
    ];
  }

  refreshTheme(): void {
    this.palette = readPalette();
    this.paint();
  }

  private height(): number {
    const foot = this.races?.divergence ? FOOT : 0;
    return AXIS + this.bands.reduce((sum, b) => sum + HEAD + b.rows.length * ROW + (b.hidden ? ROW : 0) + GAP, 0) + foot;
  }

  paint(): void {
    const width = Math.max(GUTTER + 120, this.wrap.clientWidth);
    const height = this.height();
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const p = this.palette;
    const { maxTime, ticks } = this.comparison;
    const plotW = width - GUTTER - PAD_RIGHT;
    const toPx = (ms: number): number => GUTTER + (maxTime > 0 ? (ms / maxTime) * plotW : 0);
    ctx.fillStyle = p.bg;
    ctx.fillRect(0, 0, width, height);
    ctx.textBaseline = 'middle';

    // The shared scale: round ticks and grid lines through every band.
    ctx.font = `11px ${p.font}`;
    for (const t of ticks) {
      const x = Math.round(toPx(t));
      ctx.fillStyle = p.border;
      ctx.fillRect(x, AXIS - 6, 1, height - AXIS + 6);
      ctx.fillStyle = p.muted;
      const label = formatDuration(t);
      const w = ctx.measureText(label).width;
      ctx.fillText(label, Math.min(x - w / 2, width - w - 2), AXIS / 2);
    }
    ctx.fillStyle = p.muted;
    ctx.fillText('virtual time ▸', 8, AXIS / 2);
    ctx.fillStyle = p.border;
    ctx.fillRect(0, AXIS - 1, width, 1);

    let y = AXIS;
    for (const band of this.bands) {
      y = this.paintBand(ctx, band, y, toPx, width);
    }
    // Where the explorer's two runs part: one dashed line through every band, labelled at its foot
    // (a label on the bands would cover a run's headline or a lane).
    const divergence = this.races?.divergence;
    if (divergence) {
      const x = Math.round(toPx(divergence.t)) + 0.5;
      ctx.strokeStyle = p.reject;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(x, AXIS - 8);
      ctx.lineTo(x, height - FOOT / 2);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.font = `600 11px ${p.font}`;
      const label = `first divergence ${formatDuration(divergence.t)}`;
      const w = ctx.measureText(label).width;
      ctx.fillStyle = p.bg;
      const lx = Math.min(x + 4, width - w - 4);
      ctx.fillRect(lx - 2, height - FOOT + 2, w + 4, FOOT - 4);
      ctx.fillStyle = p.reject;
      ctx.fillText(label, lx, height - FOOT / 2);
    }
  }

  private paintBand(ctx: CanvasRenderingContext2D, band: Band, top: number, toPx: (ms: number) => number, width: number): number {
    const p = this.palette;
    const run = this.comparison.runs[band.index];
    const { fastestAll, runs } = this.comparison;
    const fastest = fastestAll.includes(band.index) && fastestAll.length < runs.length;
    // Header: the run's name in the gutter, and a bar as long as the run with its time and speed-up.
    ctx.fillStyle = p.panel;
    ctx.fillRect(0, top + 2, width, HEAD - 4);
    ctx.font = `600 12px ${p.font}`;
    ctx.fillStyle = p.fg;
    ctx.fillText(fit(ctx, run.label, GUTTER - 14), 8, top + HEAD / 2);
    const x0 = toPx(0);
    const x1 = Math.max(x0 + 2, toPx(run.endTime));
    ctx.fillStyle = fastest ? p.resolve : p.accent;
    ctx.globalAlpha = 0.85;
    ctx.fillRect(x0, top + 6, x1 - x0, HEAD - 12);
    ctx.globalAlpha = 1;
    const headline = runHeadline(this.comparison, band.index);
    ctx.font = `600 11px ${p.font}`;
    const w = ctx.measureText(headline).width;
    if (x1 - x0 > w + 12) {
      ctx.fillStyle = p.bg;
      ctx.fillText(headline, x0 + 6, top + HEAD / 2);
    } else {
      ctx.fillStyle = p.fg;
      ctx.fillText(headline, x1 + 6, top + HEAD / 2);
    }
    let y = top + HEAD;
    ctx.font = `10px ${p.mono}`;
    for (const row of band.rows) {
      ctx.fillStyle = p.muted;
      ctx.fillText(fit(ctx, row.label, GUTTER - 24), 18, y + ROW / 2);
      for (let i = 0; i < row.t0.length; i++) paintSpan(ctx, p, row.state[i], toPx(row.t0[i]), toPx(row.t1[i]), y);
      y += ROW;
    }
    if (band.hidden > 0) {
      ctx.fillStyle = p.muted;
      ctx.fillText(`+ ${band.hidden} more ${band.hidden === 1 ? 'lane' : 'lanes'}`, 18, y + ROW / 2);
      y += ROW;
    }
    return y + GAP;
  }
}

/**
 * Checks the runs of a `showComparison` (or the compare page's embedded data) and builds the
 * view, or says in a sentence why it cannot.
 */
export function makeComparison(value: unknown, races?: RaceReport): { view: CompareView; headline: string; count: number } | { error: string } {
  const runs = Array.isArray(value) ? (value as { label?: unknown; trace?: unknown }[]) : [];
  const checked: { label: string; trace: ScannableTrace }[] = [];
  for (const [i, run] of runs.entries()) {
    const check = checkTrace(run?.trace);
    const label = typeof run?.label === 'string' && run.label ? run.label : `run ${i + 1}`;
    if (!check.ok) return { error: `${label}: ${check.message}` };
    checked.push({ label, trace: check.trace });
  }
  if (checked.length === 0) return { error: 'A comparison needs at least one run.' };
  const comparison = buildComparison(checked);
  const fastest = comparison.runs[comparison.fastest];
  const names = comparison.fastestAll.map((i) => comparison.runs[i].label);
  const who = names.length === 1 ? `${names[0]} is fastest` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are fastest`;
  const headline = checked.length > 1 && fastest.speedup > 1.005
    ? `${who}: ${Number.isFinite(fastest.speedup) ? `${fastest.speedup.toFixed(2)}× faster than` : 'instant, unlike'} ${comparison.runs[comparison.slowest].label}`
    : 'all runs take the same virtual time';
  return { view: new CompareView(comparison, checked.map((run) => buildTimeline(run.trace)), races), headline: races ? races.headline : headline, count: checked.length };
}

function paintSpan(ctx: CanvasRenderingContext2D, p: Palette, state: number, px0: number, px1: number, rowY: number): void {
  const w = Math.max(1.5, px1 - px0);
  switch (state) {
    case SegState.Suspended:
      ctx.strokeStyle = p.suspended;
      ctx.lineWidth = 1;
      ctx.strokeRect(Math.round(px0) + 0.5, rowY + 3.5, Math.max(1, Math.round(w) - 1), ROW - 7);
      return;
    case SegState.Queued:
      ctx.fillStyle = p.queued;
      ctx.fillRect(px0, rowY + 3, w, ROW - 6);
      return;
    case SegState.Io:
      // Outside JavaScript: a faint bar with an edge (the timeline's hatch, at this size).
      ctx.globalAlpha = 0.3;
      ctx.fillStyle = p.io;
      ctx.fillRect(px0, rowY + 2, w, ROW - 4);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = p.io;
      ctx.lineWidth = 1;
      ctx.strokeRect(Math.round(px0) + 0.5, rowY + 2.5, Math.max(1, Math.round(w) - 1), ROW - 5);
      return;
    default: {
      const colour = state === SegState.Blocked ? p.blocked : state === SegState.Computing ? p.computing : state === SegState.Callback ? p.callback : p.running;
      ctx.fillStyle = colour;
      ctx.fillRect(px0, rowY + 2, w, ROW - 4);
    }
  }
}

/** Cuts `text` with "…" to fit `maxW` pixels in the current font. */
function fit(ctx: CanvasRenderingContext2D, text: string, maxW: number): string {
  if (ctx.measureText(text).width <= maxW) return text;
  let n = text.length;
  while (n > 1 && ctx.measureText(`${text.slice(0, n)}…`).width > maxW) n--;
  return `${text.slice(0, n)}…`;
}

