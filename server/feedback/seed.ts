/**
 * Demo feedback for Hưng Yên (runs after units and demo users): about thirty items in Ân Thi, Phố Hiến
 * and a few other communes over the last three months — every track, every status, answers on time and
 * late, ratings, one item waiting in moderation, and two denunciations: land (handled by xa.anthi) and
 * corruption (routed to the province, handled by tinh.hungyen) — only the handler sees the denouncer's name. Dates are spread backwards from today so the board
 * and the overdue flags show something real. Idempotent: skipped when the first demo item exists.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { acceptDueDate, addDays, resolveDueDate } from '../../core/feedback/deadlines.js';
import { normaliseForHash } from '../../core/feedback/moderation.js';
import { routeTo } from '../../core/feedback/routing.js';
import { generateTrackingCode } from '../../core/feedback/trackingCode.js';
import type { Status, Track } from '../../core/feedback/types.js';
import { systemActor } from '../audit/actor.js';
import { recordAudits } from '../audit/record.js';
import type { DbHandle } from '../db/connection.js';
import { todayIso } from '../db/time.js';
import { inTransaction } from '../db/transaction.js';
import type { SeedStep } from '../demo/seed.js';
import { loadRoutingRules, loadTrackConfig } from './repository.js';
import type { FeedbackTable } from './tables.js';

const AN_THI = 'vn2025:12142';
const PHO_HIEN = 'vn2025:11953';
const FIRST_ID = '7e3d0000-0000-4000-8000-000000000001';

interface DemoItem {
  track: Track;
  category: string;
  commune: 'anthi' | 'phohien' | 'other1' | 'other2' | 'other3';
  title: string;
  description: string;
  daysAgo: number;
  status: Status;
  /** Days after acceptance the answer came (late when beyond the deadline). */
  answerAfter?: number;
  answer?: string;
  reject?: string;
  rating?: [resolved: boolean, score: number];
  contact?: { name: string; phone?: string; email?: string; address?: string };
  pending?: string[];
  point?: [number, number];
}

