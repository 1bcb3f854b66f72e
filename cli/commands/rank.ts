/**
 * `openpapi rank --year Y [--dimension total|d1…d8] [--geography 63|34] [--format csv|json] [--lang vi|en] [--out FILE]`
 *
 * The ranking table of the shipped published PAPI scores: rank,code,name,score,group,status,note. Ranks are on
 * unrounded scores (ties share a rank); provinces without a score come last with an empty rank ("not rated").
 * On 34 provinces the scores are a population-weighted approximation, stated in the note of every row.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import type { MeasureKey } from '../../core/index/framework.js';
import type { RankingTable } from '../../core/index/ranking.js';
import { rankingTable } from '../../core/index/ranking.js';
import { shippedSeries } from '../../server/io/published-scores.js';

export const yearOption = z
  .string()
  .regex(/^\d{4}$/, 'must be a year such as 2024')
  .transform(Number);
export const geographyOption = z.enum(['63', '34']).default('63');
export const langOption = z.enum(['vi', 'en']).default('vi');

const Options = z.object({
  year: yearOption,
  dimension: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.string().regex(/^(total|d[1-8])$/, 'must be total or d1 … d8'))
    .default('total'),
  geography: geographyOption,
  format: z.enum(['csv', 'json']).default('csv'),
  lang: langOption,
  out: z.string().min(1).optional(),
});

/** Parse commander options with zod; a bad flag becomes an InputError naming it. */
export function parseOptions<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const flag = issue.path.map(String).join('.');
    throw new InputError(`--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue.message}`, {
      path: issue.path.map(String),
    });
  }
  return r.data;
}

export function writeOutput(text: string, out: string | undefined): void {
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

export function rankingCsv(t: RankingTable, lang: 'vi' | 'en'): string {
  const note = (status: string, score: number | null) =>
    [
      score === null ? 'not rated' : status === 'partial' ? 'some sub-dimensions missing' : '',
      t.approximation?.textEn ?? '',
    ]
      .filter((x) => x)
      .join('; ');
  return stringify([
    ['rank', 'code', 'name', 'score', 'group', 'status', 'note'],
    ...t.entries.map((e) => [
      e.rank ?? '',
      e.province.code,
      lang === 'vi' ? e.province.nameVi : e.province.nameEn,
      e.score === null ? '' : e.score.toFixed(6),
      e.group ?? '',
      e.score === null ? 'not-rated' : e.status,
      note(e.status, e.score),
    ]),
  ]);
}

export function registerRank(program: Command): void {
  program
    .command('rank')
    .description('ranking table of the published PAPI scores for a year (total or one dimension)')
    .requiredOption('--year <year>', 'PAPI year, 2011–2024')
    .option('--dimension <d>', 'total or d1 … d8', 'total')
    .option('--geography <n>', '63 provinces (as published) or 34 (re-based approximation)', '63')
    .option('--format <f>', 'csv or json', 'csv')
    .option('--lang <l>', 'province names in vi or en', 'vi')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (raw: unknown) => {
      const o = parseOptions(Options, raw);
      const { series } = await shippedSeries(o.geography);
      const t = rankingTable(series, o.year, o.dimension as MeasureKey);
      const text =
        o.format === 'csv'
          ? rankingCsv(t, o.lang)
          : `${JSON.stringify(
              {
                year: t.year,
                measure: t.measure,
                geography: o.geography,
                codeSystem: t.codeSystem,
                frameworkId: t.frameworkId,
                thresholds: t.thresholds,
                ...(t.approximation ? { approximation: t.approximation } : {}),
                entries: t.entries.map((e) => ({
                  rank: e.rank,
                  code: e.province.code,
                  name: e.province.nameVi,
                  nameEn: e.province.nameEn,
                  score: e.score,
                  group: e.group,
                  status: e.score === null ? 'not-rated' : e.status,
                })),
              },
              null,
              2,
            )}\n`;
      writeOutput(text, o.out);
    });
}
