import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFixtureUnits } from '../auth/testing.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { campaignResults } from './results.js';
import { surveysSeedStep } from './seed.js';

describe.each(DIALECTS)('surveys demo seed on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
  });
  afterAll(async () => {
    await tdb?.destroy();
  });

  it('seeds once, and its illustrative campaign scores all 8 dimensions against the official PAPI', async () => {
    const lines: string[] = [];
    await surveysSeedStep.run(tdb, (l) => lines.push(l));
    await surveysSeedStep.run(tdb, (l) => lines.push(l));
    expect(lines).toHaveLength(1);
    expect(await tdb.db.selectFrom('questionnaire').select('id').execute()).toHaveLength(1);
    expect(await tdb.db.selectFrom('survey_sample_member').select('seq').execute()).toHaveLength(360);
    const campaign = await tdb.db.selectFrom('survey_campaign').select(['id', 'title']).executeTakeFirstOrThrow();
    expect(campaign.title).toMatch(/minh họa/);
    const { results } = await campaignResults(tdb.db, campaign.id, { replicates: 100 });
    expect(results.respondents).toBe(360);
    expect(results.official?.provinceCode).toBe('33');
    const dims = results.papi!.byDomain[0]!.dimensions;
    expect(dims.every((d) => d.value !== null && d.official !== null)).toBe(true);
  }, 60_000);
});
