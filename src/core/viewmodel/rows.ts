/**
 * Rows: what is drawn top to bottom, given which task groups the user collapsed. A group of
 * several tasks with the same name gets a header row (`count ×3`) that can be collapsed; a
 * collapsed group shows its members merged into the header row. A trace with simulated
 * threads starts with a "cores" row (how many threads run at each moment) and shows each
 * thread as a block of rows under a `thread: <name>` header; without threads there are
 * neither, and the rows are exactly the main thread's.
 */
import { INTERNAL_GROUP_NAME, type LaneModel, type ThreadLanes } from './lanes';

export type Row =
  | { kind: 'lane'; lane: number; /** Indented under a group header. */ nested: boolean }
  | { kind: 'group'; group: number; collapsed: boolean }
  /** A thread's header (index into `LaneModel.threads`). */
  | { kind: 'thread'; thread: number }
  /** The core-occupancy strip. */
  | { kind: 'cores' };

function threadRows(model: LaneModel, thread: ThreadLanes, collapsed: ReadonlySet<string>, rows: Row[]): void {
  if (thread.scriptLane >= 0) rows.push({ kind: 'lane', lane: thread.scriptLane, nested: false });
  for (const index of thread.groups) {
    const group = model.groups[index];
    // An I/O group keeps its header even with one lane: it says what the lane is (not a task).
    if (group.lanes.length === 1 && !group.io) {
      rows.push({ kind: 'lane', lane: group.lanes[0], nested: false });
      continue;
    }
    const isCollapsed = collapsed.has(group.key);
    rows.push({ kind: 'group', group: index, collapsed: isCollapsed });
    if (!isCollapsed) for (const lane of group.lanes) rows.push({ kind: 'lane', lane, nested: true });
  }
  for (const lane of [thread.timersLane, thread.immediatesLane, thread.ioLane]) {
    if (lane >= 0) rows.push({ kind: 'lane', lane, nested: false });
  }
}

export function buildRows(model: LaneModel, collapsed: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];
  if (model.threads.length <= 1) {
    if (model.threads[0]) threadRows(model, model.threads[0], collapsed, rows);
    return rows;
  }
  rows.push({ kind: 'cores' });
  model.threads.forEach((thread, index) => {
    rows.push({ kind: 'thread', thread: index });
    threadRows(model, thread, collapsed, rows);
  });
  return rows;
}

/** A network of more connections than this starts collapsed (a benchmark opens dozens): its header still shows them all, merged. */
export const NETWORK_LANES_OPEN = 12;

/** The keys of the groups the timeline shows collapsed at first: Node's own async functions (the program's tasks come first), and a network of many connections. */
export function collapsedAtFirst(model: LaneModel): string[] {
  return model.groups.filter((g) => g.name === INTERNAL_GROUP_NAME || (g.io === 'net' && g.lanes.length > NETWORK_LANES_OPEN)).map((g) => g.key);
}

/** The lanes a row draws: one, or every member of a collapsed group (none for headers and the cores strip). */
export function lanesOfRow(model: LaneModel, row: Row): number[] {
  if (row.kind === 'lane') return [row.lane];
  if (row.kind === 'group') return model.groups[row.group].lanes;
  return [];
}

/** An I/O group's header: `libuv threadpool · 4 threads`, `child processes · 2`, `network · 5 connections`. */
export function ioGroupLabel(name: string, io: 'pool' | 'process' | 'net', lanes: number): string {
  if (io === 'pool') return `${name} · ${lanes} ${lanes === 1 ? 'thread' : 'threads'}`;
  if (io === 'net') return `${name} · ${lanes} ${lanes === 1 ? 'connection' : 'connections'}`;
  return `${name} · ${lanes}`;
}

/** The row label: the lane's, `count ×3` for a group (an I/O group: `libuv threadpool · 4 threads`), `thread: <name>`, or `cores`. */
export function rowLabel(model: LaneModel, row: Row): string {
  switch (row.kind) {
    case 'lane': return model.lanes[row.lane].label;
    case 'group': {
      const group = model.groups[row.group];
      return group.io ? ioGroupLabel(group.name, group.io, group.lanes.length) : `${group.name} ×${group.lanes.length}`;
    }
    case 'thread': return `thread: ${model.threads[row.thread].name}`;
    case 'cores': return 'cores: threads running';
  }
}
