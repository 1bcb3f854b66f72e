/**
 * `scores import`: stores the published PAPI sub-dimension tables (CSV or XLSX, long layout) after the
 * index engine validated them (readPublishedScores: frameworks, provinces, scale, InputError with file,
 * row and column). Everything lands in ONE transaction with one audit row, so a bad file changes nothing.
 * Idempotent: when the stored values already equal the file, nothing is written and no audit row is added.
 */
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { ScoreRow } from '../../core/index/series.js';
import { seriesRows } from '../../core/index/series.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import type { Database } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { inTransaction } from '../db/transaction.js';
import { readPublishedScores, shippedDataDir } from '../io/published-scores.js';
import { invalidateSeries, PUBLISHED_DATASET_ID, referenceData, storedRows } from '../scores/repository.js';

export interface PublishedScoresImportResult {
  file: string;
  datasetId: string;
  /** Rows (year × province × sub-dimension) in the file, nulls included. */
  rows: number;
  /** Rows whose stored value differs from the file (0 on a repeated import). */
  changed: number;
  years: number[];
  notRated: number;
  ms: number;
}

/** The shipped published series (data/papi). */
export function shippedPublishedScoresFile(): string {
  return join(shippedDataDir(), 'papi', 'papi_subdimensions_long_2011_2024.csv');
}

const key = (r: Pick<ScoreRow, 'year' | 'provinceCode' | 'subdimension'>) =>
  `${r.year}|${r.provinceCode}|${r.subdimension}`;

const CHUNK = 1000;

export async function importPublishedScores(
  db: Kysely<Database>,
  actor: Actor,
  options: { file?: string; label?: string } = {},
): Promise<PublishedScoresImportResult> {
  const started = performance.now();
  const file = options.file ?? shippedPublishedScoresFile();
  const ref = await referenceData();
  // Validate the whole file before the first write.
  const series = await readPublishedScores(file, { frameworks: ref.frameworks, provinces: ref.provinces63 });
  const rows = seriesRows(series);
  const years = series.years.map((y) => y.year);

  const changed = await inTransaction(db, async (tx) => {
    const stored = new Map((await storedRows(tx)).map((r) => [key(r), r]));
    const inFile = new Set(rows.map(key));
    // Rows new or different in the file, plus stored rows the file no longer has.
    let diff = [...stored.keys()].filter((k) => !inFile.has(k)).length;
    for (const r of rows) {
      const s = stored.get(key(r));
      if (!s || s.value !== r.value || s.codeSystem !== r.codeSystem) diff++;
    }
    if (diff === 0) return 0;
    const dataset = await tx
      .selectFrom('score_dataset')
      .selectAll()
      .where('id', '=', PUBLISHED_DATASET_ID)
      .executeTakeFirst();
    const label = options.label ?? 'PAPI published sub-dimension scores (63 provinces)';
    if (!dataset) {
      await tx
        .insertInto('score_dataset')
        .values({
          id: PUBLISHED_DATASET_ID,
          source: 'published',
          code_system: 'vn2008',
          label,
          created_at: nowIso(),
          approximation_json: null,
        })
        .execute();
    }
    await tx.deleteFrom('score_value').where('dataset_id', '=', PUBLISHED_DATASET_ID).execute();
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx
        .insertInto('score_value')
        .values(
          rows.slice(i, i + CHUNK).map((r) => ({
            dataset_id: PUBLISHED_DATASET_ID,
            year: r.year,
            province_code: r.provinceCode,
            code_system: r.codeSystem,
            subdimension: r.subdimension,
            value: r.value,
          })),
        )
        .execute();
    }
    await recordAudit(tx, actor, {
      action: 'import',
      entityType: 'score_dataset',
      entityId: PUBLISHED_DATASET_ID,
      before: dataset ? { rows: stored.size } : undefined,
      after: { file: file.split(/[\\/]/).pop(), rows: rows.length, changed: diff, years },
    });
    return diff;
  });
  if (changed > 0) invalidateSeries(db);
  return {
    file,
    datasetId: PUBLISHED_DATASET_ID,
    rows: rows.length,
    changed,
    years,
    notRated: rows.filter((r) => r.value === null).length,
    ms: performance.now() - started,
  };
}
