import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseFramework } from '../core/index/framework.js';
import { syntheticFramework } from '../core/index/testing/synthetic-framework.js';
import { writeSyntheticPapiCsv } from '../server/io/synthetic-csv.js';
import { runOpenpapiSync } from './testing/cli.js';

const root = join(import.meta.dirname, '..');

const openpapi = (...args: string[]) => runOpenpapiSync([...args]);

describe('openpapi score --geography 34', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'score34-'));
  const base = parseFramework(JSON.parse(readFileSync(join(root, 'data/papi/frameworks/papi-2021-2024.json'), 'utf8')));
  const { framework, items } = syntheticFramework(base, 1);
  writeFileSync(join(dir, 'fw.json'), JSON.stringify(framework));
  // Old codes: 02 Hà Giang + 08 Tuyên Quang → 08; 74 Bình Dương + 77 Bà Rịa - Vũng Tàu + 79 → 79; 01, 04 unchanged.
  await writeSyntheticPapiCsv(join(dir, 'data.csv'), {
    seed: 4,
    respondents: 1400,
    items,
    provinces: ['01', '02', '04', '08', '74', '77', '79'],
  });
  const args = (data: string, out: string, ...more: string[]) => [
    'score',
    data,
    '--framework',
    join(dir, 'fw.json'),
    '--province',
    'province',
    '--weight',
    'weight',
    '--strata',
    'stratum',
    '--cluster',
    'psu',
    '--replicates',
    '40',
    '--geography',
    '34',
    ...more,
    '--out',
    out,
  ];

  it('writes the 34-geography codes, labels every row and states the re-basing', () => {
    const out = join(dir, 'scores.csv');
    const r = openpapi(...args(join(dir, 'data.csv'), out));
    expect(r.err).toMatch(/7 old codes → 4 provinces \(2 formed by merging\)/);
    expect(r.err).toMatch(/Re-estimated from respondent data on the 34 provinces formed on 1 July 2025/);
    expect(r.code).toBe(0);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    const totals = rows.filter((x) => x.level === 'total');
    expect(totals.map((x) => x.province).sort()).toEqual(['01', '04', '08', '79', 'national']);
    expect(new Set(rows.map((x) => x.geography))).toEqual(new Set(['34']));
    expect(
      totals
        .filter((x) => x.province !== 'national')
        .map((x) => Number(x.rank))
        .sort(),
    ).toEqual([1, 2, 3, 4]);
  });

  it('carries geography, components and the note in vi and en in JSON', () => {
    const out = join(dir, 'scores.json');
    const r = openpapi(...args(join(dir, 'data.csv'), out, '--format', 'json'));
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    expect(j.geography).toBe('34');
    expect(j.official).toBe(false);
    expect(j.rebase.components['79'].sort()).toEqual(['74', '77', '79']);
    expect(j.rebase.textVi).toMatch(/34 tỉnh, thành phố/);
    expect(j.results.provinces.map((p: { domain: string }) => p.domain).sort()).toEqual(['01', '04', '08', '79']);
  });

  it('rejects an unknown old code with one line naming file, row and column, exit 2', () => {
    const text = readFileSync(join(dir, 'data.csv'), 'utf8').split('\n');
    // data row 6 (file row 7) gets province 99, not an old province code
    const cells = text[6]!.split(',');
    cells[1] = '99';
    text[6] = cells.join(',');
    writeFileSync(join(dir, 'bad.csv'), text.join('\n'));
    const r = openpapi(...args(join(dir, 'bad.csv'), join(dir, 'o.csv')));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual([
      'openpapi: bad.csv, row 7, column province: province "99" is not one of the 63 old province codes of the crosswalk (--geography 34 expects old codes such as 01, 02, 79)',
    ]);
  });
});
