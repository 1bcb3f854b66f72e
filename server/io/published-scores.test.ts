import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { countGroups } from '../../core/index/groups.js';
import { provinceProfile, rankingTable, yearOnYearChange } from '../../core/index/ranking.js';
import type { ScoreSeries } from '../../core/index/series.js';
import { provinceYear, seriesRows } from '../../core/index/series.js';
import type { ShippedIndexData } from './published-scores.js';
import {
  checkAggregatesFile,
  loadShippedIndexData,
  parseCsvTable,
  readPublishedScores,
  shippedDataDir,
  shippedSeries,
} from './published-scores.js';

let data: ShippedIndexData;
let s: ScoreSeries;
const dataDir = shippedDataDir();
const longCsv = join(dataDir, 'papi', 'papi_subdimensions_long_2011_2024.csv');
const wideCsv = join(dataDir, 'papi', 'papi_dimensions_total_2011_2024.csv');

beforeAll(async () => {
  data = await loadShippedIndexData();
  s = data.series63;
});

const total = (year: number, code: string) => provinceYear(s, year, code)!.total;

describe('published scores 2011–2024 (shipped data) reproduce the published figures', () => {
  it('matches the METHOD.md fixtures', () => {
    expect(total(2020, '22')).toBeCloseTo(48.811382, 6); // Quảng Ninh 2020
    expect(total(2023, '46')).toBeCloseTo(46.041541, 6); // Thừa Thiên-Huế 2023
    expect(total(2011, '01')).toBeCloseTo(36.405018, 6); // Hà Nội 2011 (official 36.40502)
    const t2024 = rankingTable(s, 2024, 'total');
    expect(t2024.entries[0]!.province.nameVi).toBe('Quảng Ninh');
    expect(t2024.entries[0]!.score).toBeCloseTo(47.821235, 6);
    expect(t2024.entries.slice(1, 3).map((e) => e.province.nameVi)).toEqual(['Tây Ninh', 'Bình Thuận']);
    expect(
      t2024.entries
        .filter((e) => e.rank !== null)
        .slice(-3)
        .map((e) => e.province.nameVi),
    ).toEqual(['Cần Thơ', 'Kon Tum', 'Kiên Giang']);
    expect(rankingTable(s, 2023, 'total').entries[0]!.province.nameVi).toBe('Thừa Thiên-Huế');
  });

  it('gives Hà Nội 2024 rank 29 with its published dimension values', () => {
    const hn = rankingTable(s, 2024, 'total').entries.find((e) => e.province.code === '01')!;
    expect(hn.rank).toBe(29);
    expect(hn.score).toBeCloseTo(43.77, 2);
    const dims = provinceYear(s, 2024, '01')!.dimensions;
    expect(Object.values(dims).map((v) => Math.round(v! * 100) / 100)).toEqual([
      5.39, 5.71, 4.36, 6.7, 7.12, 7.57, 2.87, 4.05,
    ]);
  });

  it('splits 63 provinces 16/16/15/16 and the 61 rated in 2023 15/16/15/15', () => {
    for (const year of [2011, 2012, 2013, 2015, 2016, 2017, 2019, 2020]) {
      const scores = rankingTable(s, year, 'total').entries.flatMap((e) => (e.score === null ? [] : [e.score]));
      expect(scores).toHaveLength(63);
      expect(countGroups(scores)).toEqual({ best: 16, 'high-average': 16, 'low-average': 15, poorest: 16 });
    }
    const t = rankingTable(s, 2023, 'total');
    const by = (g: string) => t.entries.filter((e) => e.group === g).length;
    expect([by('best'), by('high-average'), by('low-average'), by('poorest')]).toEqual([15, 16, 15, 15]);
  });

  it('equals the published aggregate table: every dimension and total (and its ranks and groups)', async () => {
    const compared = await checkAggregatesFile(s, wideCsv);
    expect(compared).toBeGreaterThan(882 * 6);
    const wide = parseCsvTable(readFileSync(wideCsv, 'utf8'), 'wide');
    let ranks = 0;
    for (const r of wide.records) {
      const year = Number(r.values.year);
      const code = String(r.values.gso_code).padStart(2, '0');
      const e = rankingTable(s, year, 'total').entries.find((x) => x.province.code === code)!;
      const theirTotal = r.values.total_unweighted_sum === '' ? null : Number(r.values.total_unweighted_sum);
      expect(e.score === null ? null : Math.round(e.score * 1e6) / 1e6).toBe(theirTotal);
      if (r.values.rank_computed !== '') {
        expect(e.rank).toBe(Number(r.values.rank_computed));
        expect(String(r.values.group_computed_quartile).startsWith(e.group!)).toBe(true);
        ranks++;
      }
    }
    expect(ranks).toBeGreaterThan(860);
  });

  it('keeps missing province-years missing ("not rated"), listed last with no rank', () => {
    for (const code of ['22', '74'])
      expect(provinceYear(s, 2023, code)).toMatchObject({ status: 'not-rated', total: null });
    expect(provinceYear(s, 2018, '22')).toMatchObject({ status: 'partial', total: null });
    expect(provinceYear(s, 2018, '22')!.dimensions.d1).not.toBeNull();
    const t = rankingTable(s, 2023, 'total');
    expect(t.entries.slice(-2).map((e) => [e.province.nameVi, e.rank, e.score, e.group])).toEqual([
      ['Bình Dương', null, null, null],
      ['Quảng Ninh', null, null, null],
    ]);
    expect(t.thresholds!.n).toBe(61);
    // flat rows keep nulls (no zero ever appears)
    const rows = seriesRows(s);
    expect(rows.filter((r) => r.value === 0)).toHaveLength(0);
    expect(rows.filter((r) => r.value === null).length).toBe(285);
    expect(rows[0]).toEqual({
      year: 2011,
      provinceCode: '01',
      codeSystem: 'vn2008',
      subdimension: '1.1',
      value: 1.26411,
    });
  });
});

