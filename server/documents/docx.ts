/**
 * Renders an ND30 document model (core/documents) to DOCX with the `docx` library, following the
 * recipe of ND30.md C.4: A4 with 20/20/30/15 mm margins; a borderless two-column header table (65 mm
 * agency | 100 mm motto) with rules drawn as paragraph bottom borders limited by indents (not underlined
 * text); justified 14 pt body with a 1 cm first-line indent, 6 pt after, 1.3 line spacing; page numbers
 * centred in the top margin except on page 1; the signature block as a borderless table with "Nơi
 * nhận:" on the left; appendices in their own landscape section. Times New Roman on every run.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  type ISectionOptions,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { agencyRuleMm } from '../../core/documents/format.js';
import {
  type Appendix,
  type Block,
  type DocTable,
  ND30,
  type OfficialDocument,
  type Run,
} from '../../core/documents/model.js';

const FONT = ND30.font;
/** mm → twips, rounded (docx's own helper truncates: A4 would come out 11905 × 16837, not 11906 × 16838). */
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const pt = (size: number) => size * 2; // docx sizes are half-points
const PORTRAIT_TEXT_MM = ND30.page.widthMm - ND30.margins.leftMm - ND30.margins.rightMm; // 165
const LANDSCAPE_TEXT_MM = ND30.page.heightMm - ND30.margins.leftMm - ND30.margins.rightMm; // 252

interface TextOpts {
  size: number;
  bold?: boolean;
  italic?: boolean;
}

const run = (text: string, o: TextOpts) =>
  new TextRun({ text, font: FONT, size: pt(o.size), bold: o.bold ?? false, italics: o.italic ?? false });

/** A single-spaced centred line (header and signature blocks). */
function line(text: string, o: TextOpts & { after?: number; align?: 'center' | 'left' | 'justify' }): Paragraph {
  return new Paragraph({
    alignment:
      o.align === 'left' ? AlignmentType.LEFT : o.align === 'justify' ? AlignmentType.JUSTIFIED : AlignmentType.CENTER,
    spacing: { before: 0, after: o.after ?? 0, line: 240, lineRule: LineRuleType.AUTO },
    children: [run(text, o)],
  });
}

/**
 * A solid rule `lengthMm` long, centred in a column `columnMm` wide: an empty 6 pt paragraph whose bottom
 * border is limited by left/right indents.
 */
function rule(lengthMm: number, columnMm: number): Paragraph {
  const side = Math.max(0, (columnMm - lengthMm) / 2);
  return new Paragraph({
    indent: { left: mm(side), right: mm(side) },
    spacing: { before: 0, after: 0, line: 120, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

const NO_BORDERS = TableBorders.NONE;
const cellMargins = { top: 0, bottom: 0, left: mm(0.5), right: mm(0.5) };

function borderlessCell(widthMm: number, children: Paragraph[]): TableCell {
  return new TableCell({
    width: { size: mm(widthMm), type: WidthType.DXA },
    margins: cellMargins,
    children: children.length > 0 ? children : [new Paragraph({ children: [] })],
  });
}

function borderlessTable(widthsMm: number[], rows: Paragraph[][][]): Table {
  return new Table({
    width: { size: mm(widthsMm.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: widthsMm.map(mm),
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: rows.map(
      (cells) => new TableRow({ children: cells.map((paras, i) => borderlessCell(widthsMm[i] ?? 0, paras)) }),
    ),
  });
}

/** ô1–ô4: agency, motto, number and symbol, place and date. */
function headerBlock(doc: OfficialDocument): Table {
  const { leftColumnMm: left, rightColumnMm: right } = ND30.header;
  const s = ND30.size;
  const agency = [
    ...doc.header.parentBody.map((t) => line(t, { size: s.agency })),
    ...doc.header.issuingBody.map((t) => line(t, { size: s.agency, bold: true })),
    rule(agencyRuleMm(doc.header.issuingBody, s.agency), left),
  ];
  const motto = [
    line(doc.header.nation, { size: s.nation, bold: true }),
    line(doc.header.motto, { size: s.motto, bold: true }),
    rule(ND30.mottoWidthMm[s.motto] ?? 60.4, right),
  ];
  // A parent body line pushes the agency one line lower than the motto; no padding is needed.
  const second = [
    [line(doc.header.numberSymbol, { size: s.number })],
    [line(doc.header.placeDate, { size: s.placeDate, italic: true })],
  ];
  return borderlessTable([left, right], [[agency, motto], second]);
}

/** Rough width of a bold lower-case line, to size the rule under the trích yếu (1/3–1/2 of the line). */
function summaryRuleMm(summary: readonly string[]): number {
  const emMm = (ND30.size.title * 25.4) / 72;
  const longest = Math.max(0, ...summary.map((l) => Math.min(PORTRAIT_TEXT_MM, [...l].length * 0.5 * emMm)));
  return Math.max(25, Math.min(60, Math.round(longest * 0.4)));
}

function titleBlock(doc: OfficialDocument): Paragraph[] {
  const s = ND30.size.title;
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 360, after: 0 },
      children: [run(doc.typeName, { size: s, bold: true })],
    }),
    ...doc.summary.map((t) => line(t, { size: s, bold: true })),
    rule(summaryRuleMm(doc.summary), PORTRAIT_TEXT_MM),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
  ];
}

const bodySpacing = {
  before: 0,
  after: ND30.body.spaceAfterPt * 20,
  line: Math.round(240 * ND30.body.lineSpacing),
  lineRule: LineRuleType.AUTO,
};

function bodyParagraph(runs: readonly Run[], force: Partial<TextOpts> = {}): Paragraph {
  const size = ND30.size.body;
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(ND30.body.firstLineIndentMm) },
    spacing: bodySpacing,
    children: runs.map((r) =>
      run(r.text, { size, bold: force.bold ?? r.bold ?? false, italic: force.italic ?? r.italic ?? false }),
    ),
  });
}

