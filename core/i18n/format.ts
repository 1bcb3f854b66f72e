/**
 * Numbers and dates for people, in one place. Vietnamese uses a decimal comma and a dot for
 * thousands ("1.234,5"); dates are shown in Vietnam's time zone whatever the machine's zone is.
 */
import type { Lang } from './index.js';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** BCP 47 tag for Intl: Vietnamese as in Vietnam; English with day-month-year order, like Vietnamese. */
export function localeTag(lang: Lang): string {
  return lang === 'vi' ? 'vi-VN' : 'en-GB';
}

// Building an Intl formatter costs far more than using one (a profile page formats hundreds of
// numbers), so each locale-and-options pair is built once.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(
  kind: string,
  locale: string,
  options: object,
  make: () => F,
): F {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  const known = formatters.get(key) as F | undefined;
  if (known) return known;
  const made = make();
  formatters.set(key, made);
  return made;
}

const numberFormat = (locale: string, options: Intl.NumberFormatOptions) =>
  cached('n', locale, options, () => new Intl.NumberFormat(locale, options));
const dateFormat = (locale: string, options: Intl.DateTimeFormatOptions) =>
  cached('d', locale, options, () => new Intl.DateTimeFormat(locale, options));

export function formatNumber(lang: Lang, value: number, options: Intl.NumberFormatOptions = {}): string {
  return numberFormat(localeTag(lang), options).format(value);
}

/** A plain date 'YYYY-MM-DD' is a calendar day, not an instant: read it as noon in Vietnam. */
function toInstant(value: Date | string): Date {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T12:00:00+07:00`);
  return typeof value === 'string' ? new Date(value) : value;
}

/** 01/07/2025 (vi) or 01/07/2025 (en-GB). */
export function formatDate(lang: Lang, value: Date | string): string {
  return dateFormat(localeTag(lang), {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(toInstant(value));
}

/** Date and time to the minute, in Vietnam's time zone. */
export function formatDateTime(lang: Lang, value: Date | string): string {
  return dateFormat(localeTag(lang), {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(toInstant(value));
}

/** Today's calendar date in Vietnam as 'YYYY-MM-DD' (the default "as of" date of the unit tree). */
export function todayInVietnam(now: Date = new Date()): string {
  const parts = dateFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
