/**
 * `openpapi whatif PROVINCE --year Y --set 2.1=+0.3 --set d4=6.5 … [--geography 63|34] [--format text|json] [--lang vi|en]`
 *
 * Sub-dimensions are on PAPI's published scale (1/n … 10/n), dimensions on 1–10; `=+v`/`=-v` adds, `=v` sets.
 * Prints every dimension and the total before → after with rank and group (others unchanged, thresholds
 * recomputed with the new score), and the smallest increase that would reach the next group afterwards.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { formatNumber, GROUP_LABELS } from '../../core/index/diagnosis-text.js';
import { matchProvince } from '../../core/index/provinces.js';
import type { MeasureOutcome } from '../../core/index/whatif.js';
import { parseWhatIfSpec, whatIf } from '../../core/index/whatif.js';
import { shippedSeries } from '../../server/io/published-scores.js';
import { geographyOption, langOption, parseOptions, writeOutput, yearOption } from './rank.js';

const Options = z.object({
  year: yearOption,
  set: z.array(z.string()).min(1, 'give at least one --set, e.g. --set 2.1=+0.3'),
  lang: langOption,
  format: z.enum(['text', 'json']).default('text'),
  geography: geographyOption,
  out: z.string().min(1).optional(),
});

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerWhatIf(program: Command): void {
  program
    .command('whatif')
    .description('change sub-dimension or dimension scores of a province and see its new totals, ranks and groups')
    .argument('<province>', 'province code or name')
    .requiredOption('--year <year>', 'PAPI year, 2011–2024')
    .option('--set <change>', 'e.g. 2.1=+0.3 (published scale), d4=6.5 (1–10); repeatable', collect, [])
    .option('--lang <l>', 'vi or en', 'vi')
    .option('--format <f>', 'text or json', 'text')
    .option('--geography <n>', '63 provinces (as published) or 34 (re-based approximation)', '63')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (provinceArg: string, raw: unknown) => {
      const o = parseOptions(Options, raw);
      const { series } = await shippedSeries(o.geography);
      const province = matchProvince(provinceArg, series.provinces);
      const changes = o.set.map((s) => parseWhatIfSpec(s));
      const r = whatIf(series, o.year, province.code, changes);
      if (r.total.before === null && r.total.after === null && r.dimensions.every((d) => d.before === null))
        throw new InputError(`${province.nameVi} has no scores in ${o.year}`, { path: ['province'] });
      if (o.format === 'json') {
        writeOutput(`${JSON.stringify({ province, ...r }, null, 2)}\n`, o.out);
        return;
      }
      const g = GROUP_LABELS[o.lang];
      const num = (x: number | null) => (x === null ? '—' : formatNumber(x, o.lang, 3));
      const line = (m: MeasureOutcome) =>
        `${m.measure.padEnd(6)} ${num(m.before).padStart(7)} → ${num(m.after).padStart(7)}   ` +
        `${o.lang === 'vi' ? 'hạng' : 'rank'} ${m.rankBefore ?? '—'} → ${m.rankAfter ?? '—'}/${m.of}   ` +
        `${m.groupBefore ? g[m.groupBefore] : '—'} → ${m.groupAfter ? g[m.groupAfter] : '—'}`;
      const head =
        o.lang === 'vi'
          ? `Giả định cho ${province.nameVi}, PAPI ${o.year}: ${o.set.join(', ')}`
          : `What-if for ${province.nameEn}, PAPI ${o.year}: ${o.set.join(', ')}`;
      const lines = [head, ...r.dimensions.map(line), line(r.total)];
      if (r.overriddenDimensions.length > 0)
        lines.push(
          o.lang === 'vi'
            ? `Đặt trực tiếp: ${r.overriddenDimensions.join(', ')} (nội dung thành phần giữ nguyên).`
            : `Set directly: ${r.overriddenDimensions.join(', ')} (its sub-dimensions are left as they were).`,
        );
      if (r.approximation) lines.push(o.lang === 'vi' ? r.approximation.textVi : r.approximation.textEn);
      writeOutput(`${lines.join('\n')}\n`, o.out);
    });
}
