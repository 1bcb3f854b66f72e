/**
 * Reporting periods (kỳ báo cáo) and their statutory cut-off windows (thời gian chốt số liệu).
 *
 * Nghị định 09/2019/NĐ-CP, Điều 12: the reporting year runs from 15 December of the previous year to
 * 14 December; a quarter from the 15th of the month before the quarter to the 14th of its last month;
 * 6 months from 15 December to 14 June. The 9-month report (báo cáo 9 tháng, cumulative) that the plans
 * ask for follows the same rule: 15 December → 14 September.
 *
 * Period ids in the DHIS2 manner: `2025Q1`…`2025Q4`, `2025S1` (6 months), `2025N9` (9 months), `2025` (year).
 *
 * Submission deadline (hạn gửi báo cáo): the cut-off end + `SUBMISSION_DAYS.lower` (5) days for units
 * below the province (communes report first), + `SUBMISSION_DAYS.upper` (10) days for a province, which
 * needs the time to consolidate its communes' reports. Dates are calendar dates in Vietnam.
 */
import { RuleViolation } from './errors.js';

export const PERIOD_KINDS = ['Q1', 'Q2', 'Q3', 'Q4', 'S1', 'N9', 'Y'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface ReportingPeriod {
  id: string;
  year: number;
  kind: PeriodKind;
  /** First day of the cut-off window, YYYY-MM-DD. */
  start: string;
  /** Last day of the cut-off window (ngày chốt số liệu). */
  end: string;
  /** Cumulative periods (S1, N9, Y) start at the beginning of the reporting year. */
  cumulative: boolean;
}

export const SUBMISSION_DAYS = { lower: 5, upper: 10 } as const;

const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** End month of each period's window (the 14th of it) and whether it starts at the year's start. */
const SHAPE: Record<PeriodKind, { startMonth: number | 'year'; endMonth: number }> = {
  Q1: { startMonth: 'year', endMonth: 3 },
  Q2: { startMonth: 3, endMonth: 6 },
  Q3: { startMonth: 6, endMonth: 9 },
  Q4: { startMonth: 9, endMonth: 12 },
  S1: { startMonth: 'year', endMonth: 6 },
  N9: { startMonth: 'year', endMonth: 9 },
  Y: { startMonth: 'year', endMonth: 12 },
};

export function periodId(year: number, kind: PeriodKind): string {
  if (kind === 'Y') return String(year);
  return `${year}${kind}`;
}

export function makePeriod(year: number, kind: PeriodKind): ReportingPeriod {
  const shape = SHAPE[kind];
  const start = shape.startMonth === 'year' ? day(year - 1, 12, 15) : day(year, shape.startMonth, 15);
  return {
    id: periodId(year, kind),
    year,
    kind,
    start,
    end: day(year, shape.endMonth, 14),
    cumulative: kind === 'S1' || kind === 'N9' || kind === 'Y',
  };
}

/** Parses '2025Q1', '2025S1', '2025N9', '2025'; throws RuleViolation naming the bad id. */
export function parsePeriod(id: string): ReportingPeriod {
  const m = /^(\d{4})(Q[1-4]|S1|N9)?$/.exec(id);
  if (!m) {
    throw new RuleViolation(
      'invalid_period',
      `Unknown reporting period "${id}": expected e.g. 2025Q1, 2025S1 (6 months), 2025N9 (9 months) or 2025 (year)`,
      ['period'],
    );
  }
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) throw new RuleViolation('invalid_period', `Year ${year} is out of range`, ['period']);
  return makePeriod(year, (m[2] ?? 'Y') as PeriodKind);
}

/** The year's periods in the order their windows close (Q1, Q2, S1, Q3, N9, Q4, Y). */
export function periodsOfYear(year: number): ReportingPeriod[] {
  const order: PeriodKind[] = ['Q1', 'Q2', 'S1', 'Q3', 'N9', 'Q4', 'Y'];
  return order.map((k) => makePeriod(year, k));
}

/** Adds days to a YYYY-MM-DD date (UTC arithmetic on calendar dates, no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The reporting year a calendar date belongs to: 15 Dec 2024 → 2025. */
export function reportingYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '12-15' ? year + 1 : year;
}

/** Submission deadline of a period for a unit at `level` (1 = province; 2+ = below it). */
export function submissionDeadline(period: ReportingPeriod, level: number): string {
  return addDays(period.end, level <= 1 ? SUBMISSION_DAYS.upper : SUBMISSION_DAYS.lower);
}

/** The calendar date in Vietnam (UTC+7, no daylight saving) of an ISO timestamp. */
export function vietnamDateOf(isoTimestamp: string): string {
  return new Date(Date.parse(isoTimestamp) + 7 * 3600_000).toISOString().slice(0, 10);
}

export type Timeliness = 'on_time' | 'late' | 'missing' | 'pending';

/**
 * on_time: submitted on or before the deadline (Vietnam date); late: after it; missing: not submitted
 * and the deadline has passed; pending: not submitted, not yet due.
 */
export function timeliness(due: string, submittedAt: string | null, today: string): Timeliness {
  if (submittedAt) return vietnamDateOf(submittedAt) <= due ? 'on_time' : 'late';
  return today > due ? 'missing' : 'pending';
}
