import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { parseCell, readSurveyCsv } from './survey-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-csv-'));
const file = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

describe('parseCell', () => {
  it('is bit-identical to Number() on plain decimals and falls back on the rest', () => {
    const cases = [
      '0',
      '-0',
      '1.',
      '.5',
      '717.74',
      '-12.50',
      '123456789012345',
      '1234567890123456.7',
      '1e5',
      '+3',
      ' 3',
      '0.1',
      '99.9',
    ];
    for (const s of cases) expect(Object.is(parseCell(s), Number(s)), s).toBe(true);
    for (let k = 0; k < 20000; k++) {
      const s = (Math.random() * 10 ** (k % 9)).toFixed(k % 6);
      expect(parseCell(s)).toBe(Number(s));
    }
  });
});

describe('readSurveyCsv', () => {
  it('reads labels as codes, numbers with NaN for empty/NA, and leaves non-numeric columns out', async () => {
    const f = file(
      'a.csv',
      '\uFEFFid,prov,w,q1,q2,note\r\n1,Huế,1.5,3,,x\r\n2,"Hà Nội, HN",2,NA,1,y\r\n3,Huế,2.5,4,0,\r\n',
    );
    const t = await readSurveyCsv(f, {
      labels: ['prov'],
      numeric: ['w'],
      autoNumeric: { exclude: ['id', 'prov', 'w'] },
    });
    expect(t.rows).toBe(3);
    expect(t.labels.get('prov')).toEqual({ codes: Int32Array.from([0, 1, 0]), labels: ['Huế', 'Hà Nội, HN'] });
    expect(Array.from(t.numeric.get('w')!)).toEqual([1.5, 2, 2.5]);
    expect(Array.from(t.numeric.get('q1')!)).toEqual([3, Number.NaN, 4]);
    expect(Array.from(t.numeric.get('q2')!)).toEqual([Number.NaN, 1, 0]);
    expect(t.numeric.has('note')).toBe(false);
  });

  it('reads more rows than one storage chunk', async () => {
    const n = 70_000;
    const lines = ['s,w,y'];
    for (let i = 0; i < n; i++) lines.push(`s${i % 3},1,${i}`);
    const t = await readSurveyCsv(file('big.csv', `${lines.join('\n')}\n`), { labels: ['s'], numeric: ['w', 'y'] });
    expect(t.rows).toBe(n);
    expect(t.numeric.get('y')![n - 1]).toBe(n - 1);
    expect(t.labels.get('s')!.codes[n - 1]).toBe((n - 1) % 3);
  });

  it('names file, row and column of bad values', async () => {
    const f = file('bad.csv', 'id,w,s\n1,2,a\n2,-1,b\n');
    await expect(readSurveyCsv(f, { numeric: ['w'], nonNegative: ['w'] })).rejects.toThrow(
      expect.objectContaining({ location: { file: 'bad.csv', row: 3, column: 'w' } }),
    );
    await expect(readSurveyCsv(f, { numeric: ['zz'] })).rejects.toThrow(InputError);
    await expect(readSurveyCsv(file('empty.csv', ''), { numeric: [] })).rejects.toThrow(/empty/);
    await expect(readSurveyCsv(file('head.csv', 'a,b\n'), { numeric: [] })).rejects.toThrow(/no data rows/);
  });

  it('rejects a row with too few fields instead of merging it with the next line', async () => {
    const f = file('short.csv', 'id,w,x\n1,1,2\n2,1\n3,1,4\n');
    const err = await readSurveyCsv(f, { numeric: ['w', 'x'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(String(err)).toBe(
      "short.csv, row 3, column w: the row has fewer fields than the header's 3 (or a line break inside a field)",
    );
  });

  it('rejects a row with too many fields when the last column is numeric', async () => {
    const f = file('long.csv', 'id,w,x\n1,1,2\n2,1,3,9\n');
    const err = await readSurveyCsv(f, { numeric: ['w', 'x'] }).catch((e: unknown) => e);
    expect(String(err)).toBe("long.csv, row 3: the row has more fields than the header's 3");
  });

  it('keeps a quoted comma in a trailing text column', async () => {
    const f = file('text.csv', 'id,w,note\n1,1,"Hà Nội, Việt Nam"\n2,2,ok\n');
    const t = await readSurveyCsv(f, { numeric: ['w'] });
    expect(t.rows).toBe(2);
    expect([...t.numeric.get('w')!]).toEqual([1, 2]);
  });

  it('names the line of a blank line inside the data, even across read chunks, and accepts trailing blank lines', async () => {
    const err = await readSurveyCsv(file('blank.csv', 'id,w\n1,1\n\n2,2\n'), { numeric: ['w'] }).catch(
      (e: unknown) => e,
    );
    expect(String(err)).toBe('blank.csv, row 3: blank line inside the data');
    // A blank line far beyond the first 1 MiB read chunk.
    const body = Array.from({ length: 120_000 }, (_, i) => `${i},${i % 7}`).join('\n');
    const big = `id,w\n${body}\n\n1,1\n`;
    const err2 = await readSurveyCsv(file('blank-big.csv', big), { numeric: ['w'] }).catch((e: unknown) => e);
    expect(String(err2)).toBe(`blank-big.csv, row ${120_000 + 2}: blank line inside the data`);
    const ok = await readSurveyCsv(file('trailing.csv', 'id,w\n1,1\n2,2\n\n\n'), { numeric: ['w'] });
    expect(ok.rows).toBe(2);
  });
});
