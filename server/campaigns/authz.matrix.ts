/**
 * Authorisation expectations for the campaigns module's endpoints (see server/testing/authz-matrix.ts).
 * Officer endpoints follow the unit-scoped `Survey` rules; the citizen endpoints under /api/s/:token are
 * public (the unguessable token is the only key).
 */
import { randomUUID } from 'node:crypto';
import { systemActor } from '../audit/actor.js';
import { UNITS } from '../auth/testing.js';
import { type Case, type Ctx, created, type Expect, on, PUBLIC } from '../testing/authz-matrix.js';
import { createInvitations } from './commands.js';
import { insertTestQuestionnaire, openTestCampaign, TEST_FORM } from './testing.js';

//                                        anon admin provA comA1 viewA
const READ_A1: Expect = [401, 200, 200, 200, 200];
const READ_A2: Expect = [401, 200, 200, 404, 200];
const READ_B1: Expect = [401, 200, 404, 404, 404];
const WRITE_A1: Expect = [401, 200, 200, 200, 403];
const WRITE_A2: Expect = [401, 200, 200, 403, 403];
const WRITE_B1: Expect = [401, 200, 403, 403, 403];

type Fixture = Record<'a1' | 'a2' | 'b1', { campaignId: string; tokens: string[] }>;
const fixtures = new WeakMap<object, Promise<Fixture>>();

/** One open campaign in each of a1, a2 and b1 (made once per test database). */
function fixture(c: Ctx): Promise<Fixture> {
  let f = fixtures.get(c.tdb.db);
  if (!f) {
    f = (async () => ({
      a1: await openTestCampaign(c.tdb.db, UNITS.a1, 2),
      a2: await openTestCampaign(c.tdb.db, UNITS.a2, 2),
      b1: await openTestCampaign(c.tdb.db, UNITS.b1, 2),
    }))();
    fixtures.set(c.tdb.db, f);
  }
  return f;
}

const campaignBody = async (c: Ctx, unitId: string) => ({
  unitId,
  questionnaireVersionId: await insertTestQuestionnaire(c.tdb.db, TEST_FORM, unitId),
  title: `Khảo sát ${c.seq()}`,
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
});

const where = ['a1', 'a2', 'b1'] as const;
const READ = { a1: READ_A1, a2: READ_A2, b1: READ_B1 };
const WRITE = { a1: WRITE_A1, a2: WRITE_A2, b1: WRITE_B1 };

const perCampaign = (expect: Record<(typeof where)[number], Expect>, url: (id: string) => string, payload?: unknown) =>
  where.map((w) =>
    on(
      `campaign in ${w}`,
      async (c) => ({ url: url((await fixture(c))[w].campaignId), ...(payload === undefined ? {} : { payload }) }),
      expect[w],
    ),
  );

export const CAMPAIGN_MATRIX: Record<string, Case[]> = {
  'GET /api/campaigns': [on('list (scoped)', () => ({ url: '/api/campaigns' }), READ_A1)],
  'POST /api/campaigns': [
    on(
      'unit a1',
      async (c) => ({ url: '/api/campaigns', payload: await campaignBody(c, UNITS.a1) }),
      created(WRITE_A1),
    ),
    on(
      'unit a2',
      async (c) => ({ url: '/api/campaigns', payload: await campaignBody(c, UNITS.a2) }),
      created(WRITE_A2),
    ),
    on(
      'unit b1',
      async (c) => ({ url: '/api/campaigns', payload: await campaignBody(c, UNITS.b1) }),
      created(WRITE_B1),
    ),
  ],
  'GET /api/campaigns/:id': perCampaign(READ, (id) => `/api/campaigns/${id}`),
  'PATCH /api/campaigns/:id': perCampaign(WRITE, (id) => `/api/campaigns/${id}`, { title: 'Khảo sát (sửa)' }),
  'GET /api/campaigns/:id/invitations': perCampaign(READ, (id) => `/api/campaigns/${id}/invitations`),
  'POST /api/campaigns/:id/invitations': perCampaign(
    { a1: created(WRITE_A1), a2: created(WRITE_A2), b1: created(WRITE_B1) },
    (id) => `/api/campaigns/${id}/invitations`,
    { count: 1 },
  ),
  'POST /api/campaigns/:id/invitations/sheet': where.map((w) =>
    on(
      `campaign in ${w}`,
      async (c) => {
        const f = (await fixture(c))[w];
        return { url: `/api/campaigns/${f.campaignId}/invitations/sheet`, payload: { tokens: f.tokens } };
      },
      READ[w],
    ),
  ),
  // Citizens: public everywhere, whoever is signed in (the token decides, not the session).
  'GET /api/s/:token': where.map((w) =>
    on(`token in ${w}`, async (c) => ({ url: `/api/s/${(await fixture(c))[w].tokens[0]}` }), PUBLIC),
  ),
  'POST /api/s/:token/responses': [
    on(
      'a fresh token in b1',
      async (c) => {
        const [inv] = await createInvitations(c.tdb.db, systemActor('matrix'), (await fixture(c)).b1.campaignId, {
          count: 1,
        });
        return {
          url: `/api/s/${inv?.token}/responses`,
          payload: { responseId: randomUUID(), answers: { satisfaction: '3' } },
        };
      },
      created(PUBLIC),
    ),
  ],
  'GET /api/s/:token/qr.svg': [
    on('token in b1', async (c) => ({ url: `/api/s/${(await fixture(c)).b1.tokens[0]}/qr.svg` }), PUBLIC),
  ],
  'GET /api/s/:token/manifest.webmanifest': [
    on('token in b1', async (c) => ({ url: `/api/s/${(await fixture(c)).b1.tokens[0]}/manifest.webmanifest` }), PUBLIC),
  ],
};
