/**
 * The province's board: per PAPI dimension, per responsible unit and per track — volume, on-time answer
 * rate and satisfaction (the "was it resolved?" follow-up).
 */
import { answeredOnTime, isOverdue } from './deadlines.js';
import type { Status, Track } from './types.js';

export interface BoardItem {
  track: Track;
  dimension: string;
  unitId: string;
  status: Status;
  acceptDue: string;
  resolveDue: string | null;
  /** Vietnamese date of the answer, when answered. */
  answeredOn: string | null;
  ratingResolved: boolean | null;
  ratingScore: number | null;
}

export interface BoardRow {
  key: string;
  received: number;
  answered: number;
  answeredOnTime: number;
  /** answeredOnTime / answered; null without answers. */
  onTimeRate: number | null;
  /** Still open and past its deadline today. */
  overdueOpen: number;
  rated: number;
  /** Share of ratings saying "yes, resolved". */
  resolvedRate: number | null;
  /** Mean score 1–5 of the ratings that gave one. */
  satisfaction: number | null;
}

export interface Board {
  total: BoardRow;
  byDimension: BoardRow[];
  byUnit: BoardRow[];
  byTrack: BoardRow[];
}

function row(key: string, items: readonly BoardItem[], today: string): BoardRow {
  const answered = items.filter((i) => i.answeredOn !== null);
  const onTime = answered.filter((i) => answeredOnTime(i.resolveDue, i.answeredOn)).length;
  const rated = items.filter((i) => i.ratingResolved !== null);
  const scored = rated.filter((i) => i.ratingScore !== null);
  return {
    key,
    received: items.length,
    answered: answered.length,
    answeredOnTime: onTime,
    onTimeRate: answered.length ? onTime / answered.length : null,
    overdueOpen: items.filter((i) => isOverdue(i, today)).length,
    rated: rated.length,
    resolvedRate: rated.length ? rated.filter((i) => i.ratingResolved).length / rated.length : null,
    satisfaction: scored.length ? scored.reduce((s, i) => s + (i.ratingScore ?? 0), 0) / scored.length : null,
  };
}

function groupRows(items: readonly BoardItem[], key: (i: BoardItem) => string, today: string): BoardRow[] {
  const groups = new Map<string, BoardItem[]>();
  for (const i of items) {
    const k = key(i);
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, g]) => row(k, g, today));
}

export function computeBoard(items: readonly BoardItem[], today: string): Board {
  return {
    total: row('total', items, today),
    byDimension: groupRows(items, (i) => i.dimension, today),
    byUnit: groupRows(items, (i) => i.unitId, today),
    byTrack: groupRows(items, (i) => i.track, today),
  };
}
