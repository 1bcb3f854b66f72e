/**
 * Results of a survey campaign (kết quả khảo sát), scored as PAPI would:
 *   1. every question and every mapped indicator estimated with the design (core/survey estimateByDomain,
 *      Taylor linearisation, t intervals with the design df) — overall and per domain;
 *   2. indicators recoded to [0, 1] by the framework's own rules, rescaled to 1–10 and aggregated to
 *      sub-dimensions, dimensions and the total on PAPI's scales by the index engine (core/index runIndex:
 *      Rao–Wu bootstrap intervals through every step);
 *   3. each dimension compared with the province's last official PAPI score;
 *   4. small or unreliable cells: fewer than 30 respondents → suppressed (estimate withheld), coefficient of
 *      variation above 30% → flagged (shown with a warning).
 *
 * The respondent table these numbers come from (`analysisTable`) is exactly what the CSV export writes, so
 * `openpapi estimate` on that CSV reproduces the question/indicator rows to rounding.
 */
import { InputError } from '../errors.js';
import type { Framework, IndicatorDef } from '../index/framework.js';
import { subdimensionsOf } from '../index/framework.js';
import { recodeValue } from '../index/recode.js';
import { type IndexRun, runIndex } from '../index/run.js';
import type { ScoreEstimate } from '../index/scoring.js';
import { surveyDesign } from '../survey/design.js';
import { dictionaryEncode } from '../survey/dictionary-encode.js';
import { type EstimateRow, estimateByDomain } from '../survey/estimate.js';
import type { LonelyPsuPolicy } from '../survey/types.js';
import { type AnswerValue, type Lang, labelText, type Question, questionsOf, type SurveyForm } from './form.js';

export interface ResponseRecord {
  answers: Record<string, AnswerValue>;
  stratum: string | null;
  /** PSU (village); null = the response is its own PSU. */
  cluster: string | null;
  /** Design weight; null = 1. */
  weight: number | null;
}

export const MIN_RESPONDENTS = 30;
export const MAX_CV = 0.3;

export interface ResultsOptions {
  /** Break results down by this select_one question (or '_stratum'); overall is always included. */
  domain?: string;
  replicates?: number;
  seed?: number;
  level?: number;
  lonelyPsu?: LonelyPsuPolicy;
  minRespondents?: number;
  maxCv?: number;
}

/** The last official PAPI of the province, on the published scales (sub-dimension 1/n…10/n, dimension 1–10). */
export interface OfficialScores {
  year: number;
  provinceCode: string;
  dimensions: Record<string, number | null>;
  subdimensions: Record<string, number | null>;
  total: number | null;
}

export type CellStatus = 'ok' | 'suppressed' | 'flagged';

export interface EstimateCell {
  /** '' = all respondents; otherwise the domain's value. */
  domain: string;
  /** Column of the analysis table: question name, `name=choice`, `name/choice`, or `ind_<code>`. */
  variable: string;
  kind: 'mean' | 'proportion' | 'indicator';
  question: string | null;
  choice: string | null;
  indicator: string | null;
  /** null when suppressed. */
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  n: number;
  sumWeights: number;
  deff: number | null;
  cv: number | null;
  status: CellStatus;
}

export interface ScoreCell extends ScoreEstimate {
  code: string;
  /** Fewest respondents behind any indicator of it. */
  n: number | null;
  status: CellStatus;
  official: number | null;
  /** value − official, on the same scale. */
  difference: number | null;
  /** The official score lies outside the 95% interval of the pulse estimate. */
  differs: boolean | null;
}

export interface DomainPapiScores {
  domain: string;
  subdimensions: ScoreCell[];
  dimensions: ScoreCell[];
  total: ScoreCell;
}

export interface SurveyResults {
  respondents: number;
  domainVariable: string | null;
  domains: string[];
  design: { strata: number; psus: number; df: number; weighted: boolean };
  estimates: EstimateCell[];
  papi: {
    frameworkId: string;
    indicatorsUsed: string[];
    /** Local items (not in the official framework) that entered a sub-dimension. */
    localIndicators: string[];
    method: IndexRun['method'];
    byDomain: DomainPapiScores[];
  } | null;
  official: OfficialScores | null;
  thresholds: { minRespondents: number; maxCv: number };
}

