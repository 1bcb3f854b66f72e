/**
 * The sentences of a diagnosis, in Vietnamese and English: every template lives here, one table per language.
 * Numbers: Vietnamese uses a decimal comma (43,77), English a decimal point.
 */

import type { Diagnosis, MeasureDiagnosis, SubdimensionDiagnosis } from './diagnosis.js';
import type { Group } from './groups.js';
import type { Change } from './ranking.js';

export type Lang = 'vi' | 'en';

export const GROUP_LABELS: Record<Lang, Record<Group, string>> = {
  // Wording of papi.org.vn/du-lieu (METHOD.md §2.1.5)
  vi: {
    best: 'nhóm đạt điểm cao nhất',
    'high-average': 'nhóm đạt điểm trung bình cao',
    'low-average': 'nhóm đạt điểm trung bình thấp',
    poorest: 'nhóm đạt điểm thấp nhất',
  },
  en: {
    best: 'best performers',
    'high-average': 'high-average',
    'low-average': 'low-average',
    poorest: 'poor performers',
  },
};

export function formatNumber(x: number, lang: Lang, decimals = 2): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: false,
  }).format(x);
}

interface Templates {
  notRated: (p: string, y: number) => string;
  total: (p: string, y: number, score: string, rank: number, of: number, group: string) => string;
  dimension: (name: string, score: string, rank: number, of: number, group: string) => string;
  gap: (points: string, next: string, strict: boolean) => string;
  alreadyBest: string;
  dimNotRated: (name: string) => string;
  strengths: (list: string) => string;
  noStrengths: string;
  weakest: (list: string) => string;
  weakItem: (code: string, name: string, score10: string, gap10: string, p75: string) => string;
  trendUp: (what: string, prev: number, delta: string, sig: string) => string;
  trendDown: (what: string, prev: number, delta: string, sig: string) => string;
  trendFlat: (what: string, prev: number) => string;
  notComparable: (what: string, prev: number, breakYear: number | null) => string;
  significant: (s: boolean | null) => string;
  peers: (what: string, region: string, median: string, diff: string, above: boolean) => string;
  suggestion: (
    p: string,
    code: string,
    name: string,
    inc: string,
    measure: string,
    after: string,
    rank: number,
    group: string,
  ) => string;
  noSuggestion: string;
  totalName: string;
  peersChosen: string;
  partialCoverage: (missing: string, year: number, share: string) => string;
}

const VI: Templates = {
  notRated: (p, y) => `${p} không được xếp hạng trong PAPI ${y} (không có điểm tổng hợp).`,
  total: (p, y, s, r, of, g) => `PAPI ${y}: ${p} đạt ${s} điểm tổng hợp, xếp thứ ${r}/${of}, thuộc ${g}.`,
  dimension: (n, s, r, of, g) => `${n}: ${s} điểm, thứ ${r}/${of}, ${g}`,
  gap: (pts, next, strict) => `; cần thêm ${strict ? 'hơn ' : ''}${pts} điểm để vào ${next}.`,
  alreadyBest: '.',
  dimNotRated: (n) => `${n}: không có điểm.`,
  strengths: (l) => `Điểm mạnh (thuộc nhóm cao nhất cả nước): ${l}.`,
  noStrengths: 'Không có nội dung thành phần nào thuộc nhóm cao nhất cả nước.',
  weakest: (l) => `Ba nội dung thành phần yếu nhất (thấp hơn ngưỡng nhóm cao nhất nhiều nhất): ${l}.`,
  weakItem: (c, n, s, g, p) => `${c} ${n} (${s}/10, thấp hơn ngưỡng nhóm cao nhất ${p} là ${g} điểm)`,
  trendUp: (w, prev, d, sig) => `So với năm ${prev}, ${w} tăng ${d} điểm${sig}.`,
  trendDown: (w, prev, d, sig) => `So với năm ${prev}, ${w} giảm ${d} điểm${sig}.`,
  trendFlat: (w, prev) => `So với năm ${prev}, ${w} không đổi.`,
  notComparable: (w, prev, b) =>
    `${w.charAt(0).toUpperCase()}${w.slice(1)} không so sánh được với năm ${prev}${b ? ` do cấu trúc chỉ số thay đổi từ năm ${b}` : ''}.`,
  significant: (s) => (s === null ? '' : s ? ' (có ý nghĩa thống kê)' : ' (không có ý nghĩa thống kê)'),
  peers: (w, r, m, d, above) => `So với trung vị ${r} (${m}), ${w} ${above ? 'cao hơn' : 'thấp hơn'} ${d} điểm.`,
  suggestion: (p, c, n, inc, m, after, r, g) =>
    `Giả định: nếu ${c} ${n} tăng ${inc} điểm (thang công bố), ${m} của ${p} sẽ là ${after}, xếp thứ ${r}, vào ${g}.`,
  noSuggestion: 'Không tìm được một nội dung thành phần nào đủ dư địa để tự mình đưa tỉnh lên nhóm trên.',
  totalName: 'điểm tổng hợp',
  peersChosen: 'các tỉnh so sánh đã chọn',
  partialCoverage: (m, y, sh) =>
    `Bao phủ một phần: ${m} (tỉnh cũ đã hợp nhất) không có điểm năm ${y}; số liệu chỉ đại diện cho ${sh}% dân số.`,
};

