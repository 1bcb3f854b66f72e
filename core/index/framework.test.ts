import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import type { Framework } from './framework.js';
import {
  buildFrameworkSet,
  comparability,
  crosswalkSubdimensions,
  frameworkForYear,
  parseFramework,
  subdimensionsOf,
} from './framework.js';

// Tests may read the shipped data; the module under test does not.
const dir = join(import.meta.dirname, '../../data/papi/frameworks');
const raw = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>]),
);
const set = buildFrameworkSet(Object.entries(raw).map(([f, j]) => parseFramework(j, f)));
const clone = (f: string) => structuredClone(raw[f]) as Framework;

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('shipped frameworks', () => {
  it('has one file per era with 22, 22, 28, 29, 28 sub-dimensions', () => {
    expect(set.frameworks.map((f) => [f.era, subdimensionsOf(f).length])).toEqual([
      ['2011-2015', 22],
      ['2016-2017', 22],
      ['2018', 28],
      ['2019-2020', 29],
      ['2021-2024', 28],
    ]);
    expect(frameworkForYear(set, 2017)!.id).toBe('papi-2016-2017');
    expect(frameworkForYear(set, 2021)!.dimensions.find((d) => d.code === 'd5')!.subdimensions).toHaveLength(3);
    expect(frameworkForYear(set, 2010)).toBeUndefined();
  });

  it('marks the METHOD.md §1.3 indicators as inferred and leaves a place for the official list', () => {
    const fw = frameworkForYear(set, 2024)!;
    expect(fw.officialIndicatorList.status).toBe('unknown');
    const inds = subdimensionsOf(fw).flatMap((s) => s.indicators);
    expect(inds.length).toBeGreaterThan(30);
    expect(inds.every((i) => i.status === 'inferred')).toBe(true);
    // D3 has no illustrative indicators: an explicit empty place
    expect(subdimensionsOf(fw).find((s) => s.code === '3.1')!.indicatorList).toBe('unknown');
  });

  it('crosswalks sub-dimension codes through concept ids', () => {
    const cw = crosswalkSubdimensions(frameworkForYear(set, 2015)!, frameworkForYear(set, 2018)!);
    expect(cw['2.1']).toBe('2.2'); // Poverty lists
    expect(cw['2.3']).toBe('2.4'); // Land-use plans
    expect(cw['3.3']).toBeNull(); // Community investment supervision boards disappear
    const cw2 = crosswalkSubdimensions(frameworkForYear(set, 2020)!, frameworkForYear(set, 2021)!);
    expect(cw2['5.2']).toBeNull(); // construction permits dropped in 2021
    expect(cw2['5.3']).toBe('5.2');
  });
});

describe('comparability across era breaks', () => {
  it('keeps D2, D4 and D6 comparable across 2016, not D1, D3, D5 or the total', () => {
    for (const d of ['d2', 'd4', 'd6'] as const) expect(comparability(set, d, 2015, 2016).comparable).toBe(true);
    for (const d of ['d1', 'd3', 'd5', 'total'] as const)
      expect(comparability(set, d, 2015, 2016).comparable).toBe(false);
    expect(comparability(set, 'd4', 2011, 2017).comparable).toBe(true);
  });
  it('compares nothing across 2018 for totals', () => {
    expect(comparability(set, 'total', 2017, 2018).comparable).toBe(false);
    expect(comparability(set, 'total', 2011, 2024).comparable).toBe(false);
    expect(comparability(set, 'total', 2016, 2017).comparable).toBe(true);
  });
  it('does not compare D5 (nor the total) across 2021, but D4 yes', () => {
    const c = comparability(set, 'd5', 2020, 2021);
    expect(c.comparable).toBe(false);
    expect(c.breaks.map((b) => b.year)).toEqual([2021]);
    expect(comparability(set, 'total', 2020, 2021).comparable).toBe(false);
    expect(comparability(set, 'd4', 2019, 2024).comparable).toBe(true);
    expect(comparability(set, 'total', 2021, 2024).comparable).toBe(true);
    expect(comparability(set, 'd8', 2018, 2019).comparable).toBe(false);
  });
  it('compares a sub-dimension only under the same concept', () => {
    expect(comparability(set, '2.1', 2015, 2016).comparable).toBe(true);
    expect(comparability(set, '4.2', 2019, 2022).comparable).toBe(true);
    expect(comparability(set, '5.2', 2020, 2021).comparable).toBe(false);
  });
});

describe('validation on load names the bad field', () => {
  it('rejects a duplicate sub-dimension code', () => {
    const fw = clone('papi-2018.json');
    fw.dimensions[0]!.subdimensions[1]!.code = '1.1';
    const e = inputError(() => parseFramework(fw, 'papi-2018.json'));
    expect(e.location).toMatchObject({ file: 'papi-2018.json', path: ['dimensions', 0, 'subdimensions', 1, 'code'] });
    expect(e.message).toMatch(/duplicate sub-dimension code 1.1/);
  });
  it('rejects weights that do not sum to 1', () => {
    const fw = clone('papi-2018.json');
    fw.dimensions[1]!.subdimensions[0]!.weight = 0.5;
    const e = inputError(() => parseFramework(fw, 'papi-2018.json'));
    expect(e.location.path).toEqual(['dimensions', 1, 'subdimensions']);
    expect(e.message).toMatch(/sum to 1.25/);
  });
  it('rejects an indicator filed under the wrong sub-dimension', () => {
    const fw = clone('papi-2021-2024.json');
    fw.dimensions[0]!.subdimensions[0]!.indicators[0]!.code = '1.2.9';
    const e = inputError(() => parseFramework(fw, 'x.json'));
    expect(e.location.path).toEqual(['dimensions', 0, 'subdimensions', 0, 'indicators', 0, 'code']);
  });
  it('rejects a schema violation with its zod path', () => {
    const fw = clone('papi-2021-2024.json') as unknown as { dimensions: { direction: string }[] };
    fw.dimensions[2]!.direction = 'sideways';
    const e = inputError(() => parseFramework(fw, 'x.json'));
    expect(e.location.path).toEqual(['dimensions', 2, 'direction']);
  });
  it('rejects a published scale that is not 1/n–10/n', () => {
    const fw = clone('papi-2011-2015.json');
    fw.dimensions[1]!.subdimensions[0]!.scale.published = [0.25, 2.5];
    const e = inputError(() => parseFramework(fw, 'x.json'));
    expect(e.location.path).toEqual(['dimensions', 1, 'subdimensions', 0, 'scale', 'published']);
  });
});
