/**
 * Authorisation expectations for the feedback module's endpoints (see server/testing/authz-matrix.ts).
 * Public: submission, tracking, rating, published answers, Open311. Officers: the `Feedback` subject on
 * the responsible unit (reads outside reach 404, writes outside reach 403).
 */
import { randomUUID } from 'node:crypto';
import { systemActor } from '../audit/actor.js';
import { UNITS } from '../auth/testing.js';
import { PNG_1X1 } from '../files/testing.js';
import {
  ADMIN_ONLY,
  type Case,
  type Ctx,
  created,
  type Expect,
  get,
  noContent,
  on,
  PUBLIC,
  SIGNED_IN,
} from '../testing/authz-matrix.js';
import { createRoutingRule, submitFeedback, transitionFeedback } from './commands.js';
import { solvedSubmission } from './testing.js';

const sys = systemActor('matrix');

/** A fresh item handled by `unitId` (a commune), optionally answered. */
async function makeItem(ctx: Ctx, unitId: string, opts: { answered?: boolean; file?: boolean } = {}) {
  const { row } = await submitFeedback(
    ctx.tdb.db,
    sys,
    {
      submissionId: randomUUID(),
      track: 'feedback',
      categoryId: 'infrastructure',
      communeId: unitId,
      description: `Đường liên thôn số ${ctx.seq()} có nhiều ổ gà cần sửa.`,
      source: 'web',
      files: opts.file ? [{ filename: 'anh.png', mediaType: 'image/png', content: PNG_1X1 }] : [],
    },
    async () => null,
  );
  if (opts.answered) {
    await transitionFeedback(ctx.tdb.db, sys, row.id, { to: 'accepted' });
    await transitionFeedback(ctx.tdb.db, sys, row.id, { to: 'answered', answer: 'Đã vá ổ gà.' });
  }
  return row;
}

const cache = new WeakMap<object, Map<string, Promise<{ id: string; code: string; fileId: string }>>>();
/** One item per (database, unit), made once. */
function itemIn(ctx: Ctx, unitId: string) {
  let m = cache.get(ctx.tdb.db);
  if (!m) {
    m = new Map();
    cache.set(ctx.tdb.db, m);
  }
  let p = m.get(unitId);
  if (!p) {
    p = (async () => {
      const row = await makeItem(ctx, unitId, { answered: true, file: true });
      const file = await ctx.tdb.db
        .selectFrom('stored_file')
        .select('id')
        .where('owner_id', '=', row.id)
        .executeTakeFirstOrThrow();
      return { id: row.id, code: row.tracking_code, fileId: file.id };
    })();
    m.set(unitId, p);
  }
  return p;
}

const READ_A1: Expect = [401, 200, 200, 200, 200];
const READ_A2: Expect = [401, 200, 200, 404, 200];
const READ_B1: Expect = [401, 200, 404, 404, 404];
const WRITE_A1: Expect = [401, 200, 200, 200, 403];
const WRITE_A2: Expect = [401, 200, 200, 403, 403];
const WRITE_B1: Expect = [401, 200, 403, 403, 403];

const readCases = (path: (i: { id: string; fileId: string }) => string): Case[] => [
  on('item in a1', async (c) => ({ url: path(await itemIn(c, UNITS.a1)) }), READ_A1),
  on('item in a2', async (c) => ({ url: path(await itemIn(c, UNITS.a2)) }), READ_A2),
  on('item in b1', async (c) => ({ url: path(await itemIn(c, UNITS.b1)) }), READ_B1),
];

/** The fixture communes a write is tried in, with who may write there. */
const WRITE_UNITS = [
  ['a1', UNITS.a1, WRITE_A1],
  ['a2', UNITS.a2, WRITE_A2],
  ['b1', UNITS.b1, WRITE_B1],
] as const;

/** A write on a fresh item per call (so each caller finds it in the same state). */
const writeCases = (action: string, payload: (c: Ctx, unitId: string) => unknown): Case[] =>
  WRITE_UNITS.map(([name, unitId, expect]) =>
    on(
      `fresh item in ${name}`,
      async (c) => ({
        url: `/api/feedback/items/${(await makeItem(c, unitId)).id}/${action}`,
        payload: payload(c, unitId),
      }),
      expect,
    ),
  );

const trackBody = {
  acceptDays: 10,
  acceptWorkingDays: true,
  resolveDays: 30,
  resolveWorkingDays: false,
  complexResolveDays: 45,
  remoteResolveDays: 45,
};

