/**
 * `openpapi backup` / `openpapi restore` run as a user runs them (child processes on cli/main.ts):
 * SQLite → PostgreSQL → SQLite gives back every row; a backup taken while another process keeps
 * committing batches holds whole batches only; restore refuses a non-empty database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { systemActor } from '../server/audit/actor.js';
import { tableContents } from '../server/backup/contents.js';
import { importUnits } from '../server/commands/unitsImporter.js';
import { type DbHandle, openDatabase } from '../server/db/connection.js';
import { migrateToLatest, TABLES_IN_DEPENDENCY_ORDER } from '../server/db/migrate.js';
import { DIALECTS } from '../server/db/testing.js';
import { inTransaction } from '../server/db/transaction.js';
import { createPgDatabase, runOpenpapi } from './testing/cli.js';

const work = mkdtempSync(join(tmpdir(), 'openpapi-cli-backup-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  rmSync(work, { recursive: true, force: true });
});

const openpapi = (...args: string[]) => runOpenpapi(args, { OPENPAPI_DATA_DIR: join(work, 'var') });

/** A new empty database URL of the dialect: a SQLite file, or a fresh PostgreSQL database. */
async function newDatabaseUrl(dialect: 'sqlite' | 'postgres'): Promise<string> {
  if (dialect === 'sqlite') return `sqlite:${join(work, `${randomBytes(4).toString('hex')}.sqlite`)}`;
  const db = await createPgDatabase();
  cleanups.push(db.drop);
  return db.url;
}

async function open(url: string): Promise<DbHandle> {
  const h = openDatabase(url);
  cleanups.push(() => h.close());
  await migrateToLatest(h);
  return h;
}

async function filledDatabase(dialect: 'sqlite' | 'postgres'): Promise<{ url: string; handle: DbHandle }> {
  const url = await newDatabaseUrl(dialect);
  const handle = await open(url);
  await importUnits(handle.db, systemActor('units-import'));
  const t = '2026-01-02T03:04:05.678Z';
  await handle.db
    .insertInto('app_user')
    .values({
      id: 'u1',
      username: 'admin',
      display_name: 'Quản trị viên',
      password_hash: 'h',
      locale: 'vi',
      disabled: 0,
      created_at: t,
      updated_at: t,
      last_login_at: null,
    })
    .execute();
  await handle.db
    .insertInto('role_assignment')
    .values({ id: 'r1', user_id: 'u1', role: 'system_admin', unit_id: null, created_at: t })
    .execute();
  return { url, handle };
}

const other = (d: 'sqlite' | 'postgres') => (d === 'sqlite' && DIALECTS.includes('postgres') ? 'postgres' : 'sqlite');

describe.each(DIALECTS)('openpapi backup / restore from %s', (dialect) => {
  it(`round trip ${dialect} → ${other(dialect)} → ${dialect} keeps every row`, async () => {
    const source = await filledDatabase(dialect);
    const a = join(work, `${dialect}-a.jsonl.gz`);
    const b = join(work, `${dialect}-b.jsonl.gz`);
    const backup = await openpapi('backup', a, '--database', source.url);
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(
      new RegExp(`^backup: \\d+ rows in ${TABLES_IN_DEPENDENCY_ORDER.length} tables from ${dialect} → `),
    );

    const middleUrl = await newDatabaseUrl(other(dialect));
    const restored = await openpapi('restore', a, '--database', middleUrl);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.out).toContain(`into ${other(dialect)} (backup of ${dialect}`);
    expect((await openpapi('backup', b, '--database', middleUrl)).code).toBe(0);
    const finalUrl = await newDatabaseUrl(dialect);
    expect((await openpapi('restore', b, '--database', finalUrl)).code).toBe(0);

    const expected = await tableContents(source.handle);
    expect(expected.unit).toHaveLength(3418);
    expect(await tableContents(await open(middleUrl))).toEqual(expected);
    expect(await tableContents(await open(finalUrl))).toEqual(expected);

    const refused = await openpapi('restore', b, '--database', finalUrl);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^openpapi: .*-b\.jsonl\.gz: the target database is not empty: unit \(3418 rows\)/);
  }, 240_000);

  it('a backup taken while another process commits batches holds whole batches only', async () => {
    const source = await filledDatabase(dialect);
    const writer = openDatabase(source.url);
    cleanups.push(() => writer.close());
    const BATCH = 40;
    let stop = false;
    let batches = 0;
    // Each transaction writes BATCH app_meta rows and BATCH audit rows tagged with its batch number.
    const writing = (async () => {
      while (!stop) {
        const k = batches;
        await inTransaction(writer.db, async (tx) => {
          for (let i = 0; i < BATCH; i++) {
            await tx
              .insertInto('app_meta')
              .values({ key: `batch-${k}-${i}`, value: String(k) })
              .execute();
            await tx
              .insertInto('audit_log')
              .values({
                id: `batch-${k}-${i}`,
                at: new Date().toISOString(),
                actor_id: null,
                actor_name: 'system:test',
                action: 'test',
                entity_type: 'batch',
                entity_id: String(k),
                unit_id: null,
                before_json: null,
                after_json: null,
              })
              .execute();
          }
        });
        batches++;
        await new Promise((r) => setImmediate(r));
      }
    })().then(
      () => null,
      // Held as a value until the backup ends, so a failed write fails this test below instead of
      // surfacing meanwhile as an unhandled rejection of the whole run.
      (e: unknown) => e,
    );
    const file = join(work, `${dialect}-live.jsonl.gz`);
    const r = await openpapi('backup', file, '--database', source.url);
    stop = true;
    const writeError = await writing;
    expect(writeError).toBeNull();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(batches).toBeGreaterThan(0);

    const rows = gunzipSync(readFileSync(file))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as unknown)
      .filter((l): l is string[] => Array.isArray(l) && String(l[0]).startsWith('batch-'));
    const perBatch = new Map<string, number>();
    for (const row of rows) {
      const k = String(row[0]).split('-')[1]!;
      perBatch.set(k, (perBatch.get(k) ?? 0) + 1);
    }
    // Whole batches: 40 app_meta + 40 audit rows each, never part of one.
    for (const [k, n] of perBatch) expect(n, `batch ${k}`).toBe(2 * BATCH);
    process.stdout.write(
      `live backup on ${dialect}: ${perBatch.size} of ${batches} committed batches in the snapshot, all whole\n`,
    );
  }, 120_000);
});
