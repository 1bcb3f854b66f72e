import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { systemActor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import { importUnits } from '../commands/unitsImporter.js';
import { type DbHandle, type Dialect, openDatabase } from '../db/connection.js';
import { REFERENCE_TABLES, TABLES_IN_DEPENDENCY_ORDER } from '../db/migrate.js';
import { createTestDatabase, DIALECTS, TEST_PG_URL, type TestDatabase } from '../db/testing.js';
import { inTransaction } from '../db/transaction.js';
import { writeBackup } from './backup.js';
import { tableContents } from './contents.js';
import { describeTable, listDatabaseTables } from './introspect.js';
import { parentsFirst, restoreBackup } from './restore.js';

const work = mkdtempSync(join(tmpdir(), 'openpapi-backup-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let seq = 0;
const archivePath = () => join(work, `b${++seq}.jsonl.gz`);

/** Puts rows in every table: the units import, two users with roles and a session, tricky text. */
async function fillEveryTable(h: DbHandle): Promise<void> {
  await importUnits(h.db, systemActor('units-import'));
  const t = '2026-01-02T03:04:05.678Z';
  await inTransaction(h.db, async (tx) => {
    await tx
      .insertInto('app_user')
      .values([
        {
          id: 'u1',
          username: 'admin',
          display_name: 'Quản trị "viên"\nhai dòng',
          password_hash: '$argon2id$x',
          locale: 'vi',
          disabled: 0,
          created_at: t,
          updated_at: t,
          last_login_at: null,
        },
        {
          id: 'u2',
          username: 'xa.anthi',
          display_name: 'Xã Ân Thi 😀',
          password_hash: '$argon2id$y',
          locale: 'en',
          disabled: 1,
          created_at: t,
          updated_at: t,
          last_login_at: t,
        },
      ])
      .execute();
    await tx
      .insertInto('role_assignment')
      .values([
        { id: 'r1', user_id: 'u1', role: 'system_admin', unit_id: null, created_at: t },
        { id: 'r2', user_id: 'u2', role: 'commune_officer', unit_id: 'vn2025:12142', created_at: t },
      ])
      .execute();
    await tx
      .insertInto('session')
      .values({ id: 'ab'.repeat(32), user_id: 'u1', created_at: t, expires_at: t, last_seen_at: t, user_agent: null })
      .execute();
    await tx
      .insertInto('app_meta')
      .values({ key: 'tricky', value: 'tab\there, back\\slash, no NUL, ‘quotes’' })
      .execute();
    await recordAudit(
      tx,
      { kind: 'user', userId: 'u1', username: 'admin' },
      { action: 'login', entityType: 'session', entityId: 'x' },
    );
  });
}

/** A second connection to the same database (another process, as far as locking goes). */
function secondHandle(tdb: TestDatabase): DbHandle {
  return tdb.dialect === 'sqlite' ? openDatabase(tdb.url) : openDatabase(TEST_PG_URL, { schema: tdb.schema });
}

function archiveLines(file: string): unknown[] {
  return gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe.each(DIALECTS)('backup and restore on %s', (dialect) => {
  let source: TestDatabase;
  let archive: string;

  beforeAll(async () => {
    source = await createTestDatabase(dialect);
    await fillEveryTable(source);
    archive = archivePath();
    await writeBackup(source, archive);
  });
  afterAll(async () => source.destroy());

  it('TABLES_IN_DEPENDENCY_ORDER lists every table of the migrated schema, parents before children', async () => {
    const present = await listDatabaseTables(source);
    // A later module that adds a table must list it, or backups would silently drop it.
    expect(present).toEqual([...TABLES_IN_DEPENDENCY_ORDER].sort());
    for (const [i, table] of TABLES_IN_DEPENDENCY_ORDER.entries()) {
      const info = await describeTable(source, table);
      for (const fk of info.foreignKeys) {
        if (fk.refTable === table) continue;
        expect(
          TABLES_IN_DEPENDENCY_ORDER.indexOf(fk.refTable as never),
          `${table}.${fk.column} → ${fk.refTable}`,
        ).toBeLessThan(i);
      }
    }
    expect((await describeTable(source, 'unit')).foreignKeys).toContainEqual({
      column: 'parent_id',
      refTable: 'unit',
      refColumn: 'id',
    });
    expect((await describeTable(source, 'unit_crosswalk')).primaryKey).toEqual([
      'from_unit_id',
      'to_unit_id',
      'effective_date',
    ]);
  });

  it('refuses to back up a database holding a table the list does not name', async () => {
    const db = await createTestDatabase(dialect);
    try {
      await sql`create table stray (id text primary key)`.execute(db.db);
      await expect(writeBackup(db, archivePath())).rejects.toThrow(/stray .*TABLES_IN_DEPENDENCY_ORDER/);
    } finally {
      await db.destroy();
    }
  });

  it('writes a header, every table in dependency order, and a trailer', () => {
    const lines = archiveLines(archive);
    expect(lines[0]).toMatchObject({
      format: 'openpapi-backup',
      version: 1,
      dialect,
      migrations: expect.arrayContaining(['0001_foundation']),
      tables: [...TABLES_IN_DEPENDENCY_ORDER],
    });
    const starts = lines.filter((l): l is { table: string } => typeof l === 'object' && l !== null && 'table' in l);
    expect(starts.map((s) => s.table)).toEqual([...TABLES_IN_DEPENDENCY_ORDER]);
    expect(lines.at(-1)).toMatchObject({ end: 'backup', rows: { unit: 3418, unit_crosswalk: 63, app_user: 2 } });
  });

  it('round trip: restore into an empty database reproduces every row of every table', async () => {
    const target = await createTestDatabase(dialect);
    try {
      const summary = await restoreBackup(target, archive);
      expect(summary.rows.unit).toBe(3418);
      expect(await tableContents(target)).toEqual(await tableContents(source));
    } finally {
      await target.destroy();
    }
  });

  it('refuses a target that already holds data, and leaves it as it was', async () => {
    const target = await createTestDatabase(dialect);
    try {
      await target.db.insertInto('app_meta').values({ key: 'k', value: 'v' }).execute();
      const before = await tableContents(target);
      const err = await restoreBackup(target, archive).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).message).toMatch(/not empty: app_meta \(1 rows\)/);
      expect(await tableContents(target)).toEqual(before);
    } finally {
      await target.destroy();
    }
  });

  it('rejects a truncated or foreign archive and writes nothing', async () => {
    const lines = gunzipSync(readFileSync(archive)).toString('utf8').split('\n');
    const truncated = archivePath();
    writeFileSync(truncated, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
    const notGzip = archivePath();
    writeFileSync(notGzip, 'code,name\n01,Hà Nội\n');
    const future = archivePath();
    const header = JSON.parse(lines[0]!) as { migrations: string[] };
    header.migrations.push('9999_from_the_future');
    writeFileSync(future, gzipSync([JSON.stringify(header), ...lines.slice(1)].join('\n')));
    const badHeader = archivePath();
    writeFileSync(badHeader, gzipSync('{"format":"something-else"}\n'));
    const target = await createTestDatabase(dialect);
    try {
      await expect(restoreBackup(target, truncated)).rejects.toThrow(/truncated|ends inside/);
      await expect(restoreBackup(target, notGzip)).rejects.toThrow(/not a gzip file/);
      await expect(restoreBackup(target, badHeader)).rejects.toThrow(/bad header/);
      await expect(restoreBackup(target, future)).rejects.toThrow(
        /newer OpenPAPI: migration\(s\) 9999_from_the_future/,
      );
      await expect(restoreBackup(target, join(work, 'missing.gz'))).rejects.toThrow(/file not found/);
      const contents = await tableContents(target);
      // Only the reference rows the migrations insert (REFERENCE_TABLES) may be there.
      expect(
        Object.entries(contents).every(([t, rows]) => REFERENCE_TABLES.includes(t as never) || rows.length === 0),
      ).toBe(true);
    } finally {
      await target.destroy();
    }
  });

  it('a snapshot does not see a batch still being written', async () => {
    const writer = secondHandle(source);
    const file = archivePath();
    try {
      await inTransaction(writer.db, async (tx) => {
        await tx.insertInto('app_meta').values({ key: 'half-1', value: 'first half of a batch' }).execute();
        // The backup runs to the end while the writer's transaction is open (it must not wait for it).
        await writeBackup(source, file);
        await tx.insertInto('app_meta').values({ key: 'half-2', value: 'second half' }).execute();
      });
      const keys = archiveLines(file).filter((l) => Array.isArray(l) && (l[0] === 'half-1' || l[0] === 'half-2'));
      expect(keys).toEqual([]);
      // The batch is committed now, and a new backup has both halves.
      const again = archivePath();
      await writeBackup(source, again);
      expect(archiveLines(again).filter((l) => Array.isArray(l) && String(l[0]).startsWith('half-'))).toHaveLength(2);
    } finally {
      await writer.db.deleteFrom('app_meta').where('key', 'like', 'half-%').execute();
      await writer.close();
    }
  });

  it('a snapshot taken before a commit does not include it, though later tables are read after it', async () => {
    const writer = secondHandle(source);
    const file = archivePath();
    let committed = false;
    try {
      await writeBackup(source, file, {
        afterTable: async (table) => {
          if (table !== 'unit' || committed) return;
          // One transaction touching a table already written (unit) and one still to come (audit_log).
          await inTransaction(writer.db, async (tx) => {
            await tx
              .insertInto('unit')
              .values({
                id: 'local:x',
                code_system: 'local',
                code: 'x',
                name_vi: 'X',
                name_en: 'X',
                full_name_vi: 'X',
                full_name_en: 'X',
                name_folded: 'x',
                unit_type: 'office',
                level: 2,
                parent_id: 'vn2025:33',
                path: '/vn2025:33/local:x/',
                valid_from: null,
                valid_to: null,
                created_at: 'now',
                updated_at: 'now',
              })
              .execute();
            await recordAudit(tx, systemActor('test'), { action: 'create', entityType: 'unit', entityId: 'local:x' });
          });
          committed = true;
        },
      });
      expect(committed).toBe(true);
      const lines = archiveLines(file);
      expect(lines.some((l) => Array.isArray(l) && l[0] === 'local:x')).toBe(false);
      expect(lines.some((l) => Array.isArray(l) && l.includes('local:x'))).toBe(false);
      expect(lines.at(-1)).toMatchObject({ rows: { audit_log: 3418 + 63 + 1 } });
    } finally {
      await inTransaction(writer.db, async (tx) => {
        await tx.deleteFrom('audit_log').where('entity_id', '=', 'local:x').execute();
        await tx.deleteFrom('unit').where('id', '=', 'local:x').execute();
      });
      await writer.close();
    }
  });
});

const crossPairs: [Dialect, Dialect][] = DIALECTS.includes('postgres')
  ? [
      ['sqlite', 'postgres'],
      ['postgres', 'sqlite'],
    ]
  : [];

describe.each(crossPairs)('backup from %s, restore into %s', (from, to) => {
  it('reproduces every row, and back again', async () => {
    const a = await createTestDatabase(from);
    const b = await createTestDatabase(to);
    const c = await createTestDatabase(from);
    try {
      await fillEveryTable(a);
      const ab = archivePath();
      await writeBackup(a, ab);
      await restoreBackup(b, ab);
      const expected = await tableContents(a);
      expect(await tableContents(b)).toEqual(expected);
      const ba = archivePath();
      await writeBackup(b, ba);
      await restoreBackup(c, ba);
      expect(await tableContents(c)).toEqual(expected);
    } finally {
      await Promise.all([a.destroy(), b.destroy(), c.destroy()]);
    }
  });
});

describe('parentsFirst', () => {
  it('orders self-referencing rows so every parent precedes its children', () => {
    const cols = ['id', 'parent_id'];
    const rows = [
      ['c', 'b'],
      ['d', null],
      ['b', 'a'],
      ['a', null],
      ['e', 'elsewhere'],
    ];
    const out = parentsFirst(rows, cols, [{ column: 'parent_id', refColumn: 'id' }]);
    const pos = (id: string) => out.findIndex((r) => r[0] === id);
    expect(out).toHaveLength(5);
    expect(pos('a')).toBeLessThan(pos('b'));
    expect(pos('b')).toBeLessThan(pos('c'));
  });
  it('reports a cycle instead of looping', () => {
    expect(() =>
      parentsFirst(
        [
          ['a', 'b'],
          ['b', 'a'],
        ],
        ['id', 'parent_id'],
        [{ column: 'parent_id', refColumn: 'id' }],
      ),
    ).toThrow(/cycle/);
  });
});
