/**
 * Authorisation expectations for the plans module's endpoints (see server/testing/authz-matrix.ts).
 * Plan / Task / Report are unit-scoped subjects: reads outside reach → 404, writes → 403, viewers read
 * only. Returning or approving a report needs reach over the unit ABOVE the report's unit, so a commune
 * officer never decides on its own report (403).
 * Fixtures are made with the commands directly; state-changing cases get a fresh entity per call.
 */
import { systemActor } from '../audit/actor.js';
import { UNITS } from '../auth/testing.js';
import { importPublishedScores } from '../commands/publishedScoresImporter.js';
import { inTransaction } from '../db/transaction.js';
import { FILE_LIMITS, storeFile } from '../files/index.js';
import {
  type Case,
  type Ctx,
  created,
  type Expect,
  noContent,
  on,
  PUBLIC,
  SIGNED_IN,
} from '../testing/authz-matrix.js';
import {
  createPlan,
  createReport,
  createTask,
  decideReport,
  issuePlan,
  submitReport,
  updateReport,
} from './commands.js';
import { EVIDENCE_OWNER } from './repository.js';

//                                        anon admin provA comA1 viewA
const READ_A1: Expect = [401, 200, 200, 200, 200];
const READ_A2: Expect = [401, 200, 200, 404, 200];
const READ_B1: Expect = [401, 200, 404, 404, 404];
const WRITE_A1: Expect = [401, 200, 200, 200, 403];
const WRITE_A2: Expect = [401, 200, 200, 403, 403];
const WRITE_B1: Expect = [401, 200, 403, 403, 403];
const DECIDE_A: Expect = [401, 200, 200, 403, 403];
const DECIDE_B: Expect = [401, 200, 403, 403, 403];

const sys = systemActor('matrix');
const where = ['a1', 'a2', 'b1'] as const;
type Where = (typeof where)[number];
const unitOf = (w: Where) => UNITS[w];
const localOf = (c: Ctx, w: Where) => ({ a1: c.local.inA1, a2: c.local.inA2, b1: c.local.inB1 })[w];
const READ = { a1: READ_A1, a2: READ_A2, b1: READ_B1 };
const WRITE = { a1: WRITE_A1, a2: WRITE_A2, b1: WRITE_B1 };
const DECIDE = { a1: DECIDE_A, a2: DECIDE_A, b1: DECIDE_B };

const ISSUE = {
  number: '1',
  symbol: 'KH-UBND',
  issuedDate: '2026-01-05',
  signerName: 'Nguyễn Văn A',
  signerTitle: 'CHỦ TỊCH',
};
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Per database: counters for fresh plan years and report periods, the shared fixture. */
interface State {
  directYear: number;
  httpYear: number;
  period: number;
  shared?: Promise<Record<Where, { planId: string; taskId: string; reportId: string; fileId: string }>>;
  scores?: Promise<unknown>;
}
const states = new WeakMap<object, State>();
const state = (c: Ctx): State => {
  let s = states.get(c.tdb.db);
  if (!s) {
    s = { directYear: 3000, httpYear: 2000, period: 0 };
    states.set(c.tdb.db, s);
  }
  return s;
};
/** A year no plan of any unit uses yet, inside the API's 2000–2100 range. */
const httpYear = (c: Ctx) => state(c).httpYear++;
const KINDS = ['Q1', 'Q2', 'Q3', 'Q4', 'S1', 'N9', ''] as const;
/** A period id no report uses yet. */
const freshPeriod = (c: Ctx) => {
  const n = state(c).period++;
  return `${2000 + Math.floor(n / KINDS.length)}${KINDS[n % KINDS.length]}`;
};

async function issuedPlanWithTask(c: Ctx, unitId: string) {
  const plan = await createPlan(c.tdb.db, sys, { unitId, year: state(c).directYear++ });
  const task = await createTask(c.tdb.db, sys, plan.id, {
    title: 'Công khai danh sách hộ nghèo',
    leadUnitName: 'Văn phòng',
    dueDate: '2026-06-30',
  });
  await issuePlan(c.tdb.db, sys, plan.id, ISSUE);
  return { planId: plan.id, taskId: task.id };
}

function shared(c: Ctx) {
  const s = state(c);
  if (!s.shared) {
    s.shared = (async () => {
      const out = {} as Record<Where, { planId: string; taskId: string; reportId: string; fileId: string }>;
      for (const w of where) {
        const { planId, taskId } = await issuedPlanWithTask(c, unitOf(w));
        const report = await createReport(c.tdb.db, sys, { unitId: unitOf(w), period: freshPeriod(c) });
        const file = await inTransaction(c.tdb.db, (tx) =>
          storeFile(tx, sys, {
            ownerType: EVIDENCE_OWNER,
            ownerId: taskId,
            unitId: unitOf(w),
            file: { filename: 'minh-chung.png', mediaType: 'image/png', content: PNG },
            limits: FILE_LIMITS.evidence,
          }),
        );
        out[w] = { planId, taskId, reportId: report.id, fileId: file.id };
      }
      return out;
    })();
  }
  return s.shared;
}