export interface AnalysisTable {
  header: string[];
  rows: (string | number)[][];
  /** Column roles, for `openpapi estimate` flags. */
  numeric: string[];
  categorical: string[];
  domain: string | null;
}

const indicatorColumn = (code: string) => `ind_${code.replace(/[^A-Za-z0-9]+/g, '_')}`;

/** Framework indicator definitions for the mapped questions, local ones built from the mapping. */
export function indicatorDefinitions(
  form: SurveyForm,
  framework: Framework,
): Map<string, { question: Question; def: IndicatorDef; local: boolean }> {
  const known = new Map<string, IndicatorDef>();
  for (const sub of subdimensionsOf(framework)) for (const ind of sub.indicators) known.set(ind.code, ind);
  const subCodes = new Set(subdimensionsOf(framework).map((s) => s.code));
  const out = new Map<string, { question: Question; def: IndicatorDef; local: boolean }>();
  for (const q of questionsOf(form)) {
    if (!q.papi) continue;
    const code = q.papi.indicator;
    if (out.has(code))
      throw new InputError(
        `indicator ${code} is measured by two questions (${out.get(code)!.question.name}, ${q.name})`,
        { path: ['papi', q.name] },
        'indicator_twice',
      );
    const base = known.get(code);
    const sub = code.split('.').slice(0, 2).join('.');
    if (!base && !subCodes.has(sub))
      throw new InputError(
        `indicator ${code} of question ${q.name} belongs to no sub-dimension of ${framework.id}`,
        { path: ['papi', q.name] },
        'unknown_indicator',
      );
    const scale = q.papi.scale
      ? { ...q.papi.scale, missingCodes: [] }
      : (base?.scale ?? { type: 'binary' as const, yes: [1], missingCodes: [] });
    const def: IndicatorDef = {
      ...(base ?? {
        code,
        status: 'inferred' as const,
        nameVi: labelText(q.label, 'vi'),
        nameEn: labelText(q.label, 'en'),
        bounds: [0, 1] as [number, number],
        source: 'local pulse item (not in the PAPI framework)',
      }),
      variable: q.name,
      scale,
      direction: q.papi.direction ?? base?.direction ?? 'higher-better',
    } as IndicatorDef;
    out.set(code, { question: q, def, local: !base });
  }
  return out;
}

/** The framework restricted to what the questionnaire measures (plus its local items), for the index engine. */
function pulseFramework(framework: Framework, defs: Map<string, { def: IndicatorDef }>): Framework {
  const fw = JSON.parse(JSON.stringify(framework)) as Framework;
  for (const dim of fw.dimensions)
    for (const sub of dim.subdimensions)
      sub.indicators = [...defs.values()]
        .map((d) => d.def)
        .filter((d) => d.code.split('.').slice(0, 2).join('.') === sub.code);
  return fw;
}

/**
 * The respondent-level table: id, stratum, psu, weight, the domain, then per question its value
 * (select_one: the choice name; select_multiple: one 0/1 column per choice `name/choice`; numbers as is),
 * then one recoded [0, 1] column per mapped indicator. Missing = ''. Text and date answers are not analysed.
 */
