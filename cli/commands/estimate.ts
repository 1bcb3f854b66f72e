/**
 * `openpapi estimate DATA.csv --strata COL --cluster COL --weight COL [--fpc COL] [--by COL] [--vars a,b]
 *   [--variance linearized|bootstrap|jackknife] [--replicates N] [--seed N] --out OUT.csv`
 *
 * Design-based estimates per domain (core/survey), reproducing R survey `svyby(~v, ~by, design, svymean,
 * na.rm = TRUE, deff = TRUE)`. Writes by,variable,estimate,se,ci_low,ci_high,n,deff,statistic,sum_weights
 * (CSV, or JSON with `--format json`). Bad input exits 2 with one line naming file, row and column.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import type { EstimateRow } from '../../core/survey/estimate.js';
import type { ReplicateFactors } from '../../core/survey/replicate-factors.js';
import type { SurveyDesign } from '../../core/survey/types.js';
import type { SurveyCsvTable } from '../../server/io/survey-csv.js';

/** The engine is loaded when the command runs, so `openpapi --help` and other commands do not pay for it. */
async function engine() {
  const [bootstrap, design, estimate, jackknife, replicate, reader] = await Promise.all([
    import('../../core/survey/bootstrap-factors.js'),
    import('../../core/survey/design.js'),
    import('../../core/survey/estimate.js'),
    import('../../core/survey/jackknife-factors.js'),
    import('../../core/survey/replicate-factors.js'),
    import('../../server/io/survey-csv.js'),
  ]);
  return { ...bootstrap, ...design, ...estimate, ...jackknife, ...replicate, ...reader };
}
type Engine = Awaited<ReturnType<typeof engine>>;

const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0),
);
const intString = (min: number) =>
  z
    .string()
    .regex(/^-?\d+$/, 'must be an integer')
    .transform(Number)
    .refine((n) => n >= min, `must be ≥ ${min}`);

const Options = z.object({
  strata: z.string().min(1).optional(),
  cluster: z.string().min(1).optional(),
  weight: z.string().min(1),
  fpc: z.string().min(1).optional(),
  by: z.string().min(1).optional(),
  id: z.string().min(1).optional(),
  vars: list.optional(),
  categorical: list.optional(),
  ratio: list
    .pipe(z.array(z.string().regex(/^[^/]+\/[^/]+$/, 'each ratio is written numerator/denominator')))
    .optional(),
  statistic: z.enum(['mean', 'total']).default('mean'),
  variance: z.enum(['linearized', 'linearised', 'bootstrap', 'jackknife']).default('linearized'),
  replicates: intString(2).default(500),
  seed: intString(-2147483648).default(20250701),
  replicateWeights: z.string().min(1).optional(),
  exportReplicates: z.string().min(1).optional(),
  lonelyPsu: z.enum(['fail', 'adjust', 'average', 'certainty', 'remove']).default('fail'),
  adjustDomainLonely: z.boolean().default(false),
  level: z
    .string()
    .transform(Number)
    .refine((x) => x > 0 && x < 1, 'must be between 0 and 1')
    .default(0.95),
  ci: z.enum(['wald', 'logit', 'wilson']).default('wald'),
  format: z.enum(['csv', 'json']).default('csv'),
  out: z.string().min(1),
});
type EstimateOptions = z.infer<typeof Options>;