describe('profiles and year-on-year changes respect the era breaks', () => {
  it('gives Hà Nội a 2011–2024 profile with ranks, groups and comparable changes only', () => {
    const p = provinceProfile(s, '01');
    expect(p.years).toHaveLength(14);
    const y2024 = p.years.at(-1)!;
    expect(y2024.total).toMatchObject({ rank: 29, of: 61, group: 'high-average' });
    expect(y2024.dimensions).toHaveLength(8);
    const y2018 = p.years.find((y) => y.year === 2018)!;
    expect(y2018.total.change).toMatchObject({ comparable: false, delta: null, breakYears: [2018] });
    const y2016 = p.years.find((y) => y.year === 2016)!;
    expect(y2016.dimensions.map((d) => d.change!.comparable)).toEqual([false, true, false, true, false, true]);
    expect(yearOnYearChange(s, '01', 'd5', 2020, 2021)).toMatchObject({
      comparable: false,
      reason: 'd5 was revised in between',
    });
    const c = yearOnYearChange(s, '01', 'total', 2023, 2024);
    expect(c.comparable).toBe(true);
    expect(c.delta).toBeCloseTo(43.774716 - provinceYear(s, 2023, '01')!.total!, 12);
    expect(c.significant).toBeNull(); // published tables carry no intervals
  });
});