function withScores(c: Ctx) {
  const s = state(c);
  s.scores ??= importPublishedScores(c.tdb.db, sys);
  return s.scores;
}

const draftPlan = async (c: Ctx, w: Where) =>
  (await createPlan(c.tdb.db, sys, { unitId: unitOf(w), year: state(c).directYear++ })).id;

async function submittedReport(c: Ctx, unitId: string) {
  const r = await createReport(c.tdb.db, sys, { unitId, period: freshPeriod(c) });
  await updateReport(c.tdb.db, sys, r.id, { summary: 'Đánh giá chung' });
  await submitReport(c.tdb.db, sys, r.id);
  return r.id;
}

/** A draft report of unit w whose lower unit (the local office) has an approved report of the same period. */
async function consolidatable(c: Ctx, w: Where) {
  const period = freshPeriod(c);
  const child = await createReport(c.tdb.db, sys, { unitId: localOf(c, w), period });
  await updateReport(c.tdb.db, sys, child.id, { summary: 'Văn phòng báo cáo' });
  await submitReport(c.tdb.db, sys, child.id);
  await decideReport(c.tdb.db, sys, child.id, 'approve');
  return (await createReport(c.tdb.db, sys, { unitId: unitOf(w), period })).id;
}

const each = (
  name: string,
  expect: Record<Where, Expect>,
  request: (c: Ctx, w: Where) => Promise<{ url: string; payload?: unknown }>,
) => where.map((w) => on(`${name} in ${w}`, (c) => request(c, w), expect[w]));

const mapExpect = (e: Record<Where, Expect>, f: (x: Expect) => Expect) => ({ a1: f(e.a1), a2: f(e.a2), b1: f(e.b1) });
const as415 = (e: Expect): Expect => e.map((s) => (s === 200 ? 415 : s)) as Expect;

