/**
 * The DOCX opens in LibreOffice (Debian's package, as on the servers) and renders as a Vietnamese
 * administrative document: convert a realistic plan to PDF with the same code the PDF endpoint uses
 * (`libreoffice --headless --convert-to pdf`), read its text (pdftotext) and page size (pdfinfo), and
 * rasterise page 1 (`pdftoppm -png -r 60`) to e2e/screenshots/nd30-plan-page1.png for a person to look at.
 * LibreOffice and poppler are required (scripts/test.sh installs them); a missing tool fails the test.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { planDocument } from '../../core/documents/plan.js';
import { reportDocument } from '../../core/documents/report.js';
import { samplePlanData, sampleReportData } from '../../core/documents/testing.js';
import { HttpError } from '../http/errors.js';
import { renderDocx } from './docx.js';
import { docxToPdf } from './pdf.js';

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../e2e/screenshots');
const work = mkdtempSync(join(tmpdir(), 'openpapi-render-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const tool = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
/** Text of the PDF with line breaks and runs of spaces collapsed (justified lines stretch spaces). */
const pdfText = (file: string) => tool('pdftotext', ['-layout', file, '-']).replace(/\s+/g, ' ');

describe('LibreOffice renders the ND30 DOCX', () => {
  it('converts a plan to an A4 PDF with the motto, number, title, recipients; page 1 saved as PNG', async () => {
    const docx = await renderDocx(planDocument(samplePlanData()));
    const started = performance.now();
    const pdf = await docxToPdf(docx);
    const seconds = (performance.now() - started) / 1000;
    const file = join(work, 'plan.pdf');
    writeFileSync(file, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const text = pdfText(file);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Số: 109/KH-UBND');
    expect(text).toContain('Hưng Yên, ngày 26 tháng 12 năm 2025');
    expect(text).toContain('KẾ HOẠCH');
    expect(text).toContain('Cải thiện, nâng cao Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh');
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('PHỤ LỤC');
    expect(text).toContain('Nguyễn Văn An');

    const info = tool('pdfinfo', ['-f', '1', '-l', '99', file]);
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [
      Math.round(Number(m[1])),
      Math.round(Number(m[2])),
    ]);
    expect(sizes[0]).toEqual([595, 842]); // A4 portrait, 210 × 297 mm
    expect(sizes.at(-1)).toEqual([842, 595]); // the task appendix, landscape
    // Page 1 shows the header, the title and the body, not the signature (it needs more than a page).
    const page1 = tool('pdftotext', ['-f', '1', '-l', '1', '-layout', file, '-']);
    expect(page1).toContain('I. MỤC ĐÍCH, YÊU CẦU');
    expect(page1).not.toContain('Nơi nhận:');

    mkdirSync(SCREENSHOTS, { recursive: true });
    const prefix = join(SCREENSHOTS, 'nd30-plan-page1');
    tool('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
    expect(statSync(`${prefix}.png`).size).toBeGreaterThan(10_000);
    process.stdout.write(`plan DOCX ${docx.length} bytes → PDF ${pdf.length} bytes in ${seconds.toFixed(1)} s\n`);
  });

  it('converts a report, and saves its page 1 too', async () => {
    const pdf = await docxToPdf(await renderDocx(reportDocument(sampleReportData())));
    const file = join(work, 'report.pdf');
    writeFileSync(file, pdf);
    const text = pdfText(file);
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Số: 15/BC-UBND');
    expect(text).toContain('Kết quả thực hiện Kế hoạch cải thiện, nâng cao Chỉ số PAPI quý I năm 2026');
    expect(text).toContain('31/03/2026'); // the date fits its table column on one line
    tool('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      join(SCREENSHOTS, 'nd30-report-page1'),
    ]);
    expect(readFileSync(join(SCREENSHOTS, 'nd30-report-page1.png')).length).toBeGreaterThan(10_000);
  });

  it('answers 503 with a clear message when LibreOffice is not installed', async () => {
    const err = await docxToPdf(Buffer.from('x'), { binary: join(work, 'no-libreoffice') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ status: 503, code: 'converter_unavailable' });
    expect((err as Error).message).toMatch(/LibreOffice/);
  });
});