export function registerEstimate(program: Command): void {
  program
    .command('estimate')
    .description('design-based survey estimates by domain (means, proportions, totals, ratios), as R survey')
    .argument('<data>', 'CSV file of respondents (one row each)')
    .option('--strata <col>', 'stratum column (omit: unstratified)')
    .option('--cluster <col>', 'PSU (cluster) column, nested in strata (omit: rows are the PSUs)')
    .requiredOption('--weight <col>', 'sampling weight column')
    .option('--fpc <col>', 'finite population correction: population PSUs of the stratum, or sampling fraction')
    .option('--by <col>', 'domain column, e.g. province')
    .option('--id <col>', 'respondent id column (default: a column named id)')
    .option('--vars <list>', 'numeric variables, comma-separated (default: every other numeric column)')
    .option('--categorical <list>', 'categorical variables: proportion of each category')
    .option('--ratio <list>', 'ratios of totals, e.g. spent/income (comma-separated)')
    .option('--statistic <kind>', 'mean | total for --vars', 'mean')
    .option('--variance <method>', 'linearized | bootstrap | jackknife', 'linearized')
    .option('--replicates <n>', 'bootstrap replicates', '500')
    .option('--seed <n>', 'bootstrap seed', '20250701')
    .option(
      '--replicate-weights <file>',
      'use replicate weights from this CSV (id + repweight_1..R, meta in FILE.meta.json)',
    )
    .option('--export-replicates <file>', 'write the replicate weights used (id + repweight_1..R) and FILE.meta.json')
    .option('--lonely-psu <policy>', 'fail | adjust | average | certainty | remove', 'fail')
    .option('--adjust-domain-lonely', 'apply the lonely-PSU policy to single PSUs inside a domain too')
    .option('--level <x>', 'confidence level', '0.95')
    .option('--ci <method>', 'interval for --categorical proportions: wald | logit | wilson', 'wald')
    .option('--format <fmt>', 'csv | json', 'csv')
    .requiredOption('--out <file>', 'output file')
    .action(async (data: string, raw: Record<string, unknown>) => {
      const parsed = Options.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const flag = String(issue.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        throw new InputError(`--${flag}: ${issue.message}`, { path: issue.path.map(String) }, 'bad_option');
      }
      await runEstimate(data, parsed.data);
    });
}

async function runEstimate(data: string, opts: EstimateOptions): Promise<void> {
  const started = Date.now();
  const lib = await engine();
  const { readSurveyCsv, surveyDesign, estimateByDomain } = lib;
  const progress = progressReporter(started);
  const ratioParts = (opts.ratio ?? []).map((r) => r.split('/') as [string, string]);
  const designCols = [opts.strata, opts.cluster, opts.by].filter((c): c is string => c !== undefined);
  const labels = [...designCols, ...(opts.categorical ?? [])];
  if (opts.id) labels.push(opts.id);
  const numeric = [opts.weight, ...(opts.fpc ? [opts.fpc] : []), ...(opts.vars ?? []), ...ratioParts.flat()];
  const auto = opts.vars === undefined && opts.categorical === undefined && opts.ratio === undefined;
  const table = await readSurveyCsv(data, {
    labels: [...new Set(labels)],
    optionalLabels: opts.replicateWeights || opts.exportReplicates ? ['id'] : [],
    numeric: [...new Set(numeric)],
    required: [opts.weight, ...designCols.filter((c) => c !== opts.by), ...(opts.fpc ? [opts.fpc] : [])],
    nonNegative: [opts.weight],
    autoNumeric: auto ? { exclude: [...labels, ...numeric, opts.id ?? 'id'] } : undefined,
    onProgress: (b, t) => progress(`reading ${basename(data)} ${Math.round((100 * b) / Math.max(1, t))}%`),
    displayName: data,
  });
  const idName = opts.id ?? (table.header.includes('id') ? 'id' : undefined);

  const design = surveyDesign({
    weights: table.numeric.get(opts.weight)!,
    strata: opts.strata ? table.labels.get(opts.strata)!.codes : undefined,
    stratumLabels: opts.strata ? table.labels.get(opts.strata)!.labels : undefined,
    clusters: opts.cluster ? table.labels.get(opts.cluster)!.codes : undefined,
    fpc: opts.fpc ? table.numeric.get(opts.fpc) : undefined,
    lonelyPsu: opts.lonelyPsu,
    adjustDomainLonely: opts.adjustDomainLonely,
  });
  progress('estimating');

  const variableNames = opts.vars ?? (auto ? [...table.numeric.keys()].filter((k) => !numeric.includes(k)) : []);
  if (variableNames.length + (opts.categorical?.length ?? 0) + ratioParts.length === 0) {
    throw new InputError('no numeric variables to estimate (give --vars)', { file: data, row: 1 });
  }
  const replicates = await chooseReplicates(lib, data, opts, table, design, idName);
  const rows = estimateByDomain({
    design,
    domain: opts.by ? table.labels.get(opts.by) : undefined,
    variables: variableNames.map((name) => ({ name, values: table.numeric.get(name)! })),
    statistic: opts.statistic,
    categorical: (opts.categorical ?? []).map((name) => ({ name, ...table.labels.get(name)! })),
    ratios: (opts.ratio ?? []).map((name, k) => ({
      name,
      numerator: table.numeric.get(ratioParts[k]![0])!,
      denominator: table.numeric.get(ratioParts[k]![1])!,
    })),
    replicates,
    level: opts.level,
    proportionInterval: opts.ci,
  });

  if (opts.exportReplicates && replicates) {
    exportReplicates(lib, opts.exportReplicates, design, replicates, table, idName);
  }
  writeFileSync(opts.out, opts.format === 'json' ? toJson(rows, design, opts, replicates) : toCsv(rows));
  progress('', true);
}