const EN: Templates = {
  notRated: (p, y) => `${p} was not rated in PAPI ${y} (no aggregate score).`,
  total: (p, y, s, r, of, g) => `PAPI ${y}: ${p} scored ${s} in aggregate, ranked ${r} of ${of}, in the ${g} group.`,
  dimension: (n, s, r, of, g) => `${n}: ${s}, ranked ${r} of ${of}, ${g}`,
  gap: (pts, next, strict) => `; needs ${strict ? 'more than ' : ''}${pts} points more to reach the ${next} group.`,
  alreadyBest: '.',
  dimNotRated: (n) => `${n}: no score.`,
  strengths: (l) => `Strengths (in the best group nationally): ${l}.`,
  noStrengths: 'No sub-dimension is in the best group nationally.',
  weakest: (l) => `Three weakest sub-dimensions (furthest below the best-group threshold): ${l}.`,
  weakItem: (c, n, s, g, p) => `${c} ${n} (${s}/10, ${g} points below the best-group threshold ${p})`,
  trendUp: (w, prev, d, sig) => `Compared with ${prev}, the ${w} rose by ${d} points${sig}.`,
  trendDown: (w, prev, d, sig) => `Compared with ${prev}, the ${w} fell by ${d} points${sig}.`,
  trendFlat: (w, prev) => `Compared with ${prev}, the ${w} is unchanged.`,
  notComparable: (w, prev, b) =>
    `The ${w} is not comparable with ${prev}${b ? ` because the index structure changed in ${b}` : ''}.`,
  significant: (s) => (s === null ? '' : s ? ' (statistically significant)' : ' (not statistically significant)'),
  peers: (w, r, m, d, above) =>
    `Against the median of ${r} (${m}), the ${w} is ${d} points ${above ? 'higher' : 'lower'}.`,
  suggestion: (p, c, n, inc, m, after, r, g) =>
    `What-if: raising ${c} ${n} by ${inc} points (published scale) would bring ${p}'s ${m} to ${after}, rank ${r}, in the ${g} group.`,
  noSuggestion: 'No single sub-dimension has enough room to lift the province into the next group on its own.',
  totalName: 'aggregate score',
  peersChosen: 'the chosen peer provinces',
  partialCoverage: (m, y, sh) =>
    `Partial coverage: ${m} (merged old province) had no score in ${y}; the figures cover ${sh}% of the population.`,
};

export const TEMPLATES: Record<Lang, Templates> = { vi: VI, en: EN };

function name(lang: Lang, x: { nameVi: string; nameEn: string }): string {
  return lang === 'vi' ? x.nameVi : x.nameEn;
}

function trendSentence(t: Templates, lang: Lang, what: string, c: Change | null): string | null {
  if (!c) return null;
  if (!c.comparable) return t.notComparable(what, c.fromYear, c.breakYears?.at(-1) ?? null);
  if (c.delta === null) return null;
  const d = formatNumber(Math.abs(c.delta), lang);
  if (Math.abs(c.delta) < 0.005) return t.trendFlat(what, c.fromYear);
  return c.delta > 0
    ? t.trendUp(what, c.fromYear, d, t.significant(c.significant))
    : t.trendDown(what, c.fromYear, d, t.significant(c.significant));
}

