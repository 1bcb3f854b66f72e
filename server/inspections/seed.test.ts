import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { disclosuresSeedStep } from '../disclosures/seed.js';
import { unitsSeedStep } from '../units/seed.js';
import { inspectionsSeedStep } from './seed.js';

describe.each(DIALECTS)('demo seed of disclosures and inspections on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await unitsSeedStep.run(tdb, () => undefined);
  });
  afterAll(async () => tdb.destroy());

  it('loads Hưng Yên postings and inspections once (a second run adds nothing)', async () => {
    for (let i = 0; i < 2; i++) {
      await disclosuresSeedStep.run(tdb, () => undefined);
      await inspectionsSeedStep.run(tdb, () => undefined);
    }
    const postings = await tdb.db.selectFrom('disclosure').select(['unit_id', 'published', 'type_id']).execute();
    expect(postings).toHaveLength(6);
    // The named poor-household list stays internal; the redacted one is public.
    expect(
      postings
        .filter((p) => p.type_id === 'poor_households')
        .map((p) => p.published)
        .sort(),
    ).toEqual([0, 1]);
    const findings = await tdb.db
      .selectFrom('inspection_finding')
      .select(['status', 'dimension'])
      .orderBy('dimension')
      .execute();
    expect(findings).toEqual([
      { status: 'closed', dimension: 'd2' },
      { status: 'open', dimension: 'd3' },
      { status: 'open', dimension: 'd5' },
    ]);
    const audit = await tdb.db.selectFrom('audit_log').select('id').where('actor_name', '=', 'system:demo').execute();
    expect(audit.length).toBeGreaterThan(10);
  });
});
