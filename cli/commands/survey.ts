/**
 * `openpapi survey sample VILLAGES.csv [--residents RESIDENTS.csv] --villages N --per-village M --seed S [--out FILE]`
 *   Two-stage sample (core/surveys/sampling.ts): systematic PPS villages with certainty units, SRS residents per
 *   village; writes seq,stratum,psu,village_code,village_name,resident_id,village_probability,
 *   resident_probability,weight,fpc,certainty and prints a summary per stratum on stderr.
 *
 * `openpapi survey results RESPONSES.csv|.xlsx --form FORM.xlsx|FORM.json|--template KEY [--domain QUESTION]
 *   [--province CODE] [--replicates N] [--seed N] [--lang vi|en] [--format csv|json] [--out FILE]`
 *   Results of responses exported from ODK Central / KoboToolbox (or OpenPAPI's own export with the design
 *   columns stratum, cluster/psu, weight): weighted estimates with 95% intervals, PAPI scales, the comparison
 *   with the province's last official PAPI (`--province 33`, a 34-province code), suppressed/flagged cells.
 * Bad input exits 2 with one line naming file, sheet, row and column.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { parseOptions, writeOutput } from './rank.js';

const int = (min: number) =>
  z
    .string()
    .regex(/^-?\d+$/, 'must be an integer')
    .transform(Number)
    .refine((n) => n >= min, `must be ≥ ${min}`);

const SampleOptions = z.object({
  residents: z.string().min(1).optional(),
  villages: int(1),
  perVillage: int(1),
  seed: int(0),
  out: z.string().min(1).optional(),
});

const ResultsOptions = z
  .object({
    form: z.string().min(1).optional(),
    template: z.string().min(1).optional(),
    domain: z.string().min(1).optional(),
    province: z
      .string()
      .regex(/^\d{1,2}$/, 'a province code such as 33')
      .optional(),
    replicates: int(2).default(1000),
    seed: int(0).default(20250701),
    lang: z.enum(['vi', 'en']).default('vi'),
    format: z.enum(['csv', 'json']).default('csv'),
    out: z.string().min(1).optional(),
  })
  .refine((o) => (o.form ? 1 : 0) + (o.template ? 1 : 0) === 1, {
    message: 'give --form or --template',
    path: ['form'],
  });

function readFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new InputError('file not found', { file: path });
  }
}

export function registerSurvey(program: Command): void {
  const survey = program.command('survey').description('Local PAPI pulse surveys: sampling and results');

  survey
    .command('sample <villages>')
    .description('Draw a PPS sample of villages and a simple random sample of residents per village')
    .option('--residents <file>', 'resident list (village code + resident id), CSV or XLSX')
    .requiredOption('--villages <n>', 'villages to draw (allocated over strata by population)')
    .requiredOption('--per-village <n>', 'residents to draw in each selected village')
    .requiredOption('--seed <n>', 'random seed (the same seed gives the same sample)')
    .option('--out <file>', 'output CSV (default: standard output)')
    .action(async (villagesFile: string, raw: Record<string, unknown>) => {
      const opts = parseOptions(SampleOptions, raw);
      const [{ readTableFile }, sampling, { toCsv }] = await Promise.all([
        import('../../server/surveys/xlsx.js'),
        import('../../core/surveys/sampling.js'),
        import('../../server/surveys/export.js'),
      ]);
      const villages = sampling.villageFrameFromTable(
        await readTableFile(readFile(villagesFile), basename(villagesFile)),
        villagesFile,
      );
      let residents = null;
      if (opts.residents) {
        residents = sampling.residentFrameFromTable(
          await readTableFile(readFile(opts.residents), basename(opts.residents)),
          opts.residents,
        );
        sampling.checkResidentsAgainstVillages(villages, residents);
      }
      const { summary, members } = sampling.drawSample(villages, residents, {
        villages: opts.villages,
        residentsPerVillage: opts.perVillage,
        seed: opts.seed,
      });
      writeOutput(toCsv([...sampling.SAMPLE_COLUMNS], sampling.sampleRows(members), false), opts.out);
      for (const s of summary.strata)
        process.stderr.write(
          `stratum ${s.stratum}: ${s.allocated} of ${s.villagesInFrame} villages (${s.certainty} certain)` +
            (s.interval !== null ? `, interval ${s.interval.toFixed(2)}, start ${s.start!.toFixed(2)}` : '') +
            '\n',
        );
      process.stderr.write(
        `${members.length} residents sampled, Σ weights = ${members.reduce((a, m) => a + m.weight, 0).toFixed(1)}\n`,
      );
    });

  survey
    .command('results <responses>')
    .description('Weighted results of exported responses, on PAPI scales, compared with the last official PAPI')
    .option('--form <file>', 'the questionnaire: XLSForm .xlsx or OpenPAPI form .json')
    .option('--template <key>', 'a built-in questionnaire: papi-pulse | sipas-services')
    .option('--domain <question>', 'break results down by this single-choice question')
    .option('--province <code>', 'compare with the last official PAPI of this province (34-province code)')
    .option('--replicates <n>', 'bootstrap replicates for the PAPI scales', '1000')
    .option('--seed <n>', 'bootstrap seed', '20250701')
    .option('--lang <lang>', 'labels: vi | en', 'vi')
    .option('--format <fmt>', 'csv | json', 'csv')
    .option('--out <file>', 'output file (default: standard output)')
    .action(async (responsesFile: string, raw: Record<string, unknown>) => {
      const opts = parseOptions(ResultsOptions, raw);
      const [xlsx, odk, results, templates, io, fw, series] = await Promise.all([
        import('../../server/surveys/xlsx.js'),
        import('../../core/surveys/odk-import.js'),
        import('../../core/surveys/results.js'),
        import('../../core/surveys/templates.js'),
        import('../../server/io/published-scores.js'),
        import('../../core/index/framework.js'),
        import('../../core/index/series.js'),
      ]);
      const { checkForm } = await import('../../core/surveys/form.js');
      let form: import('../../core/surveys/form.js').SurveyForm;
      if (opts.template) {
        const t = templates.templateForm(opts.template);
        if (!t)
          throw new InputError(`unknown template ${opts.template} (papi-pulse, sipas-services)`, {
            path: ['template'],
          });
        form = t;
      } else if (opts.form!.toLowerCase().endsWith('.json')) {
        form = JSON.parse(readFile(opts.form!).toString('utf8'));
        const problems = checkForm(form);
        if (problems[0]) throw new InputError(problems[0].message, { file: opts.form, path: problems[0].path });
      } else {
        form = await xlsx.readXlsForm(readFile(opts.form!), basename(opts.form!));
      }
      const sheet = await xlsx.readTableFile(readFile(responsesFile), basename(responsesFile));
      const parsed = odk.readOdkExport(form, sheet, responsesFile);
      const data = await io.loadShippedIndexData();
      const year = Math.max(...data.series63.years.map((y) => y.year));
      const framework = fw.frameworkForYear(data.frameworks, year)!;
      let official = null;
      if (opts.province) {
        const { series: s34 } = await io.shippedSeries('34');
        const code = opts.province.padStart(2, '0');
        for (const y of s34.years.map((x) => x.year).sort((a, b) => b - a)) {
          const py = series.provinceYear(s34, y, code);
          if (py && py.total !== null) {
            official = {
              year: y,
              provinceCode: code,
              dimensions: py.dimensions,
              subdimensions: py.subdimensions,
              total: py.total,
            };
            break;
          }
        }
        if (!official) throw new InputError(`no official PAPI score for province ${code}`, { path: ['province'] });
      }
      const res = results.computeResults(form, parsed.submissions, framework, official, {
        ...(opts.domain ? { domain: opts.domain } : {}),
        replicates: opts.replicates,
        seed: opts.seed,
      });
      if (opts.format === 'json') writeOutput(`${JSON.stringify(res, null, 2)}\n`, opts.out);
      else {
        const { toCsv } = await import('../../server/surveys/export.js');
        const { header, rows } = results.resultRows(res, form, opts.lang);
        writeOutput(toCsv(header, rows, false), opts.out);
      }
      process.stderr.write(
        `${res.respondents} respondents` +
          (parsed.duplicateRows.length > 0 ? ` (${parsed.duplicateRows.length} duplicate rows skipped)` : '') +
          `; ${res.estimates.filter((e) => e.status === 'suppressed').length} cells suppressed (n < ${res.thresholds.minRespondents}), ` +
          `${res.estimates.filter((e) => e.status === 'flagged').length} flagged (CV > ${res.thresholds.maxCv * 100}%)\n`,
      );
    });
}
