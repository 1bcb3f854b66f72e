/**
 * Compliance of a commune with its disclosure duties for a year (bảng theo dõi công khai): for each unit and
 * item type, whether a notice was posted long enough. Pure: takes the types, the records and "today".
 */
import type { PostingRule } from './types.js';

/** complete = posted long enough; ongoing = up now (or scheduled) and not yet long enough; too_short = taken
 *  down before the required time; missing = nothing recorded for the year. */
export const COMPLIANCE_STATUSES = ['complete', 'ongoing', 'too_short', 'missing'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export interface PostingRecord {
  id: string;
  unitId: string;
  typeId: string;
  year: number;
  /** YYYY-MM-DD */
  postedFrom: string;
  /** Last day it was up; null while still posted. */
  postedUntil: string | null;
  /** Last day of the period the item concerns (for `throughout` rules). */
  periodEnd: string | null;
}

const DAY = 86_400_000;
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Days from `from` to `to`, both counted (1 Jan – 1 Jan is 1 day). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((ms(to) - ms(from)) / DAY) + 1;
}

export function addDays(iso: string, days: number): string {
  return new Date(ms(iso) + days * DAY).toISOString().slice(0, 10);
}

export interface RecordCompliance {
  status: Exclude<ComplianceStatus, 'missing'>;
  /** Days posted so far (0 when it starts in the future). */
  postedDays: number;
  /** Days the rule asks for (throughout: from the start to the period end). */
  requiredDays: number;
  /** The first day the duty is met (complete from that day on while still posted). */
  dueUntil: string;
}

/** The status of one posting against its rule, as of `today`. */
export function recordCompliance(rule: PostingRule, rec: PostingRecord, today: string): RecordCompliance {
  const lastRequired =
    rule.kind === 'days' ? addDays(rec.postedFrom, rule.days - 1) : (rec.periodEnd ?? rec.postedUntil ?? today);
  const requiredDays = Math.max(1, daysInclusive(rec.postedFrom, lastRequired));
  if (rec.postedFrom > today) return { status: 'ongoing', postedDays: 0, requiredDays, dueUntil: lastRequired };
  const takenDown = rec.postedUntil !== null && rec.postedUntil < today;
  const lastPosted = takenDown ? (rec.postedUntil as string) : today;
  const postedDays = daysInclusive(rec.postedFrom, lastPosted);
  if (lastPosted >= lastRequired) return { status: 'complete', postedDays, requiredDays, dueUntil: lastRequired };
  if (takenDown) return { status: 'too_short', postedDays, requiredDays, dueUntil: lastRequired };
  return { status: 'ongoing', postedDays, requiredDays, dueUntil: lastRequired };
}

export interface BoardType {
  id: string;
  rule: PostingRule;
  required: boolean;
}

export interface BoardCell {
  unitId: string;
  typeId: string;
  status: ComplianceStatus;
  /** The records considered, best first. */
  records: (RecordCompliance & { id: string })[];
}

export interface ComplianceBoard {
  year: number;
  today: string;
  cells: BoardCell[];
  /** Per type: how many units are in each status. */
  totals: Record<string, Record<ComplianceStatus, number>>;
}

const RANK: Record<ComplianceStatus, number> = { complete: 0, ongoing: 1, too_short: 2, missing: 3 };

/**
 * The board for `units` × required `types` in `year`: each cell takes the best status among the records of
 * that unit and type whose period lies in the year (one complete posting is enough).
 */
export function complianceBoard(
  year: number,
  unitIds: readonly string[],
  types: readonly BoardType[],
  records: readonly PostingRecord[],
  today: string,
): ComplianceBoard {
  const byKey = new Map<string, PostingRecord[]>();
  for (const r of records) {
    if (r.year !== year) continue;
    const key = `${r.unitId}\u0000${r.typeId}`;
    const list = byKey.get(key) ?? [];
    list.push(r);
    byKey.set(key, list);
  }
  const cells: BoardCell[] = [];
  const totals: ComplianceBoard['totals'] = {};
  const counted = types.filter((t) => t.required);
  for (const type of counted) totals[type.id] = { complete: 0, ongoing: 0, too_short: 0, missing: 0 };
  for (const unitId of unitIds) {
    for (const type of counted) {
      const recs = (byKey.get(`${unitId}\u0000${type.id}`) ?? [])
        .map((r) => ({ id: r.id, ...recordCompliance(type.rule, r, today) }))
        .sort((a, b) => RANK[a.status] - RANK[b.status] || b.postedDays - a.postedDays);
      const status: ComplianceStatus = recs[0]?.status ?? 'missing';
      cells.push({ unitId, typeId: type.id, status, records: recs });
      const t = totals[type.id];
      if (t) t[status] += 1;
    }
  }
  return { year, today, cells, totals };
}
