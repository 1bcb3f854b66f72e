/**
 * The DOCX itself, opened as the zip it is (jszip, which docx uses): page size and margins, fonts and
 * sizes per ND30, the page-number header that skips page 1, the landscape appendix section.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { planDocument } from '../../core/documents/plan.js';
import { reportDocument } from '../../core/documents/report.js';
import { samplePlanData, sampleReportData } from '../../core/documents/testing.js';
import { renderDocx } from './docx.js';

async function parts(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const names = Object.keys(zip.files);
  return {
    document: await read('word/document.xml'),
    styles: await read('word/styles.xml'),
    headers: await Promise.all(names.filter((n) => /^word\/header\d+\.xml$/.test(n)).map(read)),
  };
}

/** Every <w:r> run with its text and properties. */
function runs(xml: string) {
  return [...xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map(([, inner = '']) => ({
    text: [...inner.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
    font: /<w:rFonts w:ascii="([^"]+)"/.exec(inner)?.[1],
    size: Number(/<w:sz w:val="(\d+)"/.exec(inner)?.[1] ?? Number.NaN) / 2,
    bold: /<w:b\/>|<w:b w:val="(true|1)"\/>/.test(inner),
    italic: /<w:i\/>|<w:i w:val="(true|1)"\/>/.test(inner),
  }));
}

const twip = (mm: number) => Math.round((mm * 1440) / 25.4);

describe('plan DOCX structure', async () => {
  const { document, styles, headers } = await parts(await renderDocx(planDocument(samplePlanData())));
  const all = runs(document);
  const find = (text: string) => {
    const r = all.find((x) => x.text === text);
    if (!r) throw new Error(`no run "${text}"`);
    return r;
  };

  it('is A4 with the 20/20/30/15 mm margins, the appendix section landscape', () => {
    const sizes = [...document.matchAll(/<w:pgSz ([^>]*)\/>/g)].map((m) => m[1] ?? '');
    expect(sizes).toHaveLength(2);
    expect(sizes[0]).toContain(`w:w="${twip(210)}"`);
    expect(sizes[0]).toContain(`w:h="${twip(297)}"`);
    expect(sizes[1]).toContain(`w:w="${twip(297)}"`);
    expect(sizes[1]).toContain('w:orient="landscape"');
    for (const [, m = ''] of document.matchAll(/<w:pgMar ([^>]*)\/>/g)) {
      expect(m).toContain(`w:top="${twip(20)}"`);
      expect(m).toContain(`w:bottom="${twip(20)}"`);
      expect(m).toContain(`w:left="${twip(30)}"`);
      expect(m).toContain(`w:right="${twip(15)}"`);
    }
  });

  it('sets Times New Roman on every run and as the default, 14 pt body', () => {
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((r) => r.font !== 'Times New Roman').map((r) => r.text)).toEqual([]);
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(find('I. MỤC ĐÍCH, YÊU CẦU')).toMatchObject({ size: 14, bold: true });
    expect(
      find(
        'a) Nâng cao nhận thức, trách nhiệm của cán bộ, công chức, viên chức trong thực thi công vụ, phục vụ người dân.',
      ),
    ).toMatchObject({ size: 14, bold: false, italic: false });
    const body = all.filter((r) => r.text.startsWith('Căn cứ') || r.text.startsWith('- '));
    expect(new Set(body.map((r) => r.size))).toEqual(new Set([14, 11]));
  });

  it('sizes and styles the header, title, recipients and signature per ND30', () => {
    expect(find('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toMatchObject({ size: 13, bold: true, italic: false });
    expect(find('Độc lập - Tự do - Hạnh phúc')).toMatchObject({ size: 14, bold: true });
    expect(find('ỦY BAN NHÂN DÂN')).toMatchObject({ size: 13, bold: true });
    expect(find('TỈNH HƯNG YÊN')).toMatchObject({ size: 13, bold: true });
    expect(find('Số: 109/KH-UBND')).toMatchObject({ size: 13, bold: false });
    expect(find('Hưng Yên, ngày 26 tháng 12 năm 2025')).toMatchObject({ size: 14, italic: true, bold: false });
    expect(find('KẾ HOẠCH')).toMatchObject({ size: 14, bold: true });
    expect(find('Nơi nhận:')).toMatchObject({ size: 12, bold: true, italic: true });
    expect(find('- Bộ Nội vụ;')).toMatchObject({ size: 11, bold: false, italic: false });
    expect(find('KT. CHỦ TỊCH')).toMatchObject({ size: 14, bold: true });
    expect(find('Nguyễn Văn An')).toMatchObject({ size: 14, bold: true });
    expect(find('PHỤ LỤC')).toMatchObject({ size: 14, bold: true });
  });

  it('draws the rules as bottom borders of empty paragraphs, the motto rule as long as the motto', () => {
    const rules = [
      ...document.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pBdr><w:bottom [^>]*\/><\/w:pBdr>(?:(?!<\/w:p>).)*?<\/w:p>/gs),
    ];
    expect(rules.length).toBeGreaterThanOrEqual(4); // agency, motto, trích yếu, appendix
    for (const [r] of rules) expect(r).not.toContain('<w:t');
    // The motto rule: 100 mm column, 60.4 mm rule → 19.8 mm indent each side.
    const motto = `<w:ind w:left="${twip(19.8)}" w:right="${twip(19.8)}"/>`;
    expect(document.includes(motto), motto).toBe(true);
    expect(document.includes('<w:u '), 'underlined text').toBe(false);
  });

  it('numbers pages in the header but not on page 1', () => {
    expect(document.includes('<w:titlePg/>')).toBe(true);
    expect(headers.some((h) => h.includes('PAGE'))).toBe(true);
    expect(headers.some((h) => !h.includes('PAGE'))).toBe(true);
  });

  it('justifies body paragraphs with a 1 cm first-line indent and 6 pt after', () => {
    const body =
      /<w:spacing w:after="(\d+)" w:before="0" w:line="(\d+)" w:lineRule="auto"\/><w:ind w:firstLine="(\d+)"\/><w:jc w:val="both"\/>/g;
    const found = [...document.matchAll(body)].map((m) => [m[1], m[2], m[3]].join('/'));
    expect(found.length).toBeGreaterThan(20);
    expect(new Set(found)).toEqual(new Set([`120/312/${twip(10)}`]));
  });
});

describe('report DOCX structure', () => {
  it('has one portrait section and the task status table', async () => {
    const { document } = await parts(await renderDocx(reportDocument(sampleReportData())));
    expect([...document.matchAll(/<w:pgSz /g)]).toHaveLength(1);
    const texts = runs(document).map((r) => r.text);
    expect(texts).toContain('BÁO CÁO');
    expect(texts).toContain('Tình trạng');
    expect(texts).toContain('Hoàn thành');
  });
});