export const PLAN_MATRIX: Record<string, Case[]> = {
  // Issued plans are public documents: the portal shows them to anyone.
  'GET /api/portal/plans': [on('-', () => ({ url: '/api/portal/plans?province=33&geography=34' }), PUBLIC)],
  'GET /api/plans': [on('list (scoped)', () => ({ url: '/api/plans' }), SIGNED_IN)],
  'POST /api/plans': each('unit', mapExpect(WRITE, created), async (c, w) => ({
    url: '/api/plans',
    payload: { unitId: unitOf(w), year: httpYear(c) },
  })),
  'GET /api/plans/library': [on('library', () => ({ url: '/api/plans/library?dimension=2' }), SIGNED_IN)],
  'GET /api/plans/proposal': each('unit', READ, async (c, w) => {
    await withScores(c);
    return { url: `/api/plans/proposal?unitId=${unitOf(w)}&year=2026` };
  }),
  'POST /api/plans/from-diagnosis': each('unit', mapExpect(WRITE, created), async (c, w) => {
    await withScores(c);
    return {
      url: '/api/plans/from-diagnosis',
      payload: { unitId: unitOf(w), year: httpYear(c), libraryKeys: ['d3-dialogue'] },
    };
  }),
  'GET /api/plans/:planId': each('plan', READ, async (c, w) => ({ url: `/api/plans/${(await shared(c))[w].planId}` })),
  'PATCH /api/plans/:planId': each('draft plan', WRITE, async (c, w) => ({
    url: `/api/plans/${await draftPlan(c, w)}`,
    payload: { purpose: 'Mục đích' },
  })),
  'POST /api/plans/:planId/issue': each('draft plan', WRITE, async (c, w) => ({
    url: `/api/plans/${await draftPlan(c, w)}/issue`,
    payload: ISSUE,
  })),
  'POST /api/plans/:planId/amend': each('issued plan', WRITE, async (c, w) => ({
    url: `/api/plans/${(await issuedPlanWithTask(c, unitOf(w))).planId}/amend`,
    payload: { reason: 'Điều chỉnh', changes: { purpose: 'Mục đích mới' } },
  })),
  'POST /api/plans/:planId/close': each('issued plan', WRITE, async (c, w) => ({
    url: `/api/plans/${(await issuedPlanWithTask(c, unitOf(w))).planId}/close`,
  })),
  'GET /api/plans/:planId/versions/:version': each('plan', READ, async (c, w) => ({
    url: `/api/plans/${(await shared(c))[w].planId}/versions/1`,
  })),
  'POST /api/plans/:planId/tasks': each('plan', mapExpect(WRITE, created), async (c, w) => ({
    url: `/api/plans/${(await shared(c))[w].planId}/tasks`,
    payload: { title: 'Đối thoại với Nhân dân', leadUnitName: 'Văn phòng' },
  })),
  'GET /api/tasks': [on('list (scoped)', () => ({ url: '/api/tasks' }), SIGNED_IN)],
  'GET /api/tasks/:taskId': each('task', READ, async (c, w) => ({ url: `/api/tasks/${(await shared(c))[w].taskId}` })),
  'PATCH /api/tasks/:taskId': each('task', WRITE, async (c, w) => ({
    url: `/api/tasks/${(await shared(c))[w].taskId}`,
    payload: { expectedOutput: 'Biên bản' },
  })),
  'DELETE /api/tasks/:taskId': each('task of a draft plan', mapExpect(WRITE, noContent), async (c, w) => {
    const planId = await draftPlan(c, w);
    const task = await createTask(c.tdb.db, sys, planId, { title: 'Nhiệm vụ', leadUnitName: 'Văn phòng' });
    return { url: `/api/tasks/${task.id}` };
  }),
  'POST /api/tasks/:taskId/progress': each('task', WRITE, async (c, w) => ({
    url: `/api/tasks/${(await shared(c))[w].taskId}/progress`,
    payload: { progress: 50 },
  })),
  'POST /api/tasks/:taskId/cascade': each('task', mapExpect(WRITE, created), async (c, w) => ({
    url: `/api/tasks/${(await issuedPlanWithTask(c, unitOf(w))).taskId}/cascade`,
    payload: { unitIds: [localOf(c, w)] },
  })),
  'POST /api/tasks/:taskId/comments': each('task', mapExpect(WRITE, created), async (c, w) => ({
    url: `/api/tasks/${(await shared(c))[w].taskId}/comments`,
    payload: { body: 'Đề nghị bổ sung ảnh' },
  })),
  // The matrix sends JSON: a caller allowed to write reaches the multipart check (415); others stop at 401/403.
  'POST /api/tasks/:taskId/evidence': each('task', mapExpect(WRITE, as415), async (c, w) => ({
    url: `/api/tasks/${(await shared(c))[w].taskId}/evidence`,
    payload: { file: 'x' },
  })),
  'GET /api/tasks/:taskId/evidence/:fileId': each('file', READ, async (c, w) => {
    const f = (await shared(c))[w];
    return { url: `/api/tasks/${f.taskId}/evidence/${f.fileId}` };
  }),
  'GET /api/reports/periods': [on('periods', () => ({ url: '/api/reports/periods?year=2026' }), SIGNED_IN)],
  'GET /api/reports': [on('list (scoped)', () => ({ url: '/api/reports' }), SIGNED_IN)],
  'POST /api/reports': each('unit', mapExpect(WRITE, created), async (c, w) => ({
    url: '/api/reports',
    payload: { unitId: unitOf(w), period: freshPeriod(c) },
  })),
  'GET /api/reports/board': each('unit', READ, async (_c, w) => ({
    url: `/api/reports/board?unitId=${unitOf(w)}&period=2026Q1`,
  })),
  'GET /api/reports/:reportId': each('report', READ, async (c, w) => ({
    url: `/api/reports/${(await shared(c))[w].reportId}`,
  })),
  'PATCH /api/reports/:reportId': each('report', WRITE, async (c, w) => ({
    url: `/api/reports/${(await shared(c))[w].reportId}`,
    payload: { proposals: 'Kiến nghị' },
  })),
  'POST /api/reports/:reportId/refresh': each('report', WRITE, async (c, w) => ({
    url: `/api/reports/${(await shared(c))[w].reportId}/refresh`,
  })),
  'POST /api/reports/:reportId/submit': each('draft report', WRITE, async (c, w) => {
    const r = await createReport(c.tdb.db, sys, { unitId: unitOf(w), period: freshPeriod(c) });
    await updateReport(c.tdb.db, sys, r.id, { summary: 'Đánh giá chung' });
    return { url: `/api/reports/${r.id}/submit` };
  }),
  'POST /api/reports/:reportId/return': each('submitted report', DECIDE, async (c, w) => ({
    url: `/api/reports/${await submittedReport(c, unitOf(w))}/return`,
    payload: { reason: 'Bổ sung số liệu' },
  })),
  'POST /api/reports/:reportId/approve': each('submitted report', DECIDE, async (c, w) => ({
    url: `/api/reports/${await submittedReport(c, unitOf(w))}/approve`,
  })),
  'POST /api/reports/:reportId/consolidate': each('report with an approved lower report', WRITE, async (c, w) => ({
    url: `/api/reports/${await consolidatable(c, w)}/consolidate`,
  })),
};
