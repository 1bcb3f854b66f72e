/**
 * Domain checks of one disclosure record (bản ghi công khai) before it is stored. zod at the HTTP edge checks
 * shapes; these are the rules that need the item type: dates in order, the period end of "throughout" items,
 * and the privacy rule for lists that name people.
 */
import { InputError } from '../errors.js';
import { DISCLOSURE_PLACES, type DisclosurePlace, type PostingRule } from './types.js';

/** '2026', '2026Q1', '2026S1', '2026N9' (9 months), or a plan period '2021-2030'. */
export const PERIOD_PATTERN = /^(\d{4})(Q[1-4]|S[12]|N9|-\d{4})?$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface DisclosureInput {
  typeId: string;
  title: string;
  period: string;
  places: string[];
  placeNote?: string | null;
  postedFrom: string;
  postedUntil?: string | null;
  periodEnd?: string | null;
  /** Publish the public copy on the portal. */
  published: boolean;
  /** The officer states the public copy carries no personal data (names, addresses, circumstances). */
  redacted: boolean;
  summary?: string | null;
}

export interface TypeRules {
  rule: PostingRule;
  personalData: boolean;
  active: boolean;
}

export interface NormalisedDisclosure {
  typeId: string;
  title: string;
  period: string;
  /** The year the record counts for on the compliance board (first year of the period). */
  year: number;
  places: DisclosurePlace[];
  placeNote: string | null;
  postedFrom: string;
  postedUntil: string | null;
  periodEnd: string | null;
  published: boolean;
  redacted: boolean;
  summary: string | null;
}

function validDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const fail = (message: string, field: string, code: string): never => {
  throw new InputError(message, { path: [field] }, code);
};

/** Checks and normalises; throws InputError naming the field. */
export function validateDisclosure(input: DisclosureInput, type: TypeRules): NormalisedDisclosure {
  const title = input.title.trim();
  if (!title) fail('Title is required', 'title', 'title_required');
  const period = input.period.trim();
  const m = PERIOD_PATTERN.exec(period);
  if (!m)
    fail(
      `Period "${period}" is not a year (2026), quarter (2026Q1), half (2026S1) or plan period (2021-2030)`,
      'period',
      'invalid_period',
    );
  const year = Number(m?.[1]);
  if (m?.[2]?.startsWith('-') && Number(m[2].slice(1)) < year)
    fail('Plan period ends before it starts', 'period', 'invalid_period');
  if (!type.active) fail('This kind of disclosure is switched off', 'typeId', 'type_inactive');

  const places = [...new Set(input.places)];
  if (places.length === 0)
    fail('Name at least one place where it was posted or announced', 'places', 'places_required');
  for (const p of places) {
    if (!(DISCLOSURE_PLACES as readonly string[]).includes(p)) fail(`Unknown place "${p}"`, 'places', 'invalid_place');
  }
  const placeNote = input.placeNote?.trim() || null;
  if (places.includes('other') && !placeNote) fail('Describe the other place', 'placeNote', 'place_note_required');

  if (!validDay(input.postedFrom))
    fail(`Posting start "${input.postedFrom}" is not a date`, 'postedFrom', 'invalid_date');
  const postedUntil = input.postedUntil ?? null;
  if (postedUntil !== null) {
    if (!validDay(postedUntil)) fail(`Posting end "${postedUntil}" is not a date`, 'postedUntil', 'invalid_date');
    if (postedUntil < input.postedFrom) fail('Posting ends before it starts', 'postedUntil', 'end_before_start');
  }
  const periodEnd = input.periodEnd ?? null;
  if (periodEnd !== null && !validDay(periodEnd))
    fail(`Period end "${periodEnd}" is not a date`, 'periodEnd', 'invalid_date');
  if (type.rule.kind === 'throughout') {
    if (periodEnd === null)
      fail('This item must stay posted throughout its period: give the period end', 'periodEnd', 'period_end_required');
    if (periodEnd !== null && periodEnd < input.postedFrom)
      fail('The period ends before the posting starts', 'periodEnd', 'end_before_start');
  }

  // Lists that name people (hộ nghèo, hộ cận nghèo) are never public by default.
  if (input.published && type.personalData && !input.redacted) {
    fail(
      'This list contains personal data: publish only a copy with names and addresses removed, and confirm it',
      'redacted',
      'personal_data_not_redacted',
    );
  }
  return {
    typeId: input.typeId,
    title,
    period,
    year,
    places: places as DisclosurePlace[],
    placeNote,
    postedFrom: input.postedFrom,
    postedUntil,
    periodEnd,
    published: input.published,
    redacted: input.redacted,
    summary: input.summary?.trim() || null,
  };
}