/** A bordered data table with a repeated bold header row. */
export function dataTable(table: DocTable, widthMm: number): Table {
  const total = table.columns.reduce((a, c) => a + c.width, 0);
  const widths = table.columns.map((c) => (c.width / total) * widthMm);
  const size = ND30.size.table;
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = {
    top: border,
    bottom: border,
    left: border,
    right: border,
    insideHorizontal: border,
    insideVertical: border,
  };
  const cell = (text: string, i: number, o: { bold?: boolean; align?: 'left' | 'center'; span?: number }) =>
    new TableCell({
      width: { size: mm(o.span ? widthMm : (widths[i] ?? 0)), type: WidthType.DXA },
      ...(o.span ? { columnSpan: o.span } : {}),
      margins: { top: mm(0.8), bottom: mm(0.8), left: mm(1), right: mm(1) },
      verticalAlign: VerticalAlignTable.CENTER,
      children: text.split('\n').map(
        (part) =>
          new Paragraph({
            alignment: o.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
            spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
            children: [run(part, { size, bold: o.bold ?? false })],
          }),
      ),
    });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map((c, i) => cell(c.header, i, { bold: true, align: 'center' })),
  });
  const rows = table.rows.map((r) =>
    Array.isArray(r)
      ? new TableRow({
          cantSplit: true,
          children: r.map((v, i) => cell(v, i, { align: table.columns[i]?.align ?? 'left' })),
        })
      : new TableRow({ cantSplit: true, children: [cell(r.group, 0, { bold: true, span: table.columns.length })] }),
  );
  return new Table({
    width: { size: mm(widthMm), type: WidthType.DXA },
    columnWidths: widths.map(mm),
    layout: TableLayoutType.FIXED,
    borders,
    rows: [header, ...rows],
  });
}

function bodyBlocks(blocks: readonly Block[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading') out.push(bodyParagraph([{ text: b.text }], { bold: true }));
    else if (b.kind === 'paragraph') out.push(bodyParagraph(b.runs));
    else {
      out.push(dataTable(b.table, PORTRAIT_TEXT_MM));
      out.push(new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }));
    }
  }
  return out;
}

/** ô7 and ô9: "Nơi nhận:" on the left, the signature on the right, on the same first line. */
function signatureBlock(doc: OfficialDocument): Table {
  const s = ND30.size;
  const recipients = [
    new Paragraph({
      spacing: { before: 0, after: 0 },
      children: [run(doc.recipients.label, { size: s.recipientsLabel, bold: true, italic: true })],
    }),
    ...doc.recipients.entries.map((e) => line(e, { size: s.recipients, align: 'left' })),
  ];
  const signature = [
    ...doc.signature.lines.map((l) => line(l, { size: s.signature, bold: true })),
    // Room for the signature and seal (customary 3–4 blank lines).
    ...[0, 1, 2, 3].map(() => line('', { size: s.signature })),
    line(doc.signature.name, { size: s.signature, bold: true }),
  ];
  return borderlessTable([80, PORTRAIT_TEXT_MM - 80], [[recipients, signature]]);
}

function appendixBlocks(a: Appendix): (Paragraph | Table)[] {
  const s = ND30.size.title;
  const width = a.landscape ? LANDSCAPE_TEXT_MM : PORTRAIT_TEXT_MM;
  return [
    line(a.label, { size: s, bold: true }),
    line(a.title, { size: s, bold: true }),
    line(a.note, { size: s, italic: true }),
    rule(40, width),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
    dataTable(a.table, width),
  ];
}

/** Page numbers in the top margin, centred, 13 pt; the first page of the document has none. */
function pageNumberHeader(): Header {
  const children: ParagraphChild[] = [
    new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(ND30.size.pageNumber) }),
  ];
  return new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children })] });
}

const pageProps = (landscape: boolean) => ({
  size: {
    width: mm(ND30.page.widthMm),
    height: mm(ND30.page.heightMm),
    orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
  },
  margin: {
    top: mm(ND30.margins.topMm),
    bottom: mm(ND30.margins.bottomMm),
    left: mm(ND30.margins.leftMm),
    right: mm(ND30.margins.rightMm),
    header: mm(10),
    footer: mm(10),
  },
});

/** The docx Document object for a model (exported for structure tests). */
export function buildDocx(doc: OfficialDocument): Document {
  const main: ISectionOptions = {
    properties: { page: pageProps(false), titlePage: true },
    headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
    children: [
      headerBlock(doc),
      ...titleBlock(doc),
      ...bodyBlocks(doc.body),
      new Paragraph({ spacing: { before: 0, after: 0 }, children: [] }),
      signatureBlock(doc),
      // The section ends with a 1 pt paragraph (it carries the section break): a normal-height one
      // after a signature that fills the page would spill onto an otherwise blank page.
      new Paragraph({
        spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT },
        run: { size: 2 },
        children: [],
      }),
    ],
  };
  const appendices: ISectionOptions[] = doc.appendices.map((a) => ({
    properties: { page: pageProps(a.landscape) },
    headers: { default: pageNumberHeader() },
    children: appendixBlocks(a),
  }));
  return new Document({
    creator: 'OpenPAPI',
    title: doc.meta.title,
    styles: {
      default: {
        document: { run: { font: FONT, size: pt(ND30.size.body), language: { value: 'vi-VN' } } },
      },
    },
    sections: [main, ...appendices],
  });
}

/** The DOCX file of a document model. */
export async function renderDocx(doc: OfficialDocument): Promise<Buffer> {
  return Packer.toBuffer(buildDocx(doc));
}
