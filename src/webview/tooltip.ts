/**
 * The hover card: which task, in what state, where in the source, and for how long (this
 * segment, and the task's total time waited and run). Text only, via textContent.
 */
import { alsStorageName, type AlsColouring, exchangeLines, formatDuration, formatSite, ioRequestLabel, netIndex, processCommand, racyTieLines, SegState, timeAtX, type TimelineModel } from '../core/viewmodel/index';
import { EventKind } from '../core/trace/format';
import { viewRowLabel } from '../core/viewmodel/view-rows';
import { rowAtPx, type Scene } from './scene';
import { h } from './dom';
import type { Hit } from './hit-test';

const STATE_NAMES: Record<number, string> = {
  [SegState.Running]: 'running',
  [SegState.Calling]: 'on the stack, calling another function',
  [SegState.Suspended]: 'suspended at an await',
  [SegState.Queued]: 'queued: its resume is in the microtask queue',
  [SegState.Blocked]: 'blocked: synchronous work holds the loop',
  [SegState.Callback]: 'callback running',
  [SegState.Computing]: 'computing on a core: the thread works, its event loop waits',
  [SegState.Io]: 'I/O outside JavaScript',
};

export class Tooltip {
  readonly el: HTMLElement;

  constructor() {
    this.el = h('div', { class: 'tl-tooltip', role: 'tooltip', hidden: true });
  }

  hide(): void {
    this.el.hidden = true;
  }

  /** `colouring`: the bars are coloured by an AsyncLocalStorage; a bar's card names its store. */
  show(model: TimelineModel, hit: Hit, px: number, py: number, hostWidth: number, colouring: AlsColouring | null = null): void {
    const lane = model.lanes.lanes[hit.lane];
    const lines: string[] = [];
    const exchange = hit.segment >= 0 && lane.kind === 'net' ? netIndex(model.trace).exchangeOfSeq.get(lane.segments.seq[hit.segment]) : undefined;
    if (exchange !== undefined) {
      // A connection's bar: its HTTP exchange (method, URL, status, bytes, time to first byte).
      this.place(lane.label, exchangeLines(model.trace, netIndex(model.trace), exchange, formatDuration), px, py, hostWidth);
      return;
    }
    if (hit.segment >= 0 && (lane.kind === 'pool' || lane.kind === 'process')) {
      this.place(lane.label, ioLines(model, lane.kind, lane.segments.seq[hit.segment], lane.segments.state[hit.segment]), px, py, hostWidth);
      return;
    }
    if (hit.segment >= 0) {
      const seg = lane.segments;
      const i = hit.segment;
      const t0 = timeAtX(model.axis, seg.x0[i]);
      const t1 = timeAtX(model.axis, seg.x1[i]);
      const label = seg.site[i] ? model.trace.sites[seg.site[i]]?.label : '';
      lines.push(`${STATE_NAMES[seg.state[i]] ?? 'state'}${label ? `: ${label}` : ''}`);
      // Virtual time alone says "0 ms" for all synchronous work; the steps say how much happened.
      const steps = countSteps(model, seg.seq[i], seg.x1[i]);
      lines.push(`for ${formatDuration(t1 - t0)}, ${steps} ${steps === 1 ? 'step' : 'steps'} (${formatDuration(t0)} → ${formatDuration(t1)})`);
      const value = colouring?.segmentValue[hit.lane]?.[i] ?? -2;
      if (colouring && value >= -1) lines.push(`${alsStorageName(model.trace, colouring.storage)}: ${value >= 0 ? colouring.values[value] : 'no store'}`);
    } else if (model.trace.events.kind[hit.seq] === EventKind.RacyTie) {
      lines.push(...racyTieLines(model.trace, hit.seq));
    } else {
      lines.push(model.describe(hit.seq));
      lines.push(`at ${formatDuration(model.trace.events.t[hit.seq])}, step ${hit.seq}`);
    }
    const site = hit.segment >= 0 && lane.segments.site[hit.segment] ? lane.segments.site[hit.segment] : model.lanes.siteOfEvent[hit.seq];
    const where = formatSite(model.trace, site);
    if (where) lines.push(where);
    if (lane.kind === 'task' || lane.kind === 'script') {
      const totals = laneTotals(model, hit.lane);
      lines.push(`task total: ran ${formatDuration(totals.ran)}${totals.blocked ? `, blocked ${formatDuration(totals.blocked)}` : ''}, waited ${formatDuration(totals.waited)}`);
    }
    this.place(lane.label, lines, px, py, hostWidth);
  }

