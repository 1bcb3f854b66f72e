/**
 * Demo seed: Hưng Yên's 2026 PAPI plan (vn2025:33), drafted from the diagnosis of its published scores,
 * issued as 192/KH-UBND, with two tasks cascaded to xã Ân Thi (vn2025:12142) and phường Phố Hiến
 * (vn2025:11953); the communes' plans cite it and add their own tasks; progress reported; Q1–Q3 reports
 * at different stages (approved after a return, approved, submitted late, missing) so the board, the
 * approval queue and the reminders have something real to show. Idempotent: skipped when the province
 * already has a 2026 plan or the units are not there.
 */
import { draftPlanFromDiagnosis } from '../../core/plans/draft.js';
import { systemActor } from '../audit/actor.js';
import type { DbHandle } from '../db/connection.js';
import { inTransaction } from '../db/transaction.js';
import type { SeedStep } from '../demo/seed.js';
import { diagnosis as diagnosisOf } from '../scores/queries.js';
import { loadSeries } from '../scores/repository.js';
import {
  cascadeTask,
  consolidateReport,
  createReport,
  createTasks,
  decideReport,
  insertPlan,
  issuePlan,
  reportProgress,
  submitReport,
  updateReport,
} from './commands.js';
import { findPlanByUnitYear, planTaskRows, unitRef, unitWithType } from './repository.js';

export const DEMO_PLAN = { province: 'vn2025:33', communes: ['vn2025:12142', 'vn2025:11953'], year: 2026 } as const;

const actor = systemActor('demo');

/** Backdates a report's submission/decision so the demo board shows a plausible history. */
async function backdate(handle: DbHandle, reportId: string, submittedAt: string, decidedAt?: string) {
  await handle.db
    .updateTable('plan_report')
    .set({ submitted_at: submittedAt, ...(decidedAt ? { decided_at: decidedAt } : {}) })
    .where('id', '=', reportId)
    .execute();
  await handle.db
    .updateTable('plan_report_event')
    .set({ at: submittedAt })
    .where('report_id', '=', reportId)
    .where('action', '=', 'submit')
    .execute();
  if (decidedAt) {
    await handle.db
      .updateTable('plan_report_event')
      .set({ at: decidedAt })
      .where('report_id', '=', reportId)
      .where('action', 'in', ['approve', 'return'])
      .execute();
  }
}

