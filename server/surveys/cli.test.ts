/**
 * `openpapi survey sample` and `openpapi survey results`, run as a user runs them (child process).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runOpenpapiSync } from '../../cli/testing/cli.js';
import { questionsOf } from '../../core/surveys/form.js';
import { drawSample } from '../../core/surveys/sampling.js';
import { syntheticResponses } from '../../core/surveys/synthetic.js';
import { PAPI_PULSE } from '../../core/surveys/templates.js';
import { toCsv } from './export.js';
import { VILLAGES_CSV } from './testing.js';

const work = mkdtempSync(join(tmpdir(), 'survey-cli-'));
type Row = Record<string, string>;

describe('openpapi survey', () => {
  it('sample: the same seed gives the same sample; a bad list exits 2 naming row and column', () => {
    const villages = join(work, 'thon.csv');
    writeFileSync(villages, VILLAGES_CSV);
    const a = runOpenpapiSync(['survey', 'sample', villages, '--villages', '6', '--per-village', '10', '--seed', '5']);
    const b = runOpenpapiSync(['survey', 'sample', villages, '--villages', '6', '--per-village', '10', '--seed', '5']);
    expect(a.code, a.err).toBe(0);
    expect(b.out).toBe(a.out);
    const rows = parse(a.out, { columns: true }) as Row[];
    expect(rows).toHaveLength(60);
    expect(a.err).toMatch(/stratum A: 2 of 6 villages \(0 certain\)/);
    expect(a.err).toMatch(/stratum B: 4 of 6 villages/);
    const bad = join(work, 'bad.csv');
    writeFileSync(bad, 'ma_thon,dan_so\nT1,100\nT1,200\n');
    const r = runOpenpapiSync(['survey', 'sample', bad, '--villages', '1', '--per-village', '1', '--seed', '1']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.csv, row 3, column ma_thon: village T1 is listed twice/);
  });

  it('results: an ODK-style export of the pulse template, on PAPI scales against the official score', () => {
    const villages = Array.from({ length: 20 }, (_, i) => ({
      code: `V${i}`,
      name: null,
      population: 100 + i * 50,
      stratum: 'all',
    }));
    const s = drawSample(villages, null, { villages: 8, residentsPerVillage: 20, seed: 3 });
    const responses = syntheticResponses(
      PAPI_PULSE,
      s.members.map((m) => ({ stratum: m.stratum, cluster: m.psu, weight: m.weight })),
      3,
    );
    const qs = questionsOf(PAPI_PULSE);
    const header = ['KEY', ...qs.map((q) => q.name), 'stratum', 'cluster', 'weight'];
    const rows = responses.map((r, i) => [
      `uuid:${i}`,
      ...qs.map((q) => {
        const v = r.answers[q.name];
        return Array.isArray(v) ? v.join(' ') : (v ?? '');
      }),
      r.stratum ?? '',
      r.cluster ?? '',
      r.weight ?? '',
    ]);
    const file = join(work, 'odk.csv');
    writeFileSync(file, toCsv(header, rows));
    const out = join(work, 'results.csv');
    const r = runOpenpapiSync([
      'survey',
      'results',
      file,
      '--template',
      'papi-pulse',
      '--province',
      '33',
      '--replicates',
      '100',
      '--out',
      out,
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^160 respondents; \d+ cells suppressed/);
    const res = parse(readFileSync(out, 'utf8'), { columns: true }) as Row[];
    const d1 = res.find((x) => x.variable === 'papi:d1')!;
    expect(Number(d1.estimate)).toBeGreaterThan(1);
    expect(Number(d1.official)).toBeGreaterThan(1);
    expect(Number(d1.difference)).toBeCloseTo(Number(d1.estimate) - Number(d1.official), 9);
    expect(res.find((x) => x.variable === 'q1_1_1=1')?.label).toMatch(/khẩu hiệu/);
  });
});
