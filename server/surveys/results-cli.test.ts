/**
 * Done-when: results of a synthetic campaign agree with `openpapi estimate` on the same responses and
 * design. The campaign's responses are exported as CSV (the same table the export endpoint writes), the
 * CLI is run on it as a user would, and every estimate, SE and interval is compared to 1e-9.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOpenpapiSync } from '../../cli/testing/cli.js';
import { drawSample, type VillageFrameRow } from '../../core/surveys/sampling.js';
import { syntheticResponses } from '../../core/surveys/synthetic.js';
import { PAPI_PULSE } from '../../core/surveys/templates.js';
import { systemActor } from '../audit/actor.js';
import { insertFixtureUnits } from '../auth/testing.js';
import { createCampaign } from '../campaigns/commands.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { toCsv } from './export.js';
import { createQuestionnaire } from './repository.js';
import { campaignAnalysisTable, campaignResults } from './results.js';

const work = mkdtempSync(join(tmpdir(), 'survey-results-'));
type Row = Record<string, string>;

describe.each(DIALECTS)('campaign results agree with openpapi estimate on %s', (dialect) => {
  let db: TestDatabase;
  let campaignId: string;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    await insertFixtureUnits(db.db);
    const actor = systemActor('test');
    const { version } = await createQuestionnaire(db.db, actor, 'vn2025:33', {
      form: PAPI_PULSE,
      source: 'template:papi-pulse',
    });
    const c = await createCampaign(db.db, actor, {
      unitId: 'vn2025:33',
      questionnaireVersionId: version.id,
      title: 'Khảo sát nhanh PAPI (tổng hợp)',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      status: 'open',
    });
    campaignId = c.id;
    const villages: VillageFrameRow[] = Array.from({ length: 30 }, (_, i) => ({
      code: `T${i + 1}`,
      name: `Thôn ${i + 1}`,
      population: 150 + ((i * 211) % 700),
      stratum: i < 15 ? 'Xã An Thi' : 'Xã Phố Hiến',
    }));
    const sample = drawSample(villages, null, { villages: 12, residentsPerVillage: 30, seed: 2026 });
    const responses = syntheticResponses(
      PAPI_PULSE,
      sample.members.map((m) => ({ stratum: m.stratum, cluster: m.psu, weight: m.weight })),
      7,
    );
    await db.db
      .insertInto('survey_response')
      .values(
        responses.map((r, i) => ({
          id: `resp-${String(i).padStart(4, '0')}`,
          campaign_id: c.id,
          questionnaire_version_id: version.id,
          answers_json: JSON.stringify(r.answers),
          cluster: r.cluster,
          stratum: r.stratum,
          weight: r.weight,
          source: 'import',
          received_on: '2026-05-01',
        })),
      )
      .execute();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('every question, choice and indicator estimate, SE and 95% interval match to 1e-9', async () => {
    const domain = 'gioi_tinh';
    const { results } = await campaignResults(db.db, campaignId, { domain, replicates: 50 });
    const { table } = await campaignAnalysisTable(db.db, campaignId, domain);
    const csv = join(work, `responses-${dialect}.csv`);
    writeFileSync(csv, toCsv(table.header, table.rows));

    const run = (by: boolean) => {
      const out = join(work, `estimate-${dialect}-${by}.csv`);
      const r = runOpenpapiSync([
        'estimate',
        csv,
        '--strata',
        'stratum',
        '--cluster',
        'psu',
        '--weight',
        'weight',
        '--lonely-psu',
        'adjust',
        '--vars',
        table.numeric.join(','),
        '--categorical',
        table.categorical.join(','),
        ...(by ? ['--by', 'domain'] : []),
        '--out',
        out,
      ]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      return parse(readFileSync(out, 'utf8'), { columns: true }) as Row[];
    };
    const cli: Row[] = [...run(false).map((r) => ({ ...r, by: '' })), ...run(true)];
    expect(cli.length).toBeGreaterThan(200);

    const ours = new Map(results.estimates.map((e) => [`${e.domain}|${e.variable}`, e]));
    let compared = 0;
    for (const row of cli) {
      const e = ours.get(`${row.by}|${row.variable}`);
      expect(e, `${row.by}|${row.variable}`).toBeDefined();
      expect(e!.n).toBe(Number(row.n));
      if (e!.status === 'suppressed') {
        expect(Number(row.n)).toBeLessThan(30);
        continue;
      }
      for (const [mine, theirs] of [
        [e!.estimate, row.estimate],
        [e!.se, row.se],
        [e!.ciLow, row.ci_low],
        [e!.ciHigh, row.ci_high],
      ] as const) {
        if (theirs === '') expect(mine).toBeNull();
        else expect(Math.abs(mine! - Number(theirs))).toBeLessThan(1e-9);
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
    // The indicator columns are there too (recoded to [0, 1]) and all 8 dimensions are scored.
    expect(cli.some((r) => r.variable === 'ind_4_1_1')).toBe(true);
    expect(results.papi!.byDomain[0]!.dimensions.every((d) => d.value !== null)).toBe(true);
    expect(results.official?.provinceCode).toBe('33');
  }, 120_000);
});
