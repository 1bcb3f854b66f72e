/**
 * planDocument(data): a PAPI improvement plan (Kế hoạch) as an ND30 document — header, "Căn cứ…",
 * I. MỤC ĐÍCH, YÊU CẦU → MỤC TIÊU → NHIỆM VỤ, GIẢI PHÁP (one item per PAPI dimension) → tuyên truyền →
 * kiểm tra → TỔ CHỨC THỰC HIỆN, "./.", recipients and signature, then the task appendix (PHỤ LỤC) as a
 * landscape table STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm.
 * Sections without content are left out and the numbering closes up.
 */
import { formatNumber } from '../i18n/format.js';
import { t } from '../i18n/index.js';
import {
  type DocumentUnit,
  formatNumberSymbol,
  formatPlaceDate,
  formatShortDate,
  fullName,
  issuingBodyInText,
  issuingBodyLines,
  numberSymbolText,
  placeName,
  recipientLines,
  roman,
  type Signer,
  signatureLines,
  summaryWithoutType,
  upperVi,
} from './format.js';
import type { Block, DocTable, OfficialDocument, Run } from './model.js';
import { dimensionName, paragraphsOf, withEnding } from './text.js';

/** Another document a plan rests on, as cited in "Căn cứ Kế hoạch số … ngày … của … về …". */
export interface CitedPlan {
  number: string | null;
  symbol: string | null;
  issuedDate: string | null;
  /** The issuing body in running text, e.g. "Ủy ban nhân dân tỉnh Hưng Yên". */
  issuingBody: string;
  title: string;
}

/** A target (chỉ tiêu) of the plan. Either the structured form or `note` (the plan's own words) is used. */
export interface PlanTargetLine {
  /** 1…8, null = the overall index. */
  dimension: number | null;
  /** rank | group | score */
  kind: string;
  /** rise | keep | at_least | top */
  comparator: string;
  value: number | null;
  /** best | high_average | low_average | poorest */
  groupName: string | null;
  note: string | null;
}

/** One task line of the appendix. */
export interface PlanTaskLine {
  position: number;
  title: string;
  /** 1…8, null = cross-cutting. */
  dimension: number | null;
  /** Đơn vị chủ trì as written. */
  leadUnit: string;
  /** Đơn vị phối hợp, names. */
  cooperatingUnits: string[];
  startDate: string | null;
  dueDate: string | null;
  expectedOutput: string;
}

/** Everything planDocument needs; server/plans maps a stored plan onto it (loadPlanDocumentData). */
export interface PlanDocumentData {
  /** The plan's unit (issuing body and place are derived from it when not given). */
  unit: DocumentUnit;
  /** Cơ quan ban hành as stored, e.g. "ỦY BAN NHÂN DÂN XÃ TIỀN PHONG"; split into lines when long. */
  issuingBody?: string | null;
  /** Cơ quan chủ quản (ô2, not bold), when there is one. */
  parentBody?: string | null;
  /** Địa danh; default: the unit's name (ND30 rule). */
  place?: string | null;
  year: number;
  /** Số, e.g. "109"; null for a draft. */
  number: string | null;
  /** Ký hiệu; default "KH-UBND". */
  symbol: string | null;
  issuedDate: string | null;
  /** Trích yếu. */
  title: string;
  /** The parent unit's plan this one implements. */
  parentPlan?: CitedPlan | null;
  /** Other "Căn cứ …" sentences. */
  basis: string[];
  purpose: string;
  requirements: string;
  targets: PlanTargetLine[];
  /** Content per dimension (1…8); empty ones are left out. */
  sections: { dimension: number; content: string }[];
  /** Dimension names by number; default the PAPI 2018+ names. */
  dimensionNames?: Record<number, string>;
  communication: string;
  inspection: string;
  organisation: string;
  recipients: string[];
  signer: Signer;
  tasks: PlanTaskLine[];
}

const PLAN = 'documents:plan';

function targetSentence(target: PlanTargetLine, names: Record<number, string> | undefined): string {
  if (target.note && target.note.trim() !== '') return withEnding(target.note.trim(), '.');
  const what =
    target.dimension === null
      ? t('vi', `${PLAN}.totalIndex`)
      : t('vi', `${PLAN}.dimensionIndex`, { number: target.dimension, name: dimensionName(target.dimension, names) });
  const key = `${target.kind}_${target.comparator}`;
  const group = target.groupName ? t('vi', `${PLAN}.group.${target.groupName}` as never) : '';
  // Vietnamese numbers: "2,1 điểm", not "2.1".
  const value = target.value === null ? '' : formatNumber('vi', target.value, { maximumFractionDigits: 2 });
  const sentence = t('vi', `${PLAN}.target.${key}` as never, { what, value, group });
  // An unknown combination falls back to the key itself; say it plainly instead.
  return sentence.startsWith(`${PLAN}.target.`) ? `${what}: ${key}.` : sentence;
}

