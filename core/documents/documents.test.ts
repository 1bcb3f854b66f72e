import { describe, expect, it } from 'vitest';
import {
  agencyRuleMm,
  formatNumberSymbol,
  formatPlaceDate,
  formatShortDate,
  issuingBodyInText,
  issuingBodyLines,
  itemLetter,
  placeName,
  recipientLines,
  roman,
  signatureLines,
  summaryWithoutType,
} from './format.js';
import type { Block, OfficialDocument } from './model.js';
import { planDocument, splitIssuingBody } from './plan.js';
import { periodPhrase, reportDocument, taskCounts } from './report.js';
import { samplePlanData, sampleReportData } from './testing.js';
import { paragraphsOf } from './text.js';

const text = (b: Block): string =>
  b.kind === 'heading' ? b.text : b.kind === 'paragraph' ? b.runs.map((r) => r.text).join('') : '[table]';
const headings = (doc: OfficialDocument, level: 1 | 2) =>
  doc.body
    .filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.level === level)
    .map((b) => b.text);

describe('ND30 formatting rules', () => {
  it('writes the number with a leading zero below 10 and the symbol in capitals', () => {
    expect(formatNumberSymbol(109, 'KH-UBND')).toBe('Số: 109/KH-UBND');
    expect(formatNumberSymbol(7, 'bc-ubnd')).toBe('Số: 07/BC-UBND');
    expect(formatNumberSymbol(null, 'KH-UBND')).toMatch(/^Số:\s+\/KH-UBND$/);
    expect(() => formatNumberSymbol(0, 'KH-UBND')).toThrow();
  });

  it('pads days below 10 and months 1–2 only', () => {
    expect(formatPlaceDate('Hưng Yên', '2025-12-26')).toBe('Hưng Yên, ngày 26 tháng 12 năm 2025');
    expect(formatPlaceDate('Quảng Ninh', '2026-02-05')).toBe('Quảng Ninh, ngày 05 tháng 02 năm 2026');
    expect(formatPlaceDate('Ân Thi', '2026-03-09')).toBe('Ân Thi, ngày 09 tháng 3 năm 2026');
    expect(formatPlaceDate('Ân Thi', '2026-01-15')).toBe('Ân Thi, ngày 15 tháng 01 năm 2026');
    expect(formatPlaceDate('Ân Thi', null, 2026)).toMatch(/^Ân Thi, ngày\s+tháng\s+năm 2026$/);
    expect(() => formatPlaceDate('X', '26/12/2025')).toThrow(/YYYY-MM-DD/);
    expect(formatShortDate('2026-03-09')).toBe('09/03/2026');
  });

  it('names the issuing body and place from the unit, in full for units named after a person or a number', () => {
    expect(issuingBodyLines({ nameVi: 'Hưng Yên', fullNameVi: 'Hưng Yên', unitType: 'province' })).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH HƯNG YÊN',
    ]);
    expect(issuingBodyLines({ nameVi: 'Ân Thi', fullNameVi: 'Xã Ân Thi', unitType: 'commune' })).toEqual([
      'ỦY BAN NHÂN DÂN',
      'XÃ ÂN THI',
    ]);
    expect(issuingBodyInText({ nameVi: 'Ân Thi', fullNameVi: 'Xã Ân Thi', unitType: 'commune' })).toBe(
      'Ủy ban nhân dân xã Ân Thi',
    );
    expect(placeName({ nameVi: 'Hưng Yên', fullNameVi: 'Tỉnh Hưng Yên', unitType: 'province' })).toBe('Hưng Yên');
    expect(placeName({ nameVi: 'Hồ Chí Minh', fullNameVi: 'Hồ Chí Minh', unitType: 'centrally_run_city' })).toBe(
      'Thành phố Hồ Chí Minh',
    );
    expect(placeName({ nameVi: '1', fullNameVi: 'Phường 1', unitType: 'ward' })).toBe('Phường 1');
    expect(
      splitIssuingBody('ỦY BAN NHÂN DÂN HƯNG YÊN', {
        nameVi: 'Hưng Yên',
        fullNameVi: 'Hưng Yên',
        unitType: 'province',
      }),
    ).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH HƯNG YÊN']);
    expect(summaryWithoutType('Kế hoạch cải thiện Chỉ số PAPI năm 2026', 'KẾ HOẠCH')).toBe(
      'Cải thiện Chỉ số PAPI năm 2026',
    );
    expect(summaryWithoutType('Cải thiện Chỉ số PAPI', 'KẾ HOẠCH')).toBe('Cải thiện Chỉ số PAPI');
    expect(
      splitIssuingBody('ỦY BAN NHÂN DÂN XÃ TIỀN PHONG', { nameVi: 'x', fullNameVi: 'x', unitType: 'commune' }),
    ).toEqual(['ỦY BAN NHÂN DÂN', 'XÃ TIỀN PHONG']);
  });

  it('splits a signer title typed on one line into the ND30 lines', () => {
    expect(signatureLines('KT. CHỦ TỊCH PHÓ CHỦ TỊCH')).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
    expect(signatureLines('TM. Ủy ban nhân dân KT. Chủ tịch Phó Chủ tịch')).toEqual([
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
    ]);
    expect(signatureLines('TM. ỦY BAN NHÂN DÂN CHỦ TỊCH')).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
    expect(signatureLines('TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH')).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
    expect(signatureLines('GIÁM ĐỐC')).toEqual(['GIÁM ĐỐC']);
  });

  it('punctuates recipients: "- x;" each, and the archive line last ending with "."', () => {
    expect(recipientLines(['Bộ Nội vụ', '- Sở Nội vụ;', 'Lưu: VT, NC(5)', 'UBND các xã.'])).toEqual([
      '- Bộ Nội vụ;',
      '- Sở Nội vụ;',
      '- UBND các xã;',
      '- Lưu: VT, NC(5).',
    ]);
    expect(recipientLines(['Sở Nội vụ'])).toEqual(['- Sở Nội vụ;', '- Lưu: VT.']);
  });

  it('numbers sections and items the Vietnamese way', () => {
    expect([1, 2, 4, 9, 14].map(roman)).toEqual(['I', 'II', 'IV', 'IX', 'XIV']);
    expect([0, 3, 4, 5].map(itemLetter)).toEqual(['a', 'd', 'đ', 'e']);
  });

  it('sizes the rule under the agency name at 1/3–1/2 of its line', () => {
    const rule = agencyRuleMm(['ỦY BAN NHÂN DÂN', 'TỈNH HƯNG YÊN'], 13);
    expect(rule).toBeGreaterThan(15);
    expect(rule).toBeLessThan(30);
  });

  it('sets short numbered lines bold and keeps "a)" and "-" items regular', () => {
    const blocks = paragraphsOf('1. Sở Nội vụ\nLà cơ quan thường trực.\n\na) Mục một\n- Gạch đầu dòng');
    expect(blocks).toHaveLength(4);
    expect(blocks.map((b) => (b.kind === 'paragraph' ? b.runs[0]?.bold === true : null))).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('planDocument', () => {
  const doc = planDocument(samplePlanData());

  it('fills the ND30 header', () => {
    expect(doc.header).toEqual({
      parentBody: [],
      issuingBody: ['ỦY BAN NHÂN DÂN', 'TỈNH HƯNG YÊN'],
      nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      motto: 'Độc lập - Tự do - Hạnh phúc',
      numberSymbol: 'Số: 109/KH-UBND',
      placeDate: 'Hưng Yên, ngày 26 tháng 12 năm 2025',
    });
    expect(doc.typeName).toBe('KẾ HOẠCH');
    expect(doc.summary).toEqual([
      'Cải thiện, nâng cao Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) năm 2026',
    ]);
    expect(doc.signature).toEqual({ lines: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], name: 'Nguyễn Văn An' });
    expect(doc.recipients.label).toBe('Nơi nhận:');
    expect(doc.recipients.entries.at(-1)).toBe('- Lưu: VT, NC(5).');
  });

  it('orders the sections I… with one item per dimension that has content, and ends with "./."', () => {
    expect(headings(doc, 1)).toEqual([
      'I. MỤC ĐÍCH, YÊU CẦU',
      'II. MỤC TIÊU',
      'III. NHIỆM VỤ, GIẢI PHÁP',
      'IV. CÔNG TÁC THÔNG TIN, TUYÊN TRUYỀN',
      'V. CÔNG TÁC KIỂM TRA, GIÁM SÁT',
      'VI. TỔ CHỨC THỰC HIỆN',
    ]);
    expect(headings(doc, 2)).toContain('1. Nội dung 1: Tham gia của người dân ở cấp cơ sở');
    expect(headings(doc, 2)).toContain('5. Nội dung 8: Quản trị điện tử');
    const all = doc.body.map(text);
    expect(all[0]).toMatch(/^Căn cứ Nghị quyết số 76\/NQ-CP .*2030;$/);
    expect(all).toContain('- Chỉ số PAPI tổng hợp: tăng thứ hạng so với năm trước.');
    expect(all).toContain('- Chỉ số PAPI tổng hợp: giữ vững nhóm đạt điểm cao nhất.');
    expect(all).toContain('- Nội dung 4 (Kiểm soát tham nhũng trong khu vực công): đạt tối thiểu 2,1 điểm.');
    expect(all.at(-1)).toMatch(/Ủy ban nhân dân tỉnh\.\/\.$/);
  });

  it('closes up the numbering when a section is empty', () => {
    const d = planDocument(samplePlanData({ targets: [], communication: '  ', inspection: '' }));
    expect(headings(d, 1)).toEqual(['I. MỤC ĐÍCH, YÊU CẦU', 'II. NHIỆM VỤ, GIẢI PHÁP', 'III. TỔ CHỨC THỰC HIỆN']);
  });

  it('puts the tasks in a landscape appendix table grouped by dimension', () => {
    expect(doc.appendices).toHaveLength(1);
    const a = doc.appendices[0]!;
    expect(a.label).toBe('PHỤ LỤC');
    expect(a.landscape).toBe(true);
    expect(a.note).toBe('(Kèm theo Kế hoạch số 109/KH-UBND ngày 26/12/2025 của Ủy ban nhân dân tỉnh Hưng Yên)');
    expect(a.table.columns.map((c) => c.header)).toEqual([
      'STT',
      'Nhiệm vụ',
      'Cơ quan chủ trì',
      'Cơ quan phối hợp',
      'Thời gian hoàn thành',
      'Sản phẩm',
    ]);
    expect(a.table.rows).toEqual([
      { group: 'II. CÔNG KHAI, MINH BẠCH TRONG VIỆC RA QUYẾT ĐỊNH Ở ĐỊA PHƯƠNG' },
      [
        '1',
        'Công khai danh sách hộ nghèo, hộ cận nghèo tại trụ sở UBND xã và nhà văn hóa thôn',
        'UBND các xã, phường',
        'Sở Y tế; Ủy ban MTTQ Việt Nam xã',
        '31/03/2026',
        'Biên bản niêm yết công khai',
      ],
      { group: 'III. TRÁCH NHIỆM GIẢI TRÌNH VỚI NGƯỜI DÂN' },
      expect.arrayContaining(['2']),
      { group: 'V. THỦ TỤC HÀNH CHÍNH CÔNG' },
      expect.arrayContaining(['3', 'Sở Nội vụ']),
      { group: 'NHIỆM VỤ CHUNG' },
      expect.arrayContaining(['4', '20/01/2026']),
    ]);
  });

  it('leaves number and date blank on a draft, and cites the parent plan first', () => {
    const d = planDocument(
      samplePlanData({
        number: null,
        issuedDate: null,
        unit: { nameVi: 'Ân Thi', fullNameVi: 'Xã Ân Thi', unitType: 'commune' },
        issuingBody: null,
        parentPlan: {
          number: '192',
          symbol: 'KH-UBND',
          issuedDate: '2023-12-26',
          issuingBody: 'Ủy ban nhân dân tỉnh Hưng Yên',
          title: 'Cải thiện, nâng cao Chỉ số PAPI năm 2024',
        },
      }),
    );
    expect(d.header.numberSymbol).toMatch(/^Số:\s+\/KH-UBND$/);
    expect(d.header.placeDate).toMatch(/^Ân Thi, ngày\s+tháng\s+năm 2026$/);
    expect(d.header.issuingBody).toEqual(['ỦY BAN NHÂN DÂN', 'XÃ ÂN THI']);
    expect(text(d.body[0]!)).toBe(
      'Căn cứ Kế hoạch số 192/KH-UBND ngày 26/12/2023 của Ủy ban nhân dân tỉnh Hưng Yên về cải thiện, nâng cao Chỉ số PAPI năm 2024;',
    );
    expect(d.appendices[0]?.note).toBe('(Kèm theo Kế hoạch số …/KH-UBND của Ủy ban nhân dân xã Ân Thi)');
  });

  it('has no appendix without tasks', () => {
    expect(planDocument(samplePlanData({ tasks: [] })).appendices).toEqual([]);
  });
});

describe('reportDocument', () => {
  it('names the period as statute does', () => {
    expect(periodPhrase('2026Q1')).toBe('quý I năm 2026');
    expect(periodPhrase('2026Q4')).toBe('quý IV năm 2026');
    expect(periodPhrase('2026S1')).toBe('6 tháng đầu năm 2026');
    expect(periodPhrase('2026N9')).toBe('9 tháng đầu năm 2026');
    expect(periodPhrase('2026')).toBe('năm 2026');
    expect(() => periodPhrase('2026Q5')).toThrow(/period/);
  });

  it('builds the report with narratives per dimension and a task status table', () => {
    const doc = reportDocument(sampleReportData());
    expect(doc.typeName).toBe('BÁO CÁO');
    expect(doc.header.numberSymbol).toBe('Số: 15/BC-UBND');
    expect(doc.header.placeDate).toBe('Ân Thi, ngày 18 tháng 3 năm 2026');
    expect(doc.summary).toEqual(['Kết quả thực hiện Kế hoạch cải thiện, nâng cao Chỉ số PAPI quý I năm 2026']);
    expect(text(doc.body[0]!)).toBe(
      'Thực hiện Kế hoạch số 12/KH-UBND ngày 08/01/2026 của Ủy ban nhân dân xã Ân Thi về cải thiện, nâng cao Chỉ số PAPI năm 2026, Ủy ban nhân dân xã Ân Thi báo cáo kết quả thực hiện quý I năm 2026 như sau:',
    );
    expect(headings(doc, 1)).toEqual(['I. KẾT QUẢ THỰC HIỆN', 'II. ĐỀ XUẤT, KIẾN NGHỊ']);
    expect(headings(doc, 2)).toEqual([
      '1. Đánh giá chung',
      '2. Kết quả theo từng lĩnh vực',
      '3. Tình hình thực hiện nhiệm vụ',
    ]);
    const all = doc.body.map(text);
    expect(all).toContain('a) Nội dung 2: Công khai, minh bạch trong việc ra quyết định ở địa phương');
    expect(all).toContain('Tổng số 2 nhiệm vụ: hoàn thành 1; đang thực hiện 1; chưa thực hiện 0; quá hạn 1.');
    const table = doc.body.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.table.rows).toEqual([
      ['1', 'Công khai danh sách hộ nghèo', 'Ân Thi', '31/03/2026', 'Hoàn thành', '100', 'Biên bản ngày 10/3/2026'],
      ['2', 'Bố trí lịch tiếp công dân', 'Ân Thi', '15/02/2026', 'Đang thực hiện', '60', ''],
    ]);
    expect(all.at(-1)).toMatch(/cấp xã\.\/\.$/);
    expect(doc.signature.lines).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
  });

  it('leaves out dimensions without a narrative and does not repeat "Kế hoạch" in the citation', () => {
    const base = sampleReportData();
    const doc = reportDocument({
      ...base,
      sections: [{ dimension: 1, narrative: '  ' }, ...base.sections],
      plan: { ...base.plan!, title: 'Kế hoạch cải thiện Chỉ số PAPI năm 2026' },
    });
    const all = doc.body.map(text);
    expect(all.filter((x) => x.includes('Nội dung 1:'))).toEqual([]);
    expect(all[0]).toContain('của Ủy ban nhân dân xã Ân Thi về cải thiện Chỉ số PAPI năm 2026,');
  });

  it('counts overdue tasks against the report date', () => {
    const tasks = sampleReportData().tasks;
    expect(taskCounts(tasks, '2026-02-01').overdue).toBe(0);
    expect(taskCounts(tasks, '2026-04-01').overdue).toBe(1);
  });
});
