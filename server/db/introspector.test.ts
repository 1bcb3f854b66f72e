/**
 * PostgreSQL introspection sees only our own schema: migrations in one schema are not disturbed by
 * tables in, or the dropping of, any other schema (parallel test files do both all the time).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLES_IN_DEPENDENCY_ORDER } from './migrate.js';
import { createTestDatabase, DIALECTS, TEST_PG_URL, type TestDatabase } from './testing.js';

describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL introspection', () => {
  const open: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of open) await d.destroy().catch(() => undefined);
  });

  it('lists exactly our schema’s tables, with columns, and the migration tables only when asked', async () => {
    const a = await createTestDatabase('postgres');
    const b = await createTestDatabase('postgres');
    open.push(a, b);
    const tables = await a.db.introspection.getTables();
    expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([a.schema]));
    expect(tables.map((t) => t.name).sort()).toEqual([...TABLES_IN_DEPENDENCY_ORDER].sort());
    const unit = tables.find((t) => t.name === 'unit');
    expect(unit?.columns.find((c) => c.name === 'id')).toMatchObject({ dataType: 'text', isNullable: false });
    const withInternal = await a.db.introspection.getTables({ withInternalKyselyTables: true });
    expect(withInternal.map((t) => t.name)).toEqual(
      expect.arrayContaining(['kysely_migration', 'kysely_migration_lock']),
    );
  });

  it('migrates while other schemas are created and dropped around it', async () => {
    // Another connection creates and drops schemas with tables in a tight loop while we migrate.
    const other = new pg.Client({ connectionString: TEST_PG_URL });
    await other.connect();
    let stop = false;
    let dropped = 0;
    const churn = (async () => {
      while (!stop) {
        const s = `churn_${randomBytes(4).toString('hex')}`;
        await other.query(`create schema ${s}; create table ${s}.t (id serial primary key, x text)`);
        await other.query(`drop schema ${s} cascade`);
        dropped++;
      }
    })().then(
      () => null,
      (e: unknown) => e,
    );
    try {
      for (let i = 0; i < 5; i++) {
        const db = await createTestDatabase('postgres');
        open.push(db);
        expect(await db.db.selectFrom('unit').select('id').execute()).toEqual([]);
      }
    } finally {
      stop = true;
      expect(await churn).toBeNull();
      await other.end();
    }
    expect(dropped).toBeGreaterThan(5);
  });
});