/** The issuing body lines: the stored name split after "ỦY BAN NHÂN DÂN", else derived from the unit. */
export function splitIssuingBody(stored: string | null | undefined, unit: DocumentUnit): string[] {
  if (!stored || stored.trim() === '') return issuingBodyLines(unit);
  const lines = stored
    .split(/\r?\n/)
    .map((l) => upperVi(l.trim()))
    .filter(Boolean);
  if (lines.length > 1) return lines;
  const one = lines[0] ?? '';
  const committee = upperVi(t('vi', 'documents:nd30.peoplesCommittee'));
  if (!one.startsWith(`${committee} `)) return [one];
  // "ỦY BAN NHÂN DÂN HƯNG YÊN" → "ỦY BAN NHÂN DÂN" / "TỈNH HƯNG YÊN": the level belongs in the name.
  const rest = one.slice(committee.length + 1).trim();
  return [committee, rest === upperVi(unit.nameVi) ? upperVi(fullName(unit)) : rest];
}

/** Body in running text for citations: "Ủy ban nhân dân xã Tiền Phong". */
export function bodyInText(lines: string[], unit: DocumentUnit): string {
  const committee = upperVi(t('vi', 'documents:nd30.peoplesCommittee'));
  if (lines[0] === committee) return issuingBodyInText(unit);
  const joined = lines.join(' ').toLocaleLowerCase('vi');
  return joined.charAt(0).toLocaleUpperCase('vi') + joined.slice(1);
}

const bodyPara = (text: string, extra: Partial<Run> = {}): Block => ({ kind: 'paragraph', runs: [{ text, ...extra }] });

/** The task appendix table, grouped by dimension in order (cross-cutting tasks last). */
export function planTaskTable(tasks: readonly PlanTaskLine[], names?: Record<number, string>): DocTable {
  const sorted = [...tasks].sort(
    (a, b) => (a.dimension ?? 99) - (b.dimension ?? 99) || a.position - b.position || a.title.localeCompare(b.title),
  );
  const rows: DocTable['rows'] = [];
  let group: number | null | undefined;
  let n = 0;
  for (const task of sorted) {
    if (task.dimension !== group) {
      group = task.dimension;
      rows.push({
        group:
          task.dimension === null
            ? upperVi(t('vi', `${PLAN}.otherTasks`))
            : `${roman(task.dimension)}. ${upperVi(dimensionName(task.dimension, names))}`,
      });
    }
    n += 1;
    rows.push([
      String(n),
      task.title,
      task.leadUnit,
      task.cooperatingUnits.join('; '),
      formatShortDate(task.dueDate),
      task.expectedOutput,
    ]);
  }
  return {
    columns: [
      { header: t('vi', 'documents:nd30.stt'), width: 6, align: 'center' },
      { header: t('vi', `${PLAN}.colTask`), width: 34 },
      { header: t('vi', `${PLAN}.colLead`), width: 16 },
      { header: t('vi', `${PLAN}.colCooperating`), width: 18 },
      { header: t('vi', `${PLAN}.colDeadline`), width: 11, align: 'center' },
      { header: t('vi', `${PLAN}.colOutput`), width: 15 },
    ],
    rows,
  };
}

