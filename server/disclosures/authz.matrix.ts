/**
 * Authorisation expectations for the disclosures module's endpoints (see server/testing/authz-matrix.ts).
 * Postings belong to their unit: read in reach (404 outside), written by officers in reach (403 outside).
 * Item types: read by anyone, configured by system administrators. Portal reads: public.
 */
import { systemActor } from '../audit/actor.js';
import { type TestClient, UNITS } from '../auth/testing.js';
import { todayIso } from '../db/time.js';
import { multipart, PNG_1X1 } from '../files/testing.js';
import {
  type Caller,
  type Case,
  type Ctx,
  created,
  type Expect,
  get,
  noContent,
  on,
  PUBLIC,
  type Request,
} from '../testing/authz-matrix.js';
import { addDisclosureFiles, createDisclosure } from './commands.js';

//                                anon admin provA comA1 viewA
const READ_A1: Expect = [401, 200, 200, 200, 200];
const READ_A2: Expect = [401, 200, 200, 404, 200];
const READ_B1: Expect = [401, 200, 404, 404, 404];
const WRITE_A1: Expect = [401, 200, 200, 200, 403];
const WRITE_A2: Expect = [401, 200, 200, 403, 403];
const WRITE_B1: Expect = [401, 200, 403, 403, 403];
const SIGNED_IN_READ: Expect = [401, 200, 200, 200, 200];
const ADMIN_WRITE: Expect = [401, 200, 403, 403, 403];

const body = (unitId: string, title = 'Dự toán ngân sách') => ({
  unitId,
  typeId: 'budget_estimate',
  title,
  period: todayIso().slice(0, 4),
  places: ['commune_office'],
  postedFrom: todayIso(),
  published: true,
});

/** A fresh posting (with one evidence photo and one public copy) in `unitId`. */
async function posting(c: Ctx, unitId: string): Promise<{ id: string; evidence: string; publicCopy: string }> {
  const actor = systemActor('matrix');
  const id = await createDisclosure(c.tdb.db, actor, unitId, { ...body(unitId), redacted: false });
  const file = { filename: 'bang-tin.png', mediaType: 'image/png', content: PNG_1X1 };
  const [evidence] = await addDisclosureFiles(c.tdb.db, actor, id, 'evidence', [file]);
  const [publicCopy] = await addDisclosureFiles(c.tdb.db, actor, id, 'public', [file]);
  return { id, evidence: evidence?.id ?? '', publicCopy: publicCopy?.id ?? '' };
}

const perUnit = (
  method: string,
  make: (p: { id: string; evidence: string; publicCopy: string }, c: Ctx, caller: Caller) => Request,
  expects: [Expect, Expect, Expect],
): Case[] =>
  ([UNITS.a1, UNITS.a2, UNITS.b1] as const).map((unit, i) =>
    on(
      `${method} posting in ${unit}`,
      async (c, caller) => make(await posting(c, unit), c, caller),
      expects[i] as Expect,
    ),
  );

export const DISCLOSURE_MATRIX: Record<string, Case[]> = {
  'GET /api/disclosures/types': [get('/api/disclosures/types', PUBLIC)],
  'POST /api/disclosures/types': [
    on(
      'new kind',
      (c) => ({
        url: '/api/disclosures/types',
        payload: { id: `kind_${c.seq()}`, nameVi: 'Khoản khác', nameEn: 'Other', rule: { kind: 'days', days: 30 } },
      }),
      created(ADMIN_WRITE),
    ),
  ],
  'PATCH /api/disclosures/types/:id': [
    on(
      'seeded kind',
      () => ({ url: '/api/disclosures/types/investment_projects', payload: { required: false } }),
      ADMIN_WRITE,
    ),
  ],
  'GET /api/disclosures': [
    get('/api/disclosures', SIGNED_IN_READ),
    get(`/api/disclosures?unitId=${UNITS.a1}`, SIGNED_IN_READ),
  ],
  'POST /api/disclosures': [
    on('in a1', () => ({ url: '/api/disclosures', payload: body(UNITS.a1) }), created(WRITE_A1)),
    on('in a2', () => ({ url: '/api/disclosures', payload: body(UNITS.a2) }), created(WRITE_A2)),
    on('in b1', () => ({ url: '/api/disclosures', payload: body(UNITS.b1) }), created(WRITE_B1)),
  ],
  'GET /api/disclosures/compliance': [
    get(`/api/disclosures/compliance?unitId=${UNITS.a1}&year=2026`, READ_A1),
    get(`/api/disclosures/compliance?unitId=${UNITS.A}&year=2026`, READ_A2),
    get(`/api/disclosures/compliance?unitId=${UNITS.B}&year=2026`, READ_B1),
  ],
  'GET /api/disclosures/:id': perUnit('GET', (p) => ({ url: `/api/disclosures/${p.id}` }), [READ_A1, READ_A2, READ_B1]),
  'PATCH /api/disclosures/:id': perUnit(
    'PATCH',
    (p) => ({ url: `/api/disclosures/${p.id}`, payload: { title: 'Dự toán (sửa)' } }),
    [WRITE_A1, WRITE_A2, WRITE_B1],
  ),
  'DELETE /api/disclosures/:id': perUnit('DELETE', (p) => ({ url: `/api/disclosures/${p.id}` }), [
    noContent(WRITE_A1),
    noContent(WRITE_A2),
    noContent(WRITE_B1),
  ]),
  'POST /api/disclosures/:id/files': perUnit(
    'POST',
    (p, c, caller) => ({ url: `/api/disclosures/${p.id}/files`, client: uploading(c, caller) }),
    [created(WRITE_A1), created(WRITE_A2), created(WRITE_B1)],
  ),
  'GET /api/disclosures/:id/files/:fileId': perUnit(
    'GET',
    (p) => ({ url: `/api/disclosures/${p.id}/files/${p.evidence}` }),
    [READ_A1, READ_A2, READ_B1],
  ),
  'DELETE /api/disclosures/:id/files/:fileId': perUnit(
    'DELETE',
    (p) => ({ url: `/api/disclosures/${p.id}/files/${p.evidence}` }),
    [noContent(WRITE_A1), noContent(WRITE_A2), noContent(WRITE_B1)],
  ),
  'GET /api/public/disclosures': [get(`/api/public/disclosures?unitId=${UNITS.A}`, PUBLIC)],
  'GET /api/public/disclosures/:id/files/:fileId': perUnit(
    'GET',
    (p) => ({ url: `/api/public/disclosures/${p.id}/files/${p.publicCopy}` }),
    [PUBLIC, PUBLIC, PUBLIC],
  ),
};

/**
 * The matrix sends `payload` as JSON; an upload needs a multipart body and its content type, so the
 * caller's own client (same cookies and CSRF token) is wrapped to send one.
 */
export function uploading(c: Ctx, caller: Caller): TestClient {
  const base = c.clients[caller];
  const form = multipart([{ name: 'evidence', value: PNG_1X1, filename: 'anh.png', contentType: 'image/png' }]);
  const client = Object.create(base) as TestClient;
  client.inject = (opts) => base.inject({ ...opts, payload: form.payload, headers: { ...form.headers } });
  return client;
}
