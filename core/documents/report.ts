/**
 * reportDocument(data): a periodic report (Báo cáo) on the PAPI plan as an ND30 document —
 * "Thực hiện Kế hoạch số …", I. KẾT QUẢ THỰC HIỆN (đánh giá chung; kết quả theo từng nội dung PAPI;
 * tình hình thực hiện nhiệm vụ with a status table) → TỒN TẠI, HẠN CHẾ → PHƯƠNG HƯỚNG → ĐỀ XUẤT,
 * KIẾN NGHỊ, "./.", recipients and signature. Sections without content are left out.
 */
import { type Lang, t } from '../i18n/index.js';
import {
  type DocumentUnit,
  formatShortDate,
  itemLetter,
  numberSymbolText,
  recipientLines,
  roman,
  type Signer,
  signatureLines,
  summaryWithoutType,
} from './format.js';
import type { Block, DocTable, OfficialDocument } from './model.js';
import {
  bodyInText,
  type CitedPlan,
  citedTitle,
  documentNumber,
  nd30Header,
  pushClosingSections,
  splitIssuingBody,
} from './plan.js';
import { dimensionName, paragraphsOf } from './text.js';

/** One task status line of the report. */
export interface ReportTaskLine {
  position: number;
  title: string;
  dimension: number | null;
  /** The unit whose task it is (child units in a consolidated report). */
  unitName: string;
  /** not_started | in_progress | done | cancelled */
  status: string;
  progress: number;
  dueDate: string | null;
  note: string;
}

/** Everything reportDocument needs; server/plans maps a stored report onto it (loadReportDocumentData). */
export interface ReportDocumentData {
  unit: DocumentUnit;
  issuingBody?: string | null;
  parentBody?: string | null;
  place?: string | null;
  /** Period id: '2025Q1'…'2025Q4', '2025S1' (6 months), '2025N9' (9 months), '2025' (year). */
  period: string;
  /** Số and ký hiệu (default BC-UBND); reports are often sent before a number is given. */
  number?: string | null;
  symbol?: string | null;
  /** Date on the report: the submission date, else blank. */
  date: string | null;
  /** Trích yếu; default "Kết quả thực hiện Kế hoạch cải thiện, nâng cao Chỉ số PAPI quý I năm 2026". */
  title?: string | null;
  /** The plan reported on. */
  plan?: CitedPlan | null;
  /** Đánh giá chung. */
  summary: string;
  /** Narrative per dimension 1…8. */
  sections: { dimension: number; narrative: string }[];
  dimensionNames?: Record<number, string>;
  tasks: ReportTaskLine[];
  shortcomings?: string;
  nextSteps?: string;
  proposals: string;
  recipients: string[];
  signer: Signer;
}

const REPORT = 'documents:report';

/** "quý I năm 2026", "6 tháng đầu năm 2026", "năm 2026" for a period id. */
export function periodPhrase(period: string, lang: Lang = 'vi'): string {
  const m = /^(\d{4})(Q[1-4]|S1|N9)?$/.exec(period.trim());
  if (!m) throw new Error(`unknown reporting period "${period}"`);
  const year = Number(m[1]);
  const key = (m[2] ?? 'Y') as 'Q1' | 'Q2' | 'Q3' | 'Q4' | 'S1' | 'N9' | 'Y';
  return t(lang, `documents:period.${key}`, { year });
}

export function statusLabel(status: string): string {
  const label = t('vi', `documents:status.${status}` as never);
  return label.startsWith('documents:') ? status : label;
}

/** Counts for the summary sentence; "overdue" = not done or cancelled and past its deadline on `asOf`. */
export function taskCounts(tasks: readonly ReportTaskLine[], asOf: string | null) {
  const open = (x: ReportTaskLine) => x.status !== 'done' && x.status !== 'cancelled';
  return {
    total: tasks.filter((x) => x.status !== 'cancelled').length,
    done: tasks.filter((x) => x.status === 'done').length,
    inProgress: tasks.filter((x) => x.status === 'in_progress').length,
    notStarted: tasks.filter((x) => x.status === 'not_started').length,
    overdue: asOf ? tasks.filter((x) => open(x) && x.dueDate !== null && x.dueDate < asOf).length : 0,
  };
}

