/**
 * Demo data: disclosure postings of two Hưng Yên communes (Ân Thi vn2025:12142, Phố Hiến vn2025:11953) for the
 * current year, so the register, the compliance board (complete, ongoing, too short, missing) and the portal
 * page have something real to show. Idempotent: skipped when Ân Thi already has postings.
 */
import { addDays } from '../../core/disclosures/compliance.js';
import { systemActor } from '../audit/actor.js';
import { todayIso } from '../db/time.js';
import type { SeedStep } from '../demo/seed.js';
import { createDisclosure } from './commands.js';

const AN_THI = 'vn2025:12142';
const PHO_HIEN = 'vn2025:11953';

export const disclosuresSeedStep: SeedStep = {
  name: 'disclosure register (Ân Thi, Phố Hiến)',
  async run(handle, log) {
    const { db } = handle;
    const units = await db.selectFrom('unit').select('id').where('id', 'in', [AN_THI, PHO_HIEN]).execute();
    if (units.length < 2) return log('demo data: disclosures skipped (communes missing)');
    const done = await db.selectFrom('disclosure').select('id').where('unit_id', '=', AN_THI).executeTakeFirst();
    if (done) return;
    const actor = systemActor('demo');
    const today = todayIso();
    const year = today.slice(0, 4);
    const day = (n: number) => addDays(today, n);
    const postings: [string, Parameters<typeof createDisclosure>[3]][] = [
      [
        AN_THI,
        {
          typeId: 'budget_estimate',
          title: `Dự toán ngân sách xã Ân Thi năm ${year}`,
          period: year,
          places: ['commune_office', 'loudspeaker', 'website'],
          postedFrom: day(-120),
          postedUntil: day(-20),
          published: true,
          redacted: false,
          summary: 'Tổng thu ngân sách xã và chi thường xuyên, chi đầu tư theo Nghị quyết của HĐND xã.',
        },
      ],
      [
        AN_THI,
        {
          typeId: 'citizen_collections',
          title: 'Các khoản huy động đóng góp xây dựng đường giao thông nông thôn thôn Thổ Hoàng',
          period: year,
          places: ['village_hall', 'meeting'],
          postedFrom: day(-15),
          postedUntil: null,
          published: true,
          redacted: false,
          summary: 'Mức đóng góp theo hộ, thời gian thu và ban giám sát đầu tư cộng đồng.',
        },
      ],
      [
        AN_THI,
        {
          typeId: 'land_use_plan',
          title: 'Quy hoạch sử dụng đất thời kỳ 2021–2030 và kế hoạch sử dụng đất năm nay',
          period: `${year}-2030`,
          places: ['commune_office', 'website'],
          postedFrom: day(-60),
          postedUntil: null,
          periodEnd: '2030-12-31',
          published: true,
          redacted: false,
        },
      ],
      [
        AN_THI,
        {
          typeId: 'poor_households',
          title: `Danh sách hộ nghèo, hộ cận nghèo năm ${year} (bản niêm yết tại thôn)`,
          period: year,
          places: ['village_hall', 'commune_office'],
          postedFrom: day(-45),
          postedUntil: day(-5),
          published: false,
          redacted: false,
        },
      ],
      [
        PHO_HIEN,
        {
          typeId: 'budget_estimate',
          title: `Dự toán ngân sách phường Phố Hiến năm ${year}`,
          period: year,
          places: ['commune_office'],
          postedFrom: day(-90),
          postedUntil: day(-40),
          published: true,
          redacted: false,
        },
      ],
      [
        PHO_HIEN,
        {
          typeId: 'poor_households',
          title: `Kết quả rà soát hộ nghèo, hộ cận nghèo năm ${year} (số lượng theo tổ dân phố)`,
          period: year,
          places: ['commune_office', 'website'],
          postedFrom: day(-35),
          postedUntil: null,
          published: true,
          redacted: true,
          summary: 'Bản công khai trên cổng chỉ nêu số hộ theo tổ dân phố, không nêu tên, địa chỉ.',
        },
      ],
    ];
    for (const [unitId, input] of postings) await createDisclosure(db, actor, unitId, input);
    log(`demo data: ${postings.length} disclosure postings`);
  },
};
