/**
 * `openpapi estimate` end to end, run as a user runs it (a child process on cli/main.ts):
 * - on data never seen before (synthetic PAPI-shaped microdata drawn with a fresh seed at test time),
 *   agreement with R survey `svyby(..., svymean, na.rm = TRUE, deff = TRUE)` to 1e-8 — the R part runs only
 *   when Rscript is installed; the committed fixtures (core/survey) always run;
 * - exit code 2 and one line naming file, row and column for each kind of bad input;
 * - bootstrap reproducibility by seed, replicate-weight export → import round trip, JSON output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticPapiCsv } from '../server/io/synthetic-csv.js';
import { runOpenpapiSync } from './testing/cli.js';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'estimate-'));
const hasR = spawnSync('Rscript', ['--version'], { encoding: 'utf8' }).status === 0;
const seed = Math.floor(Math.random() * 2 ** 31);
const data = join(work, 'papi.csv');
const design = ['--strata', 'stratum', '--cluster', 'psu', '--weight', 'weight'];

const openpapi = (...args: string[]) => runOpenpapiSync(['estimate', ...args]);
type Row = Record<string, string>;
const readCsv = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true }) as Row[];

function relDiff(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  return Math.abs(x - y) / Math.max(Math.abs(y), 1e-300);
}

beforeAll(async () => {
  // 5 provinces × 2 strata, ~20 respondents per PSU, 12 items with non-response.
  await writeSyntheticPapiCsv(data, {
    seed,
    respondents: 3000,
    items: 12,
    provinces: ['An Giang', 'Huế', 'Hà Nội', 'Cà Mau', 'Đà Nẵng'],
  });
});

describe(`openpapi estimate on fresh synthetic data (seed ${seed})`, () => {
  it('writes one row per domain and variable with the contract columns', () => {
    const out = join(work, 'est.csv');
    const r = openpapi(data, ...design, '--by', 'province', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rows = readCsv(out);
    expect(Object.keys(rows[0]!).slice(0, 8)).toEqual([
      'by',
      'variable',
      'estimate',
      'se',
      'ci_low',
      'ci_high',
      'n',
      'deff',
    ]);
    expect(rows).toHaveLength(5 * 12);
    // default --vars: every numeric column except design, --by and id
    expect(new Set(rows.map((x) => x.variable))).toEqual(
      new Set(Array.from({ length: 12 }, (_, i) => `q${String(i + 1).padStart(3, '0')}`)),
    );
    // domains sorted in Vietnamese order
    expect([...new Set(rows.map((x) => x.by))]).toEqual(['An Giang', 'Cà Mau', 'Đà Nẵng', 'Hà Nội', 'Huế']);
    for (const x of rows) {
      expect(Number(x.ci_low)).toBeLessThan(Number(x.estimate));
      expect(Number(x.ci_high)).toBeGreaterThan(Number(x.estimate));
    }
  });

  it.skipIf(!hasR)('agrees with R svyby(svymean, na.rm = TRUE, deff = TRUE) to 1e-8', () => {
    const ours = join(work, 'ours.csv');
    const theirs = join(work, 'r.csv');
    expect(openpapi(data, ...design, '--by', 'province', '--out', ours).code).toBe(0);
    const r = spawnSync('Rscript', [join(root, 'scripts', 'r', 'svyby-estimate.R'), data, theirs], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const mine = new Map(readCsv(ours).map((x) => [`${x.by}|${x.variable}`, x]));
    const ref = readCsv(theirs);
    expect(ref).toHaveLength(mine.size);
    let worst = 0;
    for (const x of ref) {
      const m = mine.get(`${x.by}|${x.variable}`)!;
      for (const f of ['estimate', 'se', 'deff'] as const) worst = Math.max(worst, relDiff(m[f]!, x[f]!));
    }
    expect(worst).toBeLessThan(1e-8);
  });

  it('bootstrap: same seed → same SEs, another seed → different SEs, near the linearised ones', () => {
    const run = (s: string, out: string) =>
      openpapi(
        data,
        ...design,
        '--by',
        'province',
        '--variance',
        'bootstrap',
        '--replicates',
        '200',
        '--seed',
        s,
        '--out',
        out,
      );
    const [a, b, c, lin] = ['a', 'b', 'c', 'lin'].map((n) => join(work, `boot-${n}.csv`)) as [
      string,
      string,
      string,
      string,
    ];
    expect(run('7', a).code).toBe(0);
    expect(run('7', b).code).toBe(0);
    expect(run('8', c).code).toBe(0);
    expect(openpapi(data, ...design, '--by', 'province', '--out', lin).code).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    expect(readFileSync(a, 'utf8')).not.toBe(readFileSync(c, 'utf8'));
    const ratios = readCsv(a).map((x, i) => Number(x.se) / Number(readCsv(lin)[i]!.se));
    const mean = ratios.reduce((s, x) => s + x, 0) / ratios.length;
    expect(mean).toBeGreaterThan(0.85);
    expect(mean).toBeLessThan(1.15);
  });

  it('exports replicate weights and re-imports them to the same standard errors', () => {
    const first = join(work, 'jk.csv');
    const reps = join(work, 'reps.csv');
    const again = join(work, 'jk-again.csv');
    const args = [data, ...design, '--by', 'province'];
    expect(openpapi(...args, '--variance', 'jackknife', '--export-replicates', reps, '--out', first).code).toBe(0);
    const meta = JSON.parse(readFileSync(`${reps}.meta.json`, 'utf8')) as { type: string; rscales: number[] };
    expect(meta.type).toBe('JKn');
    const header = readFileSync(reps, 'utf8').split('\n')[0]!.split(',');
    expect(header[0]).toBe('id');
    expect(header).toHaveLength(meta.rscales.length + 1);
    expect(openpapi(...args, '--replicate-weights', reps, '--out', again).code).toBe(0);
    const x = readCsv(first);
    const y = readCsv(again);
    x.forEach((row, i) => {
      expect(relDiff(y[i]!.se!, row.se!)).toBeLessThan(1e-12);
    });
  });

  it('proportions of each category (sorted), ratios, and logit intervals inside (0, 1)', () => {
    const out = join(work, 'cat.csv');
    const r = openpapi(
      data,
      ...design,
      '--by',
      'province',
      '--categorical',
      'q003',
      '--ratio',
      'q005/q004',
      '--ci',
      'logit',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const rows = readCsv(out).filter((x) => x.by === 'Huế');
    expect(rows.map((x) => x.variable)).toEqual(['q003=1', 'q003=2', 'q003=3', 'q003=4', 'q003=5', 'q005/q004']);
    const props = rows.filter((x) => x.statistic === 'proportion');
    expect(props.reduce((s, x) => s + Number(x.estimate), 0)).toBeCloseTo(1, 12);
    for (const x of props) {
      expect(Number(x.ci_low)).toBeGreaterThan(0);
      expect(Number(x.ci_high)).toBeLessThan(1);
    }
  });

  it('writes JSON with the design summary', () => {
    const out = join(work, 'est.json');
    expect(
      openpapi(data, ...design, '--by', 'province', '--vars', 'q001,q003', '--format', 'json', '--out', out).code,
    ).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8')) as {
      design: { strata: number; degf: number };
      estimates: unknown[];
    };
    expect(j.design.strata).toBe(10);
    expect(j.design.degf).toBeGreaterThan(100);
    expect(j.estimates).toHaveLength(10);
  });
});

describe('openpapi estimate rejects bad input with one clear line', () => {
  const csv = (name: string, text: string) => {
    const f = join(work, name);
    writeFileSync(f, text);
    return f;
  };
  const header = 'id,province,stratum,psu,weight,q001\n';
  const good = '1,A,s1,1,10,1\n2,A,s1,2,12,0\n3,B,s2,1,9,1\n4,B,s2,2,11,\n';

  it.each([
    ['non-numeric weight', `${header}${good}5,B,s2,2,abc,1\n`, /bad\.csv, row 6, column weight: "abc" is not a number/],
    ['negative weight', `${header}${good}5,B,s2,2,-3,1\n`, /bad\.csv, row 6, column weight: must be ≥ 0/],
    ['empty stratum', `${header}1,A,,1,10,1\n${good}`, /bad\.csv, row 2, column stratum: value is empty/],
    ['missing weight', `${header}${good}5,B,s2,2,NA,1\n`, /bad\.csv, row 6, column weight: value is missing/],
    ['non-numeric variable', `${header}${good}5,B,s2,2,3,yes\n`, /bad\.csv, row 6, column q001: "yes" is not a number/],
  ])('%s', (_what, text, message) => {
    const f = csv('bad.csv', text);
    const r = openpapi(f, ...design, '--by', 'province', '--vars', 'q001', '--out', join(work, 'x.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });

  it('unknown column', () => {
    const f = csv('bad.csv', header + good);
    const r = openpapi(
      f,
      '--strata',
      'stratum',
      '--cluster',
      'cluster',
      '--weight',
      'weight',
      '--out',
      join(work, 'x.csv'),
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.csv, row 1, column cluster: unknown column "cluster"/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('missing file', () => {
    const r = openpapi(join(work, 'nope.csv'), ...design, '--out', join(work, 'x.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nope\.csv: file not found/);
  });

  it('a stratum with one PSU under the default policy, and the policies that accept it', () => {
    const f = csv('lonely.csv', `${header}${good}5,C,s3,1,10,1\n6,C,s3,1,10,0\n`);
    const out = join(work, 'lonely-out.csv');
    const r = openpapi(f, ...design, '--vars', 'q001', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/stratum s3 has only one PSU.*adjust, average or certainty/);
    for (const policy of ['adjust', 'average', 'certainty']) {
      expect(openpapi(f, ...design, '--vars', 'q001', '--lonely-psu', policy, '--out', out).code).toBe(0);
    }
  });

  it('a bad option value', () => {
    const f = csv('ok.csv', header + good);
    const r = openpapi(f, ...design, '--variance', 'magic', '--out', join(work, 'x.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--variance: /);
  });
});