export const FEEDBACK_MATRIX: Record<string, Case[]> = {
  // Public: citizens without an account.
  'GET /api/feedback/categories': [get('/api/feedback/categories', PUBLIC)],
  'GET /api/feedback/challenge': [get('/api/feedback/challenge', PUBLIC)],
  'POST /api/feedback': [
    on(
      'new submission in a1',
      async (c) => ({ url: '/api/feedback', payload: await solvedSubmission(c.tdb.db, 1, { communeId: UNITS.a1 }) }),
      created(PUBLIC),
    ),
    on(
      'new submission in b1',
      async (c) => ({ url: '/api/feedback', payload: await solvedSubmission(c.tdb.db, 1, { communeId: UNITS.b1 }) }),
      created(PUBLIC),
    ),
  ],
  'GET /api/feedback/track/:code': [
    on(
      'code of an item in b1',
      async (c) => ({ url: `/api/feedback/track/${(await itemIn(c, UNITS.b1)).code}` }),
      PUBLIC,
    ),
  ],
  'POST /api/feedback/track/:code/rating': [
    on(
      'fresh answered item',
      async (c) => ({
        url: `/api/feedback/track/${(await makeItem(c, UNITS.a1, { answered: true })).tracking_code}/rating`,
        payload: { resolved: true, score: 4 },
      }),
      PUBLIC,
    ),
  ],
  'GET /api/feedback/answers': [get('/api/feedback/answers', PUBLIC)],
  'GET /api/feedback/answers/:id': [
    on('answer in b1', async (c) => ({ url: `/api/feedback/answers/${(await itemIn(c, UNITS.b1)).id}` }), PUBLIC),
  ],

  // Officers.
  'GET /api/feedback/items': [get('/api/feedback/items', SIGNED_IN)],
  'GET /api/feedback/items/:id': readCases((i) => `/api/feedback/items/${i.id}`),
  'GET /api/feedback/items/:id/attachments/:fileId': readCases(
    (i) => `/api/feedback/items/${i.id}/attachments/${i.fileId}`,
  ),
  'POST /api/feedback/items/:id/transition': writeCases('transition', () => ({ to: 'accepted' })),
  'POST /api/feedback/items/:id/assign': writeCases('assign', (c, unitId) => ({
    userId: unitId === UNITS.a1 ? c.users.inA1 : unitId === UNITS.a2 ? c.users.inA2 : c.users.inB1,
  })),
  'GET /api/feedback/items/:id/handlers': [
    on(
      'item in a1',
      async (c) => ({ url: `/api/feedback/items/${(await itemIn(c, UNITS.a1)).id}/handlers` }),
      WRITE_A1,
    ),
    on(
      'item in a2',
      async (c) => ({ url: `/api/feedback/items/${(await itemIn(c, UNITS.a2)).id}/handlers` }),
      WRITE_A2,
    ),
    on(
      'item in b1',
      async (c) => ({ url: `/api/feedback/items/${(await itemIn(c, UNITS.b1)).id}/handlers` }),
      WRITE_B1,
    ),
  ],
  'POST /api/feedback/items/:id/extend': WRITE_UNITS.map(([name, unitId, expect]) =>
    on(
      `fresh accepted item in ${name}`,
      async (c) => {
        const row = await makeItem(c, unitId);
        await transitionFeedback(c.tdb.db, sys, row.id, { to: 'accepted' });
        return {
          url: `/api/feedback/items/${row.id}/extend`,
          payload: { reason: 'Vụ việc phức tạp, cần xác minh thêm.' },
        };
      },
      expect,
    ),
  ),
  'POST /api/feedback/items/:id/notes': writeCases('notes', () => ({ note: 'Đã liên hệ thôn trưởng.' })),
  'POST /api/feedback/items/:id/moderation': writeCases('moderation', () => ({ decision: 'approved' })),
  'GET /api/feedback/export.csv': [get('/api/feedback/export.csv', SIGNED_IN)],
  'GET /api/feedback/board': [
    get('/api/feedback/board', SIGNED_IN),
    get(`/api/feedback/board?unitId=${UNITS.a2}`, READ_A2),
    get(`/api/feedback/board?unitId=${UNITS.b1}`, READ_B1),
  ],
  'GET /api/feedback/config': [get('/api/feedback/config', SIGNED_IN)],
  'PUT /api/feedback/config/tracks/:track': [
    on('complaint deadlines', () => ({ url: '/api/feedback/config/tracks/complaint', payload: trackBody }), ADMIN_ONLY),
  ],
  'POST /api/feedback/routing-rules': [
    on(
      'rule for a1',
      () => ({
        url: '/api/feedback/routing-rules',
        payload: { communeId: UNITS.a1, categoryId: 'land', target: 'province' },
      }),
      created(WRITE_A1),
    ),
    on(
      'rule for b1',
      () => ({
        url: '/api/feedback/routing-rules',
        payload: { communeId: UNITS.b1, categoryId: 'land', target: 'commune' },
      }),
      created(WRITE_B1),
    ),
    on(
      'rule for every commune',
      () => ({ url: '/api/feedback/routing-rules', payload: { categoryId: 'water', target: 'commune' } }),
      created(ADMIN_ONLY),
    ),
  ],
  'DELETE /api/feedback/routing-rules/:id': [
    on(
      'fresh rule for a1',
      async (c) => ({
        url: `/api/feedback/routing-rules/${(await createRoutingRule(c.tdb.db, sys, { communeId: UNITS.a1, target: 'commune' }, UNITS.a1)).id}`,
      }),
      noContent(WRITE_A1),
    ),
    on(
      'fresh rule for b1',
      async (c) => ({
        url: `/api/feedback/routing-rules/${(await createRoutingRule(c.tdb.db, sys, { communeId: UNITS.b1, target: 'commune' }, UNITS.b1)).id}`,
      }),
      noContent(WRITE_B1),
    ),
  ],

  // Open311 GeoReport v2: public, feedback track only.
  'GET /api/open311/v2/services.:format': [
    get('/api/open311/v2/services.json', PUBLIC),
    get('/api/open311/v2/services.xml', PUBLIC),
  ],
  'GET /api/open311/v2/services/:service_code.:format': [get('/api/open311/v2/services/land.json', PUBLIC)],
  'POST /api/open311/v2/requests.:format': [
    on(
      'new request in a1',
      () => ({
        url: '/api/open311/v2/requests.json',
        payload: {
          jurisdiction_id: UNITS.a1,
          service_code: 'water',
          lat: '20.8',
          long: '106.1',
          description: 'Nước máy có màu vàng đục từ hôm qua.',
        },
      }),
      created(PUBLIC),
    ),
  ],
  'GET /api/open311/v2/requests.:format': [get('/api/open311/v2/requests.json?status=closed', PUBLIC)],
  'GET /api/open311/v2/requests/:service_request_id.:format': [
    on(
      'request in b1',
      async (c) => ({ url: `/api/open311/v2/requests/${(await itemIn(c, UNITS.b1)).id}.xml` }),
      PUBLIC,
    ),
  ],
};
