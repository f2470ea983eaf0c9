/**
 * The rows the timeline shows, on top of rows.ts: when a run visualized one function (the
 * trace names `meta.entryFunction`), that call's lane comes first, pinned above the scrolling
 * rows and marked; everything else the run did (the module's top-level code, which runs first
 * because loading a module runs it) follows under one "context" header, collapsed by default.
 * A trace without an entry function gets exactly the rows of rows.ts.
 *
 * Extension point: a new kind of row (I/O lanes, child processes …) belongs in rows.ts; this
 * module only reorders and wraps, and `viewRowLanes` / `viewRowLabel` delegate to rows.ts.
 */
import { buildRows, lanesOfRow, rowLabel, type Row } from './rows';
import type { LaneModel } from './lanes';
import type { ScannableTrace } from '../trace/format';

/** The module's other rows, as one header that can be collapsed (merged into one row then). */
export interface ContextRow {
  kind: 'context';
  collapsed: boolean;
  /** Every lane under the header. */
  lanes: number[];
}

/** A row as drawn: rows.ts's, the pinned entry lane (`entry: true`), or the context header. */
export type ViewRow = (Row & { entry?: boolean }) | ContextRow;

export interface ViewRows {
  rows: ViewRow[];
  /** How many rows at the top stay in place while the rest scroll (0 or 1). */
  pinned: number;
  /** The entry call's lane, -1 when the run had no entry function. */
  entryLane: number;
}

/**
 * The task the host's entry call created: the last task named `meta.entryFunction` that the
 * main script started (the engine calls the entry after the module has loaded, from the script).
 */
export function entryTask(trace: ScannableTrace): number {
  const name = trace.meta.entryFunction;
  if (!name) return -1;
  let found = -1;
  trace.tasks.forEach((task, index) => {
    if (task && task.name === name && (task.thread ?? 0) === 0 && trace.tasks[task.parent]?.kind === 'main') found = index;
  });
  return found;
}

export function buildViewRows(trace: ScannableTrace, model: LaneModel, collapsed: ReadonlySet<string>, contextCollapsed: boolean): ViewRows {
  const base = buildRows(model, collapsed);
  const task = entryTask(trace);
  const entryLane = task >= 0 ? model.laneOfTask[task] ?? -1 : -1;
  if (entryLane < 0) return { rows: base, pinned: 0, entryLane: -1 };
  // The entry lane leaves its group (a group of one is a lane row; of more, a member row).
  const rest = base.filter((row) => !(row.kind === 'lane' && row.lane === entryLane));
  const contextLanes = model.lanes.map((l) => l.index).filter((i) => i !== entryLane);
  const rows: ViewRow[] = [{ kind: 'lane', lane: entryLane, nested: false, entry: true }];
  if (contextLanes.length > 0) {
    rows.push({ kind: 'context', collapsed: contextCollapsed, lanes: contextLanes });
    if (!contextCollapsed) rows.push(...rest);
  }
  return { rows, pinned: 1, entryLane };
}

/** The lanes a row draws (a collapsed context header: all of them, merged). */
export function viewRowLanes(model: LaneModel, row: ViewRow): number[] {
  if (row.kind === 'context') return row.lanes;
  // A group's members, minus a pinned entry lane that left it.
  return lanesOfRow(model, row);
}

export function viewRowLabel(model: LaneModel, row: ViewRow): string {
  if (row.kind === 'context') return `module top level (context) · ${row.lanes.length} ${row.lanes.length === 1 ? 'lane' : 'lanes'}`;
  return rowLabel(model, row);
}

/** Does the row draw merged lanes (a collapsed group or context header)? */
export function isMergedRow(row: ViewRow): boolean {
  return (row.kind === 'group' || row.kind === 'context') && row.collapsed;
}

/** Is the row an expanded header (its lanes follow as rows of their own; it shows a thin overview)? */
export function isExpandedHeader(row: ViewRow): boolean {
  return (row.kind === 'group' || row.kind === 'context') && !row.collapsed;
}
