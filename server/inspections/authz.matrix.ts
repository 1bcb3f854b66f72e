/**
 * Authorisation expectations for the inspections module's endpoints (see server/testing/authz-matrix.ts).
 * Fixtures: inspections of a1 and a2 by province A, of b1 by province B. Reads follow the inspected unit
 * (404 outside reach); the inspecting unit (A) conducts and records findings, so a commune officer of a1
 * may remediate in a1 but not conduct A's inspection (403).
 */
import { systemActor } from '../audit/actor.js';
import { UNITS } from '../auth/testing.js';
import { todayIso } from '../db/time.js';
import { uploading } from '../disclosures/authz.matrix.js';
import { PNG_1X1 } from '../files/testing.js';
import { type Case, type Ctx, created, type Expect, get, on } from '../testing/authz-matrix.js';
import { addInspectionFiles, createPlan } from './commands.js';
import { OWNER } from './repository.js';
import { type InspectionFixture, inspectionWithFinding } from './testing.js';

//                                   anon admin provA comA1 viewA
const READ_A1: Expect = [401, 200, 200, 200, 200];
const READ_A2: Expect = [401, 200, 200, 404, 200];
const READ_B: Expect = [401, 200, 404, 404, 404];
const SIGNED_IN_READ: Expect = [401, 200, 200, 200, 200];
/** Writes of the inspected side (remediation) in a1, a2, b1. */
const FIX_A1: Expect = [401, 200, 200, 200, 403];
const FIX_A2: Expect = [401, 200, 200, 403, 403];
const FIX_B1: Expect = [401, 200, 403, 403, 403];
/** Writes of the inspecting side: province A conducts in a1 and a2, B in b1. */
const CONDUCT_A: Expect = [401, 200, 200, 403, 403];
const CONDUCT_B: Expect = [401, 200, 403, 403, 403];

const PROVINCE: Record<string, string> = { [UNITS.a1]: UNITS.A, [UNITS.a2]: UNITS.A, [UNITS.b1]: UNITS.B };
const TARGETS = [UNITS.a1, UNITS.a2, UNITS.b1] as const;

const fixture = (c: Ctx, unit: string, actionDone = false) =>
  inspectionWithFinding(c.tdb.db, unit, PROVINCE[unit] as string, { actionDone });

/** One case per inspected unit a1, a2, b1, each on a fresh fixture. */
const perUnit = (
  label: string,
  make: (f: InspectionFixture, c: Ctx, caller: Parameters<Case['request']>[1]) => ReturnType<Case['request']>,
  expects: [Expect, Expect, Expect],
  actionDone = false,
): Case[] =>
  TARGETS.map((unit, i) =>
    on(
      `${label} in ${unit}`,
      async (c, caller) => make(await fixture(c, unit, actionDone), c, caller),
      expects[i] as Expect,
    ),
  );

const planBody = (unitId: string) => ({
  unitId,
  year: 2026,
  kind: 'scheduled',
  title: 'Kế hoạch kiểm tra công tác công khai',
  scope: 'D2',
});
const plan = (c: Ctx, unitId: string) =>
  createPlan(c.tdb.db, systemActor('matrix'), { ...planBody(unitId), kind: 'scheduled' });

const inspectionBody = (unitId: string, inspectingUnitId: string) => ({
  unitId,
  inspectingUnitId,
  kind: 'surprise',
  scheduledOn: todayIso(),
  team: ['Trần Thị Bình'],
  scope: 'Tiếp công dân',
});

