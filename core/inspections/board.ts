/**
 * Board of findings remediated on time (khắc phục đúng hạn) per PAPI dimension and unit. Pure: takes findings
 * with their actions and "today".
 */

export const TIMELINESS = ['on_time', 'late', 'overdue', 'pending'] as const;
/** on_time: every action done by its deadline; late: all done, some after the deadline; overdue: an action
 *  still open past its deadline; pending: actions open within their deadlines (or none yet). */
export type Timeliness = (typeof TIMELINESS)[number];

export interface BoardAction {
  deadline: string;
  completedOn: string | null;
}

export interface BoardFinding {
  id: string;
  unitId: string;
  /** 'd1' … 'd8' */
  dimension: string;
  closed: boolean;
  actions: readonly BoardAction[];
}

export function timeliness(actions: readonly BoardAction[], today: string): Timeliness {
  if (actions.length === 0) return 'pending';
  if (actions.some((a) => a.completedOn === null && a.deadline < today)) return 'overdue';
  if (actions.some((a) => a.completedOn === null)) return 'pending';
  return actions.every((a) => (a.completedOn as string) <= a.deadline) ? 'on_time' : 'late';
}

export interface BoardRow {
  dimension: string;
  unitId: string;
  findings: number;
  closed: number;
  on_time: number;
  late: number;
  overdue: number;
  pending: number;
  /** on_time ÷ (on_time + late + overdue): share of findings whose deadline has been decided; null if none. */
  onTimeRate: number | null;
}

const emptyRow = (dimension: string, unitId: string): BoardRow => ({
  dimension,
  unitId,
  findings: 0,
  closed: 0,
  on_time: 0,
  late: 0,
  overdue: 0,
  pending: 0,
  onTimeRate: null,
});

function rate(r: BoardRow): number | null {
  const decided = r.on_time + r.late + r.overdue;
  return decided === 0 ? null : r.on_time / decided;
}

export interface RemediationBoard {
  today: string;
  /** One row per dimension × unit that has findings, sorted by dimension then unit id. */
  rows: BoardRow[];
  /** Per dimension over all units (unitId '*'). */
  byDimension: BoardRow[];
  /** Per unit over all dimensions (dimension '*'). */
  byUnit: BoardRow[];
  total: BoardRow;
}

export function remediationBoard(findings: readonly BoardFinding[], today: string): RemediationBoard {
  const rows = new Map<string, BoardRow>();
  const dims = new Map<string, BoardRow>();
  const units = new Map<string, BoardRow>();
  const total = emptyRow('*', '*');
  const bump = (r: BoardRow, f: BoardFinding, t: Timeliness) => {
    r.findings += 1;
    if (f.closed) r.closed += 1;
    r[t] += 1;
  };
  for (const f of findings) {
    const t = timeliness(f.actions, today);
    const key = `${f.dimension}\u0000${f.unitId}`;
    if (!rows.has(key)) rows.set(key, emptyRow(f.dimension, f.unitId));
    if (!dims.has(f.dimension)) dims.set(f.dimension, emptyRow(f.dimension, '*'));
    if (!units.has(f.unitId)) units.set(f.unitId, emptyRow('*', f.unitId));
    bump(rows.get(key) as BoardRow, f, t);
    bump(dims.get(f.dimension) as BoardRow, f, t);
    bump(units.get(f.unitId) as BoardRow, f, t);
    bump(total, f, t);
  }
  const finish = (list: BoardRow[]) =>
    list
      .map((r) => ({ ...r, onTimeRate: rate(r) }))
      .sort((a, b) => a.dimension.localeCompare(b.dimension) || a.unitId.localeCompare(b.unitId));
  return {
    today,
    rows: finish([...rows.values()]),
    byDimension: finish([...dims.values()]),
    byUnit: finish([...units.values()]),
    total: { ...total, onTimeRate: rate(total) },
  };
}
