/**
 * Authorisation expectations for the surveys module's endpoints (see server/testing/authz-matrix.ts).
 * All follow the unit-scoped `Survey` rules: reads in reach (404 outside), writes in reach (403 outside),
 * viewers read only. Uploads send a real multipart body (XLSForm .xlsx, CSV lists, ODK exports).
 */

import { PAPI_PULSE } from '../../core/surveys/templates.js';
import { systemActor } from '../audit/actor.js';
import { UNITS } from '../auth/testing.js';
import { type Case, type Ctx, created, type Expect, noContent, on, SIGNED_IN } from '../testing/authz-matrix.js';
import { createQuestionnaire } from './repository.js';
import { sendingMultipart, smallXlsForm, surveyFixture, type UnitFixture, VILLAGES_CSV } from './testing.js';

//                                        anon admin provA comA1 viewA
const READ_A1: Expect = [401, 200, 200, 200, 200];
const READ_A2: Expect = [401, 200, 200, 404, 200];
const READ_B1: Expect = [401, 200, 404, 404, 404];
const WRITE_A1: Expect = [401, 200, 200, 200, 403];
const WRITE_A2: Expect = [401, 200, 200, 403, 403];
const WRITE_B1: Expect = [401, 200, 403, 403, 403];

const where = ['a1', 'a2', 'b1'] as const;
type Where = (typeof where)[number];
const READ: Record<Where, Expect> = { a1: READ_A1, a2: READ_A2, b1: READ_B1 };
const WRITE: Record<Where, Expect> = { a1: WRITE_A1, a2: WRITE_A2, b1: WRITE_B1 };
const mapE = (f: (e: Expect) => Expect) => ({ a1: f(WRITE_A1), a2: f(WRITE_A2), b1: f(WRITE_B1) });

const fixtures = new WeakMap<object, Promise<Record<Where, UnitFixture>>>();
function fixture(c: Ctx): Promise<Record<Where, UnitFixture>> {
  let f = fixtures.get(c.tdb.db);
  if (!f) {
    f = (async () => ({
      a1: await surveyFixture(c.tdb.db, UNITS.a1),
      a2: await surveyFixture(c.tdb.db, UNITS.a2),
      b1: await surveyFixture(c.tdb.db, UNITS.b1),
    }))();
    fixtures.set(c.tdb.db, f);
  }
  return f;
}

const per = (expect: Record<Where, Expect>, url: (f: UnitFixture) => string, payload?: (w: Where) => unknown): Case[] =>
  where.map((w) =>
    on(
      `in ${w}`,
      async (c) => ({ url: url((await fixture(c))[w]), ...(payload ? { payload: payload(w) } : {}) }),
      expect[w],
    ),
  );

const perUnit = (
  expect: Record<Where, Expect>,
  build: (c: Ctx, w: Where, caller: Parameters<Case['request']>[1]) => ReturnType<Case['request']>,
): Case[] => where.map((w) => on(`unit ${w}`, (c, caller) => build(c, w, caller), expect[w]));

