/**
 * Deadline arithmetic on calendar dates ('YYYY-MM-DD', Vietnamese dates). "Days" count calendar days;
 * "working days" (ngày làm việc) skip Saturdays, Sundays and public holidays. The built-in holidays are
 * the fixed solar ones of Bộ luật Lao động 2019 Đ.112 (1/1, 30/4, 1/5, 2/9); lunar holidays (Tết, Giỗ Tổ)
 * and compensating days move every year and are passed in `extraHolidays`.
 *
 * The day of receipt is not counted: a deadline of N days from the 1st is the (1+N)th.
 */

import type { TrackConfig } from './tracks.js';
import type { Status, Track } from './types.js';

const FIXED_HOLIDAYS = new Set(['01-01', '04-30', '05-01', '09-02']);

const toDate = (day: string): Date => new Date(`${day}T00:00:00Z`);
const toDay = (d: Date): string => d.toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  const d = toDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return toDay(d);
}

export function isWorkingDay(day: string, extraHolidays: ReadonlySet<string> = new Set()): boolean {
  const dow = toDate(day).getUTCDay();
  if (dow === 0 || dow === 6) return false;
  return !FIXED_HOLIDAYS.has(day.slice(5)) && !extraHolidays.has(day);
}

export function addWorkingDays(day: string, n: number, extraHolidays: ReadonlySet<string> = new Set()): string {
  let d = day;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, extraHolidays)) left--;
  }
  return d;
}

export interface DeadlineOptions {
  extraHolidays?: ReadonlySet<string>;
}

/** The day by which the item must be accepted or rejected (thụ lý). */
export function acceptDueDate(config: TrackConfig, receivedOn: string, opts: DeadlineOptions = {}): string {
  return config.acceptWorkingDays
    ? addWorkingDays(receivedOn, config.acceptDays, opts.extraHolidays)
    : addDays(receivedOn, config.acceptDays);
}

/**
 * Total resolution days: base, complex (phức tạp) or remote area (vùng sâu, vùng xa); a complex case in a
 * remote area gets both extensions (complaints: 30 → 45 → 60).
 */
export function resolveDays(config: TrackConfig, complex: boolean, remoteArea: boolean): number {
  let days = complex ? config.complexResolveDays : config.resolveDays;
  if (remoteArea) days += config.remoteResolveDays - config.resolveDays;
  return days;
}

/** The day by which an accepted item must be answered (giải quyết), counted from acceptance. */
export function resolveDueDate(
  config: TrackConfig,
  acceptedOn: string,
  flags: { complex: boolean; remoteArea: boolean },
  opts: DeadlineOptions = {},
): string {
  const days = resolveDays(config, flags.complex, flags.remoteArea);
  return config.resolveWorkingDays ? addWorkingDays(acceptedOn, days, opts.extraHolidays) : addDays(acceptedOn, days);
}

export interface DeadlineState {
  status: Status;
  acceptDue: string;
  resolveDue: string | null;
}

/** Overdue (quá hạn): not accepted by acceptDue, or accepted but not answered by resolveDue. */
export function isOverdue(item: DeadlineState, today: string): boolean {
  if (item.status === 'received') return today > item.acceptDue;
  if (item.status === 'accepted' || item.status === 'in_progress')
    return item.resolveDue !== null && today > item.resolveDue;
  return false;
}

/** Whether an answered item was answered on time (answer day ≤ resolveDue). */
export function answeredOnTime(resolveDue: string | null, answeredOn: string | null): boolean {
  return resolveDue !== null && answeredOn !== null && answeredOn <= resolveDue;
}

/** Answers are published on the portal for feedback and petitions only. */
export const answerIsPublic = (track: Track): boolean => track === 'feedback';
