/**
 * THE authorisation acceptance test: every caller × every endpoint of the app, with ids inside and
 * outside the caller's reach, against the expectation table below.
 *
 * Endpoints are read from the running app (`app.routeCatalogue`, collected by an onRoute hook), so an
 * endpoint added by any module without a line in MATRIX fails "has an expectation for every endpoint"
 * with its name; a line whose endpoint no longer exists fails too.
 *
 * Callers: anonymous; system admin; province officer of A (vn2025:33); commune officer of a1
 * (vn2025:12142, in A); viewer of A. Targets: a1 and a2 (vn2025:11953) in A; province B (vn2025:01)
 * and its commune b1 (vn2025:00004). Conventions (server/policies/README.md): 401 anonymous, 403
 * forbidden or a write outside reach, 404 for a read of one entity outside reach.
 *
 * Adding your endpoint: one entry `'METHOD /api/path/:param': [ case(...) ]`, each case naming the
 * target, building the URL (and body) from ctx, and the five statuses in the column order below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { systemActor } from './audit/actor.js';
import {
  createFixtureUsers,
  FIXTURE_PASSWORD,
  FIXTURE_USERS,
  insertFixtureUnits,
  TestClient,
  UNITS,
} from './auth/testing.js';
import { CAMPAIGN_MATRIX } from './campaigns/authz.matrix.js';
import { importPublishedScores } from './commands/publishedScoresImporter.js';
import { createLocalUnit } from './commands/unitCreator.js';
import { createUser } from './commands/userCreator.js';
import { loadConfig } from './config.js';
import { createTestDatabase, DIALECTS } from './db/testing.js';
import { DISCLOSURE_MATRIX } from './disclosures/authz.matrix.js';
import { DOCUMENT_MATRIX } from './documents/authz.matrix.js';
import { FEEDBACK_MATRIX } from './feedback/authz.matrix.js';
import { INSPECTION_MATRIX } from './inspections/authz.matrix.js';
import { PLAN_MATRIX } from './plans/authz.matrix.js';
import { REMINDER_MATRIX } from './reminders/authz.matrix.js';
import { SURVEY_MATRIX } from './surveys/authz.matrix.js';
import {
  ADMIN_ONLY,
  CALLERS,
  type Caller,
  type Case,
  type Ctx,
  created,
  type Expect,
  get,
  noContent,
  on,
  PUBLIC,
  PUBLIC_REDIRECT,
  SIGNED_IN,
} from './testing/authz-matrix.js';

// Users API: admins everywhere, province officers inside A; commune officers and viewers never.
const USERS_IN_A: Expect = [401, 200, 200, 403, 403];
const USERS_IN_B_READ: Expect = [401, 200, 404, 403, 403];
const USERS_IN_B_WRITE: Expect = [401, 200, 403, 403, 403];

const newUserBody = (ctx: Ctx, unitId: string) => ({
  username: `matrix.${ctx.seq()}`,
  password: 'matrix-password-1',
  role: { role: 'viewer', unitId },
});
const officeBody = (parentId: string) => ({ parentId, nameVi: 'Văn phòng', nameEn: 'Office', unitType: 'office' });

// Public score reads need the published scores stored once per database (idempotent import).
const scored = new WeakSet<object>();
const withScores = (url: string, expect: Expect): Case =>
  on(
    '-',
    async (c) => {
      if (!scored.has(c.tdb.db)) {
        await importPublishedScores(c.tdb.db, systemActor('matrix'));
        scored.add(c.tdb.db);
      }
      return { url };
    },
    expect,
  );

// ------------------------------------------------------------------------------------------------------
//                                                                     anon admin provA comA1 viewA
const MATRIX: Record<string, Case[]> = {
  // System and documentation: public.
  'GET /api/health': [get('/api/health', PUBLIC)],
  'GET /api/docs': [get('/api/docs', PUBLIC)],
  'GET /api/docs/json': [get('/api/docs/json', PUBLIC)],
  'GET /api/docs/yaml': [get('/api/docs/yaml', PUBLIC)],
  'GET /api/docs/static/index.html': [get('/api/docs/static/index.html', PUBLIC_REDIRECT)],
  'GET /api/docs/static/swagger-initializer.js': [get('/api/docs/static/swagger-initializer.js', PUBLIC)],
  'GET /api/docs/static/*': [get('/api/docs/static/swagger-ui.css', PUBLIC)],

  // Units of government: public reference data, inside or outside any reach.
  'GET /api/units': [get('/api/units?q=hung', PUBLIC)],
  'GET /api/units/crosswalk': [get(`/api/units/crosswalk?to=${UNITS.A}`, PUBLIC)],
  'GET /api/units/:id': [get(`/api/units/${UNITS.a1}`, PUBLIC), get(`/api/units/${UNITS.b1}`, PUBLIC)],
  'GET /api/units/:id/children': [
    get(`/api/units/${UNITS.A}/children`, PUBLIC),
    get(`/api/units/${UNITS.B}/children`, PUBLIC),
  ],

  // Unit administration: departments/offices under a unit in reach; local units only.
  'POST /api/units': [
    on('parent a1', () => ({ url: '/api/units', payload: officeBody(UNITS.a1) }), [401, 201, 201, 201, 403]),
    on('parent a2', () => ({ url: '/api/units', payload: officeBody(UNITS.a2) }), [401, 201, 201, 403, 403]),
    on('parent A', () => ({ url: '/api/units', payload: officeBody(UNITS.A) }), [401, 201, 201, 403, 403]),
    on('parent b1', () => ({ url: '/api/units', payload: officeBody(UNITS.b1) }), [401, 201, 403, 403, 403]),
  ],
  'PATCH /api/units/:id': [
    on(
      'local unit in a1',
      (c) => ({ url: `/api/units/${c.local.inA1}`, payload: { nameEn: 'Office' } }),
      [401, 200, 200, 200, 403],
    ),
    on(
      'local unit in a2',
      (c) => ({ url: `/api/units/${c.local.inA2}`, payload: { nameEn: 'Office' } }),
      [401, 200, 200, 403, 403],
    ),
    on(
      'local unit in b1',
      (c) => ({ url: `/api/units/${c.local.inB1}`, payload: { nameEn: 'Office' } }),
      [401, 200, 403, 403, 403],
    ),
    on('official a1', () => ({ url: `/api/units/${UNITS.a1}`, payload: { nameEn: 'X' } }), [401, 403, 403, 403, 403]),
  ],

  // Accounts: public sign-in, own account for everyone signed in.
  'GET /api/auth/csrf': [get('/api/auth/csrf', PUBLIC)],
  'GET /api/auth/me': [get('/api/auth/me', PUBLIC)],
  'POST /api/auth/login': [
    on(
      'fresh browser',
      async (c) => {
        const browser = new TestClient(c.app);
        await browser.fetchCsrf();
        return {
          url: '/api/auth/login',
          payload: { username: 'matrix.login', password: FIXTURE_PASSWORD },
          client: browser,
        };
      },
      PUBLIC,
    ),
  ],
  'POST /api/auth/logout': [
    on(
      "caller's second session",
      async (c, caller) => {
        const browser = new TestClient(c.app);
        if (caller === 'anonymous') await browser.fetchCsrf();
        else await browser.login(FIXTURE_USERS[caller].username);
        return { url: '/api/auth/logout', client: browser };
      },
      [204, 204, 204, 204, 204],
    ),
  ],
  'PATCH /api/auth/me': [on('own account', () => ({ url: '/api/auth/me', payload: { locale: 'vi' } }), SIGNED_IN)],
  'POST /api/auth/password': [
    on(
      'own account',
      () => ({
        url: '/api/auth/password',
        payload: { currentPassword: FIXTURE_PASSWORD, newPassword: FIXTURE_PASSWORD },
      }),
      noContent(SIGNED_IN),
    ),
  ],

  // Users.
  'GET /api/users': [get('/api/users', USERS_IN_A)],
  'POST /api/users': [
    on('role in a1', (c) => ({ url: '/api/users', payload: newUserBody(c, UNITS.a1) }), created(USERS_IN_A)),
    on('role in b1', (c) => ({ url: '/api/users', payload: newUserBody(c, UNITS.b1) }), created(USERS_IN_B_WRITE)),
  ],
  'GET /api/users/:id': [
    on('user in a1', (c) => ({ url: `/api/users/${c.users.inA1}` }), USERS_IN_A),
    on('user in a2', (c) => ({ url: `/api/users/${c.users.inA2}` }), USERS_IN_A),
    on('user in b1', (c) => ({ url: `/api/users/${c.users.inB1}` }), USERS_IN_B_READ),
    on('system admin', (c) => ({ url: `/api/users/${c.users.admin}` }), USERS_IN_B_READ),
  ],
  'PATCH /api/users/:id': [
    on('user in a1', (c) => ({ url: `/api/users/${c.users.inA1}`, payload: { displayName: 'Cán bộ' } }), USERS_IN_A),
    on(
      'user in b1',
      (c) => ({ url: `/api/users/${c.users.inB1}`, payload: { displayName: 'Cán bộ' } }),
      USERS_IN_B_WRITE,
    ),
  ],
  'POST /api/users/:id/roles': [
    on(
      'user and unit in a2',
      async (c) => ({
        url: `/api/users/${(await c.freshUser(UNITS.a2)).id}/roles`,
        payload: { role: 'province_officer', unitId: UNITS.a2 },
      }),
      created(USERS_IN_A),
    ),
    on(
      'user and unit in b1',
      async (c) => ({
        url: `/api/users/${(await c.freshUser(UNITS.b1)).id}/roles`,
        payload: { role: 'province_officer', unitId: UNITS.b1 },
      }),
      created(USERS_IN_B_WRITE),
    ),
  ],
  'DELETE /api/users/:id/roles/:roleId': [
    on(
      'role in a1',
      async (c) => {
        const u = await c.freshUser(UNITS.a1);
        return { url: `/api/users/${u.id}/roles/${u.viewerRoleId}` };
      },
      noContent(USERS_IN_A),
    ),
    on(
      'role in b1',
      async (c) => {
        const u = await c.freshUser(UNITS.b1);
        return { url: `/api/users/${u.id}/roles/${u.viewerRoleId}` };
      },
      noContent(USERS_IN_B_WRITE),
    ),
  ],

  // Audit log: system administrators only.
  'GET /api/audit': [get('/api/audit?limit=5', ADMIN_ONLY)],
  'GET /api/audit/export.csv': [get('/api/audit/export.csv?action=login', ADMIN_ONLY)],

  // PAPI scores and frameworks: public reference data (PublishedScore, Framework).
  'GET /api/scores/years': [withScores('/api/scores/years', PUBLIC)],
  'GET /api/scores/rankings': [withScores('/api/scores/rankings?year=2024&measure=total', PUBLIC)],
  'GET /api/scores/rankings.csv': [withScores('/api/scores/rankings.csv?year=2024', PUBLIC)],
  'GET /api/scores/rankings.xlsx': [withScores('/api/scores/rankings.xlsx?year=2024&measure=d1', PUBLIC)],
  'GET /api/scores/provinces/:code': [withScores('/api/scores/provinces/33?geography=34', PUBLIC)],
  'GET /api/scores/provinces/:code/diagnosis': [withScores('/api/scores/provinces/22/diagnosis?year=2024', PUBLIC)],
  'GET /api/scores/compare': [withScores('/api/scores/compare?codes=22,01&year=2024', PUBLIC)],
  'GET /api/frameworks': [get('/api/frameworks', PUBLIC)],
  'GET /api/frameworks/:id': [get('/api/frameworks/papi-2021-2024', PUBLIC)],
  'GET /api/boundaries/:geography': [get('/api/boundaries/34', PUBLIC)],
  // One module matrix per module, in its own folder.
  ...PLAN_MATRIX,
  ...REMINDER_MATRIX,
  ...DOCUMENT_MATRIX,
  ...FEEDBACK_MATRIX,
  ...DISCLOSURE_MATRIX,
  ...INSPECTION_MATRIX,
  ...SURVEY_MATRIX,
  ...CAMPAIGN_MATRIX,
};
// ------------------------------------------------------------------------------------------------------

describe.each(DIALECTS)('authorisation matrix on %s', (dialect) => {
  let ctx: Ctx;

  beforeAll(async () => {
    const tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    const fixture = await createFixtureUsers(tdb.db);
    const sys = systemActor('matrix');
    let n = 0;
    const seq = () => ++n;
    const officer = async (unitId: string) =>
      (
        await createUser(tdb.db, sys, {
          username: `target.${seq()}`,
          password: FIXTURE_PASSWORD,
          roles: [{ role: 'commune_officer', unitId }],
        })
      ).id;
    await createUser(tdb.db, sys, { username: 'matrix.login', password: FIXTURE_PASSWORD });
    const office = async (parentId: string) =>
      (await createLocalUnit(tdb.db, sys, { parentId, nameVi: 'Văn phòng', nameEn: 'Office', unitType: 'office' })).id;
    const app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
    const anonymous = new TestClient(app);
    await anonymous.fetchCsrf();
    ctx = {
      tdb,
      app,
      seq,
      clients: {
        anonymous,
        admin: await new TestClient(app).login(FIXTURE_USERS.admin.username),
        provinceA: await new TestClient(app).login(FIXTURE_USERS.provinceA.username),
        communeA1: await new TestClient(app).login(FIXTURE_USERS.communeA1.username),
        viewerA: await new TestClient(app).login(FIXTURE_USERS.viewerA.username),
      },
      users: {
        ...fixture,
        inA1: await officer(UNITS.a1),
        inA2: await officer(UNITS.a2),
        inB1: await officer(UNITS.b1),
      },
      local: { inA1: await office(UNITS.a1), inA2: await office(UNITS.a2), inB1: await office(UNITS.b1) },
      freshUser: async (unitId) => {
        const u = await createUser(tdb.db, sys, {
          username: `fresh.${seq()}`,
          password: FIXTURE_PASSWORD,
          roles: [
            { role: 'commune_officer', unitId },
            { role: 'viewer', unitId },
          ],
        });
        return { id: u.id, viewerRoleId: u.roles.find((r) => r.role === 'viewer')?.id ?? '' };
      },
    };
  });
  afterAll(async () => {
    await ctx.app.close();
    await ctx.tdb.destroy();
  });

  it('has an expectation for every endpoint of the app, and no expectation for a missing one', () => {
    const api = ctx.app.routeCatalogue.filter((r) => r.url.startsWith('/api'));
    const registered = new Set(api.map((r) => `${r.method} ${r.url}`));
    expect(registered.size).toBeGreaterThan(20);
    const missing = [...registered].filter((e) => !(e in MATRIX));
    expect(missing, 'endpoints without a line in MATRIX').toEqual([]);
    const stale = Object.keys(MATRIX).filter((e) => !registered.has(e));
    expect(stale, 'MATRIX lines for endpoints that do not exist').toEqual([]);
    // Outside /api only the built web app's static files (GET) may be served.
    const other = ctx.app.routeCatalogue.filter((r) => !r.url.startsWith('/api') && r.method !== 'GET');
    expect(other, 'non-GET routes outside /api').toEqual([]);
  });

  for (const [endpoint, cases] of Object.entries(MATRIX)) {
    const [method = 'GET'] = endpoint.split(' ');
    for (const c of cases) {
      it(`${endpoint} [${c.target}]`, async () => {
        const actual = {} as Record<Caller, number>;
        const expected = {} as Record<Caller, number>;
        for (const [i, caller] of CALLERS.entries()) {
          const req = await c.request(ctx, caller);
          const client = req.client ?? ctx.clients[caller];
          const res = await client.inject({
            method: method as 'GET',
            url: req.url,
            ...(req.payload === undefined ? {} : { payload: req.payload as Record<string, unknown> }),
          });
          actual[caller] = res.statusCode;
          expected[caller] = c.expect[i] ?? 0;
          if (res.statusCode >= 400) {
            // Every refusal uses the stable error shape.
            expect(res.json(), `${caller}: ${res.body}`).toMatchObject({
              code: expect.any(String),
              message: expect.any(String),
            });
          }
        }
        expect(actual).toEqual(expected);
      });
    }
  }

  it('kept every matrix caller signed in throughout (no case logged a caller out)', async () => {
    for (const caller of CALLERS.filter((x) => x !== 'anonymous')) {
      const me = (await ctx.clients[caller].inject({ method: 'GET', url: '/api/auth/me' })).json() as { user: unknown };
      expect(me.user, caller).not.toBeNull();
    }
  });
});
