import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import {
  complianceBoard,
  DEFAULT_DISCLOSURE_TYPES,
  daysInclusive,
  type PostingRecord,
  recordCompliance,
  validateDisclosure,
} from './index.js';

const rec = (over: Partial<PostingRecord>): PostingRecord => ({
  id: 'r',
  unitId: 'u1',
  typeId: 'budget_estimate',
  year: 2026,
  postedFrom: '2026-01-05',
  postedUntil: null,
  periodEnd: null,
  ...over,
});
const days90 = { kind: 'days', days: 90 } as const;

describe('posting duration', () => {
  it('counts both ends', () => {
    expect(daysInclusive('2026-01-01', '2026-01-01')).toBe(1);
    expect(daysInclusive('2026-01-01', '2026-03-31')).toBe(90);
    expect(daysInclusive('2024-02-28', '2024-03-01')).toBe(3); // leap year
  });

  it('90 days: complete on day 90, too short when taken down on day 89, ongoing while up', () => {
    expect(
      recordCompliance(days90, rec({ postedFrom: '2026-01-01', postedUntil: '2026-03-31' }), '2026-06-01'),
    ).toMatchObject({
      status: 'complete',
      postedDays: 90,
      requiredDays: 90,
    });
    expect(
      recordCompliance(days90, rec({ postedFrom: '2026-01-01', postedUntil: '2026-03-30' }), '2026-06-01'),
    ).toMatchObject({
      status: 'too_short',
      postedDays: 89,
    });
    expect(recordCompliance(days90, rec({ postedFrom: '2026-01-01' }), '2026-02-01')).toMatchObject({
      status: 'ongoing',
      postedDays: 32,
      dueUntil: '2026-03-31',
    });
    expect(recordCompliance(days90, rec({ postedFrom: '2026-01-01' }), '2026-03-31')).toMatchObject({
      status: 'complete',
    });
    // Planned to come down later than required, not there yet.
    expect(
      recordCompliance(days90, rec({ postedFrom: '2026-01-01', postedUntil: '2026-12-31' }), '2026-02-01').status,
    ).toBe('ongoing');
    // Starts in the future.
    expect(recordCompliance(days90, rec({ postedFrom: '2026-09-01' }), '2026-02-01')).toMatchObject({
      status: 'ongoing',
      postedDays: 0,
    });
  });

  it('throughout the period: up until the period end', () => {
    const rule = { kind: 'throughout' } as const;
    const base = { postedFrom: '2026-01-10', periodEnd: '2030-12-31' };
    expect(recordCompliance(rule, rec({ ...base, postedUntil: '2027-06-30' }), '2028-01-01').status).toBe('too_short');
    expect(recordCompliance(rule, rec(base), '2028-01-01').status).toBe('ongoing');
    expect(recordCompliance(rule, rec(base), '2031-01-01').status).toBe('complete');
    expect(recordCompliance(rule, rec({ ...base, postedUntil: '2030-12-31' }), '2031-01-01').status).toBe('complete');
  });
});

describe('compliance board', () => {
  const types = [
    { id: 'budget_estimate', rule: days90, required: true },
    { id: 'poor_households', rule: { kind: 'days', days: 30 } as const, required: true },
    { id: 'investment_projects', rule: { kind: 'days', days: 30 } as const, required: false },
  ];

  it('takes the best posting per unit and type, marks missing, counts per type, ignores other years', () => {
    const board = complianceBoard(
      2026,
      ['u1', 'u2'],
      types,
      [
        rec({ id: 'short', postedFrom: '2026-01-01', postedUntil: '2026-01-20' }),
        rec({ id: 'full', postedFrom: '2026-02-01', postedUntil: '2026-06-01' }),
        rec({ id: 'u2-short', unitId: 'u2', postedFrom: '2026-01-01', postedUntil: '2026-01-20' }),
        rec({ id: 'u2-poor', unitId: 'u2', typeId: 'poor_households', postedFrom: '2026-07-01' }),
        rec({
          id: 'old',
          unitId: 'u1',
          typeId: 'poor_households',
          year: 2025,
          postedFrom: '2025-01-01',
          postedUntil: '2025-12-31',
        }),
      ],
      '2026-07-10',
    );
    const cell = (u: string, t: string) => board.cells.find((c) => c.unitId === u && c.typeId === t);
    expect(cell('u1', 'budget_estimate')?.status).toBe('complete');
    expect(cell('u1', 'budget_estimate')?.records.map((r) => r.id)).toEqual(['full', 'short']);
    expect(cell('u1', 'poor_households')?.status).toBe('missing');
    expect(cell('u2', 'budget_estimate')?.status).toBe('too_short');
    expect(cell('u2', 'poor_households')?.status).toBe('ongoing');
    expect(cell('u1', 'investment_projects')).toBeUndefined(); // not required: not on the board
    expect(board.cells).toHaveLength(4);
    expect(board.totals.budget_estimate).toEqual({ complete: 1, ongoing: 0, too_short: 1, missing: 0 });
    expect(board.totals.poor_households).toEqual({ complete: 0, ongoing: 1, too_short: 0, missing: 1 });
  });
});

