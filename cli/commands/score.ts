/**
 * `openpapi score DATA.csv (--year Y | --framework FILE.json) --province COL --weight COL [--strata COL]
 *   [--cluster COL] [--replicates N] [--seed N] [--level L] [--geography 63|34] [--format csv|json] --out FILE`
 *
 * Respondent microdata → PAPI scores per province and nationally (core/index/run.ts on core/survey): indicator
 * estimates (weighted), 1 + 9x rescale, sub-dimension, dimension and total, each with SE and interval from
 * Rao–Wu bootstrap replicates, plus a rank interval for every province. Indicator columns are found by the
 * framework's `variable` names. CSV: level,province,code,value,se,ci_low,ci_high,rank,rank_low,rank_high,n,geography.
 * JSON: the run object (framework id, geography, method, data summary, method log, results).
 * `--geography 34`: the province column holds old (63) codes; respondents are pooled into the 34 provinces
 * formed on 2025-07-01 (crosswalk data/vn-admin/province_mapping_old_to_new.csv) and every estimate is
 * re-estimated on the merged domains with the design unchanged (core/index/rebase-microdata.ts).
 * NOT official PAPI scores: the indicator list and rescaling are reconstructions (METHOD.md §2.2).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import type { Framework } from '../../core/index/framework.js';
import { frameworkForYear, parseFramework } from '../../core/index/framework.js';
import { runIndexRebased34 } from '../../core/index/rebase-microdata.js';
import type { IndexRun } from '../../core/index/run.js';
import { runIndex } from '../../core/index/run.js';
import type { DomainScores, ScoreEstimate } from '../../core/index/scoring.js';
import { loadShippedIndexData } from '../../server/io/published-scores.js';
import { readSurveyCsv } from '../../server/io/survey-csv.js';
import { parseOptions, writeOutput } from './rank.js';

const int = (min: number) =>
  z
    .string()
    .regex(/^-?\d+$/, 'must be an integer')
    .transform(Number)
    .refine((n) => n >= min, `must be ≥ ${min}`);

const Options = z
  .object({
    year: z
      .string()
      .regex(/^\d{4}$/, 'must be a year such as 2024')
      .transform(Number)
      .optional(),
    framework: z.string().min(1).optional(),
    province: z.string().min(1),
    weight: z.string().min(1),
    strata: z.string().min(1).optional(),
    cluster: z.string().min(1).optional(),
    replicates: int(2).default(1000),
    seed: int(-2147483648).default(20250701),
    level: z
      .string()
      .transform(Number)
      .refine((x) => x > 0 && x < 1, 'must be between 0 and 1')
      .default(0.95),
    geography: z.enum(['63', '34']).default('63'),
    format: z.enum(['csv', 'json']).default('csv'),
    out: z.string().min(1),
  })
  .refine((o) => (o.year === undefined) !== (o.framework === undefined), {
    message: 'give either --year (shipped framework) or --framework FILE.json',
    path: ['year'],
  });

function scoreRows(run: IndexRun, geography: string): (string | number)[][] {
  const num = (x: number | null | undefined) => (x === null || x === undefined ? '' : x);
  const row = (
    level: string,
    d: DomainScores,
    code: string,
    e: ScoreEstimate,
    extra: (string | number)[] = ['', '', ''],
  ) => [level, d.domain, code, num(e.value), num(e.se), num(e.lo), num(e.hi), ...extra];
  const out: (string | number)[][] = [];
  for (const d of [...run.results.provinces, run.results.national]) {
    out.push(row('total', d, 'total', d.total, [num(d.rank), num(d.rankInterval?.lo), num(d.rankInterval?.hi), '']));
    for (const [k, e] of Object.entries(d.dimensions)) out.push([...row('dimension', d, k, e), '']);
    for (const [k, e] of Object.entries(d.subdimensions)) out.push([...row('subdimension', d, k, e), '']);
    for (const [k, e] of Object.entries(d.indicators)) out.push([...row('indicator', d, k, e), num(e.n)]);
  }
  return out.map((r) => [...r, geography]);
}

export function registerScore(program: Command): void {
  program
    .command('score')
    .description('respondent microdata → PAPI scores with bootstrap intervals and rank intervals (not official)')
    .argument('<data>', 'CSV file of respondents (one row each)')
    .option('--year <year>', 'use the shipped framework of this PAPI year')
    .option('--framework <file>', 'or a framework JSON file (data/papi/frameworks layout)')
    .requiredOption('--province <col>', 'province column (domain)')
    .requiredOption('--weight <col>', 'sampling weight column')
    .option('--strata <col>', 'stratum column')
    .option('--cluster <col>', 'PSU (cluster) column, nested in strata')
    .option('--replicates <n>', 'bootstrap replicates', '1000')
    .option('--seed <n>', 'PRNG seed of the bootstrap', '20250701')
    .option('--level <p>', 'confidence level', '0.95')
    .option('--geography <g>', '63 (as in the data) or 34 (old codes pooled into the provinces of 2025-07-01)', '63')
    .option('--format <f>', 'csv or json', 'csv')
    .requiredOption('--out <file>', 'output file')
    .action(async (dataFile: string, raw: unknown) => {
      const o = parseOptions(Options, raw);
      let framework: Framework;
      if (o.framework) {
        let json: unknown;
        try {
          json = JSON.parse(readFileSync(o.framework, 'utf8'));
        } catch (err) {
          throw new InputError(`cannot read the framework: ${(err as Error).message}`, { file: basename(o.framework) });
        }
        framework = parseFramework(json, basename(o.framework));
      } else {
        const data = await loadShippedIndexData();
        const fw = frameworkForYear(data.frameworks, o.year!);
        if (!fw) throw new InputError(`no PAPI framework for ${o.year}`, { path: ['year'] });
        framework = fw;
      }
      const labels = [o.province, ...(o.strata ? [o.strata] : []), ...(o.cluster ? [o.cluster] : [])];
      const table = await readSurveyCsv(dataFile, {
        labels,
        numeric: [o.weight],
        required: [o.weight, ...labels],
        nonNegative: [o.weight],
        autoNumeric: { exclude: labels },
      });
      const input = {
        columns: table.numeric,
        province: table.labels.get(o.province)!,
        weights: table.numeric.get(o.weight)!,
        strata: o.strata ? table.labels.get(o.strata)!.codes : undefined,
        clusters: o.cluster ? table.labels.get(o.cluster)!.codes : undefined,
      };
      const method = { replicates: o.replicates, seed: o.seed, level: o.level };
      let run: IndexRun;
      let note: { textVi: string; textEn: string } | undefined;
      if (o.geography === '34') {
        // Crosswalk of the shipped reference data (server/io/published-scores.ts reads it).
        const { mapping } = await loadShippedIndexData();
        const rebased = runIndexRebased34(
          framework,
          input,
          new Map(mapping.map((m) => [m.oldCode, m.newCode])),
          method,
          { file: basename(dataFile), column: o.province },
        );
        run = rebased;
        note = rebased.rebase;
      } else run = runIndex(framework, input, method);
      if (o.format === 'json') {
        const { framework: fw, ...rest } = run;
        writeOutput(
          `${JSON.stringify({ frameworkId: fw.id, official: false, geography: o.geography, ...rest }, null, 2)}\n`,
          o.out,
        );
      } else {
        writeOutput(
          stringify([
            [
              'level',
              'province',
              'code',
              'value',
              'se',
              'ci_low',
              'ci_high',
              'rank',
              'rank_low',
              'rank_high',
              'n',
              'geography',
            ],
            ...scoreRows(run, o.geography),
          ]),
          o.out,
        );
      }
      process.stderr.write(`openpapi score: ${run.log.join('\n  ')}\n`);
      if (note) process.stderr.write(`openpapi score: ${note.textEn}\n`);
    });
}