const ITEMS: DemoItem[] = [
  {
    track: 'feedback',
    category: 'environment',
    commune: 'anthi',
    title: 'Rác thải ùn ứ tại điểm tập kết thôn Thổ Cầu',
    description:
      'Điểm tập kết rác đầu thôn Thổ Cầu ba ngày chưa được thu gom, bốc mùi, ruồi nhặng nhiều, ảnh hưởng các hộ gần đó.',
    daysAgo: 84,
    status: 'closed',
    answerAfter: 6,
    answer: 'UBND xã đã yêu cầu Hợp tác xã dịch vụ môi trường thu gom trong ngày và bổ sung lịch thu gom 2 lần/tuần.',
    rating: [true, 5],
    contact: { name: 'Nguyễn Văn Hùng', phone: '0912000111' },
    point: [20.811, 106.093],
  },
  {
    track: 'feedback',
    category: 'infrastructure',
    commune: 'anthi',
    title: 'Đường trục xã xuống cấp, nhiều ổ gà',
    description:
      'Đoạn đường trục xã từ cầu Ân Thi đến trường tiểu học có nhiều ổ gà sâu, trời mưa đọng nước, học sinh đi lại nguy hiểm.',
    daysAgo: 76,
    status: 'answered',
    answerAfter: 25,
    answer: 'Xã đã đưa đoạn đường vào kế hoạch duy tu năm nay; trước mắt đã san lấp các ổ gà bằng đá dăm.',
    rating: [true, 4],
    contact: { name: 'Phạm Thị Lan' },
    point: [20.815, 106.087],
  },
  {
    track: 'feedback',
    category: 'admin_procedure',
    commune: 'anthi',
    title: 'Chậm trả kết quả chứng thực',
    description:
      'Tôi nộp hồ sơ chứng thực hợp đồng tặng cho đất từ 3 tuần trước nhưng bộ phận một cửa vẫn hẹn lại, không rõ lý do.',
    daysAgo: 70,
    status: 'answered',
    answerAfter: 41,
    answer: 'Hồ sơ thiếu trích lục bản đồ; bộ phận một cửa đã liên hệ hướng dẫn bổ sung và xin lỗi vì chậm thông báo.',
    rating: [false, 2],
    contact: { name: 'Trần Văn Minh', phone: '0987000222' },
  },
  {
    track: 'feedback',
    category: 'water',
    commune: 'anthi',
    title: 'Nước máy có cặn',
    description: 'Nước máy khu dân cư mới có nhiều cặn vàng vào buổi sáng, đề nghị kiểm tra chất lượng nước.',
    daysAgo: 40,
    status: 'in_progress',
    contact: { name: 'Lê Thị Hoa', email: 'hoa.le@example.vn' },
  },
  {
    track: 'feedback',
    category: 'health',
    commune: 'anthi',
    title: 'Trạm y tế thiếu thuốc thường trực',
    description: 'Trạm y tế xã thường xuyên hết thuốc hạ sốt cho trẻ em vào cuối tuần, người dân phải lên huyện mua.',
    daysAgo: 9,
    status: 'received',
  },
  {
    track: 'feedback',
    category: 'education',
    commune: 'anthi',
    title: 'Đề nghị đèn chiếu sáng cổng trường',
    description: 'Cổng trường THCS không có đèn chiếu sáng, học sinh học thêm buổi tối ra về rất tối.',
    daysAgo: 30,
    status: 'accepted',
  },
  {
    track: 'feedback',
    category: 'budget_transparency',
    commune: 'anthi',
    title: 'Công khai các khoản đóng góp xây nhà văn hóa',
    description: 'Đề nghị thôn công khai số tiền các hộ đã đóng góp xây nhà văn hóa và các khoản đã chi.',
    daysAgo: 55,
    status: 'answered',
    answerAfter: 12,
    answer: 'Ban công tác mặt trận thôn đã niêm yết bảng thu chi tại nhà văn hóa và đọc trên loa truyền thanh.',
    rating: [true, 5],
  },
  {
    track: 'feedback',
    category: 'security_order',
    commune: 'phohien',
    title: 'Tụ tập đua xe ban đêm',
    description:
      'Khoảng 23 giờ các tối cuối tuần có nhóm thanh niên tụ tập đua xe trên đường Nguyễn Văn Linh, gây ồn và nguy hiểm.',
    daysAgo: 62,
    status: 'closed',
    answerAfter: 9,
    answer: 'Công an phường đã tăng cường tuần tra các tối cuối tuần và lập biên bản 4 trường hợp vi phạm.',
    rating: [true, 4],
    point: [20.646, 106.051],
  },
  {
    track: 'feedback',
    category: 'environment',
    commune: 'phohien',
    title: 'Xả thải ra hồ Bán Nguyệt',
    description: 'Một số cơ sở kinh doanh ăn uống quanh hồ Bán Nguyệt xả nước thải trực tiếp ra hồ, nước hồ có mùi.',
    daysAgo: 48,
    status: 'answered',
    answerAfter: 20,
    answer:
      'Phường đã kiểm tra, nhắc nhở 3 cơ sở và yêu cầu đấu nối vào hệ thống thoát nước chung trước ngày 30 tháng này.',
    rating: [false, 3],
    point: [20.652, 106.056],
  },
  {
    track: 'feedback',
    category: 'online_services',
    commune: 'phohien',
    title: 'Không thanh toán được lệ phí trực tuyến',
    description: 'Khi nộp hồ sơ đăng ký khai sinh trên Cổng dịch vụ công, bước thanh toán lệ phí báo lỗi liên tục.',
    daysAgo: 21,
    status: 'in_progress',
    contact: { name: 'Đỗ Quang Huy', email: 'huy.do@example.vn' },
  },
  {
    track: 'feedback',
    category: 'infrastructure',
    commune: 'phohien',
    title: 'Cống thoát nước ngõ 12 bị tắc',
    description: 'Cống thoát nước ngõ 12 phố Chùa Chuông bị tắc, mưa to là nước tràn vào nhà dân.',
    daysAgo: 14,
    status: 'received',
    point: [20.649, 106.049],
  },
  {
    track: 'feedback',
    category: 'service_attitude',
    commune: 'phohien',
    title: 'Cán bộ tiếp dân không hướng dẫn rõ',
    description: 'Tôi đến phường hỏi thủ tục tách thửa, cán bộ trả lời qua loa, không đưa giấy hướng dẫn.',
    daysAgo: 35,
    status: 'rejected',
    reject:
      'Nội dung đã được giải quyết tại phiếu phản ánh trước của ông; đề nghị liên hệ bộ phận một cửa theo lịch hẹn.',
  },
  {
    track: 'feedback',
    category: 'other',
    commune: 'phohien',
    title: 'MỌI NGƯỜI VÀO XEM NGAY',
    description: 'XEM NGAY TẠI http://khuyen-mai.example.com VÀ www.giam-gia.example.xyz GIÁ RẺ NHẤT',
    daysAgo: 2,
    status: 'received',
    pending: ['links', 'all_caps'],
  },
  {
    track: 'feedback',
    category: 'environment',
    commune: 'other1',
    title: 'Đốt rơm rạ gây khói',
    description: 'Sau thu hoạch nhiều hộ đốt rơm rạ ngoài đồng, khói bay vào khu dân cư buổi chiều.',
    daysAgo: 66,
    status: 'answered',
    answerAfter: 8,
    answer: 'Xã đã phát thanh tuyên truyền và hướng dẫn dùng chế phẩm ủ rơm thay vì đốt.',
    rating: [true, 4],
  },
  {
    track: 'feedback',
    category: 'land',
    commune: 'other1',
    title: 'Lấn chiếm hành lang kênh tưới',
    description: 'Một số hộ đổ đất lấn hành lang kênh tưới tiêu nội đồng, làm hẹp dòng chảy.',
    daysAgo: 50,
    status: 'in_progress',
  },
  {
    track: 'feedback',
    category: 'social_policy',
    commune: 'other2',
    title: 'Bình xét hộ nghèo chưa công bằng',
    description: 'Việc bình xét hộ cận nghèo năm nay ở thôn chưa họp dân công khai, một số hộ khá giả vẫn có tên.',
    daysAgo: 45,
    status: 'answered',
    answerAfter: 28,
    answer: 'Xã đã tổ chức họp bình xét lại có đại diện các đoàn thể; danh sách mới được niêm yết 15 ngày.',
    rating: [true, 3],
  },
  {
    track: 'feedback',
    category: 'education',
    commune: 'other2',
    title: 'Thu tiền ngoài quy định đầu năm học',
    description: 'Trường tiểu học thu thêm tiền "xã hội hóa" không có văn bản hướng dẫn.',
    daysAgo: 80,
    status: 'answered',
    answerAfter: 50,
    answer: 'Phòng chuyên môn đã yêu cầu trường dừng thu và hoàn trả các khoản chưa đúng quy định.',
    rating: [false, 2],
  },
  {
    track: 'feedback',
    category: 'health',
    commune: 'other3',
    title: 'Tiêm chủng mở rộng thông báo muộn',
    description: 'Lịch tiêm chủng tháng này thông báo quá muộn, nhiều gia đình không kịp đưa trẻ đi tiêm.',
    daysAgo: 26,
    status: 'accepted',
  },
  {
    track: 'feedback',
    category: 'water',
    commune: 'other3',
    title: 'Mất nước kéo dài',
    description: 'Khu vực xóm Chợ mất nước sinh hoạt 4 ngày liên tục không có thông báo.',
    daysAgo: 5,
    status: 'received',
  },
  {
    track: 'complaint',
    category: 'land',
    commune: 'anthi',
    title: 'Khiếu nại quyết định thu hồi đất',
    description:
      'Tôi khiếu nại quyết định thu hồi 120 m² đất nông nghiệp vì đơn giá bồi thường thấp hơn khung giá của tỉnh.',
    daysAgo: 60,
    status: 'answered',
    answerAfter: 29,
    answer: 'Đã ban hành quyết định giải quyết khiếu nại lần đầu.',
    contact: { name: 'Vũ Văn Thắng', phone: '0904000333', address: 'Thôn Bình Cầu' },
  },
  {
    track: 'complaint',
    category: 'social_policy',
    commune: 'phohien',
    title: 'Khiếu nại việc cắt trợ cấp',
    description: 'Tôi khiếu nại việc cắt trợ cấp bảo trợ xã hội của mẹ tôi từ tháng 6 mà không có thông báo.',
    daysAgo: 18,
    status: 'accepted',
    contact: { name: 'Hoàng Thị Mai', phone: '0977000444' },
  },
  {
    track: 'complaint',
    category: 'admin_procedure',
    commune: 'other1',
    title: 'Khiếu nại từ chối cấp giấy phép xây dựng',
    description: 'Tôi khiếu nại việc từ chối cấp giấy phép sửa chữa nhà ở dù hồ sơ đầy đủ.',
    daysAgo: 20,
    status: 'received',
    contact: { name: 'Bùi Văn Nam' },
  },
  {
    track: 'denunciation',
    category: 'corruption',
    commune: 'anthi',
    title: 'Tố cáo cán bộ nhận tiền khi làm sổ đỏ',
    description:
      'Tôi tố cáo cán bộ địa chính xã yêu cầu nộp thêm tiền "bồi dưỡng" mới giải quyết hồ sơ cấp giấy chứng nhận.',
    daysAgo: 15,
    status: 'accepted',
    contact: { name: 'Người tố cáo (demo) Đặng Văn Kín', phone: '0966000555', address: 'Xóm Trại' },
  },
  {
    track: 'denunciation',
    category: 'land',
    commune: 'anthi',
    title: 'Tố cáo lấn chiếm đất công',
    description:
      'Tố cáo một hộ gia đình xây tường rào lấn chiếm đất công ích của thôn, cán bộ thôn biết nhưng không xử lý.',
    daysAgo: 38,
    status: 'in_progress',
    contact: { name: 'Người tố cáo (demo) Ngô Thị Ẩn', phone: '0944000666' },
  },
];