describe('bad files are rejected with file, row and column', () => {
  const dir = mkdtempSync(join(tmpdir(), 'papi-scores-'));
  const lines = readFileSync(longCsv, 'utf8').split('\n').slice(0, 40);
  const ctx = () => ({ frameworks: data.frameworks, provinces: data.provinces63 });
  /** Rewrite a CSV with one cell changed (data row index i, 0-based; the file row is i + 2). */
  const withCell = (text: string, i: number, column: string, value: string) => {
    const t = parseCsvTable(text, 'x');
    const rows = t.records.map((r) => t.headers.map((h) => String(r.values[h] ?? '')));
    rows[i]![t.headers.indexOf(column)] = value;
    return stringify([t.headers, ...rows]);
  };

  it('CSV: a value off the published scale', async () => {
    // data row 9 = file row 11: a D3 sub-dimension (max 3.33) set to 7.5
    const bad = withCell(withCell(lines.join('\n'), 9, 'score_published_scale', '7.5'), 9, 'score_1_to_10', '22.5');
    const path = join(dir, 'bad.csv');
    writeFileSync(path, bad);
    const err = await readPublishedScores(path, ctx()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).toString()).toMatch(/^bad\.csv, row 11, column score_published_scale: 7\.5 is outside/);
  });

  it('CSV: a sub-dimension that does not exist in that year (5.4 in 2021)', async () => {
    const rows = readFileSync(longCsv, 'utf8').split('\n');
    const i = rows.findIndex((l) => l.startsWith('2021,1,Ha Noi,Hà Nội,5,'));
    const path = join(dir, 'bad2.csv');
    writeFileSync(path, withCell([rows[0], rows[i]].join('\n'), 0, 'subdimension', '5.4'));
    const err = (await readPublishedScores(path, ctx()).catch((e: unknown) => e)) as InputError;
    expect(err.location).toMatchObject({ file: 'bad2.csv', row: 2, column: 'subdimension' });
  });

  it('XLSX: the same layout parses to the same rows, and a bad cell is named by sheet, row and column', async () => {
    const table = parseCsvTable(lines.join('\n'), 'x');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Scores');
    ws.addRow(table.headers);
    for (const r of table.records)
      ws.addRow(
        table.headers.map((h) =>
          /^(year|gso_code|dimension|n_sub|score)/.test(h) && r.values[h] !== '' ? Number(r.values[h]) : r.values[h],
        ),
      );
    const good = join(dir, 'good.xlsx');
    await wb.xlsx.writeFile(good);
    const fromXlsx = await readPublishedScores(good, ctx());
    const csvPath = join(dir, 'good.csv');
    writeFileSync(csvPath, lines.join('\n'));
    const fromCsv = await readPublishedScores(csvPath, ctx());
    expect(seriesRows(fromXlsx)).toEqual(seriesRows(fromCsv));

    ws.getCell('K5').value = 'n/a?';
    const bad = join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const err = (await readPublishedScores(bad, ctx()).catch((e: unknown) => e)) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.toString()).toBe(
      'bad.xlsx, sheet Scores, row 5, column K (score_published_scale): "n/a?" is not a number',
    );
  });

  it('rejects other file types and missing files', async () => {
    await expect(readPublishedScores(join(dir, 'x.txt'), ctx())).rejects.toThrow(InputError);
    const p = join(dir, 'x.json');
    writeFileSync(p, '{}');
    await expect(readPublishedScores(p, ctx())).rejects.toThrow(/unsupported file type/);
  });
});

describe('34-province re-basing of the shipped series', () => {
  it('covers 2011–2024 on 34 provinces with the approximation stated and partial coverage flagged', async () => {
    const { series } = await shippedSeries('34');
    expect(series.provinces).toHaveLength(34);
    expect(series.years.map((y) => y.year)).toEqual(Array.from({ length: 14 }, (_, i) => 2011 + i));
    expect(series.approximation?.official).toBe(false);
    const hcm = provinceYear(series, 2023, '79')!;
    expect(hcm.coverage).toMatchObject({ components: ['74', '77', '79'], available: ['77', '79'], partial: true });
    expect(hcm.total).not.toBeNull();
    // unchanged provinces keep their published score exactly
    expect(provinceYear(series, 2023, '46')!.total).toBeCloseTo(46.041541, 9);
    // Quảng Ninh (unchanged, not rated in 2023) stays not rated
    expect(provinceYear(series, 2023, '22')!.status).toBe('not-rated');
    const t = rankingTable(series, 2024, 'total');
    expect(t.entries.filter((e) => e.rank !== null)).toHaveLength(34);
    expect(t.approximation?.textVi).toMatch(/không phải điểm PAPI chính thức/);
  });
});
