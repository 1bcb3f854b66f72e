/**
 * Test harness: every integration suite runs against real SQLite AND real PostgreSQL.
 * PostgreSQL is 127.0.0.1:5432, database `test` (override with TEST_DATABASE_URL); each test
 * database is a fresh schema, dropped afterwards. Under CI=true an unreachable PostgreSQL fails
 * the run; elsewhere its suites are skipped with a loud warning.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DbHandle, type Dialect, openDatabase } from './connection.js';
import { migrateToLatest } from './migrate.js';

export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function resolveDialects(): Promise<Dialect[]> {
  if (await postgresReachable()) return ['sqlite', 'postgres'];
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but PostgreSQL is not reachable at ${TEST_PG_URL}; integration tests need it.`);
  }
  process.stderr.write(
    `\n!!! PostgreSQL not reachable at ${TEST_PG_URL}: PostgreSQL suites are SKIPPED (set CI=true to fail instead)\n\n`,
  );
  return ['sqlite'];
}

/** The dialects this run tests, decided once per process. Use with `describe.each(DIALECTS)`. */
export const DIALECTS: Dialect[] = await resolveDialects();

export interface TestDatabase extends DbHandle {
  /** Drops the PostgreSQL schema or deletes the SQLite file. */
  destroy(): Promise<void>;
}

/** A fresh, migrated, empty database of the given dialect. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'openpapi-test-'));
    const handle = openDatabase(`sqlite:${join(dir, 'test.sqlite')}`);
    await migrateToLatest(handle);
    return {
      ...handle,
      destroy: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = openDatabase(TEST_PG_URL, { schema, maxConnections: 4 });
  await migrateToLatest(handle);
  return {
    ...handle,
    destroy: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}