async function pickCommunes(handle: DbHandle): Promise<Record<DemoItem['commune'], string> | null> {
  const { db } = handle;
  const known = await db.selectFrom('unit').select('id').where('id', 'in', [AN_THI, PHO_HIEN]).execute();
  if (known.length < 2) return null;
  const others = await db
    .selectFrom('unit')
    .select('id')
    .where('parent_id', '=', 'vn2025:33')
    .where('unit_type', 'in', ['commune', 'ward'])
    .where('id', 'not in', [AN_THI, PHO_HIEN])
    .where('valid_to', 'is', null)
    .orderBy('id')
    .limit(3)
    .execute();
  const o = others.map((x) => x.id);
  return { anthi: AN_THI, phohien: PHO_HIEN, other1: o[0] ?? AN_THI, other2: o[1] ?? PHO_HIEN, other3: o[2] ?? AN_THI };
}

const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:15:00+07:00`).toISOString();

export const feedbackSeedStep: SeedStep = {
  name: 'citizen feedback (Hưng Yên)',
  async run(handle, log) {
    const { db } = handle;
    const first = await db.selectFrom('feedback').select('id').where('id', '=', FIRST_ID).executeTakeFirst();
    if (first) return;
    const communes = await pickCommunes(handle);
    if (!communes) {
      log('demo feedback: skipped (Hưng Yên communes are not loaded)');
      return;
    }
    const userId = async (username: string) =>
      (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst())?.id ?? null;
    // Handling officers (người giải quyết): the commune for its own case, the province for corruption.
    const handlers = { commune: await userId('xa.anthi'), province: await userId('tinh.hungyen') };
    const configs = await loadTrackConfig(db);
    const rules = await loadRoutingRules(db);
    const today = todayIso();
    const actor = systemActor('demo-seed');
    await inTransaction(db, async (tx) => {
      const audits = [];
      for (const [i, it] of ITEMS.entries()) {
        const id = i === 0 ? FIRST_ID : randomUUID();
        const communeId = communes[it.commune];
        const unitId = routeTo(rules, { categoryId: it.category, communeId, provinceId: 'vn2025:33', track: it.track });
        const config = configs[it.track];
        const receivedOn = addDays(today, -it.daysAgo);
        const acceptDue = acceptDueDate(config, receivedOn);
        const accepted = it.status !== 'received' && it.status !== 'rejected';
        const acceptedOn = accepted ? addDays(receivedOn, Math.min(3, it.daysAgo)) : null;
        const resolveDue = acceptedOn
          ? resolveDueDate(config, acceptedOn, { complex: false, remoteArea: false })
          : null;
        const answered = it.status === 'answered' || it.status === 'closed';
        const answeredOn = answered && acceptedOn ? addDays(acceptedOn, it.answerAfter ?? 10) : null;
        const answeredAt = answeredOn ? at([answeredOn, today].sort()[0] as string, 10) : null;
        const row: FeedbackTable = {
          id,
          submission_id: randomUUID(),
          tracking_code: generateTrackingCode((n) => randomBytes(n)),
          track: it.track,
          category_id: it.category,
          commune_id: communeId,
          unit_id: unitId,
          title: it.title,
          description: it.description,
          lat: it.point?.[0] ?? null,
          lon: it.point?.[1] ?? null,
          place: null,
          source: 'web',
          status: it.status,
          reject_reason: it.reject ?? null,
          answer: answered ? (it.answer ?? null) : null,
          received_at: at(receivedOn, 8),
          received_on: receivedOn,
          accepted_on: acceptedOn,
          answered_at: answeredAt,
          closed_at: it.status === 'closed' && answeredAt ? answeredAt : null,
          accept_due: acceptDue,
          resolve_due: resolveDue,
          complex: 0,
          remote_area: 0,
          extension_days: 0,
          handler_user_id:
            it.track !== 'denunciation' ? null : unitId === 'vn2025:33' ? handlers.province : handlers.commune,
          moderation: it.pending ? 'pending' : 'clear',
          moderation_flags: JSON.stringify(it.pending ?? []),
          content_hash: createHash('sha256')
            .update(normaliseForHash(`${it.title}\n${it.description}`))
            .digest('hex'),
          challenge_id: null,
          rating_resolved: it.rating && answered ? (it.rating[0] ? 1 : 0) : null,
          rating_score: it.rating && answered ? it.rating[1] : null,
          rating_comment: null,
          rated_at: it.rating && answeredAt ? answeredAt : null,
          updated_at: answeredAt ?? at(acceptedOn ?? receivedOn, 9),
        };
        await tx.insertInto('feedback').values(row).execute();
        if (it.contact) {
          await tx
            .insertInto('feedback_contact')
            .values({
              feedback_id: id,
              name: it.contact.name,
              phone: it.contact.phone ?? null,
              email: it.contact.email ?? null,
              address: it.contact.address ?? null,
            })
            .execute();
        }
        const events: [string, Status, string | null][] = [[row.received_at, 'received', null]];
        if (it.status === 'rejected') events.push([at(addDays(receivedOn, 2), 9), 'rejected', it.reject ?? null]);
        if (acceptedOn) events.push([at(acceptedOn, 9), 'accepted', null]);
        if (it.status === 'in_progress' && acceptedOn)
          events.push([at(addDays(acceptedOn, 1), 9), 'in_progress', null]);
        if (answeredAt) events.push([answeredAt, 'answered', null]);
        if (row.closed_at) events.push([row.closed_at, 'closed', null]);
        for (const [j, [when, status, note]] of events.entries()) {
          await tx
            .insertInto('feedback_event')
            .values({
              id: randomUUID(),
              feedback_id: id,
              at: when.replace('.000Z', `.00${j}Z`),
              kind: 'status',
              status,
              note,
              public: 1,
              actor_name: 'system:demo-seed',
            })
            .execute();
        }
        audits.push({
          action: 'create',
          entityType: 'feedback',
          entityId: id,
          unitId,
          after: { track: row.track, category: row.category_id, commune: communeId, demo: true },
        });
      }
      await recordAudits(tx, actor, audits);
    });
    log(`demo feedback: ${ITEMS.length} items in Hưng Yên`);
  },
};