export function analysisTable(
  form: SurveyForm,
  responses: ResponseRecord[],
  framework: Framework,
  domain?: string,
): AnalysisTable {
  const defs = indicatorDefinitions(form, framework);
  const questions = questionsOf(form).filter((q) => q.type !== 'text' && q.type !== 'date');
  const domainQ =
    domain && domain !== '_stratum' ? questions.find((q) => q.name === domain && q.type === 'select_one') : undefined;
  if (domain && domain !== '_stratum' && !domainQ)
    throw new InputError(
      `domain '${domain}' is not a single-choice question of the form`,
      { path: ['domain'] },
      'bad_domain',
    );
  const header = ['id', 'stratum', 'psu', 'weight'];
  const domainCol = domain ? 'domain' : null;
  if (domainCol) header.push(domainCol);
  const numeric: string[] = [];
  const categorical: string[] = [];
  const cols: { name: string; get: (a: Record<string, AnswerValue>) => string | number }[] = [];
  for (const q of questions) {
    if (q.type === 'select_one') {
      categorical.push(q.name);
      cols.push({ name: q.name, get: (a) => (typeof a[q.name] === 'string' ? (a[q.name] as string) : '') });
    } else if (q.type === 'select_multiple') {
      for (const c of form.choiceLists[q.choices ?? ''] ?? []) {
        const name = `${q.name}/${c.name}`;
        numeric.push(name);
        cols.push({
          name,
          get: (a) => (Array.isArray(a[q.name]) ? ((a[q.name] as string[]).includes(c.name) ? 1 : 0) : ''),
        });
      }
    } else {
      numeric.push(q.name);
      cols.push({ name: q.name, get: (a) => (typeof a[q.name] === 'number' ? (a[q.name] as number) : '') });
    }
  }
  for (const [code, { question, def }] of defs) {
    const name = indicatorColumn(code);
    numeric.push(name);
    cols.push({
      name,
      get: (a) => {
        const v = a[question.name];
        const raw = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
        const y = recodeValue(def, raw);
        return Number.isNaN(y) ? '' : y;
      },
    });
  }
  header.push(...cols.map((c) => c.name));
  const rows = responses.map((r, i) => {
    const id = `r${i + 1}`;
    const w = r.weight ?? 1;
    const row: (string | number)[] = [id, r.stratum ?? 'all', r.cluster ?? id, w];
    if (domainCol) {
      const d = domain === '_stratum' ? (r.stratum ?? 'all') : r.answers[domain as string];
      row.push(typeof d === 'string' ? d : '');
    }
    for (const c of cols) row.push(c.get(r.answers));
    return row;
  });
  return { header, rows, numeric, categorical, domain: domainCol };
}

function status(
  n: number,
  estimate: number,
  se: number,
  minN: number,
  maxCv: number,
): { status: CellStatus; cv: number | null } {
  const cv = estimate !== 0 && Number.isFinite(se) ? Math.abs(se / estimate) : null;
  if (n < minN) return { status: 'suppressed', cv };
  if (cv === null ? estimate === 0 && se > 0 : cv > maxCv) return { status: 'flagged', cv };
  return { status: 'ok', cv };
}

