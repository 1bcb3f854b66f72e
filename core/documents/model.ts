/**
 * The ND30 document model: what an administrative document of Decree 30/2020/NĐ-CP (Phụ lục I) is made
 * of, independent of the file format. Builders (plan.ts, report.ts) fill it from domain data; the server
 * renders it to DOCX (server/documents/docx.ts) and from there to PDF. Sizes are points, lengths mm.
 */

/** Page, margins and type sizes, as ND30.md (C.1, C.2) sets them; one place for every number. */
export const ND30 = {
  /** A4 portrait, mm. */
  page: { widthMm: 210, heightMm: 297 },
  /** Top/bottom 20–25, left 30–35, right 15–20 mm: the recommended 20/20/30/15 leaves 165 mm of text. */
  margins: { topMm: 20, bottomMm: 20, leftMm: 30, rightMm: 15 },
  font: 'Times New Roman',
  /** Point sizes per component (ô numbers of the layout diagram). */
  size: {
    /** ô1 Quốc hiệu, 12–13 pt bold caps. 13 pt needs a 96 mm column (95.0 mm wide). */
    nation: 13,
    /** ô1 Tiêu ngữ, 13–14 pt bold. */
    motto: 14,
    /** ô2 cơ quan chủ quản / ban hành, 12–13 pt. */
    agency: 13,
    /** ô3 Số, ký hiệu, 13 pt. */
    number: 13,
    /** ô4 Địa danh, ngày tháng, 13–14 pt italic. */
    placeDate: 14,
    /** ô5a tên loại and trích yếu, 13–14 pt bold. */
    title: 14,
    /** ô6 body, 13–14 pt, one size throughout. */
    body: 14,
    /** Table text (kept within the 13–14 pt body range). */
    table: 13,
    /** ô7 signature block, 13–14 pt bold. */
    signature: 14,
    /** ô9a "Nơi nhận:", 12 pt bold italic. */
    recipientsLabel: 12,
    /** ô9b recipients, 11 pt. */
    recipients: 11,
    /** Page numbers in the top margin, not on page 1. */
    pageNumber: 13,
  },
  /** Body paragraphs: first-line indent 1 cm, ≥ 6 pt after, line spacing 1.3 (within single…1.5). */
  body: { firstLineIndentMm: 10, spaceAfterPt: 6, lineSpacing: 1.3 },
  /** Header block: a borderless two-column table, left 65 mm (agency) and right 100 mm (motto). */
  header: { leftColumnMm: 65, rightColumnMm: 100 },
  /**
   * Width of the Tiêu ngữ "Độc lập - Tự do - Hạnh phúc" in Times New Roman Bold (measured with the
   * metric-equal Liberation Serif Bold, ND30.md C.4): the rule under it is exactly as long.
   */
  mottoWidthMm: { 13: 56.1, 14: 60.4 } as Record<number, number>,
} as const;

/** A piece of text with its emphasis. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** A table: relative column widths, header row, and rows (a `group` row spans every column, bold). */
export interface DocTable {
  columns: { header: string; width: number; align?: 'left' | 'center' }[];
  rows: (string[] | { group: string })[];
}

export type Block =
  /** "I. MỤC ĐÍCH, YÊU CẦU" (level 1, bold caps) or "1. Mục đích" (level 2, bold). */
  | { kind: 'heading'; level: 1 | 2; text: string }
  /** A body paragraph: justified, first-line indent (ô6). */
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'table'; table: DocTable };

/** An appendix after the signature (PHỤ LỤC), on its own page, landscape when it is mainly a table. */
export interface Appendix {
  /** "PHỤ LỤC" */
  label: string;
  /** What it lists, bold, e.g. "DANH MỤC NHIỆM VỤ CẢI THIỆN, NÂNG CAO CHỈ SỐ PAPI NĂM 2026". */
  title: string;
  /** "(Kèm theo Kế hoạch số 109/KH-UBND ngày 26/12/2025 của Ủy ban nhân dân tỉnh Hưng Yên)", italic. */
  note: string;
  table: DocTable;
  landscape: boolean;
}

export interface OfficialDocument {
  header: {
    /** ô2 cơ quan chủ quản (upper case, not bold); empty when there is none. */
    parentBody: string[];
    /** ô2 cơ quan ban hành (upper case, bold), one entry per line. */
    issuingBody: string[];
    /** ô1 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" */
    nation: string;
    /** ô1 "Độc lập - Tự do - Hạnh phúc" */
    motto: string;
    /** ô3 "Số: 109/KH-UBND" */
    numberSymbol: string;
    /** ô4 "Hưng Yên, ngày 26 tháng 12 năm 2025" */
    placeDate: string;
  };
  /** ô5a tên loại, e.g. "KẾ HOẠCH". */
  typeName: string;
  /** ô5a trích yếu, one entry per line. */
  summary: string[];
  /** ô6 content, in order; the last paragraph ends with "./.". */
  body: Block[];
  /** ô9 "Nơi nhận:" and one entry per line ("- …;", the last "- Lưu: VT, ….") */
  recipients: { label: string; entries: string[] };
  /** ô7 quyền hạn and chức vụ lines (upper case), then the signer's name. */
  signature: { lines: string[]; name: string };
  appendices: Appendix[];
  /** File metadata (title shown by viewers) and a file name without extension. */
  meta: { title: string; fileName: string };
}
