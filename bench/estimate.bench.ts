/**
 * `npm run bench -- estimate`: the whole `openpapi estimate` process (compiled CLI) against R survey
 * `svyby(~v, ~province, design, svymean, na.rm = TRUE, deff = TRUE)` per variable (scripts/r/svyby-estimate.R),
 * on SYNTHETIC PAPI-shaped microdata (core/synthetic, seeded), 40,000 × 60 and 400,000 × 120, 34 provinces;
 * plus `--variance bootstrap --replicates 1000` on the 40,000 file. Checks that both agree (max relative
 * difference of estimate, se, deff) and prints wall time, ratio and peak memory (GNU time -v, else the
 * child's maxRSS via process.resourceUsage in a wrapper).
 * Env: BENCH_SIZES=40000x60 (comma list) to run a subset; BENCH_RUNS=3 runs of ours (median reported).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { writeSyntheticPapiCsv } from '../server/io/synthetic-csv.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, 'var', 'bench');
mkdirSync(cache, { recursive: true });
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const hasR = spawnSync('Rscript', ['--version']).status === 0;
const sizes = (process.env.BENCH_SIZES ?? '40000x60,400000x120').split(',').map((s) => s.split('x').map(Number));
const runs = Number(process.env.BENCH_RUNS ?? 3);

interface Measured {
  seconds: number;
  /** user + system CPU seconds (GNU time only): fairer than wall time on a busy shared machine. */
  cpu: number;
  peakMb: number;
  ok: boolean;
  stderr: string;
}