export const SURVEY_MATRIX: Record<string, Case[]> = {
  'GET /api/surveys/questionnaires': [on('list (scoped)', () => ({ url: '/api/surveys/questionnaires' }), SIGNED_IN)],
  'POST /api/surveys/questionnaires': perUnit(mapE(created), (_c, w) => ({
    url: '/api/surveys/questionnaires',
    payload: { unitId: UNITS[w], form: PAPI_PULSE },
  })),
  'POST /api/surveys/questionnaires/xlsform': perUnit(mapE(created), async (c, w, caller) => ({
    url: '/api/surveys/questionnaires/xlsform',
    client: sendingMultipart(c.clients[caller], [
      { name: 'unitId', value: UNITS[w] },
      { name: 'file', value: await smallXlsForm(), filename: 'phieu.xlsx' },
    ]),
  })),
  'GET /api/surveys/questionnaires/:id': per(READ, (f) => `/api/surveys/questionnaires/${f.questionnaireId}`),
  'PUT /api/surveys/questionnaires/:id': per(
    WRITE,
    (f) => `/api/surveys/questionnaires/${f.questionnaireId}`,
    () => ({ form: PAPI_PULSE }),
  ),
  'POST /api/surveys/questionnaires/:id/xlsform': where.map((w) =>
    on(
      `in ${w}`,
      async (c, caller) => ({
        url: `/api/surveys/questionnaires/${(await fixture(c))[w].questionnaireId}/xlsform`,
        client: sendingMultipart(c.clients[caller], [
          { name: 'file', value: await smallXlsForm(), filename: 'phieu.xlsx' },
        ]),
      }),
      WRITE[w],
    ),
  ),
  'DELETE /api/surveys/questionnaires/:id': perUnit(mapE(noContent), async (c, w) => {
    const { questionnaire } = await createQuestionnaire(c.tdb.db, systemActor('matrix'), UNITS[w], {
      form: PAPI_PULSE,
      source: 'json',
    });
    return { url: `/api/surveys/questionnaires/${questionnaire.id}` };
  }),
  'GET /api/surveys/questionnaires/:id/versions/:version': per(
    READ,
    (f) => `/api/surveys/questionnaires/${f.questionnaireId}/versions/1`,
  ),
  'GET /api/surveys/templates': [on('list', () => ({ url: '/api/surveys/templates' }), SIGNED_IN)],
  'POST /api/surveys/templates/:key/instantiate': perUnit(mapE(created), (_c, w) => ({
    url: '/api/surveys/templates/sipas-services/instantiate',
    payload: { unitId: UNITS[w] },
  })),
  'POST /api/surveys/frames': perUnit(mapE(created), (c, w, caller) => ({
    url: '/api/surveys/frames',
    client: sendingMultipart(c.clients[caller], [
      { name: 'unitId', value: UNITS[w] },
      { name: 'kind', value: 'villages' },
      { name: 'name', value: 'Danh sách thôn' },
      { name: 'file', value: Buffer.from(VILLAGES_CSV), filename: 'thon.csv', contentType: 'text/csv' },
    ]),
  })),
  'GET /api/surveys/frames': [on('list (scoped)', () => ({ url: '/api/surveys/frames' }), SIGNED_IN)],
  'GET /api/surveys/frames/:id': per(READ, (f) => `/api/surveys/frames/${f.frameId}`),
  'POST /api/surveys/samples': perUnit(mapE(created), async (c, w) => ({
    url: '/api/surveys/samples',
    payload: {
      unitId: UNITS[w],
      villageFrameId: (await fixture(c))[w].frameId,
      villages: 4,
      residentsPerVillage: 10,
      seed: 7,
    },
  })),
  'GET /api/surveys/samples': [on('list (scoped)', () => ({ url: '/api/surveys/samples' }), SIGNED_IN)],
  'GET /api/surveys/samples/:id': per(READ, (f) => `/api/surveys/samples/${f.sampleId}`),
  'GET /api/surveys/samples/:id/export': per(READ, (f) => `/api/surveys/samples/${f.sampleId}/export?format=csv`),
  'GET /api/surveys/campaigns/:id/results': per(
    READ,
    (f) => `/api/surveys/campaigns/${f.campaignId}/results?replicates=50`,
  ),
  'GET /api/surveys/campaigns/:id/results/export': per(
    READ,
    (f) => `/api/surveys/campaigns/${f.campaignId}/results/export?replicates=50`,
  ),
  'GET /api/surveys/campaigns/:id/responses/export': per(
    READ,
    (f) => `/api/surveys/campaigns/${f.campaignId}/responses/export?format=xlsx`,
  ),
  'POST /api/surveys/campaigns/:id/import': where.map((w) =>
    on(
      `in ${w}`,
      async (c, caller) => ({
        url: `/api/surveys/campaigns/${(await fixture(c))[w].campaignId}/import`,
        client: sendingMultipart(c.clients[caller], [
          {
            name: 'file',
            value: Buffer.from(`KEY,satisfaction,age\nuuid:${w}-${caller},3,40\n`),
            filename: 'odk.csv',
            contentType: 'text/csv',
          },
        ]),
      }),
      WRITE[w],
    ),
  ),
};