export function planDocument(data: PlanDocumentData): OfficialDocument {
  const symbol = data.symbol && data.symbol.trim() !== '' ? data.symbol : t('vi', `${PLAN}.symbol`);
  const number = documentNumber(data.number);
  const issuing = splitIssuingBody(data.issuingBody, data.unit);
  const body = bodyInText(issuing, data.unit);
  const names = data.dimensionNames;

  const blocks: Block[] = [];
  // Căn cứ: the parent plan first, then the other documents.
  if (data.parentPlan) {
    const p = data.parentPlan;
    blocks.push(
      bodyPara(
        t('vi', `${PLAN}.basisParent`, {
          number: numberSymbolText(p.number ? Number(p.number) : null, p.symbol ?? symbol),
          date: formatShortDate(p.issuedDate),
          body: p.issuingBody,
          title: citedTitle(p.title),
        }),
      ),
    );
  }
  for (const b of data.basis) if (b.trim()) blocks.push(bodyPara(withEnding(b.trim(), ';')));
  blocks.push(bodyPara(t('vi', `${PLAN}.issue`, { year: data.year, body })));

  let section = 0;
  const next = () => `${roman(++section)}. `;

  // I. Mục đích, yêu cầu
  if (data.purpose.trim() || data.requirements.trim()) {
    blocks.push({ kind: 'heading', level: 1, text: next() + t('vi', `${PLAN}.purposeRequirements`) });
    let sub = 0;
    if (data.purpose.trim()) {
      blocks.push({ kind: 'heading', level: 2, text: `${++sub}. ${t('vi', `${PLAN}.purpose`)}` });
      blocks.push(...paragraphsOf(data.purpose));
    }
    if (data.requirements.trim()) {
      blocks.push({ kind: 'heading', level: 2, text: `${++sub}. ${t('vi', `${PLAN}.requirements`)}` });
      blocks.push(...paragraphsOf(data.requirements));
    }
  }
  // II. Mục tiêu
  if (data.targets.length > 0) {
    blocks.push({ kind: 'heading', level: 1, text: next() + t('vi', `${PLAN}.targets`) });
    for (const target of data.targets) blocks.push(bodyPara(`- ${targetSentence(target, names)}`));
  }
  // III. Nhiệm vụ, giải pháp: one item per dimension with content, in dimension order.
  const sections = [...data.sections].filter((s) => s.content.trim() !== '').sort((a, b) => a.dimension - b.dimension);
  if (sections.length > 0 || data.tasks.length > 0) {
    blocks.push({ kind: 'heading', level: 1, text: next() + t('vi', `${PLAN}.tasks`) });
    sections.forEach((s, i) => {
      blocks.push({
        kind: 'heading',
        level: 2,
        text: `${i + 1}. ${t('vi', `${PLAN}.dimension`, { number: s.dimension, name: dimensionName(s.dimension, names) })}`,
      });
      blocks.push(...paragraphsOf(s.content));
    });
    if (data.tasks.length > 0) blocks.push(bodyPara(t('vi', `${PLAN}.appendixRef`), { italic: true }));
  }
  const closing = [
    [t('vi', `${PLAN}.communication`), data.communication],
    [t('vi', `${PLAN}.inspection`), data.inspection],
    [t('vi', `${PLAN}.organisation`), data.organisation],
  ] as const;
  pushClosingSections(blocks, next, closing);

  const numberText = numberSymbolText(number, symbol);
  const appendices =
    data.tasks.length === 0
      ? []
      : [
          {
            label: t('vi', 'documents:nd30.appendix'),
            title: t('vi', `${PLAN}.appendixTitle`, { year: data.year }),
            note: data.issuedDate
              ? t('vi', `${PLAN}.appendixNote`, { number: numberText, date: formatShortDate(data.issuedDate), body })
              : t('vi', `${PLAN}.appendixNoteDraft`, { number: numberText, body }),
            table: planTaskTable(data.tasks, names),
            landscape: true,
          },
        ];

  return {
    header: nd30Header(data, issuing, number, symbol, data.issuedDate, data.year),
    typeName: t('vi', `${PLAN}.typeName`),
    summary: [summaryWithoutType(data.title, t('vi', `${PLAN}.typeName`))],
    body: blocks,
    recipients: { label: t('vi', 'documents:nd30.recipients'), entries: recipientLines(data.recipients) },
    signature: { lines: signatureLines(data.signer.title), name: data.signer.name },
    appendices,
    meta: {
      title: `${t('vi', `${PLAN}.typeName`)} ${numberText}: ${data.title.trim()}`,
      fileName: `ke-hoach-${number ?? 'du-thao'}-${data.year}`,
    },
  };
}

/** The document number (số) as ND30 prints it: only a whole number counts; a draft has none yet. */
export function documentNumber(raw: string | null | undefined): number | null {
  return raw && /^\d+$/.test(raw.trim()) ? Number(raw) : null;
}

/**
 * The ND30 header of a plan or a report: cơ quan chủ quản and ban hành, Quốc hiệu and Tiêu ngữ, số/ký hiệu,
 * địa danh and ngày (the unit's place name unless the document gives its own).
 */
export function nd30Header(
  data: { parentBody?: string | null; place?: string | null; unit: DocumentUnit },
  issuing: OfficialDocument['header']['issuingBody'],
  number: number | null,
  symbol: string,
  date: string | null | undefined,
  year: number,
): OfficialDocument['header'] {
  return {
    parentBody: data.parentBody ? [upperVi(data.parentBody)] : [],
    issuingBody: issuing,
    nation: t('vi', 'documents:nd30.nation'),
    motto: t('vi', 'documents:nd30.motto'),
    numberSymbol: formatNumberSymbol(number, symbol),
    placeDate: formatPlaceDate(data.place?.trim() || placeName(data.unit), date, year),
  };
}

/**
 * The closing sections (tuyên truyền, kiểm tra, tổ chức thực hiện; tồn tại, phương hướng, kiến nghị): a
 * section without text is left out and the numbering closes up; the body then ends with "./.".
 */
export function pushClosingSections(
  blocks: Block[],
  next: () => string,
  closing: readonly (readonly [heading: string, text: string])[],
): void {
  for (const [heading, text] of closing) {
    if (text.trim() === '') continue;
    blocks.push({ kind: 'heading', level: 1, text: next() + heading }, ...paragraphsOf(text));
  }
  endBody(blocks);
}

/** The last paragraph of the body ends with "./." (ND30 customary ending). */
export function endBody(blocks: Block[]): void {
  const end = t('vi', 'documents:nd30.end');
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.kind !== 'paragraph') continue;
    const last = b.runs[b.runs.length - 1];
    if (last) last.text = `${last.text.replace(/[.;:,]+$/, '')}${end}`;
    return;
  }
}

/** A cited plan's trích yếu inside a sentence: "… về cải thiện, nâng cao …" (no repeated "Kế hoạch"). */
export function citedTitle(title: string): string {
  const bare = summaryWithoutType(title, t('vi', `${PLAN}.typeName`));
  return bare.charAt(0).toLocaleLowerCase('vi') + bare.slice(1);
}