/** Runs a command, returning wall time of the whole process and its peak resident memory. */
function measure(cmd: string, args: string[]): Measured {
  const started = process.hrtime.bigint();
  let r: ReturnType<typeof spawnSync>;
  let peakMb = Number.NaN;
  let cpu = Number.NaN;
  if (gnuTime) {
    r = spawnSync(gnuTime, ['-v', cmd, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(String(r.stderr));
    if (m) peakMb = Number(m[1]) / 1024;
    const u = /User time \(seconds\): ([\d.]+)/.exec(String(r.stderr));
    const sy = /System time \(seconds\): ([\d.]+)/.exec(String(r.stderr));
    if (u && sy) cpu = Number(u[1]) + Number(sy[1]);
  } else {
    const wrapper =
      'const r=require("node:child_process").spawnSync(process.argv[1],process.argv.slice(2),{stdio:"inherit"});' +
      'process.stderr.write("\\nmaxRSS "+process.resourceUsage().maxRSS+"\\n");process.exit(r.status??1)';
    r = spawnSync(process.execPath, ['-e', wrapper, cmd, ...args], { cwd: root, encoding: 'utf8' });
    const m = /maxRSS (\d+)/.exec(String(r.stderr));
    if (m) peakMb = Number(m[1]) / 1024; // resourceUsage includes terminated children (RUSAGE_CHILDREN max)
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, cpu, peakMb, ok: r.status === 0, stderr: String(r.stderr).slice(-2000) };
}

function median(xs: Measured[]): Measured {
  return [...xs].sort((a, b) => a.seconds - b.seconds)[Math.floor(xs.length / 2)]!;
}

function maxRelDiff(oursFile: string, rFile: string): number {
  type Row = Record<string, string>;
  const ours = new Map(
    (parse(readFileSync(oursFile, 'utf8'), { columns: true }) as Row[]).map((x) => [`${x.by}|${x.variable}`, x]),
  );
  let worst = 0;
  for (const x of parse(readFileSync(rFile, 'utf8'), { columns: true }) as Row[]) {
    const o = ours.get(`${x.by}|${x.variable}`);
    if (!o) return Number.POSITIVE_INFINITY;
    for (const f of ['estimate', 'se', 'deff']) {
      const a = Number(o[f]);
      const b = Number(x[f]);
      worst = Math.max(worst, Math.abs(a - b) / Math.max(Math.abs(b), 1e-300));
    }
  }
  return worst;
}

process.stdout.write('building the CLI (npx tsc -p tsconfig.build.json)…\n');
const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
if (build.status !== 0) {
  process.stderr.write(`build failed:\n${build.stdout}${build.stderr}\n`);
  process.exit(1);
}

const design = ['--strata', 'stratum', '--cluster', 'psu', '--weight', 'weight', '--by', 'province'];
const lines: string[] = [];
const fmt = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
let failed = false;
for (const [n, k] of sizes as [number, number][]) {
  const file = join(cache, `papi-${n}x${k}-s1.csv`);
  if (!existsSync(file)) {
    process.stdout.write(`generating ${file} (synthetic, seed 1)…\n`);
    await writeSyntheticPapiCsv(file, { seed: 1, respondents: n, items: k });
  }
  const oursOut = join(cache, `ours-${n}x${k}.csv`);
  const ours = median(
    Array.from({ length: runs }, () =>
      measure(process.execPath, [join(root, 'bin', 'openpapi.js'), 'estimate', file, ...design, '--out', oursOut]),
    ),
  );
  if (!ours.ok) {
    process.stderr.write(`openpapi estimate failed: ${ours.stderr}\n`);
    failed = true;
    continue;
  }
  let r: Measured | null = null;
  let agree = Number.NaN;
  if (hasR) {
    process.stdout.write(`R svyby on ${n} × ${k} (this takes a while)…\n`);
    const rOut = join(cache, `r-${n}x${k}.csv`);
    r = measure('Rscript', [join(root, 'scripts', 'r', 'svyby-estimate.R'), file, rOut]);
    if (r.ok) agree = maxRelDiff(oursOut, rOut);
    else process.stderr.write(`R failed: ${r.stderr}\n`);
  }
  lines.push(
    `| ${n.toLocaleString('en')} × ${k} × 34 | ${r ? fmt(r.seconds) : 'no R'} | ${fmt(ours.seconds)} | ` +
      `${r ? fmt(r.seconds / ours.seconds, 1) : '–'}× | ${r ? fmt(r.peakMb, 0) : '–'} | ${fmt(ours.peakMb, 0)} | ` +
      `${Number.isFinite(agree) ? agree.toExponential(1) : '–'} | ${r ? fmt(r.cpu) : '–'} / ${fmt(ours.cpu)} |`,
  );
  if (Number.isFinite(agree) && agree > 1e-8) failed = true;
}

// Bootstrap, 1,000 replicates, on the 40,000 file.
const bootFile = join(cache, 'papi-40000x60-s1.csv');
let bootLine = '';
if (existsSync(bootFile)) {
  const boot = median(
    Array.from({ length: runs }, () =>
      measure(process.execPath, [
        join(root, 'bin', 'openpapi.js'),
        'estimate',
        bootFile,
        ...design,
        '--variance',
        'bootstrap',
        '--replicates',
        '1000',
        '--seed',
        '1',
        '--out',
        join(cache, 'ours-boot.csv'),
      ]),
    ),
  );
  bootLine =
    `| bootstrap 1,000 replicates, 40,000 × 60 × 34 | – | ${fmt(boot.seconds)} | target < 3 s | – | ` +
    `${fmt(boot.peakMb, 0)} | – | – / ${fmt(boot.cpu)} |`;
  if (!boot.ok) failed = true;
}

process.stdout.write(
  [
    '',
    `openpapi estimate (whole process, median of ${runs}) vs R survey svyby (whole Rscript process)`,
    '| data (rows × variables × provinces) | R s | openpapi s | R / openpapi | R peak MB | openpapi peak MB | max rel. diff | CPU s R / openpapi |',
    '|---|---|---|---|---|---|---|---|',
    ...lines,
    bootLine,
    '',
  ].join('\n'),
);
process.exit(failed ? 1 : 0);
