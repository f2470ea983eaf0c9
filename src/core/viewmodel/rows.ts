/**
 * Rows: what is drawn top to bottom, given which task groups the user collapsed. A group of
 * several tasks with the same name gets a header row (`count ×3`) that can be collapsed; a
 * collapsed group shows its members merged into the header row.
 */
import type { LaneModel } from './lanes';

export type Row =
  | { kind: 'lane'; lane: number; /** Indented under a group header. */ nested: boolean }
  | { kind: 'group'; group: number; collapsed: boolean };

export function buildRows(model: LaneModel, collapsed: ReadonlySet<string>): Row[] {
  const rows: Row[] = [{ kind: 'lane', lane: model.scriptLane, nested: false }];
  model.groups.forEach((group, index) => {
    if (group.lanes.length === 1) {
      rows.push({ kind: 'lane', lane: group.lanes[0], nested: false });
      return;
    }
    const isCollapsed = collapsed.has(group.name);
    rows.push({ kind: 'group', group: index, collapsed: isCollapsed });
    if (!isCollapsed) for (const lane of group.lanes) rows.push({ kind: 'lane', lane, nested: true });
  });
  for (const lane of [model.timersLane, model.immediatesLane, model.ioLane]) {
    if (lane >= 0) rows.push({ kind: 'lane', lane, nested: false });
  }
  return rows;
}

/** The lanes a row draws: one, or every member of a collapsed group. */
export function lanesOfRow(model: LaneModel, row: Row): number[] {
  return row.kind === 'lane' ? [row.lane] : model.groups[row.group].lanes;
}

/** The row label: the lane's, or `count ×3` for a group. */
export function rowLabel(model: LaneModel, row: Row): string {
  if (row.kind === 'lane') return model.lanes[row.lane].label;
  const group = model.groups[row.group];
  return `${group.name} ×${group.lanes.length}`;
}
