/**
 * A realistic plan and report (Hưng Yên province, 2026), written the way the provinces' own plans read
 * (see shared/examples), for tests and the render check. Not demo data of the app.
 */
import type { PlanDocumentData } from './plan.js';
import type { ReportDocumentData } from './report.js';

export function samplePlanData(overrides: Partial<PlanDocumentData> = {}): PlanDocumentData {
  return {
    unit: { nameVi: 'Hưng Yên', fullNameVi: 'Tỉnh Hưng Yên', unitType: 'province' },
    issuingBody: 'ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN',
    year: 2026,
    number: '109',
    symbol: 'KH-UBND',
    issuedDate: '2025-12-26',
    title: 'Cải thiện, nâng cao Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) năm 2026',
    parentPlan: null,
    basis: [
      'Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030',
      'Căn cứ Báo cáo Chỉ số PAPI năm 2024 công bố ngày 22/4/2025',
    ],
    purpose:
      'a) Nâng cao nhận thức, trách nhiệm của cán bộ, công chức, viên chức trong thực thi công vụ, phục vụ người dân.\nb) Khắc phục những hạn chế, tồn tại ở các nội dung, chỉ số thành phần có điểm số thấp theo kết quả PAPI năm 2024.',
    requirements:
      'a) Xác định rõ nhiệm vụ, thời hạn và trách nhiệm của từng cơ quan, đơn vị, địa phương.\nb) Bảo đảm sự phối hợp chặt chẽ giữa các sở, ngành với Ủy ban nhân dân các xã, phường.',
    targets: [
      { dimension: null, kind: 'rank', comparator: 'rise', value: null, groupName: null, note: null },
      { dimension: null, kind: 'group', comparator: 'keep', value: null, groupName: 'best', note: null },
      { dimension: 4, kind: 'score', comparator: 'at_least', value: 2.1, groupName: null, note: null },
    ],
    sections: [
      {
        dimension: 1,
        content:
          '- Thực hiện nghiêm Luật Thực hiện dân chủ ở cơ sở năm 2022; công khai để người dân biết, bàn, làm, kiểm tra.\n- Tổ chức bầu cử trưởng thôn, tổ trưởng tổ dân phố đúng quy định, bảo đảm dân chủ.',
      },
      {
        dimension: 2,
        content:
          '- Công khai danh sách hộ nghèo, thu chi ngân sách cấp xã, quy hoạch, kế hoạch sử dụng đất và khung giá đất tại trụ sở và nhà văn hóa thôn.',
      },
      {
        dimension: 3,
        content:
          '- Bố trí lịch tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân cấp xã; tổ chức đối thoại với người dân.',
      },
      { dimension: 5, content: '- Kiểm tra hoạt động của bộ phận một cửa; giải quyết thủ tục hành chính đúng hạn.' },
      { dimension: 8, content: '- Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình.' },
    ],
    communication:
      'Sở Văn hóa, Thể thao và Du lịch, Báo và Phát thanh, Truyền hình Hưng Yên tuyên truyền về Chỉ số PAPI và kết quả thực hiện Kế hoạch.',
    inspection: 'Sở Nội vụ chủ trì kiểm tra việc thực hiện Kế hoạch tại các cơ quan, đơn vị, địa phương.',
    organisation:
      '1. Sở Nội vụ\nLà cơ quan thường trực, theo dõi, đôn đốc và tổng hợp kết quả thực hiện Kế hoạch.\n2. Ủy ban nhân dân các xã, phường\nXây dựng kế hoạch của địa phương; định kỳ báo cáo kết quả hằng quý, 6 tháng, 9 tháng và năm về Sở Nội vụ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.',
    recipients: [
      'Bộ Nội vụ',
      'TT. Tỉnh ủy, TT. HĐND tỉnh',
      'Chủ tịch, các PCT UBND tỉnh',
      'Các sở, ban, ngành tỉnh',
      'UBND các xã, phường',
      'Lưu: VT, NC(5)',
    ],
    signer: { title: 'KT. CHỦ TỊCH PHÓ CHỦ TỊCH', name: 'Nguyễn Văn An' },
    tasks: [
      {
        position: 1,
        title: 'Công khai danh sách hộ nghèo, hộ cận nghèo tại trụ sở UBND xã và nhà văn hóa thôn',
        dimension: 2,
        leadUnit: 'UBND các xã, phường',
        cooperatingUnits: ['Sở Y tế', 'Ủy ban MTTQ Việt Nam xã'],
        startDate: '2026-01-05',
        dueDate: '2026-03-31',
        expectedOutput: 'Biên bản niêm yết công khai',
      },
      {
        position: 2,
        title: 'Bố trí lịch tiếp công dân định kỳ của Chủ tịch UBND xã',
        dimension: 3,
        leadUnit: 'UBND các xã, phường',
        cooperatingUnits: ['Thanh tra tỉnh'],
        startDate: '2026-01-05',
        dueDate: '2026-02-15',
        expectedOutput: 'Lịch tiếp công dân được công bố',
      },
      {
        position: 3,
        title: 'Kiểm tra hoạt động của bộ phận tiếp nhận và trả kết quả (một cửa)',
        dimension: 5,
        leadUnit: 'Sở Nội vụ',
        cooperatingUnits: ['Văn phòng UBND tỉnh', 'Sở Tư pháp'],
        startDate: '2026-04-01',
        dueDate: '2026-09-30',
        expectedOutput: 'Báo cáo kết quả kiểm tra',
      },
      {
        position: 4,
        title: 'Tổ chức hội nghị quán triệt Kế hoạch cải thiện Chỉ số PAPI năm 2026',
        dimension: null,
        leadUnit: 'Sở Nội vụ',
        cooperatingUnits: [],
        startDate: null,
        dueDate: '2026-01-20',
        expectedOutput: 'Hội nghị được tổ chức',
      },
    ],
    ...overrides,
  };
}

