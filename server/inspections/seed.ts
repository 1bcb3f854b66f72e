/**
 * Demo data: Hưng Yên's inspection plan for the year, a concluded inspection of Ân Thi with a finding
 * remediated on time and closed and one overdue, and an inspection of Phố Hiến under way. Idempotent.
 */
import { addDays } from '../../core/disclosures/compliance.js';
import { systemActor } from '../audit/actor.js';
import { todayIso } from '../db/time.js';
import type { SeedStep } from '../demo/seed.js';
import {
  createAction,
  createFinding,
  createInspection,
  createPlan,
  transitionAction,
  transitionFinding,
  transitionInspection,
  transitionPlan,
} from './commands.js';
import { latestFramework } from './testing.js';

const HUNG_YEN = 'vn2025:33';
const AN_THI = 'vn2025:12142';
const PHO_HIEN = 'vn2025:11953';

export const inspectionsSeedStep: SeedStep = {
  name: 'inspections (Hưng Yên)',
  async run(handle, log) {
    const { db } = handle;
    const units = await db.selectFrom('unit').select('id').where('id', 'in', [HUNG_YEN, AN_THI, PHO_HIEN]).execute();
    if (units.length < 3) return log('demo data: inspections skipped (units missing)');
    if (await db.selectFrom('inspection_plan').select('id').where('unit_id', '=', HUNG_YEN).executeTakeFirst()) return;
    const actor = systemActor('demo');
    const fw = await latestFramework();
    const today = todayIso();
    const day = (n: number) => addDays(today, n);
    const year = Number(today.slice(0, 4));
    const planId = await createPlan(db, actor, {
      unitId: HUNG_YEN,
      year,
      kind: 'scheduled',
      title: `Kế hoạch kiểm tra công tác cải cách hành chính và nâng cao Chỉ số PAPI năm ${year}`,
      scope: 'Công khai, minh bạch (D2); trách nhiệm giải trình (D3); thủ tục hành chính công (D5).',
    });
    await transitionPlan(db, actor, planId, 'approve');

    const team = [
      'Nguyễn Văn Hùng (Sở Nội vụ)',
      'Trần Thị Lan (Văn phòng UBND tỉnh)',
      'Phạm Minh Đức (Thanh tra tỉnh)',
    ];
    const anThi = await createInspection(db, actor, {
      planId,
      unitId: AN_THI,
      inspectingUnitId: HUNG_YEN,
      kind: 'scheduled',
      scheduledOn: day(-50),
      team,
      scope:
        'Việc niêm yết công khai ngân sách, danh sách hộ nghèo; giải quyết thủ tục hành chính tại Bộ phận một cửa.',
    });
    await transitionInspection(db, actor, anThi, { event: 'start', conductedOn: day(-50) });
    const f1 = await createFinding(
      db,
      actor,
      anThi,
      {
        description: 'Quyết toán ngân sách năm trước niêm yết 45 ngày, chưa đủ 90 ngày theo Thông tư 343/2016/TT-BTC.',
        dimension: 'd2',
        subdimension: '2.3',
        indicator: '2.3.1',
      },
      fw,
    );
    const a1 = await createAction(db, actor, f1, {
      description: 'Niêm yết lại quyết toán tại trụ sở UBND và nhà văn hoá các thôn đủ 90 ngày.',
      deadline: day(-20),
    });
    await transitionAction(db, actor, a1, 'complete', {
      completedOn: day(-25),
      note: 'Đã niêm yết lại, có ảnh chụp bảng tin.',
    });
    await transitionFinding(db, actor, f1, 'remediate');
    const f2 = await createFinding(
      db,
      actor,
      anThi,
      {
        description: '3 hồ sơ chứng thực trả kết quả quá hạn, không có văn bản xin lỗi người dân.',
        dimension: 'd5',
        subdimension: '5.1',
      },
      fw,
    );
    await createAction(db, actor, f2, {
      description: 'Rà soát quy trình tiếp nhận; gửi văn bản xin lỗi khi trễ hạn.',
      deadline: day(-5),
    });
    await transitionInspection(db, actor, anThi, {
      event: 'conclude',
      conclusion: 'Xã cơ bản thực hiện đúng quy định; còn 2 tồn tại cần khắc phục.',
    });
    await transitionFinding(db, actor, f1, 'close', 'Đoàn đã kiểm tra thực tế bảng niêm yết.');

    const phoHien = await createInspection(db, actor, {
      planId,
      unitId: PHO_HIEN,
      inspectingUnitId: HUNG_YEN,
      kind: 'surprise',
      scheduledOn: day(-3),
      team: team.slice(0, 2),
      scope: 'Tiếp công dân và giải quyết phản ánh, kiến nghị.',
    });
    await transitionInspection(db, actor, phoHien, { event: 'start', conductedOn: day(-3) });
    const f3 = await createFinding(
      db,
      actor,
      phoHien,
      { description: 'Sổ tiếp công dân ghi chưa đầy đủ kết quả xử lý phản ánh.', dimension: 'd3', subdimension: '3.2' },
      fw,
    );
    await createAction(db, actor, f3, {
      description: 'Bổ sung sổ theo dõi, cập nhật kết quả hằng tuần.',
      deadline: day(25),
    });
    log('demo data: 1 inspection plan, 2 inspections, 3 findings');
  },
};
