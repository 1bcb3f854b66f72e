/**
 * Draft a plan from the index engine's diagnosis (core/index diagnose()): the proposal officials edit
 * before issuing. Pure: takes the diagnosis of the unit's province (a commune has no PAPI score of its own
 * and works on its province's weaknesses), the unit and, when there is one, the parent plan to cite.
 *
 * Rules:
 * - sub-dimensions: `diagnosis.weakest` first, then the other `weaknesses`, up to `maxSubdimensions` (5);
 *   every library task of those sub-dimensions becomes a task (lead unit by level: province or commune);
 * - sections: D1…D8, a sentence on the dimension's score and rank, plus one per chosen weak sub-dimension;
 * - targets: total in the best group → "stay in the best group"; otherwise "rise in rank" and "move up to
 *   the next group"; plus "raise the score" for each dimension holding a chosen weak sub-dimension;
 * - deadlines: the library's usual month; the last day of it, except December → 14 December, the end of
 *   the reporting year (core/plans/periods.ts).
 */

import { formatNumber } from '../i18n/format.js';
import { type Lang, t } from '../i18n/index.js';
import { GROUP_LABELS } from '../index/diagnosis-text.js';
import type { Group } from '../index/groups.js';
import { type LibraryTask, TASK_LIBRARY } from './library.js';

/** The part of core/index `Diagnosis` the draft reads (a real Diagnosis satisfies it). */
export interface DiagnosisInput {
  year: number;
  province: { nameVi: string; nameEn: string };
  total: { score: number | null; rank: number | null; of: number; group: Group | null };
  dimensions: readonly {
    measure: string;
    nameVi: string;
    nameEn: string;
    score: number | null;
    rank: number | null;
    of: number;
  }[];
  subdimensions: readonly {
    code: string;
    nameVi: string;
    nameEn: string;
    score10: number | null;
    gapToBestGroup10: number | null;
  }[];
  weakest: readonly string[];
  weaknesses: readonly string[];
}

export interface DraftUnit {
  nameVi: string;
  nameEn: string;
  /** 1 = province; 2+ = commune level. */
  level: number;
}

export interface DraftParentPlan {
  reference: string;
  issuedDate: string;
  issuingBody: string;
  title: string;
}

export interface DraftTarget {
  dimension: number | null;
  kind: 'rank' | 'group' | 'score';
  comparator: 'rise' | 'keep' | 'at_least' | 'top';
  value: number | null;
  group: Group | null;
  note: string;
}

export interface DraftTask {
  title: string;
  description: string;
  dimension: number;
  subdimension: string;
  indicator: null;
  leadUnitName: string;
  cooperating: string[];
  startDate: string;
  dueDate: string;
  expectedOutput: string;
  libraryKey: string;
}

export interface PlanDraft {
  title: string;
  issuingBody: string;
  basis: string[];
  purpose: string;
  requirements: string;
  communication: string;
  inspection: string;
  organisation: string;
  recipients: string[];
  sections: { dimension: number; content: string }[];
  targets: DraftTarget[];
  tasks: DraftTask[];
  /** Sub-dimensions the tasks address, weakest first. */
  focus: string[];
}

const lastDayOf = (year: number, month: number): string => {
  if (month === 12) return `${year}-12-14`;
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
};

const n2 = (x: number, lang: Lang) => formatNumber(lang, x, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const formatVnDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
};

