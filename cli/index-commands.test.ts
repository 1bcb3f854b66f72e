import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseFramework } from '../core/index/framework.js';
import { syntheticFramework } from '../core/index/testing/synthetic-framework.js';
import { defaultProvinceCodes } from '../core/synthetic/papi-microdata.js';
import { writeSyntheticPapiCsv } from '../server/io/synthetic-csv.js';
import { runOpenpapiSync } from './testing/cli.js';

const root = join(import.meta.dirname, '..');

const openpapi = (...args: string[]) => runOpenpapiSync([...args]);

describe('openpapi rank', () => {
  it('writes rank,code,name,score,group with not-rated provinces last (2023)', () => {
    const r = openpapi('rank', '--year', '2023');
    expect(r.code).toBe(0);
    const rows = parse(r.out, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!).slice(0, 5)).toEqual(['rank', 'code', 'name', 'score', 'group']);
    expect(rows).toHaveLength(63);
    expect(rows[0]).toMatchObject({ rank: '1', code: '46', name: 'Thừa Thiên-Huế', score: '46.041541', group: 'best' });
    expect(rows.slice(-2).map((x) => [x.rank, x.name, x.score, x.group, x.status])).toEqual([
      ['', 'Bình Dương', '', '', 'not-rated'],
      ['', 'Quảng Ninh', '', '', 'not-rated'],
    ]);
    const count = (g: string) => rows.filter((x) => x.group === g).length;
    expect([count('best'), count('high-average'), count('low-average'), count('poorest')]).toEqual([15, 16, 15, 15]);
  });

  it('ranks a dimension on 34 provinces as JSON to a file, with the approximation stated', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rank-')), 'd4.json');
    const r = openpapi(
      'rank',
      '--year',
      '2024',
      '--dimension',
      'd4',
      '--geography',
      '34',
      '--format',
      'json',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    expect(j.entries).toHaveLength(34);
    expect(j.measure).toBe('d4');
    expect(j.approximation.official).toBe(false);
    expect(j.entries[0].rank).toBe(1);
  });

  it('exits 2 with one line on a bad request', () => {
    const r = openpapi('rank', '--year', '2015', '--dimension', 'd7');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^openpapi: .*d7 is not part of the 2011-2015 framework\n$/);
    expect(openpapi('rank', '--year', '1999').code).toBe(2);
    expect(openpapi('rank', '--year', 'abc').err).toMatch(/--year: must be a year/);
  });
});

