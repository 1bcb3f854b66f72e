import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../core/index/diagnosis.js';
import { diagnosisSentences } from '../../core/index/diagnosis-text.js';
import { provinceProfile, rankingTable } from '../../core/index/ranking.js';
import type { ScoreSeries } from '../../core/index/series.js';
import { buildApp } from '../app.js';
import { systemActor } from '../audit/actor.js';
import { importPublishedScores } from '../commands/publishedScoresImporter.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { shippedSeries } from '../io/published-scores.js';

/** Reference: the engine on the shipped files, read without the database. */
let files63: ScoreSeries;
let files34: ScoreSeries;
beforeAll(async () => {
  files63 = (await shippedSeries('63')).series;
  files34 = (await shippedSeries('34')).series;
});

describe.each(DIALECTS)('public scores API on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const get = async (url: string) => app.inject({ method: 'GET', url });
  // biome-ignore lint/suspicious/noExplicitAny: test reads of JSON bodies
  const json = async (url: string): Promise<any> => {
    const res = await get(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await importPublishedScores(tdb.db, systemActor('test'));
    app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.destroy();
  });

  it('lists years 2011–2024 with their framework, geographies and regions', async () => {
    const body = await json('/api/scores/years');
    expect(body.years[0]).toMatchObject({ year: 2011, frameworkId: 'papi-2011-2015' });
    expect(body.years.at(-1)).toMatchObject({ year: 2024, frameworkId: 'papi-2021-2024' });
    expect(body.years.find((y: { year: number }) => y.year === 2023).rated).toBe(61);
    expect(body.geographies.map((g: { id: string }) => g.id)).toEqual(['63', '34']);
    expect(body.provinces['63']).toHaveLength(63);
    expect(body.provinces['34']).toHaveLength(34);
    expect(body.regions.length).toBeGreaterThanOrEqual(6);
  });

  it('2024 total ranking equals the engine: Quảng Ninh 1st with 47.821235, Hà Nội 29th', async () => {
    const body = await json('/api/scores/rankings?year=2024&measure=total&geography=63');
    const ref = rankingTable(files63, 2024, 'total');
    expect(body.rows).toHaveLength(63);
    expect(body.rows[0]).toMatchObject({ rank: 1, code: '22', nameVi: 'Quảng Ninh', group: 'best', status: 'rated' });
    expect(body.rows[0].score).toBeCloseTo(47.821235, 6);
    expect(body.rows.find((r: { code: string }) => r.code === '01')).toMatchObject({ rank: 29, nameVi: 'Hà Nội' });
    expect(body.thresholds).toEqual(ref.thresholds);
    body.rows.forEach((r: { code: string; score: number; rank: number; group: string }, i: number) => {
      const e = ref.entries[i]!;
      expect([r.code, r.score, r.rank, r.group]).toEqual([e.province.code, e.score, e.rank, e.group]);
    });
    expect(body.approximation).toBeNull();
  });

  it('2023: Quảng Ninh is not rated (score null, rank null, listed last), never 0', async () => {
    const body = await json('/api/scores/rankings?year=2023');
    const qn = body.rows.find((r: { code: string }) => r.code === '22');
    expect(qn).toMatchObject({ score: null, rank: null, group: null, status: 'not-rated' });
    expect(body.rated).toBe(61);
    expect(body.rows.slice(-2).map((r: { status: string }) => r.status)).toEqual(['not-rated', 'not-rated']);
  });

  it('dimension and sub-dimension rankings, region filter keeps national ranks', async () => {
    const d4 = await json('/api/scores/rankings?year=2024&measure=d4');
    const refD4 = rankingTable(files63, 2024, 'd4');
    expect(d4.rows.map((r: { code: string }) => r.code)).toEqual(refD4.entries.map((e) => e.province.code));
    expect(d4.measure.nameVi).toBe(files63.frameworks.frameworks.at(-1)!.dimensions[3]!.nameVi);
    const sub = await json('/api/scores/rankings?year=2018&measure=2.1');
    expect(sub.rows[0].score).toBe(rankingTable(files63, 2018, '2.1').entries[0]!.score);
    const rrd = await json('/api/scores/rankings?year=2024&region=red-river-delta');
    expect(rrd.rows.length).toBeGreaterThan(5);
    expect(rrd.rows.length).toBeLessThan(63);
    for (const r of rrd.rows) {
      expect(r.region).toBe('red-river-delta');
      expect(r.rank).toBe(
        refD4 && rankingTable(files63, 2024, 'total').entries.find((e) => e.province.code === r.code)!.rank,
      );
    }
  });

  it('34 provinces: the re-based series with its approximation note', async () => {
    const body = await json('/api/scores/rankings?year=2024&geography=34');
    const ref = rankingTable(files34, 2024, 'total');
    expect(body.rows).toHaveLength(34);
    expect(body.rows.map((r: { code: string; score: number }) => [r.code, r.score])).toEqual(
      ref.entries.map((e) => [e.province.code, e.score]),
    );
    expect(body.approximation.official).toBe(false);
    expect(body.approximation.textVi.length).toBeGreaterThan(10);
  });

  it('rankings as CSV (UTF-8 BOM) and XLSX, with the same numbers; not rated = empty cell', async () => {
    for (const url of ['/api/scores/rankings.csv?year=2023', '/api/scores/rankings?year=2023&format=csv']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      expect(res.headers['content-disposition']).toContain('papi-2023-total-63.csv');
      expect(res.body.charCodeAt(0)).toBe(0xfeff);
      const rows = parse(res.body.slice(1), { columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(63);
      const ref = rankingTable(files63, 2023, 'total');
      expect(Number(rows[0]!.score)).toBe(ref.entries[0]!.score);
      expect(rows[0]!.rank).toBe('1');
      const qn = rows.find((r) => r.code === '22')!;
      expect(qn).toMatchObject({ province_vi: 'Quảng Ninh', score: '', rank: '', status: 'not-rated' });
    }
    const res = await get('/api/scores/rankings.xlsx?year=2024&measure=d1');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(6).value).toBe('score');
    const ref = rankingTable(files63, 2024, 'd1');
    expect(ws.getRow(2).getCell(2).value).toBe(ref.entries[0]!.province.code);
    expect(ws.getRow(2).getCell(6).value).toBe(ref.entries[0]!.score);
    expect(ws.rowCount).toBe(64);
  });

  it('profile and comparison download as CSV and XLSX with the JSON numbers', async () => {
    const res = await get('/api/scores/provinces/22?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('papi-profile-22-63.csv');
    const rows = parse(res.body.slice(1), { columns: true }) as Record<string, string>[];
    const t2024 = rows.find((r) => r.year === '2024' && r.measure === 'total')!;
    expect(Number(t2024.score)).toBe(rankingTable(files63, 2024, 'total').entries[0]!.score);
    expect(t2024).toMatchObject({ rank: '1', group: 'best', change_from_year: '2022', comparable: 'true' });
    const t2023 = rows.find((r) => r.year === '2023' && r.measure === 'total')!;
    expect(t2023).toMatchObject({ score: '', rank: '', group: '' });
    const body = await json('/api/scores/provinces/22');
    expect(rows).toHaveLength(
      body.years.reduce(
        (n: number, y: { dimensions: unknown[]; subdimensions: unknown[] }) =>
          n + 1 + y.dimensions.length + y.subdimensions.length,
        0,
      ),
    );
    const x = await get('/api/scores/compare?codes=22,01&year=2024&format=xlsx');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(4).value).toBe('score_22');
    expect(ws.getRow(2).getCell(1).value).toBe('total');
    expect(ws.getRow(2).getCell(4).value).toBe(47.821235);
    expect(ws.getRow(2).getCell(8).value).toBe(29);
  });

  it('province profile equals the engine profile, with sub-dimensions and comparability', async () => {
    const body = await json('/api/scores/provinces/22');
    const ref = provinceProfile(files63, '22');
    expect(body.province).toMatchObject({ code: '22', nameVi: 'Quảng Ninh', region: 'red-river-delta' });
    expect(body.years.map((y: { year: number }) => y.year)).toEqual(ref.years.map((y) => y.year));
    const y2024 = body.years.find((y: { year: number }) => y.year === 2024);
    const r2024 = ref.years.find((y) => y.year === 2024)!;
    expect(y2024.total).toMatchObject({ score: r2024.total.score, rank: 1, of: r2024.total.of, group: 'best' });
    expect(y2024.dimensions.map((d: { score: number }) => d.score)).toEqual(r2024.dimensions.map((d) => d.score));
    expect(y2024.total.nationalMedian).toBe(rankingTable(files63, 2024, 'total').thresholds!.p50);
    expect(y2024.subdimensions.length).toBeGreaterThan(20);
    expect(y2024.subdimensions[0]).toMatchObject({ measure: '1.1', dimension: 'd1' });
    // 2023 not rated: the 2024 change is measured from 2022, the last comparable year with a score.
    expect(y2024.total.change).toMatchObject({ fromYear: 2022, toYear: 2024, comparable: true });
    const y2022 = body.years.find((y: { year: number }) => y.year === 2022);
    expect(y2024.total.change.delta).toBeCloseTo(y2024.total.score - y2022.total.score, 12);
    const y2023 = body.years.find((y: { year: number }) => y.year === 2023);
    expect(y2023.status).toBe('not-rated');
    expect(y2023.total.score).toBeNull();
    // 2018 → 2019 crosses the D8 revision: the total is not comparable.
    const y2019 = body.years.find((y: { year: number }) => y.year === 2019);
    expect(y2019.total.change).toMatchObject({ comparable: false, delta: null, breakYears: [2019] });
    const d1 = y2019.dimensions.find((d: { measure: string }) => d.measure === 'd1');
    expect(d1.change.comparable).toBe(true);
    expect(d1.change.delta).toBeCloseTo(
      r2024 && ref.years.find((y) => y.year === 2019)!.dimensions[0]!.change!.delta!,
      12,
    );
  });

  it('diagnosis: the engine sentences in Vietnamese and English', async () => {
    const vi = await json('/api/scores/provinces/01/diagnosis?year=2024');
    const d = diagnose(files63, 2024, '01', { regions: (await shippedSeries('63')).data.regions });
    expect(vi.sentences).toEqual(diagnosisSentences(d, 'vi'));
    expect(vi.diagnosis.strengths).toEqual(d.strengths);
    const en = await json('/api/scores/provinces/01/diagnosis?year=2024&lang=en');
    expect(en.sentences).toEqual(diagnosisSentences(d, 'en'));
  });

  it('compare 2–4 provinces', async () => {
    const body = await json('/api/scores/compare?codes=22,01&year=2024');
    expect(body.provinces.map((p: { code: string }) => p.code)).toEqual(['22', '01']);
    expect(body.provinces[0].values.total).toEqual({ score: 47.821235, rank: 1, group: 'best' });
    expect(body.provinces[1].values.total.rank).toBe(29);
    expect(body.measures[0]).toMatchObject({
      measure: 'total',
      nationalMedian: rankingTable(files63, 2024, 'total').thresholds!.p50,
    });
  });

  it('clear 400/404 answers for bad codes, years and measures', async () => {
    const cases: [string, number, string][] = [
      ['/api/scores/provinces/xx', 400, 'invalid_province_code'],
      ['/api/scores/provinces/99', 404, 'not_found'],
      ['/api/scores/provinces/02?geography=34', 404, 'not_found'],
      ['/api/scores/rankings?year=2009', 404, 'not_found'],
      ['/api/scores/rankings?year=2015&measure=d8', 400, 'invalid_input'],
      ['/api/scores/rankings?measure=zz', 400, 'validation_failed'],
      ['/api/scores/rankings?geography=62', 400, 'validation_failed'],
      ['/api/scores/compare?codes=01', 400, 'validation_failed'],
      ['/api/scores/compare?codes=01,01', 400, 'validation_failed'],
      ['/api/scores/compare?codes=01,02,04,06,08', 400, 'validation_failed'],
      ['/api/frameworks/papi-1999', 404, 'not_found'],
    ];
    for (const [url, status, code] of cases) {
      const res = await get(url);
      expect([url, res.statusCode, res.json().code]).toEqual([url, status, code]);
    }
  });

  it('frameworks: five eras with dimensions, comparability and indicators', async () => {
    const list = await json('/api/frameworks');
    expect(list.items.map((f: { id: string }) => f.id)).toEqual(files63.frameworks.frameworks.map((f) => f.id));
    const one = await json('/api/frameworks/papi-2021-2024');
    expect(one.dimensions).toHaveLength(8);
    expect(one.totalRange).toEqual([8, 80]);
    expect(one.comparability.revisedDimensions).toContain('d5');
  });

  it('serves the province boundaries (TopoJSON) for 63 and 34 provinces, and 400 for others', async () => {
    for (const [g, n] of [
      ['63', 63],
      ['34', 34],
    ] as const) {
      const topo = await json(`/api/boundaries/${g}`);
      expect(topo.type).toBe('Topology');
      expect(topo.objects.provinces.geometries).toHaveLength(n);
    }
    expect((await get('/api/boundaries/62')).statusCode).toBe(400);
  });

  it('documents every scores endpoint in OpenAPI', async () => {
    const doc = (await json('/api/docs/json')) as { paths: Record<string, unknown> };
    for (const p of [
      '/api/scores/years',
      '/api/scores/rankings',
      '/api/scores/rankings.csv',
      '/api/scores/rankings.xlsx',
      '/api/scores/provinces/{code}',
      '/api/scores/provinces/{code}/diagnosis',
      '/api/scores/compare',
      '/api/frameworks',
      '/api/frameworks/{id}',
      '/api/boundaries/{geography}',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
  });
});