export function draftPlanFromDiagnosis(input: {
  unit: DraftUnit;
  year: number;
  diagnosis: DiagnosisInput;
  parentPlan?: DraftParentPlan | null;
  /** Restrict to these library keys (the official's choice); default every task of the focus. */
  libraryKeys?: readonly string[];
  maxSubdimensions?: number;
  lang?: Lang;
}): PlanDraft {
  const lang = input.lang ?? 'vi';
  const d = input.diagnosis;
  const unitName = lang === 'vi' ? input.unit.nameVi : input.unit.nameEn;
  const focus = [...new Set([...d.weakest, ...d.weaknesses])].slice(0, input.maxSubdimensions ?? 5);
  const chosen: LibraryTask[] = input.libraryKeys
    ? TASK_LIBRARY.filter((l) => input.libraryKeys?.includes(l.key))
    : focus.flatMap((code) => TASK_LIBRARY.filter((l) => l.subdimension === code));

  const basis: string[] = [];
  if (input.parentPlan) {
    basis.push(
      t(lang, 'plans:domain.basisParent', {
        reference: input.parentPlan.reference,
        date: formatVnDate(input.parentPlan.issuedDate),
        body: input.parentPlan.issuingBody,
        title: input.parentPlan.title,
      }),
    );
  }
  if (d.total.score !== null && d.total.rank !== null && d.total.group) {
    basis.push(
      t(lang, 'plans:domain.basisDiagnosis', {
        year: d.year,
        province: lang === 'vi' ? d.province.nameVi : d.province.nameEn,
        score: n2(d.total.score, lang),
        rank: d.total.rank,
        of: d.total.of,
        group: GROUP_LABELS[lang][d.total.group],
      }),
    );
  }

  const sections = Array.from({ length: 8 }, (_, i) => {
    const dimension = i + 1;
    const dim = d.dimensions.find((x) => x.measure === `d${dimension}`);
    const name = dim ? (lang === 'vi' ? dim.nameVi : dim.nameEn) : `D${dimension}`;
    const lines = [
      dim && dim.score !== null && dim.rank !== null
        ? t(lang, 'plans:domain.sectionDimension', { name, score: n2(dim.score, lang), rank: dim.rank, of: dim.of })
        : t(lang, 'plans:domain.sectionNotRated', { name }),
    ];
    for (const code of focus.filter((c) => c.startsWith(`${dimension}.`))) {
      const s = d.subdimensions.find((x) => x.code === code);
      if (s?.score10 == null) continue;
      lines.push(
        t(lang, 'plans:domain.sectionWeak', {
          code,
          name: lang === 'vi' ? s.nameVi : s.nameEn,
          score: n2(s.score10, lang),
          gap: n2(Math.max(0, s.gapToBestGroup10 ?? 0), lang),
        }),
      );
    }
    return { dimension, content: lines.join('\n') };
  });

  const targets: DraftTarget[] = [];
  const prevYear = d.year;
  if (d.total.group === 'best') {
    targets.push({
      dimension: null,
      kind: 'group',
      comparator: 'keep',
      value: null,
      group: 'best',
      note: t(lang, 'plans:domain.targetKeepBest'),
    });
  } else if (d.total.group) {
    targets.push({
      dimension: null,
      kind: 'rank',
      comparator: 'rise',
      value: d.total.rank,
      group: null,
      note: t(lang, 'plans:domain.targetRiseRank', { year: prevYear, rank: d.total.rank ?? '–', of: d.total.of }),
    });
    const order: Group[] = ['poorest', 'low-average', 'high-average', 'best'];
    const next = order[order.indexOf(d.total.group) + 1] ?? 'best';
    targets.push({
      dimension: null,
      kind: 'group',
      comparator: 'at_least',
      value: null,
      group: next,
      note: t(lang, 'plans:domain.targetNextGroup', { group: GROUP_LABELS[lang][next] }),
    });
  }
  for (const dimension of [...new Set(focus.map((c) => Number(c.split('.')[0])))]) {
    const dim = d.dimensions.find((x) => x.measure === `d${dimension}`);
    if (!dim || dim.score === null) continue;
    targets.push({
      dimension,
      kind: 'score',
      comparator: 'rise',
      value: Math.round(dim.score * 100) / 100,
      group: null,
      note: t(lang, 'plans:domain.targetRiseDimension', {
        name: lang === 'vi' ? dim.nameVi : dim.nameEn,
        year: prevYear,
        score: n2(dim.score, lang),
      }),
    });
  }

  const tasks: DraftTask[] = chosen.map((l) => ({
    title: lang === 'vi' ? l.titleVi : l.titleEn,
    description: l.descriptionVi,
    dimension: l.dimension,
    subdimension: l.subdimension,
    indicator: null,
    leadUnitName: input.unit.level <= 1 ? l.leadProvince : l.leadCommune,
    cooperating: input.unit.level <= 1 ? [] : [...l.cooperating],
    startDate: `${input.year}-01-01`,
    dueDate: lastDayOf(input.year, l.dueMonth),
    expectedOutput: lang === 'vi' ? l.outputVi : l.outputEn,
    libraryKey: l.key,
  }));

  const issuingBody = t(lang, 'plans:domain.issuingBody', { unit: unitName.toLocaleUpperCase(lang) });
  return {
    title: t(lang, 'plans:domain.planTitle', { unit: unitName, year: input.year }),
    issuingBody,
    basis,
    purpose: t(lang, 'plans:domain.purpose', { year: input.year }),
    requirements: t(lang, 'plans:domain.requirements'),
    communication: t(lang, 'plans:domain.communication'),
    inspection: t(lang, 'plans:domain.inspection'),
    organisation: t(lang, 'plans:domain.organisation'),
    recipients: [
      ...(input.parentPlan ? [t(lang, 'plans:domain.recipientAbove', { body: input.parentPlan.issuingBody })] : []),
      t(lang, 'plans:domain.recipientUnits'),
      t(lang, 'plans:domain.recipientArchive'),
    ],
    sections,
    targets,
    tasks,
    focus,
  };
}