describe('validateDisclosure', () => {
  const budget = { rule: days90, personalData: false, active: true };
  const poor = { rule: { kind: 'days', days: 30 } as const, personalData: true, active: true };
  const input = {
    typeId: 'budget_estimate',
    title: ' Dự toán ngân sách xã năm 2026 ',
    period: '2026',
    places: ['commune_office', 'loudspeaker', 'commune_office'],
    postedFrom: '2026-01-05',
    postedUntil: '2026-04-10',
    published: true,
    redacted: false,
  };
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e instanceof InputError ? `${e.code}:${e.location.path?.join('.')}` : 'other';
    }
    return 'ok';
  };

  it('normalises a good record (trimmed title, unique places, year from the period)', () => {
    expect(validateDisclosure(input, budget)).toMatchObject({
      title: 'Dự toán ngân sách xã năm 2026',
      places: ['commune_office', 'loudspeaker'],
      year: 2026,
      placeNote: null,
    });
    expect(validateDisclosure({ ...input, period: '2021-2030' }, budget).year).toBe(2021);
  });

  it('names the bad field', () => {
    expect(code(() => validateDisclosure({ ...input, postedUntil: '2026-01-01' }, budget))).toBe(
      'end_before_start:postedUntil',
    );
    expect(code(() => validateDisclosure({ ...input, postedFrom: '2026-02-30' }, budget))).toBe(
      'invalid_date:postedFrom',
    );
    expect(code(() => validateDisclosure({ ...input, period: 'năm nay' }, budget))).toBe('invalid_period:period');
    expect(code(() => validateDisclosure({ ...input, places: [] }, budget))).toBe('places_required:places');
    expect(code(() => validateDisclosure({ ...input, places: ['other'] }, budget))).toBe(
      'place_note_required:placeNote',
    );
    expect(code(() => validateDisclosure({ ...input, title: '  ' }, budget))).toBe('title_required:title');
    expect(code(() => validateDisclosure(input, { ...budget, active: false }))).toBe('type_inactive:typeId');
    expect(
      code(() => validateDisclosure(input, { rule: { kind: 'throughout' }, personalData: false, active: true })),
    ).toBe('period_end_required:periodEnd');
  });

  it('never publishes a list with personal data unless the public copy is declared redacted', () => {
    expect(code(() => validateDisclosure({ ...input, typeId: 'poor_households' }, poor))).toBe(
      'personal_data_not_redacted:redacted',
    );
    expect(code(() => validateDisclosure({ ...input, published: false }, poor))).toBe('ok');
    expect(code(() => validateDisclosure({ ...input, redacted: true }, poor))).toBe('ok');
  });

  it('seeds: budget 90 days, land-use plan throughout, poor households personal data, all linked to D2', () => {
    const byCode = new Map(DEFAULT_DISCLOSURE_TYPES.map((t) => [t.code, t]));
    expect(byCode.get('budget_estimate')?.rule).toEqual({ kind: 'days', days: 90 });
    expect(byCode.get('land_use_plan')?.rule).toEqual({ kind: 'throughout' });
    expect(byCode.get('poor_households')?.personalData).toBe(true);
    for (const t of DEFAULT_DISCLOSURE_TYPES) expect(t.papi.every((p) => p.conceptId.startsWith('d2.'))).toBe(true);
  });
});
