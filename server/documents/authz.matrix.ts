/**
 * Authorisation expectations for the documents endpoints (see server/testing/authz-matrix.ts). Exports
 * read a plan or report: its unit's readers get it, everyone else 404 (anonymous 401). Importing a task
 * list writes tasks into the plan: officers of the unit (403 outside reach, viewers 403); the check comes
 * before the body is read, so a JSON body from an allowed caller gets 415 (not multipart).
 * Fixtures: one issued plan with a task and one report per unit a1, a2, b1, made with the plans commands
 * (years and periods far from the ones the plans matrix uses).
 */
import { systemActor } from '../audit/actor.js';
import { UNITS } from '../auth/testing.js';
import { createPlan, createReport, createTask, issuePlan } from '../plans/commands.js';
import { type Case, type Ctx, type Expect, on } from '../testing/authz-matrix.js';

//                                        anon admin provA comA1 viewA
const READ: Record<Where, Expect> = {
  a1: [401, 200, 200, 200, 200],
  a2: [401, 200, 200, 404, 200],
  b1: [401, 200, 404, 404, 404],
};
const IMPORT: Record<Where, Expect> = {
  a1: [401, 415, 415, 415, 403],
  a2: [401, 415, 415, 403, 403],
  b1: [401, 415, 403, 403, 403],
};

const sys = systemActor('matrix');
const where = ['a1', 'a2', 'b1'] as const;
type Where = (typeof where)[number];

type Fixture = Record<Where, { planId: string; reportId: string }>;
const fixtures = new WeakMap<object, Promise<Fixture>>();

function fixture(c: Ctx): Promise<Fixture> {
  let f = fixtures.get(c.tdb.db);
  if (!f) {
    f = (async () => {
      const out = {} as Fixture;
      for (const w of where) {
        const plan = await createPlan(c.tdb.db, sys, { unitId: UNITS[w], year: 2095 });
        await createTask(c.tdb.db, sys, plan.id, {
          title: 'Công khai danh sách hộ nghèo',
          leadUnitName: 'Văn phòng',
          dueDate: '2095-06-30',
        });
        await issuePlan(c.tdb.db, sys, plan.id, {
          number: '3',
          symbol: 'KH-UBND',
          issuedDate: '2095-01-05',
          signerName: 'Nguyễn Văn A',
          signerTitle: 'CHỦ TỊCH',
        });
        const report = await createReport(c.tdb.db, sys, { unitId: UNITS[w], period: '2095Q1' });
        out[w] = { planId: plan.id, reportId: report.id };
      }
      return out;
    })();
    fixtures.set(c.tdb.db, f);
  }
  return f;
}

const each = (target: string, expect: Record<Where, Expect>, url: (f: Fixture[Where]) => string, payload?: unknown) =>
  where.map(
    (w): Case =>
      on(
        `${target} in ${w}`,
        async (c) => ({ url: url((await fixture(c))[w]), ...(payload === undefined ? {} : { payload }) }),
        expect[w],
      ),
  );

export const DOCUMENT_MATRIX: Record<string, Case[]> = {
  'GET /api/plans/:planId/document.docx': each('plan', READ, (f) => `/api/plans/${f.planId}/document.docx`),
  'GET /api/plans/:planId/document.pdf': each('plan', READ, (f) => `/api/plans/${f.planId}/document.pdf`),
  'GET /api/reports/:reportId/document.docx': each('report', READ, (f) => `/api/reports/${f.reportId}/document.docx`),
  'GET /api/reports/:reportId/document.pdf': each('report', READ, (f) => `/api/reports/${f.reportId}/document.pdf`),
  'GET /api/plans/:planId/tasks.xlsx': each('plan', READ, (f) => `/api/plans/${f.planId}/tasks.xlsx`),
  'POST /api/plans/:planId/tasks.xlsx': each('plan', IMPORT, (f) => `/api/plans/${f.planId}/tasks.xlsx`, {
    file: 'x',
  }),
};