export function reportTaskTable(tasks: readonly ReportTaskLine[]): DocTable {
  const sorted = [...tasks].sort((a, b) => a.position - b.position);
  return {
    columns: [
      { header: t('vi', 'documents:nd30.stt'), width: 7, align: 'center' },
      { header: t('vi', `${REPORT}.colTask`), width: 28 },
      { header: t('vi', `${REPORT}.colUnit`), width: 15 },
      { header: t('vi', `${REPORT}.colDeadline`), width: 15, align: 'center' },
      { header: t('vi', `${REPORT}.colStatus`), width: 13, align: 'center' },
      { header: t('vi', `${REPORT}.colProgress`), width: 9, align: 'center' },
      { header: t('vi', `${REPORT}.colNote`), width: 13 },
    ],
    rows: sorted.map((x, i) => [
      String(i + 1),
      x.title,
      x.unitName,
      formatShortDate(x.dueDate),
      statusLabel(x.status),
      String(Math.round(x.progress)),
      x.note,
    ]),
  };
}

export function reportDocument(data: ReportDocumentData): OfficialDocument {
  const symbol = data.symbol && data.symbol.trim() !== '' ? data.symbol : t('vi', `${REPORT}.symbol`);
  const number = documentNumber(data.number);
  const issuing = splitIssuingBody(data.issuingBody, data.unit);
  const bodyText = bodyInText(issuing, data.unit);
  const period = periodPhrase(data.period);
  const year = Number(data.period.slice(0, 4));
  const title = summaryWithoutType(
    data.title?.trim() || t('vi', `${REPORT}.defaultTitle`, { period }),
    t('vi', `${REPORT}.typeName`),
  );

  const blocks: Block[] = [];
  const para = (text: string): Block => ({ kind: 'paragraph', runs: [{ text }] });
  if (data.plan) {
    const p = data.plan;
    blocks.push(
      para(
        t('vi', `${REPORT}.intro`, {
          number: numberSymbolText(p.number ? Number(p.number) : null, p.symbol ?? t('vi', 'documents:plan.symbol')),
          date: formatShortDate(p.issuedDate),
          body: p.issuingBody,
          title: citedTitle(p.title),
          period,
        }),
      ),
    );
  } else {
    blocks.push(para(t('vi', `${REPORT}.introNoPlan`, { body: bodyText, period })));
  }

  let section = 0;
  const next = () => `${roman(++section)}. `;
  blocks.push({ kind: 'heading', level: 1, text: next() + t('vi', `${REPORT}.results`) });
  let sub = 0;
  if (data.summary.trim()) {
    blocks.push({ kind: 'heading', level: 2, text: `${++sub}. ${t('vi', `${REPORT}.general`)}` });
    blocks.push(...paragraphsOf(data.summary));
  }
  // Dimensions the unit wrote nothing about are left out of the filed document.
  const sections = data.sections.filter((s) => s.narrative.trim() !== '').sort((a, b) => a.dimension - b.dimension);
  if (sections.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: `${++sub}. ${t('vi', `${REPORT}.byDimension`)}` });
    sections.forEach((s, i) => {
      blocks.push({
        kind: 'paragraph',
        runs: [
          {
            text: `${itemLetter(i)}) ${t('vi', 'documents:plan.dimension', {
              number: s.dimension,
              name: dimensionName(s.dimension, data.dimensionNames),
            })}`,
            bold: true,
            italic: true,
          },
        ],
      });
      blocks.push(...paragraphsOf(s.narrative));
    });
  }
  blocks.push({ kind: 'heading', level: 2, text: `${++sub}. ${t('vi', `${REPORT}.taskStatus`)}` });
  if (data.tasks.length === 0) blocks.push(para(t('vi', `${REPORT}.noTasks`)));
  else {
    blocks.push(para(t('vi', `${REPORT}.taskSummary`, taskCounts(data.tasks, data.date ?? null))));
    blocks.push({ kind: 'table', table: reportTaskTable(data.tasks) });
  }
  const closing = [
    [t('vi', `${REPORT}.shortcomings`), data.shortcomings ?? ''],
    [t('vi', `${REPORT}.nextSteps`), data.nextSteps ?? ''],
    [t('vi', `${REPORT}.proposals`), data.proposals],
  ] as const;
  pushClosingSections(blocks, next, closing);

  return {
    header: nd30Header(data, issuing, number, symbol, data.date, year),
    typeName: t('vi', `${REPORT}.typeName`),
    summary: [title],
    body: blocks,
    recipients: { label: t('vi', 'documents:nd30.recipients'), entries: recipientLines(data.recipients) },
    signature: { lines: signatureLines(data.signer.title), name: data.signer.name },
    appendices: [],
    meta: { title: `${t('vi', `${REPORT}.typeName`)}: ${title}`, fileName: `bao-cao-${data.period}` },
  };
}