export function computeResults(
  form: SurveyForm,
  responses: ResponseRecord[],
  framework: Framework,
  official: OfficialScores | null,
  options: ResultsOptions = {},
): SurveyResults {
  const minN = options.minRespondents ?? MIN_RESPONDENTS;
  const maxCv = options.maxCv ?? MAX_CV;
  const lonelyPsu = options.lonelyPsu ?? 'adjust';
  const level = options.level ?? 0.95;
  if (responses.length === 0) throw new InputError('the campaign has no responses yet', {}, 'no_responses');
  const table = analysisTable(form, responses, framework, options.domain);
  const col = (name: string) => table.header.indexOf(name);
  const numericCol = (name: string) => {
    const j = col(name);
    return Float64Array.from(table.rows, (r) => (r[j] === '' ? Number.NaN : Number(r[j])));
  };
  const labelCol = (name: string) => dictionaryEncode(table.rows.map((r) => String(r[col(name)])));
  const strata = labelCol('stratum');
  const psu = labelCol('psu');
  const weights = numericCol('weight');
  const design = surveyDesign({
    weights,
    strata: strata.labels.length > 1 ? strata.codes : undefined,
    stratumLabels: strata.labels.length > 1 ? strata.labels : undefined,
    clusters: psu.codes,
    lonelyPsu,
  });
  // Domains in choice-list order (a question) or first appearance (strata).
  const domainQ =
    options.domain && options.domain !== '_stratum'
      ? questionsOf(form).find((q) => q.name === options.domain)
      : undefined;
  const domainEnc = !table.domain
    ? undefined
    : domainQ
      ? (() => {
          const labels = (form.choiceLists[domainQ.choices ?? ''] ?? []).map((c) => c.name);
          const index = new Map(labels.map((l, k) => [l, k]));
          const j = col(table.domain as string);
          return { labels, codes: Int32Array.from(table.rows, (r) => index.get(String(r[j])) ?? -1) };
        })()
      : labelCol(table.domain);

  const questionOf = new Map(questionsOf(form).map((q) => [q.name, q]));
  const rowsOf = (domain?: { codes: Int32Array; labels: readonly string[] }): EstimateRow[] =>
    estimateByDomain({
      design,
      ...(domain ? { domain } : {}),
      variables: table.numeric.map((name) => ({ name, values: numericCol(name) })),
      categorical: table.categorical.map((name) => {
        // Every choice of the list is a category (also those nobody chose), in list order.
        const q = questionOf.get(name)!;
        const labels = (form.choiceLists[q.choices ?? ''] ?? []).map((c) => c.name);
        const index = new Map(labels.map((l, k) => [l, k]));
        const j = col(name);
        return { name, labels, codes: Int32Array.from(table.rows, (r) => index.get(String(r[j])) ?? -1) };
      }),
      level,
    });
  const raw = [...rowsOf(), ...(domainEnc ? rowsOf(domainEnc) : [])];
  const estimates: EstimateCell[] = raw.map((r) => {
    const st = status(r.n, r.estimate, r.se, minN, maxCv);
    const suppressed = st.status === 'suppressed';
    let kind: EstimateCell['kind'] = r.statistic === 'proportion' ? 'proportion' : 'mean';
    let question: string | null = r.variable;
    let choice: string | null = null;
    let indicator: string | null = null;
    if (r.variable.startsWith('ind_')) {
      kind = 'indicator';
      question = null;
      indicator =
        [...indicatorDefinitions(form, framework).keys()].find((c) => indicatorColumn(c) === r.variable) ?? null;
      if (indicator) question = indicatorDefinitions(form, framework).get(indicator)!.question.name;
    } else if (r.variable.includes('=')) {
      [question, choice] = r.variable.split('=') as [string, string];
    } else if (r.variable.includes('/')) {
      [question, choice] = r.variable.split('/') as [string, string];
      kind = 'proportion';
    }
    const num = (x: number) => (suppressed || Number.isNaN(x) ? null : x);
    return {
      domain: r.by,
      variable: r.variable,
      kind,
      question,
      choice,
      indicator,
      estimate: num(r.estimate),
      se: num(r.se),
      ciLow: num(r.ciLow),
      ciHigh: num(r.ciHigh),
      n: r.n,
      sumWeights: r.sumWeights,
      deff: num(r.deff),
      cv: suppressed ? null : st.cv,
      status: st.status,
    };
  });

  // PAPI scales through the index engine.
  const defs = indicatorDefinitions(form, framework);
  let papi: SurveyResults['papi'] = null;
  if (defs.size > 0) {
    const fw = pulseFramework(framework, defs);
    const columns = new Map<string, Float64Array>();
    for (const { question, def } of defs.values()) {
      columns.set(
        def.variable,
        Float64Array.from(responses, (r) => {
          const v = r.answers[question.name];
          return typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
        }),
      );
    }
    const dom = domainEnc ?? { codes: new Int32Array(responses.length), labels: [''] };
    const run = runIndex(
      fw,
      {
        columns,
        province: { codes: dom.codes, labels: dom.labels },
        weights,
        strata: design.nStrata > 1 ? strata.codes : undefined,
        clusters: psu.codes,
      },
      { replicates: options.replicates ?? 1000, seed: options.seed ?? 20250701, lonelyPsu, level },
    );
    const all = [{ ...run.results.national, domain: '' }, ...(domainEnc ? run.results.provinces : [])];
    const nOf = (codes: string[], ds: (typeof all)[number]) => {
      const ns = codes.map((c) => ds.indicators[c]?.n ?? 0);
      return ns.length === 0 ? null : Math.min(...ns);
    };
    const cell = (code: string, e: ScoreEstimate, n: number | null, off: number | null | undefined): ScoreCell => {
      const st =
        e.value === null || n === null
          ? { status: 'ok' as CellStatus, cv: null }
          : status(n, e.value, e.se ?? Number.NaN, minN, maxCv);
      const suppressed = st.status === 'suppressed';
      const value = suppressed ? null : e.value;
      const o = off ?? null;
      return {
        code,
        value,
        se: suppressed ? null : e.se,
        lo: suppressed ? null : e.lo,
        hi: suppressed ? null : e.hi,
        n,
        status: e.value === null ? 'suppressed' : st.status,
        official: o,
        difference: value !== null && o !== null ? value - o : null,
        differs: value !== null && o !== null && e.lo !== null && e.hi !== null ? o < e.lo || o > e.hi : null,
      };
    };
    const byDomain: DomainPapiScores[] = all.map((ds) => {
      const subs = fw.dimensions.flatMap((d) => d.subdimensions);
      return {
        domain: ds.domain,
        subdimensions: subs.map((s) =>
          cell(
            s.code,
            ds.subdimensions[s.code]!,
            nOf(
              s.indicators.map((i) => i.code),
              ds,
            ),
            official?.subdimensions[s.code],
          ),
        ),
        dimensions: fw.dimensions.map((d) =>
          cell(
            d.code,
            ds.dimensions[d.code]!,
            nOf(
              d.subdimensions.flatMap((s) => s.indicators.map((i) => i.code)),
              ds,
            ),
            official?.dimensions[d.code],
          ),
        ),
        total: cell('total', ds.total, nOf([...defs.keys()], ds), official?.total),
      };
    });
    papi = {
      frameworkId: framework.id,
      indicatorsUsed: run.data.indicatorsUsed,
      localIndicators: [...defs].filter(([, d]) => d.local).map(([c]) => c),
      method: run.method,
      byDomain,
    };
  }

  return {
    respondents: responses.length,
    domainVariable: options.domain ?? null,
    domains: ['', ...(domainEnc ? [...domainEnc.labels] : [])],
    design: {
      strata: design.nStrata,
      psus: design.nPsu,
      df: design.degf,
      weighted: responses.some((r) => r.weight !== null && r.weight !== 1),
    },
    estimates,
    papi,
    official,
    thresholds: { minRespondents: minN, maxCv },
  };
}