async function chooseReplicates(
  lib: Engine,
  data: string,
  opts: EstimateOptions,
  table: SurveyCsvTable,
  design: SurveyDesign,
  idName: string | undefined,
): Promise<ReplicateFactors | undefined> {
  if (opts.replicateWeights) return importReplicates(lib, opts.replicateWeights, data, table, design, idName);
  if (opts.variance === 'bootstrap') return lib.raoWuBootstrapFactors(design, opts.replicates, opts.seed);
  if (opts.variance === 'jackknife') return lib.jackknifeFactors(design);
  return undefined;
}

const Meta = z.object({
  type: z.enum(['subbootstrap', 'JK1', 'JKn', 'imported']).default('imported'),
  scale: z.number().positive(),
  rscales: z.array(z.number()).optional(),
  mse: z.boolean().default(false),
});

async function importReplicates(
  lib: Engine,
  file: string,
  data: string,
  table: SurveyCsvTable,
  design: SurveyDesign,
  idName: string | undefined,
): Promise<ReplicateFactors> {
  if (!idName) throw new InputError('replicate weights are joined by respondent id: give --id', { file: data });
  const idCol = table.labels.get(idName);
  if (!idCol) throw new InputError(`unknown column "${idName}"`, { file: data, row: 1, column: idName });
  const metaFile = `${file}.meta.json`;
  let metaRaw: unknown;
  try {
    metaRaw = JSON.parse((await import('node:fs')).readFileSync(metaFile, 'utf8'));
  } catch {
    throw new InputError('missing or unreadable replicate metadata (scale, rscales)', { file: metaFile });
  }
  const meta = Meta.safeParse(metaRaw);
  if (!meta.success) {
    const issue = meta.error.issues[0]!;
    throw new InputError(issue.message, { file: metaFile, path: issue.path.map(String) });
  }
  const reps = await lib.readSurveyCsv(file, {
    labels: [idName],
    required: [idName],
    autoNumeric: { exclude: [idName] },
    displayName: file,
  });
  const repCols = reps.header.filter((h) => /^repweight_\d+$/.test(h));
  if (repCols.length === 0) throw new InputError('no repweight_1..R columns', { file, row: 1 });
  for (const c of repCols) {
    if (!reps.numeric.has(c)) throw new InputError('column is not numeric', { file, column: c });
  }
  // Join by id: replicate row of each data row.
  const repRowOfId = new Map<string, number>();
  const repIds = reps.labels.get(idName)!;
  for (let i = 0; i < reps.rows; i++) repRowOfId.set(repIds.labels[repIds.codes[i]!]!, i);
  const aligned = repCols.map(() => new Float64Array(design.n));
  for (let i = 0; i < design.n; i++) {
    const id = idCol.labels[idCol.codes[i]!];
    const j = id === undefined ? undefined : repRowOfId.get(id);
    if (j === undefined) {
      throw new InputError(`respondent ${id ?? '(no id)'} has no replicate weights`, {
        file: data,
        row: i + 2,
        column: idName,
      });
    }
    repCols.forEach((c, r) => {
      aligned[r]![i] = reps.numeric.get(c)![j]!;
    });
  }
  return lib.replicateFactorsFromWeights(design, aligned, meta.data);
}

