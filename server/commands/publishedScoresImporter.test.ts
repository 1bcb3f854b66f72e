import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { provinceYear } from '../../core/index/series.js';
import { systemActor } from '../audit/actor.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { shippedDataDir } from '../io/published-scores.js';
import { loadSeries } from '../scores/repository.js';
import { importPublishedScores, shippedPublishedScoresFile } from './publishedScoresImporter.js';

/** The shipped aggregate table, read independently of the engine: year|code → total (null when blank). */
function shippedTotals(): Map<string, number | null> {
  const rows = parse(readFileSync(join(shippedDataDir(), 'papi', 'papi_dimensions_total_2011_2024.csv'), 'utf8'), {
    columns: true,
  }) as Record<string, string>[];
  return new Map(
    rows.map((r) => [
      `${r.year}|${String(r.gso_code).padStart(2, '0')}`,
      r.total_unweighted_sum ? Number(r.total_unweighted_sum) : null,
    ]),
  );
}

const actor = systemActor('test-scores');

describe.each(DIALECTS)('published scores import on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await tdb?.destroy();
  });

  const count = async () =>
    Number(
      (
        await tdb.db
          .selectFrom('score_value')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audits = async () =>
    Number(
      (
        await tdb.db
          .selectFrom('audit_log')
          .select((e) => e.fn.countAll().as('n'))
          .where('entity_type', '=', 'score_dataset')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('starts empty: the series has no years', async () => {
    expect((await loadSeries(tdb, '63')).years).toEqual([]);
  });

  it('imports, then loads a series whose totals equal the shipped aggregate table', async () => {
    const r = await importPublishedScores(tdb.db, actor);
    expect(r.changed).toBe(r.rows);
    expect(r.years[0]).toBe(2011);
    expect(r.years.at(-1)).toBe(2024);
    expect(await count()).toBe(r.rows);
    expect(await audits()).toBe(1);
    const audit = await tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'score_dataset')
      .executeTakeFirstOrThrow();
    expect(audit.actor_name).toBe('system:test-scores');
    expect(audit.action).toBe('import');

    const series = await loadSeries(tdb, '63');
    const totals = shippedTotals();
    let compared = 0;
    for (const y of series.years)
      for (const p of y.provinces) {
        const k = `${y.year}|${p.provinceCode}`;
        if (!totals.has(k)) continue;
        const expected = totals.get(k) ?? null;
        if (expected === null) expect(p.total, k).toBeNull();
        else expect(p.total, k).toBeCloseTo(expected, 4);
        compared++;
      }
    expect(compared).toBeGreaterThan(800);
    // Quảng Ninh (22) 2024 total, the published figure.
    expect(provinceYear(series, 2024, '22')?.total).toBeCloseTo(47.821235, 5);
  });

  it('keeps missing province-years as null (not rated), never 0', async () => {
    const series = await loadSeries(tdb, '63');
    const qn2023 = provinceYear(series, 2023, '22');
    expect(qn2023?.status).toBe('not-rated');
    expect(qn2023?.total).toBeNull();
    expect(Object.values(qn2023?.subdimensions ?? {}).every((v) => v === null)).toBe(true);
    const stored = await tdb.db
      .selectFrom('score_value')
      .select('value')
      .where('year', '=', 2023)
      .where('province_code', '=', '22')
      .execute();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((s) => s.value === null)).toBe(true);
    const zeros = await tdb.db.selectFrom('score_value').select('year').where('value', '=', 0).execute();
    expect(zeros).toEqual([]);
  });

  it('re-import of the same file is idempotent: nothing changes, no audit row', async () => {
    const before = await count();
    const r = await importPublishedScores(tdb.db, actor);
    expect(r.changed).toBe(0);
    expect(await count()).toBe(before);
    expect(await audits()).toBe(1);
  });

  it('34-province view is the engine re-basing of the stored series, with the approximation note', async () => {
    const s34 = await loadSeries(tdb, '34');
    expect(s34.codeSystem).toBe('vn2025');
    expect(s34.provinces).toHaveLength(34);
    expect(s34.approximation?.official).toBe(false);
  });

  it('a bad file changes nothing (InputError with row and column), and a changed file updates with an audit row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scores-'));
    const lines = readFileSync(shippedPublishedScoresFile(), 'utf8').split(/\r?\n/);
    const bad = [...lines];
    bad[5] = bad[5]!.replace(/,[0-9.]+,([0-9.]+)$/, ',99,$1'); // published-scale value far out of range
    const badFile = join(dir, 'bad.csv');
    writeFileSync(badFile, bad.join('\n'));
    const before = await count();
    const seriesBefore = await loadSeries(tdb, '63');
    const err = await importPublishedScores(tdb.db, actor, { file: badFile }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).location.row).toBe(6);
    expect(await count()).toBe(before);
    expect(await audits()).toBe(1);
    expect(await loadSeries(tdb, '63')).toBe(seriesBefore);

    // A corrected value: one row changes, one audit row, the cache is refreshed.
    const header = lines[0]!.split(',');
    const col = header.indexOf('score_published_scale');
    const changedLines = [...lines];
    const cells = changedLines[1]!.split(',');
    const n = Number(cells[header.indexOf('n_subdimensions_in_dimension')]);
    const newValue = 1.5 / n;
    cells[col] = String(newValue);
    cells[header.indexOf('score_1_to_10')] = String(newValue * n);
    changedLines[1] = cells.join(',');
    const changedFile = join(dir, 'changed.csv');
    writeFileSync(changedFile, changedLines.join('\n'));
    const r = await importPublishedScores(tdb.db, actor, { file: changedFile });
    expect(r.changed).toBe(1);
    expect(await audits()).toBe(2);
    const s = await loadSeries(tdb, '63');
    expect(s).not.toBe(seriesBefore);
    expect(provinceYear(s, 2011, '01')?.subdimensions['1.1']).toBeCloseTo(newValue, 10);
    // Back to the shipped file.
    expect((await importPublishedScores(tdb.db, actor)).changed).toBe(1);
  });
});
