import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import type { RawRecord } from './published.js';
import { checkPublishedAggregates, validatePublishedScoreRecords } from './published.js';
import { buildSeries } from './series.js';
import { provinces, tinySet } from './testing/fixtures.js';

const headers = [
  'year',
  'gso_code',
  'subdimension',
  'dimension',
  'n_subdimensions_in_dimension',
  'score_published_scale',
];
const rec = (
  row: number,
  year: string,
  code: string,
  sub: string,
  value: string,
  dim?: string,
  n?: string,
): RawRecord => ({
  row,
  values: {
    year,
    gso_code: code,
    subdimension: sub,
    dimension: dim ?? sub[0],
    n_subdimensions_in_dimension: n ?? (sub.startsWith('1') ? '2' : '1'),
    score_published_scale: value,
  },
});
const ctx = { headers, frameworks: tinySet(), provinces: provinces(3), file: 'scores.csv' };

function locate(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return { ...e.location, message: e.message };
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('published score validation', () => {
  const good = [rec(2, '2030', '1', '1.1', '2'), rec(3, '2030', '1', '1.2', '2.25'), rec(4, '2030', '1', '2.1', '5')];

  it('builds dimension = Σ sub-dimensions and total = Σ dimensions (hand-worked)', () => {
    const rows = validatePublishedScoreRecords(good, ctx);
    const s = buildSeries(rows, { frameworks: tinySet(), provinces: provinces(3), codeSystem: 'vn2008' });
    const p1 = s.years[0]!.provinces[0]!;
    expect(p1.dimensions).toEqual({ d1: 4.25, d2: 5 });
    expect(p1.total).toBe(9.25);
    expect(p1.status).toBe('rated');
    // provinces without rows are not rated: null, never 0
    expect(s.years[0]!.provinces[1]).toMatchObject({
      status: 'not-rated',
      total: null,
      dimensions: { d1: null, d2: null },
    });
  });

  it('keeps empty values as missing and marks partial province-years', () => {
    const rows = validatePublishedScoreRecords([rec(2, '2030', '1', '1.1', ''), ...good.slice(1)], ctx);
    expect(rows[0]!.value).toBeNull();
    const p1 = buildSeries(rows, { frameworks: tinySet(), provinces: provinces(3), codeSystem: 'vn2008' }).years[0]!
      .provinces[0]!;
    expect(p1).toMatchObject({ status: 'partial', total: null, dimensions: { d1: null, d2: 5 } });
  });

  it('accepts the published scale with a tolerance of 0.01 on the 1–10 scale (0.995/n passes, 0.985/n fails)', () => {
    expect(() => validatePublishedScoreRecords([rec(2, '2030', '1', '1.1', String(0.9952 / 2))], ctx)).not.toThrow();
    expect(() => validatePublishedScoreRecords([rec(2, '2030', '1', '1.1', String(10.009 / 2))], ctx)).not.toThrow();
    expect(
      locate(() => validatePublishedScoreRecords([rec(7, '2030', '1', '1.1', String(0.985 / 2))], ctx)),
    ).toMatchObject({
      file: 'scores.csv',
      row: 7,
      column: 'score_published_scale',
    });
    expect(locate(() => validatePublishedScoreRecords([rec(3, '2030', '1', '2.1', '10.2')], ctx)).message).toMatch(
      /outside the published scale 1–10/,
    );
  });

  it('rejects bad rows naming row and column', () => {
    expect(locate(() => validatePublishedScoreRecords([rec(5, '2030', '1', '1.1', 'abc')], ctx))).toMatchObject({
      row: 5,
      column: 'score_published_scale',
    });
    expect(locate(() => validatePublishedScoreRecords([rec(4, '2030', '9', '1.1', '1')], ctx))).toMatchObject({
      row: 4,
      column: 'gso_code',
    });
    expect(locate(() => validatePublishedScoreRecords([rec(6, '2029', '1', '1.1', '1')], ctx))).toMatchObject({
      row: 6,
      column: 'year',
    });
    expect(locate(() => validatePublishedScoreRecords([rec(2, '2030', '1', '1.3', '1')], ctx))).toMatchObject({
      row: 2,
      column: 'subdimension',
    });
    expect(locate(() => validatePublishedScoreRecords([rec(2, '2030', '1', '1.1', '1', '2')], ctx))).toMatchObject({
      column: 'dimension',
    });
    expect(locate(() => validatePublishedScoreRecords([rec(2, '2030', '1', '1.1', '1', '1', '3')], ctx))).toMatchObject(
      {
        column: 'n_subdimensions_in_dimension',
      },
    );
    expect(locate(() => validatePublishedScoreRecords([good[0]!, { ...good[0]!, row: 9 }], ctx))).toMatchObject({
      row: 9,
      column: 'subdimension',
    });
    expect(
      locate(() => validatePublishedScoreRecords(good, { ...ctx, headers: headers.filter((h) => h !== 'year') })),
    ).toMatchObject({ row: 1, column: 'year' });
  });

  it('checks a published aggregate table against the sums', () => {
    const s = buildSeries(validatePublishedScoreRecords(good, ctx), {
      frameworks: tinySet(),
      provinces: provinces(3),
      codeSystem: 'vn2008',
    });
    const agg = (d1: string, total: string): RawRecord => ({
      row: 2,
      values: { year: '2030', gso_code: '1', d1_x: d1, d2_y: '5', total },
    });
    const aggHeaders = ['year', 'gso_code', 'd1_x', 'd2_y', 'total'];
    expect(checkPublishedAggregates(s, [agg('4.25', '9.25')], { headers: aggHeaders })).toBe(3);
    expect(
      locate(() => checkPublishedAggregates(s, [agg('4.3', '9.25')], { headers: aggHeaders, file: 'd.csv' })),
    ).toMatchObject({
      file: 'd.csv',
      row: 2,
      column: 'd1_x',
    });
    expect(locate(() => checkPublishedAggregates(s, [agg('4.25', '9.3')], { headers: aggHeaders }))).toMatchObject({
      column: 'total',
    });
  });
});