/** Rows of the results export (one per estimate cell, then one per PAPI score), labels in `lang`. */
export function resultRows(
  results: SurveyResults,
  form: SurveyForm,
  lang: Lang,
): { header: string[]; rows: (string | number)[][] } {
  const header = [
    'domain',
    'variable',
    'label',
    'kind',
    'estimate',
    'se',
    'ci_low',
    'ci_high',
    'n',
    'cv',
    'status',
    'official',
    'difference',
  ];
  const questions = new Map(questionsOf(form).map((q) => [q.name, q]));
  const blank = (x: number | null | undefined) => (x === null || x === undefined ? '' : x);
  const rows: (string | number)[][] = [];
  for (const e of results.estimates) {
    const q = e.question ? questions.get(e.question) : undefined;
    const choice = q && e.choice ? form.choiceLists[q.choices ?? '']?.find((c) => c.name === e.choice) : undefined;
    const label = [q ? labelText(q.label, lang) : '', choice ? labelText(choice.label, lang) : '']
      .filter(Boolean)
      .join(' — ');
    rows.push([
      e.domain,
      e.variable,
      label,
      e.kind,
      blank(e.estimate),
      blank(e.se),
      blank(e.ciLow),
      blank(e.ciHigh),
      e.n,
      blank(e.cv),
      e.status,
      '',
      '',
    ]);
  }
  for (const d of results.papi?.byDomain ?? [])
    for (const s of [...d.subdimensions, ...d.dimensions, d.total])
      rows.push([
        d.domain,
        `papi:${s.code}`,
        '',
        s.code.startsWith('d') ? 'dimension' : s.code === 'total' ? 'total' : 'subdimension',
        blank(s.value),
        blank(s.se),
        blank(s.lo),
        blank(s.hi),
        blank(s.n),
        '',
        s.status,
        blank(s.official),
        blank(s.difference),
      ]);
  return { header, rows };
}
