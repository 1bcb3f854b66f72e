/**
 * `openpapi units import|list|show` run as a user runs them (a child process on cli/main.ts), against
 * a SQLite file and a fresh PostgreSQL database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../server/db/testing.js';
import { copyUnitsDir, FAULT_CASES } from '../server/units/testing/unit-files.js';
import { createPgDatabase, runOpenpapi } from './testing/cli.js';

const work = mkdtempSync(join(tmpdir(), 'openpapi-cli-units-'));

const openpapi = (...args: string[]) => runOpenpapi(args, { OPENPAPI_DATA_DIR: join(work, 'var') });

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(DIALECTS)('openpapi units on %s', (dialect) => {
  let database: string;
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    if (dialect === 'sqlite') {
      database = `sqlite:${join(work, `units-${randomBytes(3).toString('hex')}.sqlite`)}`;
    } else {
      const created = await createPgDatabase();
      database = created.url;
      drop = created.drop;
    }
  });
  afterAll(async () => drop());

  it('imports the shipped units, and a second import changes nothing', async () => {
    const first = await openpapi('units', 'import', '--database', database);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('units: 3418 created, 0 updated, 0 unchanged');
    expect(first.out).toContain('crosswalk: 63 created');
    const ms = Number(/in (\d+) ms/.exec(first.out)?.[1]);
    process.stdout.write(`openpapi units import (${dialect}, child process): ${ms} ms\n`);
    expect(ms).toBeLessThan(5000);
    const second = await openpapi('units', 'import', '--database', database);
    expect(second.code).toBe(0);
    expect(second.out).toContain('units: 0 created, 0 updated, 3418 unchanged');
  });

  it('lists the 2008 province of Hà Nội for --as-of 2025-06-30 --type province --q "ha noi"', async () => {
    const r = await openpapi(
      'units',
      'list',
      '--as-of',
      '2025-06-30',
      '--type',
      'province',
      '--q',
      'ha noi',
      '--database',
      database,
    );
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+TYPE\s+NAME\s+ENGLISH\s+VALID$/);
    expect(lines[1]).toMatch(/^vn2008:01\s+centrally_run_city\s+Thành phố Hà Nội\s+Hanoi\s+→ 2025-06-30$/);
    expect(lines.at(-1)).toBe('1 of 1 unit(s) as of 2025-06-30');
  });

  it('lists as JSON with the API shape', async () => {
    const r = await openpapi(
      'units',
      'list',
      '--as-of',
      '2025-07-01',
      '--type',
      'commune',
      '--parent',
      'vn2025:33',
      '--json',
      '--limit',
      '5',
      '--database',
      database,
    );
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out) as { items: { parentId: string }[]; total: number; asOf: string };
    expect(body.asOf).toBe('2025-07-01');
    expect(body.items).toHaveLength(5);
    expect(body.total).toBeGreaterThan(100);
    expect(body.items.every((u) => u.parentId === 'vn2025:33')).toBe(true);
  });

  it('shows one unit with its ancestors and crosswalk', async () => {
    const r = await openpapi('units', 'show', 'vn2008:34', '--database', database);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Tỉnh Thái Bình (Thai Binh Province)');
    expect(r.out).toMatch(/crosswalk\s+→ vn2025:33 from 2025-07-01 \(full\)/);
    const json = await openpapi('units', 'show', 'vn2025:12142', '--json', '--database', database);
    expect(JSON.parse(json.out)).toMatchObject({ nameVi: 'Ân Thi', ancestors: [{ id: 'vn2025:33' }], childCount: 0 });
  });

  it('exits 2 with one line for an unknown id or a bad flag', async () => {
    const unknown = await openpapi('units', 'show', 'vn2025:99', '--database', database);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('openpapi: no unit with id "vn2025:99" (ids look like vn2025:33, vn2008:34)\n');
    const badType = await openpapi('units', 'list', '--type', 'tinh', '--database', database);
    expect(badType.code).toBe(2);
    expect(badType.err).toMatch(/^openpapi: --type "tinh" is not one of/);
  });

  it('rejects a malformed file naming file, row and column, exit 2, no stack trace, nothing changed', async () => {
    const fault = FAULT_CASES.find((f) => f.name === 'empty code')!;
    const dir = copyUnitsDir();
    try {
      fault.plant(dir);
      const r = await openpapi('units', 'import', '--dir', dir, '--database', database);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`openpapi: ${join(dir, 'communes_3321.csv')}, row 5, column code: code is empty\n`);
      expect(r.out).toBe('');
      const again = await openpapi('units', 'import', '--database', database);
      expect(again.out).toContain('units: 0 created, 0 updated, 3418 unchanged');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