/**
 * The diagnosis as plain sentences: total, one line per dimension with the gap to the next group, strengths,
 * the three weakest sub-dimensions with their gap to the best group, trend, peers, the what-if, and the
 * approximation note when the figures are not official.
 */
export function diagnosisSentences(d: Diagnosis, lang: Lang): string[] {
  const t = TEMPLATES[lang];
  const g = GROUP_LABELS[lang];
  const p = name(lang, d.province);
  const out: string[] = [];
  if (d.total.score === null) out.push(t.notRated(p, d.year));
  else out.push(t.total(p, d.year, formatNumber(d.total.score, lang), d.total.rank!, d.total.of, g[d.total.group!]));
  const gapText = (m: MeasureDiagnosis) =>
    m.nextGroup?.nextGroup && m.nextGroup.increase !== null
      ? t.gap(formatNumber(Math.max(m.nextGroup.increase, 0), lang), g[m.nextGroup.nextGroup], !m.nextGroup.inclusive)
      : t.alreadyBest;
  if (d.total.score !== null && d.total.nextGroup?.nextGroup)
    out[out.length - 1] = out.at(-1)!.replace(/\.$/, gapText(d.total));
  for (const m of d.dimensions) {
    const n = `${m.measure.toUpperCase()} ${name(lang, m)}`;
    if (m.score === null) out.push(t.dimNotRated(n));
    else out.push(t.dimension(n, formatNumber(m.score, lang), m.rank!, m.of, g[m.group!]) + gapText(m));
  }
  const subs = new Map(d.subdimensions.map((s) => [s.code, s]));
  const label = (s: SubdimensionDiagnosis) => `${s.code} ${name(lang, s)}`;
  out.push(
    d.strengths.length > 0 ? t.strengths(d.strengths.map((c) => label(subs.get(c)!)).join('; ')) : t.noStrengths,
  );
  if (d.weakest.length > 0)
    out.push(
      t.weakest(
        d.weakest
          .map((c) => {
            const s = subs.get(c)!;
            return t.weakItem(
              s.code,
              name(lang, s),
              formatNumber(s.score10!, lang),
              formatNumber(s.gapToBestGroup10!, lang),
              formatNumber(s.p75! * s.n, lang),
            );
          })
          .join('; '),
      ),
    );
  const trend = trendSentence(t, lang, t.totalName, d.total.trend);
  if (trend) out.push(trend);
  if (d.total.score !== null && d.total.peerMedian !== null) {
    const region = d.peers.basis === 'region' && d.peers.region ? name(lang, d.peers.region) : t.peersChosen;
    const diff = d.total.score - d.total.peerMedian;
    out.push(
      t.peers(
        t.totalName,
        region,
        formatNumber(d.total.peerMedian, lang),
        formatNumber(Math.abs(diff), lang),
        diff >= 0,
      ),
    );
  }
  if (d.suggestion) {
    const s = subs.get(d.suggestion.subdimension)!;
    const m =
      d.suggestion.measure === 'total'
        ? d.suggestion.result.total
        : d.suggestion.result.dimensions.find((x) => x.measure === d.suggestion!.measure)!;
    const mName = d.suggestion.measure === 'total' ? t.totalName : `${d.suggestion.measure.toUpperCase()}`;
    out.push(
      t.suggestion(
        p,
        s.code,
        name(lang, s),
        formatNumber(d.suggestion.increase, lang, 3),
        mName,
        formatNumber(m.after!, lang),
        m.rankAfter!,
        g[m.groupAfter!],
      ),
    );
  } else if (d.total.score !== null) out.push(t.noSuggestion);
  if (d.coverage?.missing && d.coverage.missing.length > 0)
    out.push(
      t.partialCoverage(
        d.coverage.missing.map((m) => name(lang, m)).join(', '),
        d.year,
        formatNumber(d.coverage.populationShare * 100, lang, 0),
      ),
    );
  if (d.approximation) out.push(lang === 'vi' ? d.approximation.textVi : d.approximation.textEn);
  return out;
}