export function sampleReportData(overrides: Partial<ReportDocumentData> = {}): ReportDocumentData {
  return {
    unit: { nameVi: 'Ân Thi', fullNameVi: 'Xã Ân Thi', unitType: 'commune' },
    issuingBody: 'ỦY BAN NHÂN DÂN XÃ ÂN THI',
    period: '2026Q1',
    number: '15',
    symbol: 'BC-UBND',
    date: '2026-03-18',
    plan: {
      number: '12',
      symbol: 'KH-UBND',
      issuedDate: '2026-01-08',
      issuingBody: 'Ủy ban nhân dân xã Ân Thi',
      title: 'Cải thiện, nâng cao Chỉ số PAPI năm 2026',
    },
    summary: 'Ủy ban nhân dân xã đã ban hành Kế hoạch và phân công nhiệm vụ cho các bộ phận chuyên môn.',
    sections: [
      { dimension: 2, narrative: 'Đã niêm yết công khai danh sách hộ nghèo tại trụ sở và 12/12 nhà văn hóa thôn.' },
      { dimension: 3, narrative: 'Chủ tịch UBND xã tiếp công dân định kỳ vào thứ Năm hằng tuần.' },
    ],
    tasks: [
      {
        position: 1,
        title: 'Công khai danh sách hộ nghèo',
        dimension: 2,
        unitName: 'Ân Thi',
        status: 'done',
        progress: 100,
        dueDate: '2026-03-31',
        note: 'Biên bản ngày 10/3/2026',
      },
      {
        position: 2,
        title: 'Bố trí lịch tiếp công dân',
        dimension: 3,
        unitName: 'Ân Thi',
        status: 'in_progress',
        progress: 60,
        dueDate: '2026-02-15',
        note: '',
      },
    ],
    proposals: 'Đề nghị Sở Nội vụ tổ chức tập huấn về Chỉ số PAPI cho cán bộ cấp xã.',
    recipients: ['UBND tỉnh Hưng Yên', 'Sở Nội vụ', 'Lưu: VT'],
    signer: { title: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH', name: 'Trần Thị Bình' },
    ...overrides,
  };
}
