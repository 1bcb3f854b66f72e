/** A tiny two-dimension framework and series for hand-worked tests. */
import type { Framework, FrameworkSet } from '../framework.js';
import { buildFrameworkSet, parseFramework } from '../framework.js';
import type { ProvinceRef } from '../provinces.js';
import type { ScoreRow, ScoreSeries } from '../series.js';
import { buildSeries } from '../series.js';

const sub = (code: string, n: number, conceptId: string) => ({
  code,
  conceptId,
  nameEn: `Sub ${code}`,
  nameVi: `Nội dung ${code}`,
  nameViStatus: 'official',
  direction: 'higher-better',
  weight: 1 / n,
  scale: { score: [1, 10], published: [1 / n, 10 / n] },
  indicatorList: 'unknown',
  indicators: [] as unknown[],
});

/** d1 has two sub-dimensions (published 0.5–5), d2 has one (1–10); total 2–20. */
export function tinyFramework(): Framework {
  return parseFramework({
    schema: 'openpapi.papi-framework/1',
    id: 'papi-2030',
    era: '2030',
    years: { from: 2030, to: 2031 },
    nameEn: 'tiny',
    nameVi: 'nhỏ',
    aggregate: { method: 'sum', range: [2, 20] },
    officialIndicatorList: { status: 'unknown', note: '' },
    sources: [],
    dimensions: [
      {
        code: 'd1',
        number: 1,
        nameEn: 'One',
        nameVi: 'Một',
        direction: 'higher-better',
        weight: 1,
        range: [1, 10],
        subdimensions: [sub('1.1', 2, 'd1.a'), sub('1.2', 2, 'd1.b')],
      },
      {
        code: 'd2',
        number: 2,
        nameEn: 'Two',
        nameVi: 'Hai',
        direction: 'higher-better',
        weight: 1,
        range: [1, 10],
        subdimensions: [sub('2.1', 1, 'd2.a')],
      },
    ],
  });
}

export function tinySet(): FrameworkSet {
  return buildFrameworkSet([tinyFramework()]);
}

export function provinces(n: number, region = (i: number) => (i % 2 === 0 ? 'north' : 'south')): ProvinceRef[] {
  return Array.from({ length: n }, (_, i) => ({
    code: String(i + 1).padStart(2, '0'),
    codeSystem: 'vn2008' as const,
    nameVi: `Tỉnh ${i + 1}`,
    nameEn: `Province ${i + 1}`,
    region: region(i),
  }));
}

/** Series from [1.1, 1.2, 2.1] published values per province (null = missing). */
export function tinySeries(
  values: (readonly [number | null, number | null, number | null])[],
  year = 2030,
): ScoreSeries {
  const refs = provinces(values.length);
  const rows: ScoreRow[] = values.flatMap(([a, b, c], i) =>
    (
      [
        ['1.1', a],
        ['1.2', b],
        ['2.1', c],
      ] as const
    ).map(([subdimension, value]) => ({
      year,
      provinceCode: refs[i]!.code,
      codeSystem: 'vn2008' as const,
      subdimension,
      value,
    })),
  );
  return buildSeries(rows, { frameworks: tinySet(), provinces: refs, codeSystem: 'vn2008' });
}
