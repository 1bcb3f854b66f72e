/**
 * `openpapi diagnose PROVINCE --year Y [--lang vi|en] [--format text|json] [--geography 63|34] [--peers 01,22,…]`
 *
 * PROVINCE by code or name, diacritics-insensitive ("quang ninh"). Prints the group per dimension with the gap
 * to the next group, strengths, the three weakest sub-dimensions with their gap to the best group, the trend,
 * peers, and a what-if that moves the province up a group. JSON gives the full diagnosis data and the sentences.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { diagnose } from '../../core/index/diagnosis.js';
import { diagnosisSentences } from '../../core/index/diagnosis-text.js';
import { matchProvince, normaliseProvinceCode } from '../../core/index/provinces.js';
import { shippedSeries } from '../../server/io/published-scores.js';
import { geographyOption, langOption, parseOptions, writeOutput, yearOption } from './rank.js';

const Options = z.object({
  year: yearOption,
  lang: langOption,
  format: z.enum(['text', 'json']).default('text'),
  geography: geographyOption,
  peers: z
    .string()
    .transform((s) => s.split(',').map((x) => normaliseProvinceCode(x)))
    .optional(),
  out: z.string().min(1).optional(),
});

export function registerDiagnose(program: Command): void {
  program
    .command('diagnose')
    .description('strengths, weaknesses, groups, gaps to the next group and a what-if for one province and year')
    .argument('<province>', 'province code or name ("quang ninh", "22")')
    .requiredOption('--year <year>', 'PAPI year, 2011–2024')
    .option('--lang <l>', 'vi or en', 'vi')
    .option('--format <f>', 'text or json', 'text')
    .option('--geography <n>', '63 provinces (as published) or 34 (re-based approximation)', '63')
    .option('--peers <codes>', 'comma-separated peer province codes (default: same region)')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (provinceArg: string, raw: unknown) => {
      const o = parseOptions(Options, raw);
      const { series, data } = await shippedSeries(o.geography);
      const province = matchProvince(provinceArg, series.provinces);
      const d = diagnose(series, o.year, province.code, { regions: data.regions, peers: o.peers });
      const sentences = diagnosisSentences(d, o.lang);
      writeOutput(
        o.format === 'json' ? `${JSON.stringify({ ...d, sentences }, null, 2)}\n` : `${sentences.join('\n')}\n`,
        o.out,
      );
    });
}