  /** Over the cores strip or a thread's header: how many threads run there, or the thread's life. Returns whether it showed. */
  showRow(scene: Scene, px: number, py: number, hostWidth: number): boolean {
    const row = scene.rows[rowAtPx(scene, py)];
    const occ = scene.model.occupancy;
    if (!row || !occ || (row.kind !== 'cores' && row.kind !== 'thread')) return false;
    const x = scene.view.toX(px);
    const { axis } = scene.model;
    const lines: string[] = [];
    if (row.kind === 'cores') {
      let i = 0;
      while (i + 1 < occ.x.length && occ.x[i + 1] <= x) i++;
      lines.push(`${occ.count[i]} ${occ.count[i] === 1 ? 'thread runs' : 'threads run'} on a core at ${formatDuration(timeAtX(axis, x))}`, `at most ${occ.maxCount} at once in this run`);
    } else {
      const thread = scene.model.lanes.threads[row.thread];
      const act = occ.threads.find((t) => t.id === thread.id);
      if (!act) return false;
      const ran = act.x0.reduce((sum, x0, j) => sum + timeAtX(axis, act.x1[j]) - timeAtX(axis, x0), 0);
      lines.push(`from ${formatDuration(timeAtX(axis, act.createdX))} to ${act.exitedX < axis.width ? formatDuration(timeAtX(axis, act.exitedX)) : 'the end'}`,
        `ran ${formatDuration(ran)} (bars); the line is its lifetime`);
    }
    this.place(viewRowLabel(scene.model.lanes, row), lines, px, py, hostWidth);
    return true;
  }

  private place(title: string, lines: string[], px: number, py: number, hostWidth: number): void {
    this.el.replaceChildren(h('div', { class: 'tl-tip-title' }, title), ...lines.map((line) => h('div', { class: 'tl-tip-line' }, line)));
    this.el.hidden = false;
    const left = Math.min(px + 14, Math.max(0, hostWidth - 390));
    this.el.style.left = `${left}px`;
    this.el.style.top = `${py + 16}px`;
  }
}

/**
 * A pool thread's request or a child process, from the event that began its bar (IoPoolStart or
 * IoStart): what it is, how long it waited in the pool's queue and ran, who asked for it.
 */
function ioLines(model: TimelineModel, kind: 'pool' | 'process', seq: number, state: number): string[] {
  const { trace, lanes } = model;
  const { t, a, b, c } = trace.events;
  const id = a[seq];
  const label = ioRequestLabel(trace, lanes.io, id);
  const start = lanes.io.startSeq[id];
  const startT = start >= 0 ? t[start] : t[seq];
  const endX = lanes.io.endX[id];
  const endT = Number.isFinite(endX) ? timeAtX(model.axis, endX) : trace.meta.endTime;
  const lines: string[] = [];
  if (kind === 'pool') {
    lines.push(state === SegState.Computing ? `computing on core ${c[seq]}, outside JavaScript: ${label}` : `${STATE_NAMES[SegState.Io]}: ${label}`);
    const waited = t[seq] - startT;
    lines.push(`waited ${formatDuration(waited)} in the pool's queue, ran ${formatDuration(endT - t[seq])}`);
    lines.push(`requested at ${formatDuration(startT)}, on threadpool #${b[seq]} from ${formatDuration(t[seq])} to ${formatDuration(endT)}`);
  } else {
    lines.push(`${STATE_NAMES[SegState.Io]}: ${processCommand(label)} (a child process)`);
    lines.push(`ran ${formatDuration(endT - startT)} (${formatDuration(startT)} → ${formatDuration(endT)})`);
    // What it delivered (stdout chunks, exit code …), in order, at most a handful.
    const events: string[] = [];
    for (let i = Math.max(0, start); i < trace.events.kind.length && t[i] <= endT && events.length <= 6; i++) {
      if (trace.events.kind[i] === EventKind.IoEvent && a[i] === id) events.push(trace.strings[b[i]] ?? '');
    }
    if (events.length > 0) lines.push(`events: ${events.slice(0, 6).join(' · ')}${events.length > 6 ? ' · …' : ''}`);
  }
  const by = start >= 0 ? lanes.taskOfEvent[start] : -1;
  const where = start >= 0 ? formatSite(trace, c[start]) : '';
  if (by >= 0 || where) lines.push(`started by ${by >= 0 ? model.taskLabel(by) : 'the script'}${where ? ` at ${where}` : ''}`);
  return lines;
}

/** Steps (events with a width on the axis) from event `fromSeq` up to layout x. */
function countSteps(model: TimelineModel, fromSeq: number, untilX: number): number {
  const { pos, end } = model.axis;
  let steps = 0;
  for (let s = Math.max(0, fromSeq); s < pos.length && pos[s] < untilX; s++) if (end[s] > pos[s]) steps++;
  return steps;
}

/** Virtual time a lane spent running, blocked and waiting (suspended or queued). */
function laneTotals(model: TimelineModel, laneIndex: number): { ran: number; blocked: number; waited: number } {
  const seg = model.lanes.lanes[laneIndex].segments;
  const totals = { ran: 0, blocked: 0, waited: 0 };
  for (let i = 0; i < seg.x0.length; i++) {
    const d = timeAtX(model.axis, seg.x1[i]) - timeAtX(model.axis, seg.x0[i]);
    const s = seg.state[i];
    if (s === SegState.Running || s === SegState.Callback || s === SegState.Computing) totals.ran += d;
    else if (s === SegState.Blocked) totals.blocked += d;
    else if (s === SegState.Suspended || s === SegState.Queued) totals.waited += d;
  }
  return totals;
}
