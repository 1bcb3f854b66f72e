/**
 * The sentences of a diagnosis, in Vietnamese and English. The sentences themselves live in the single
 * i18n catalogue (core/i18n, namespace `diagnosis`); this file only assembles them from a Diagnosis.
 * Numbers: Vietnamese uses a decimal comma (43,77), English a decimal point.
 */

import { formatNumber as formatLocalNumber, type Lang, resources, type TranslationParams, t } from '../i18n/index.js';
import type { Diagnosis, MeasureDiagnosis, SubdimensionDiagnosis } from './diagnosis.js';
import type { Group } from './groups.js';
import type { Change } from './ranking.js';

export type { Lang };

/** Group names as PAPI words them, per language (from the catalogue). */
export const GROUP_LABELS: Record<Lang, Record<Group, string>> = {
  vi: resources.vi.diagnosis.groups,
  en: resources.en.diagnosis.groups,
};

/** Fixed decimals, no thousands grouping: 43,77 (vi) or 43.77 (en). */
export function formatNumber(x: number, lang: Lang, decimals = 2): string {
  return formatLocalNumber(lang, x, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: false,
  });
}

type DiagnosisKey = Exclude<keyof (typeof resources)['vi']['diagnosis'], 'groups'>;

const say = (lang: Lang, key: DiagnosisKey, params?: TranslationParams) => t(lang, `diagnosis:${key}`, params);

function name(lang: Lang, x: { nameVi: string; nameEn: string }): string {
  return lang === 'vi' ? x.nameVi : x.nameEn;
}

function trendSentence(lang: Lang, what: string, c: Change | null): string | null {
  if (!c) return null;
  if (!c.comparable) {
    const breakYear = c.breakYears?.at(-1) ?? null;
    return breakYear
      ? say(lang, 'notComparableSince', { what, prev: c.fromYear, breakYear })
      : say(lang, 'notComparable', { what, prev: c.fromYear });
  }
  if (c.delta === null) return null;
  const delta = formatNumber(Math.abs(c.delta), lang);
  if (Math.abs(c.delta) < 0.005) return say(lang, 'trendFlat', { what, prev: c.fromYear });
  const significance = c.significant === null ? '' : say(lang, c.significant ? 'significant' : 'notSignificant');
  return say(lang, c.delta > 0 ? 'trendUp' : 'trendDown', { what, prev: c.fromYear, delta, significance });
}

/**
 * The diagnosis as plain sentences: total, one line per dimension with the gap to the next group, strengths,
 * the three weakest sub-dimensions with their gap to the best group, trend, peers, the what-if, and the
 * approximation note when the figures are not official.
 */
export function diagnosisSentences(d: Diagnosis, lang: Lang): string[] {
  const g = GROUP_LABELS[lang];
  const num = (x: number, decimals = 2) => formatNumber(x, lang, decimals);
  const province = name(lang, d.province);
  const totalName = say(lang, 'totalName');
  const out: string[] = [];

  const gapText = (m: MeasureDiagnosis) =>
    m.nextGroup?.nextGroup && m.nextGroup.increase !== null
      ? say(lang, m.nextGroup.inclusive ? 'gap' : 'gapStrict', {
          points: num(Math.max(m.nextGroup.increase, 0)),
          next: g[m.nextGroup.nextGroup],
        })
      : say(lang, 'alreadyBest');

  if (d.total.score === null) out.push(say(lang, 'notRated', { province, year: d.year }));
  else {
    const total = say(lang, 'total', {
      province,
      year: d.year,
      score: num(d.total.score),
      rank: d.total.rank!,
      of: d.total.of,
      group: g[d.total.group!],
    });
    out.push(d.total.nextGroup?.nextGroup ? total.replace(/\.$/, gapText(d.total)) : total);
  }

  for (const m of d.dimensions) {
    const dimName = `${m.measure.toUpperCase()} ${name(lang, m)}`;
    if (m.score === null) out.push(say(lang, 'dimNotRated', { name: dimName }));
    else
      out.push(
        say(lang, 'dimension', { name: dimName, score: num(m.score), rank: m.rank!, of: m.of, group: g[m.group!] }) +
          gapText(m),
      );
  }

  const subs = new Map(d.subdimensions.map((s) => [s.code, s]));
  const label = (s: SubdimensionDiagnosis) => `${s.code} ${name(lang, s)}`;
  out.push(
    d.strengths.length > 0
      ? say(lang, 'strengths', { list: d.strengths.map((c) => label(subs.get(c)!)).join('; ') })
      : say(lang, 'noStrengths'),
  );
  if (d.weakest.length > 0) {
    const list = d.weakest
      .map((c) => {
        const s = subs.get(c)!;
        return say(lang, 'weakItem', {
          code: s.code,
          name: name(lang, s),
          score: num(s.score10!),
          gap: num(s.gapToBestGroup10!),
          threshold: num(s.p75! * s.n),
        });
      })
      .join('; ');
    out.push(say(lang, 'weakest', { list }));
  }

  const trend = trendSentence(lang, totalName, d.total.trend);
  if (trend) out.push(trend);
  if (d.total.score !== null && d.total.peerMedian !== null) {
    const region = d.peers.basis === 'region' && d.peers.region ? name(lang, d.peers.region) : say(lang, 'peersChosen');
    const diff = d.total.score - d.total.peerMedian;
    out.push(
      say(lang, diff >= 0 ? 'peersHigher' : 'peersLower', {
        region,
        median: num(d.total.peerMedian),
        what: totalName,
        diff: num(Math.abs(diff)),
      }),
    );
  }

  if (d.suggestion) {
    const s = subs.get(d.suggestion.subdimension)!;
    const m =
      d.suggestion.measure === 'total'
        ? d.suggestion.result.total
        : d.suggestion.result.dimensions.find((x) => x.measure === d.suggestion!.measure)!;
    out.push(
      say(lang, 'suggestion', {
        province,
        code: s.code,
        name: name(lang, s),
        increase: num(d.suggestion.increase, 3),
        measure: d.suggestion.measure === 'total' ? totalName : d.suggestion.measure.toUpperCase(),
        after: num(m.after!),
        rank: m.rankAfter!,
        group: g[m.groupAfter!],
      }),
    );
  } else if (d.total.score !== null) out.push(say(lang, 'noSuggestion'));

  if (d.coverage?.missing && d.coverage.missing.length > 0)
    out.push(
      say(lang, 'partialCoverage', {
        missing: d.coverage.missing.map((m) => name(lang, m)).join(', '),
        year: d.year,
        share: num(d.coverage.populationShare * 100, 0),
      }),
    );
  if (d.approximation) out.push(lang === 'vi' ? d.approximation.textVi : d.approximation.textEn);
  return out;
}