export const INSPECTION_MATRIX: Record<string, Case[]> = {
  'GET /api/inspections/plans': [get('/api/inspections/plans', SIGNED_IN_READ)],
  'POST /api/inspections/plans': [
    on('plan of a1', () => ({ url: '/api/inspections/plans', payload: planBody(UNITS.a1) }), created(FIX_A1)),
    on('plan of A', () => ({ url: '/api/inspections/plans', payload: planBody(UNITS.A) }), created(CONDUCT_A)),
    on('plan of B', () => ({ url: '/api/inspections/plans', payload: planBody(UNITS.B) }), created(CONDUCT_B)),
  ],
  'GET /api/inspections/plans/:id': [
    on('plan of a1', async (c) => ({ url: `/api/inspections/plans/${await plan(c, UNITS.a1)}` }), READ_A1),
    on('plan of A', async (c) => ({ url: `/api/inspections/plans/${await plan(c, UNITS.A)}` }), READ_A2),
    on('plan of B', async (c) => ({ url: `/api/inspections/plans/${await plan(c, UNITS.B)}` }), READ_B),
  ],
  'POST /api/inspections/plans/:id/transitions': [
    on(
      'approve plan of a1',
      async (c) => ({
        url: `/api/inspections/plans/${await plan(c, UNITS.a1)}/transitions`,
        payload: { event: 'approve' },
      }),
      FIX_A1,
    ),
    on(
      'approve plan of A',
      async (c) => ({
        url: `/api/inspections/plans/${await plan(c, UNITS.A)}/transitions`,
        payload: { event: 'approve' },
      }),
      CONDUCT_A,
    ),
    on(
      'approve plan of B',
      async (c) => ({
        url: `/api/inspections/plans/${await plan(c, UNITS.B)}/transitions`,
        payload: { event: 'approve' },
      }),
      CONDUCT_B,
    ),
  ],
  'GET /api/inspections': [
    get('/api/inspections', SIGNED_IN_READ),
    get(`/api/inspections?unitId=${UNITS.a1}`, SIGNED_IN_READ),
  ],
  'POST /api/inspections': [
    on('a1 by A', () => ({ url: '/api/inspections', payload: inspectionBody(UNITS.a1, UNITS.A) }), created(CONDUCT_A)),
    on(
      'a1 by itself',
      () => ({ url: '/api/inspections', payload: inspectionBody(UNITS.a1, UNITS.a1) }),
      created(FIX_A1),
    ),
    on('b1 by B', () => ({ url: '/api/inspections', payload: inspectionBody(UNITS.b1, UNITS.B) }), created(CONDUCT_B)),
  ],
  'GET /api/inspections/board': [
    get(`/api/inspections/board?unitId=${UNITS.a1}&year=2026`, READ_A1),
    get(`/api/inspections/board?unitId=${UNITS.A}&year=2026`, READ_A2),
    get(`/api/inspections/board?unitId=${UNITS.B}&year=2026`, READ_B),
  ],
  'GET /api/inspections/:id': perUnit('inspection', (f) => ({ url: `/api/inspections/${f.inspectionId}` }), [
    READ_A1,
    READ_A2,
    READ_B,
  ]),
  'POST /api/inspections/:id/transitions': perUnit(
    'conclude',
    (f) => ({
      url: `/api/inspections/${f.inspectionId}/transitions`,
      payload: { event: 'conclude', conclusion: 'Kết luận' },
    }),
    [CONDUCT_A, CONDUCT_A, CONDUCT_B],
  ),
  'POST /api/inspections/:id/findings': perUnit(
    'finding',
    (f) => ({
      url: `/api/inspections/${f.inspectionId}/findings`,
      payload: { description: 'Thiếu biên bản', dimension: 'd3' },
    }),
    [created(CONDUCT_A), created(CONDUCT_A), created(CONDUCT_B)],
  ),
  'POST /api/inspections/findings/:id/transitions': perUnit(
    'remediate',
    (f) => ({ url: `/api/inspections/findings/${f.findingId}/transitions`, payload: { event: 'remediate' } }),
    [FIX_A1, FIX_A2, FIX_B1],
    true,
  ),
  'POST /api/inspections/findings/:id/actions': perUnit(
    'action',
    (f) => ({
      url: `/api/inspections/findings/${f.findingId}/actions`,
      payload: { description: 'Bổ sung', deadline: todayIso() },
    }),
    [created(FIX_A1), created(FIX_A2), created(FIX_B1)],
  ),
  'POST /api/inspections/actions/:id/transitions': perUnit(
    'complete action',
    (f) => ({ url: `/api/inspections/actions/${f.actionId}/transitions`, payload: { event: 'complete' } }),
    [FIX_A1, FIX_A2, FIX_B1],
  ),
  'POST /api/inspections/:id/files': perUnit(
    'evidence',
    (f, c, caller) => ({ url: `/api/inspections/${f.inspectionId}/files`, client: uploading(c, caller) }),
    [created(FIX_A1), created(FIX_A2), created(FIX_B1)],
  ),
  'GET /api/inspections/:id/files/:fileId': perUnit(
    'download',
    async (f, c) => {
      const [file] = await addInspectionFiles(
        c.tdb.db,
        systemActor('matrix'),
        { type: OWNER.finding, id: f.findingId, unitId: UNITS.a1 },
        [{ filename: 'bien-ban.png', mediaType: 'image/png', content: PNG_1X1 }],
      );
      return { url: `/api/inspections/${f.inspectionId}/files/${file?.id}` };
    },
    [READ_A1, READ_A2, READ_B],
  ),
};