export async function seedDemoPlans(handle: DbHandle, log: (line: string) => void = () => {}): Promise<boolean> {
  const { db } = handle;
  const province = await unitRef(db, DEMO_PLAN.province);
  const communes = await Promise.all(DEMO_PLAN.communes.map((id) => unitRef(db, id)));
  if (!province || communes.some((c) => !c)) {
    log('demo data: plans skipped (Hưng Yên or its communes are not in the units table)');
    return false;
  }
  if (await findPlanByUnitYear(db, province.id, DEMO_PLAN.year)) return false;
  const [anThi, phoHien] = communes as NonNullable<(typeof communes)[number]>[];

  const d = await diagnosisOf(await loadSeries(handle, '34'), province.id.split(':')[1] ?? '33', { lang: 'vi' });
  const draft = draftPlanFromDiagnosis({
    unit: { ...unitWithType(province), level: province.level },
    year: DEMO_PLAN.year,
    diagnosis: d.diagnosis,
    maxSubdimensions: 8,
  });

  const planId = await inTransaction(db, async (tx) => {
    const plan = await insertPlan(tx, actor, {
      unitId: province.id,
      year: DEMO_PLAN.year,
      title: draft.title,
      issuingBody: draft.issuingBody,
      place: 'Hưng Yên',
      basis: [
        'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;',
        'Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;',
        ...draft.basis,
      ],
      purpose: draft.purpose,
      requirements: draft.requirements,
      communication: draft.communication,
      inspection: draft.inspection,
      organisation: draft.organisation,
      recipients: [
        'Văn phòng Chính phủ (để b/c);',
        'Bộ Nội vụ (để b/c);',
        'Thường trực Tỉnh ủy, HĐND tỉnh (để b/c);',
        ...draft.recipients,
      ],
      sections: draft.sections,
      targets: draft.targets,
    });
    await createTasks(
      tx,
      actor,
      plan.id,
      draft.tasks.map((t) => ({ ...t, cooperating: [{ name: 'UBND các xã, phường' }], indicator: null })),
    );
    return plan.id;
  });
  await issuePlan(db, actor, planId, {
    number: '192',
    symbol: 'KH-UBND',
    issuedDate: '2025-12-26',
    signerName: 'Trần Quốc Văn',
    signerTitle: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
  });

  const provinceTasks = await planTaskRows(db, planId);
  const toCascade = provinceTasks.slice(0, 2);
  const children = [];
  for (const [i, task] of toCascade.entries()) {
    children.push(
      ...(await cascadeTask(db, actor, task.id, {
        unitIds: [anThi.id, phoHien.id],
        dueDate: i === 0 ? '2026-06-30' : '2026-09-30',
      })),
    );
  }

  // The communes' own plans: issued in January, citing the province's, each with two tasks of its own.
  const communePlans: Record<string, string> = {};
  for (const [i, c] of [anThi, phoHien].entries()) {
    const plan = await findPlanByUnitYear(db, c.id, DEMO_PLAN.year);
    if (!plan) continue;
    communePlans[c.id] = plan.id;
    await inTransaction(db, (tx) =>
      createTasks(tx, actor, plan.id, [
        {
          title: 'Công khai và thực hiện lịch tiếp công dân định kỳ của Chủ tịch UBND',
          subdimension: '3.1',
          leadUnitName: 'Văn phòng HĐND và UBND',
          cooperating: [{ name: 'Công chức Tư pháp - Hộ tịch' }],
          startDate: '2026-01-01',
          dueDate: '2026-03-31',
          expectedOutput: 'Lịch tiếp công dân niêm yết tại trụ sở; sổ tiếp công dân',
        },
        {
          title: 'Niêm yết đầy đủ TTHC, phí, lệ phí tại Bộ phận Một cửa; đánh giá hài lòng',
          subdimension: '5.3',
          leadUnitName: 'Bộ phận Một cửa',
          cooperating: [{ name: 'Văn phòng HĐND và UBND' }],
          startDate: '2026-01-01',
          dueDate: '2026-12-14',
          expectedOutput: 'Bảng niêm yết; kết quả khảo sát hài lòng hằng quý',
        },
      ]),
    );
    await issuePlan(db, actor, plan.id, {
      number: i === 0 ? '10' : '08',
      symbol: 'KH-UBND',
      issuedDate: i === 0 ? '2026-01-12' : '2026-01-15',
      signerName: i === 0 ? 'Nguyễn Văn Hùng' : 'Lê Thị Thu Hà',
      signerTitle: 'CHỦ TỊCH',
    });
  }

  // Progress as the communes reported it.
  const progress: [string, number, string][] = [
    [anThi.id, 100, 'Đã niêm yết tại trụ sở UBND và nhà văn hóa 7/7 thôn'],
    [phoHien.id, 80, 'Đã niêm yết tại 9/11 khu phố'],
  ];
  for (const [unitId, value, note] of progress) {
    const first = children.find((c) => c.unit_id === unitId && c.parent_task_id === toCascade[0]?.id);
    if (first) await reportProgress(db, actor, first.id, { progress: value, note });
  }
  for (const [unitId, value] of [
    [anThi.id, 60],
    [phoHien.id, 30],
  ] as const) {
    const second = children.find((c) => c.unit_id === unitId && c.parent_task_id === toCascade[1]?.id);
    if (second) await reportProgress(db, actor, second.id, { progress: value, note: 'Đang triển khai' });
  }
  for (const planIdOfCommune of Object.values(communePlans)) {
    const own = (await planTaskRows(db, planIdOfCommune)).find((t) => t.subdimension === '3.1');
    if (own) await reportProgress(db, actor, own.id, { status: 'done', note: 'Lịch tiếp công dân đã niêm yết' });
  }

  // Reports: Q1 both approved (Phố Hiến after one return) and consolidated by the province; Q2 Ân Thi
  // approved, Phố Hiến submitted late; Q3 Ân Thi submitted, Phố Hiến missing.
  const narrative = (unit: string, period: string) => ({
    summary: `${unit} đã triển khai Kế hoạch cải thiện Chỉ số PAPI ${period}; các nhiệm vụ được giao đúng tiến độ.`,
    proposals: 'Đề nghị UBND tỉnh hỗ trợ kinh phí nâng cấp Trang thông tin điện tử.',
    sections: [
      {
        dimension: 2,
        narrative: 'Niêm yết công khai danh sách hộ nghèo, dự toán ngân sách xã tại trụ sở và nhà văn hóa thôn.',
      },
      { dimension: 3, narrative: 'Chủ tịch UBND tiếp công dân định kỳ theo lịch; không có đơn thư tồn đọng.' },
      { dimension: 5, narrative: '100% hồ sơ TTHC được giải quyết đúng hạn.' },
    ],
  });
  const report = async (unitId: string, unitName: string, period: string) => {
    const r = await createReport(db, actor, { unitId, period });
    await updateReport(db, actor, r.id, narrative(unitName, period));
    return r.id;
  };
  const q1a = await report(anThi.id, anThi.nameVi, '2026Q1');
  await submitReport(db, actor, q1a);
  await decideReport(db, actor, q1a, 'approve');
  await backdate(handle, q1a, '2026-03-17T02:00:00.000Z', '2026-03-20T03:00:00.000Z');
  const q1p = await report(phoHien.id, phoHien.nameVi, '2026Q1');
  await submitReport(db, actor, q1p);
  await decideReport(db, actor, q1p, 'return', 'Bổ sung kết quả công khai ngân sách (nội dung 2)');
  await submitReport(db, actor, q1p);
  await decideReport(db, actor, q1p, 'approve');
  await backdate(handle, q1p, '2026-03-19T08:00:00.000Z', '2026-03-23T03:00:00.000Z');
  const q1t = await createReport(db, actor, { unitId: province.id, period: '2026Q1' });
  await updateReport(db, actor, q1t.id, {
    summary: 'UBND tỉnh đã ban hành Kế hoạch số 192/KH-UBND và giao nhiệm vụ cho các xã, phường.',
  });
  await consolidateReport(db, actor, q1t.id);
  await submitReport(db, actor, q1t.id);
  await backdate(handle, q1t.id, '2026-03-24T02:00:00.000Z');
  const q2a = await report(anThi.id, anThi.nameVi, '2026Q2');
  await submitReport(db, actor, q2a);
  await decideReport(db, actor, q2a, 'approve');
  await backdate(handle, q2a, '2026-06-18T02:00:00.000Z', '2026-06-22T02:00:00.000Z');
  const q2p = await report(phoHien.id, phoHien.nameVi, '2026Q2');
  await submitReport(db, actor, q2p);
  await backdate(handle, q2p, '2026-06-25T02:00:00.000Z');
  const q3a = await report(anThi.id, anThi.nameVi, '2026Q3');
  await submitReport(db, actor, q3a);
  await backdate(handle, q3a, '2026-09-18T02:00:00.000Z');
  log(
    `demo data: plan 192/KH-UBND of Hưng Yên with ${provinceTasks.length} tasks, 2 cascaded to ${anThi.nameVi} and ${phoHien.nameVi}; reports Q1–Q3`,
  );
  return true;
}

export const plansSeedStep: SeedStep = {
  name: 'PAPI plans of Hưng Yên and two communes, with reports',
  async run(handle, log) {
    await seedDemoPlans(handle, log);
  },
};
