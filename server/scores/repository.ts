/**
 * Stored scores → the index engine's ScoreSeries. The published dataset lives on the 63 provinces
 * (vn2008); the 34-province view is the engine's population-weighted re-basing of it (an approximation,
 * stated on every table). Series are cached per database handle and process; an import invalidates them.
 */
import type { Kysely } from 'kysely';
import { rebaseTo34 } from '../../core/index/rebase.js';
import type { ScoreRow, ScoreSeries } from '../../core/index/series.js';
import { buildSeries } from '../../core/index/series.js';
import type { DbHandle } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import { loadShippedIndexData, type ShippedIndexData } from '../io/published-scores.js';

export type { Geography } from '../../core/index/dto.js';

import type { Geography } from '../../core/index/dto.js';
export const GEOGRAPHIES: readonly Geography[] = ['63', '34'];

/** Id of the dataset holding the published PAPI sub-dimension tables (63 provinces). */
export const PUBLISHED_DATASET_ID = 'published';

type Db = Kysely<Database>;

const cache = new WeakMap<Db, Map<Geography, Promise<ScoreSeries>>>();

/** Forget every cached series of this database (called by importers after their transaction commits). */
export function invalidateSeries(db: Db): void {
  cache.delete(db);
}

/** Reference data the engine needs besides the scores: frameworks, provinces, regions, mapping, weights. */
export function referenceData(): Promise<ShippedIndexData> {
  return loadShippedIndexData();
}

/** Flat stored rows of one dataset (nulls included). */
export async function storedRows(db: Db, datasetId: string = PUBLISHED_DATASET_ID): Promise<ScoreRow[]> {
  const rows = await db
    .selectFrom('score_value')
    .select(['year', 'province_code', 'code_system', 'subdimension', 'value'])
    .where('dataset_id', '=', datasetId)
    .execute();
  return rows.map((r) => ({
    year: Number(r.year),
    provinceCode: r.province_code,
    codeSystem: r.code_system as ScoreRow['codeSystem'],
    subdimension: r.subdimension,
    value: r.value === null ? null : Number(r.value),
  }));
}

async function buildFromDb(db: Db, geography: Geography): Promise<ScoreSeries> {
  const ref = await referenceData();
  const series63 = buildSeries(await storedRows(db), {
    frameworks: ref.frameworks,
    provinces: ref.provinces63,
    codeSystem: 'vn2008',
    source: 'published',
  });
  if (geography === '63') return series63;
  return rebaseTo34(series63, { mapping: ref.mapping, weights: ref.weights, provinces34: ref.provinces34 });
}

/**
 * The stored published scores as an engine series on 63 provinces, or re-based to 34.
 * An empty database gives a series without years.
 */
export function loadSeries(handle: Pick<DbHandle, 'db'>, geography: Geography): Promise<ScoreSeries> {
  let perDb = cache.get(handle.db);
  if (!perDb) {
    perDb = new Map();
    cache.set(handle.db, perDb);
  }
  let p = perDb.get(geography);
  if (!p) {
    p = buildFromDb(handle.db, geography);
    // A failed load must not stay cached.
    p.catch(() => perDb?.delete(geography));
    perDb.set(geography, p);
  }
  return p;
}
