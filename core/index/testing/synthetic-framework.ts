/**
 * Test and benchmark support: a framework whose indicators read the columns of the SYNTHETIC microdata
 * generator (core/synthetic): sub-dimension k (in framework order) gets `perSub` indicators on items
 * q001, q002, … with the generator's kinds (binary 0/1, Likert 1–5, score 0–100).
 */
import {
  defaultProvinceCodes,
  syntheticItemKind,
  syntheticItemNames,
  syntheticPapiRespondents,
} from '../../synthetic/papi-microdata.js';
import type { Framework, IndicatorDef } from '../framework.js';
import type { MicrodataInput } from '../run.js';

export function syntheticFramework(base: Framework, perSub = 2): { framework: Framework; items: number } {
  let item = 0;
  const framework: Framework = structuredClone(base);
  const subs = framework.dimensions.flatMap((d) => d.subdimensions);
  const names = syntheticItemNames(subs.length * perSub);
  for (const sub of subs) {
    sub.indicatorList = 'inferred-illustrative';
    sub.indicators = Array.from({ length: perSub }, (_, j): IndicatorDef => {
      const i = item++;
      const kind = syntheticItemKind(i);
      return {
        code: `${sub.code}.${j + 1}`,
        variable: names[i]!,
        status: 'inferred',
        nameEn: `synthetic item ${names[i]}`,
        nameVi: `câu hỏi giả lập ${names[i]}`,
        direction: i % 7 === 3 ? 'lower-better' : 'higher-better',
        scale:
          kind === 'binary'
            ? { type: 'binary', yes: [1], missingCodes: [] }
            : kind === 'likert'
              ? { type: 'likert', points: 5, missingCodes: [] }
              : { type: 'continuous', min: 0, max: 100, missingCodes: [] },
        bounds: [0, 1],
      };
    });
  }
  return { framework, items: item };
}

/**
 * Seeded synthetic respondents (core/synthetic) as the columnar input of runIndex: one column per item,
 * provinces, strata and PSUs dictionary-encoded. Shared by the scoring tests and bench/score.
 */
export function syntheticMicrodataInput(options: {
  seed: number;
  respondents: number;
  items: number;
  provinces: number;
}): MicrodataInput {
  const provinces = defaultProvinceCodes(options.provinces);
  const rows = [...syntheticPapiRespondents({ ...options, provinces })];
  const codeOf = new Map(provinces.map((p, i) => [p, i]));
  const strata = new Map<string, number>();
  return {
    columns: new Map(
      Array.from({ length: options.items }, (_, i) => [
        `q${String(i + 1).padStart(3, '0')}`,
        Float64Array.from(rows, (r) => r.answers[i]!),
      ]),
    ),
    province: { codes: Int32Array.from(rows, (r) => codeOf.get(r.province)!), labels: provinces },
    weights: Float64Array.from(rows, (r) => r.weight),
    strata: Int32Array.from(rows, (r) => {
      if (!strata.has(r.stratum)) strata.set(r.stratum, strata.size);
      return strata.get(r.stratum)!;
    }),
    clusters: Int32Array.from(rows, (r) => r.psu),
  };
}