function exportReplicates(
  lib: Engine,
  file: string,
  design: SurveyDesign,
  rf: ReplicateFactors,
  table: SurveyCsvTable,
  idName: string | undefined,
): void {
  const idCol = idName ? table.labels.get(idName) : undefined;
  // Written in blocks: 40,000 rows × 1,000 replicates is ~0.5 GB of text, more than one JS string holds.
  const fd = openSync(file, 'w');
  let block = `${['id', ...Array.from({ length: rf.replicates }, (_, r) => `repweight_${r + 1}`)].join(',')}\n`;
  const buf = new Float64Array(rf.replicates);
  for (let i = 0; i < design.n; i++) {
    lib.rowReplicateWeights(design, rf, i, buf);
    const id = idCol ? idCol.labels[idCol.codes[i]!]! : String(i + 1);
    block += `${csvCell(id)},${buf.join(',')}\n`;
    if (block.length > 1 << 22) {
      writeSync(fd, block);
      block = '';
    }
  }
  writeSync(fd, block);
  closeSync(fd);
  const meta = {
    type: rf.type,
    scale: rf.scale,
    rscales: Array.from(rf.rscales),
    mse: rf.mse,
    combinedWeights: true,
    seed: rf.seed,
    note: 'repweight_r = sampling weight × replicate factor; V = scale · Σ rscales_r (θ_r − mean θ)²',
  };
  writeFileSync(`${file}.meta.json`, `${JSON.stringify(meta, null, 1)}\n`);
}

const HEADER = ['by', 'variable', 'estimate', 'se', 'ci_low', 'ci_high', 'n', 'deff', 'statistic', 'sum_weights'];

function num(x: number): string {
  return Number.isFinite(x) ? String(x) : '';
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function toCsv(rows: readonly EstimateRow[]): string {
  const lines = [HEADER.join(',')];
  for (const r of rows) {
    lines.push(
      [
        csvCell(r.by),
        csvCell(r.variable),
        num(r.estimate),
        num(r.se),
        num(r.ciLow),
        num(r.ciHigh),
        String(r.n),
        num(r.deff),
        r.statistic,
        num(r.sumWeights),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function toJson(
  rows: readonly EstimateRow[],
  design: SurveyDesign,
  opts: EstimateOptions,
  rf: ReplicateFactors | undefined,
): string {
  const fin = (x: number) => (Number.isFinite(x) ? x : null);
  return `${JSON.stringify(
    {
      design: {
        rows: design.n,
        strata: design.nStrata,
        psus: design.nPsu,
        degf: design.degf,
        lonelyPsu: design.lonelyPsu,
        variance: rf ? { method: rf.type, replicates: rf.replicates, seed: rf.seed ?? null } : { method: 'linearized' },
        level: opts.level,
      },
      estimates: rows.map((r) => ({
        by: r.by,
        variable: r.variable,
        statistic: r.statistic,
        estimate: fin(r.estimate),
        se: fin(r.se),
        ci_low: fin(r.ciLow),
        ci_high: fin(r.ciHigh),
        n: r.n,
        deff: fin(r.deff),
        sum_weights: fin(r.sumWeights),
      })),
    },
    null,
    1,
  )}\n`;
}

/** Progress on stderr, only for a terminal and only once a run has taken more than a second. */
function progressReporter(started: number): (message: string, done?: boolean) => void {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  return (message, done = false) => {
    if (!tty) return;
    if (done) {
      if (shown) process.stderr.write(`\r\x1b[K${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      return;
    }
    if (Date.now() - started < 1000) return;
    shown = true;
    process.stderr.write(`\r\x1b[K${message}`);
  };
}