describe('openpapi diagnose', () => {
  it('diagnoses "quang ninh" 2020 in English: groups per dimension, three weakest, a what-if that moves up', () => {
    const r = openpapi('diagnose', 'quang ninh', '--year', '2020', '--lang', 'en');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe(
      'PAPI 2020: Quang Ninh scored 48.81 in aggregate, ranked 1 of 63, in the best performers group.',
    );
    expect(lines.filter((l) => /^D[1-8] /.test(l))).toHaveLength(8);
    expect(lines).toContain(
      'D3 Vertical Accountability Towards Citizens: 4.79, ranked 43 of 63, low-average; needs 0.10 points more to reach the high-average group.',
    );
    expect(r.out).toMatch(
      /Three weakest sub-dimensions .*: 3\.2 Government Responsiveness to Citizen Appeals \(2\.69\/10/,
    );
    expect(r.out).toMatch(
      /What-if: raising 3\.2 .* by 0\.097 points .* D3 to 4\.89, rank 32, in the high-average group\./,
    );
  });

  it('diagnoses Hà Nội 2024 in Vietnamese by code, and as JSON with sub-dimension ids for plans', () => {
    const vi = openpapi('diagnose', '01', '--year', '2024');
    expect(vi.code).toBe(0);
    expect(vi.out).toMatch(
      /^PAPI 2024: Hà Nội đạt 43,77 điểm tổng hợp, xếp thứ 29\/61, thuộc nhóm đạt điểm trung bình cao/,
    );
    expect(vi.out).toMatch(/Ba nội dung thành phần yếu nhất/);
    expect(vi.out).toMatch(/Giả định: nếu 7\.2 Chất lượng không khí tăng 0,964 điểm .* vào nhóm đạt điểm cao nhất\./);
    const j = JSON.parse(openpapi('diagnose', 'Hà Nội', '--year', '2024', '--format', 'json').out);
    expect(j.weakest).toEqual(['7.2', '6.1', '4.1']);
    expect(j.total).toMatchObject({ rank: 29, of: 61, group: 'high-average' });
    expect(j.suggestion.result.total.groupAfter).toBe('best');
    expect(j.sentences.length).toBeGreaterThan(10);
  });

  it('diagnoses a merged province on 34 provinces, stating partial coverage and the approximation', () => {
    const r = openpapi('diagnose', 'ho chi minh', '--year', '2023', '--geography', '34', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^PAPI 2023: Ho Chi Minh scored 42\.09 in aggregate, ranked 19 of 33/);
    expect(r.out).toMatch(
      /Partial coverage: Binh Duong \(merged old province\) had no score in 2023; the figures cover 81% of the population\./,
    );
    expect(r.out).toMatch(/Approximation, not an official PAPI score/);
  });

  it('says "not rated" for a withheld province-year, and rejects an ambiguous name', () => {
    const r = openpapi('diagnose', 'Quảng Ninh', '--year', '2023', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Quang Ninh was not rated in PAPI 2023/);
    const amb = openpapi('diagnose', 'quang', '--year', '2024');
    expect(amb.code).toBe(2);
    expect(amb.err).toMatch(/matches several provinces/);
  });
});

describe('openpapi whatif', () => {
  it('recomputes dimensions, total, rank and group (Hà Nội 2024: +0.964 on 7.2 reaches the best group)', () => {
    const r = openpapi('whatif', 'ha noi', '--year', '2024', '--set', '7.2=+0.964', '--lang', 'en', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.total.before).toBeCloseTo(43.774716, 6);
    expect(j.total.after).toBeCloseTo(43.774716 + 0.964, 6);
    expect(j.total).toMatchObject({ rankBefore: 29, groupBefore: 'high-average', groupAfter: 'best' });
    expect(j.dimensions.find((d: { measure: string }) => d.measure === 'd7').after).toBeCloseTo(2.87 + 0.964, 1);
  });

  it('prints a text table and rejects values off the scale', () => {
    const r = openpapi('whatif', '46', '--year', '2022', '--set', '2.1=+0.3', '--set', 'd4=6.5', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^What-if for Thua Thien-Hue, PAPI 2022: 2\.1=\+0\.3, d4=6\.5/);
    expect(r.out).toMatch(/\nd4 +7\.036 → +6\.500/);
    const bad = openpapi('whatif', '46', '--year', '2022', '--set', '2.1=9');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/outside its published scale/);
  });
});

describe('openpapi score', () => {
  it('scores SYNTHETIC microdata with a framework file: every province with intervals and a rank interval', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-'));
    const base = parseFramework(
      JSON.parse(readFileSync(join(root, 'data/papi/frameworks/papi-2021-2024.json'), 'utf8')),
    );
    const { framework, items } = syntheticFramework(base);
    writeFileSync(join(dir, 'fw.json'), JSON.stringify(framework));
    await writeSyntheticPapiCsv(join(dir, 'data.csv'), {
      seed: 3,
      respondents: 2000,
      items,
      provinces: defaultProvinceCodes(8),
    });
    const out = join(dir, 'scores.csv');
    const r = openpapi(
      'score',
      join(dir, 'data.csv'),
      '--framework',
      join(dir, 'fw.json'),
      '--province',
      'province',
      '--weight',
      'weight',
      '--strata',
      'stratum',
      '--cluster',
      'psu',
      '--replicates',
      '100',
      '--seed',
      '9',
      '--out',
      out,
    );
    expect(r.err).toMatch(/Rao–Wu bootstrap: 100 replicates, seed 9/);
    expect(r.code).toBe(0);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    const totals = rows.filter((x) => x.level === 'total');
    expect(totals.map((x) => x.province)).toEqual([...defaultProvinceCodes(8), 'national']);
    for (const t of totals.slice(0, 8)) {
      expect(Number(t.ci_low)).toBeLessThan(Number(t.value));
      expect(Number(t.rank_low)).toBeLessThanOrEqual(Number(t.rank));
      expect(Number(t.rank_high)).toBeGreaterThanOrEqual(Number(t.rank));
    }
    expect(rows.filter((x) => x.level === 'subdimension' && x.province === 'P01')).toHaveLength(28);
    expect(rows.filter((x) => x.level === 'indicator' && x.province === 'P01')).toHaveLength(56);
  });

  it('says which columns the shipped framework expects when none is present', () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-'));
    writeFileSync(join(dir, 'd.csv'), 'province,weight,x\nA,1,1\nB,1,0\n');
    const r = openpapi(
      'score',
      join(dir, 'd.csv'),
      '--year',
      '2024',
      '--province',
      'province',
      '--weight',
      'weight',
      '--out',
      join(dir, 'o.csv'),
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /none of the framework's indicator variables is in the data \(papi-2021-2024 expects e\.g\. q1_1_1/,
    );
  });
});
