/**
 * `openpapi backup`: a consistent snapshot of every table into a portable archive (see format.ts),
 * taken while the server keeps running. Consistency: all tables are read inside ONE read transaction —
 * SQLite (WAL) keeps the snapshot of the first read for the whole transaction without blocking writers;
 * PostgreSQL runs it REPEATABLE READ, READ ONLY. So a batch committed half-way through the backup is
 * either wholly in it or wholly out of it.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { createGzip } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import type { DbHandle } from '../db/connection.js';
import { TABLES_IN_DEPENDENCY_ORDER } from '../db/migrate.js';
import type { Database } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, encodeCell } from './format.js';
import { appliedMigrations, describeTable, listDatabaseTables, type TableInfo } from './introspect.js';

/** Rows read per query (keyset pagination on the primary key keeps memory flat). */
const PAGE = 2000;

export interface BackupSummary {
  file: string;
  bytes: number;
  rows: Record<string, number>;
  migrations: string[];
  ms: number;
}

export interface BackupOptions {
  /** Test hook: called after each table is written, while the snapshot is still open. */
  afterTable?: (table: string) => Promise<void>;
}

/** Refuses to run when the database holds a table that TABLES_IN_DEPENDENCY_ORDER does not list. */
export async function checkTableList(handle: Pick<DbHandle, 'db' | 'dialect' | 'schema'>): Promise<void> {
  const present = await listDatabaseTables(handle);
  const listed = new Set<string>(TABLES_IN_DEPENDENCY_ORDER);
  const missing = present.filter((t) => !listed.has(t));
  if (missing.length > 0) {
    throw new Error(
      `table(s) ${missing.join(', ')} exist in the database but not in TABLES_IN_DEPENDENCY_ORDER (server/db/migrate.ts); ` +
        'add them there so backups include them',
    );
  }
}

async function* readRows(db: Kysely<Database>, info: TableInfo): AsyncGenerator<Record<string, unknown>[]> {
  const table = sql.table(info.name);
  const cols = sql.join(info.columns.map((c) => sql.ref(c)));
  if (info.primaryKey.length === 0) {
    yield (await sql<Record<string, unknown>>`select ${cols} from ${table}`.execute(db)).rows;
    return;
  }
  const key = sql.join(info.primaryKey.map((c) => sql.ref(c)));
  let last: unknown[] | undefined;
  for (;;) {
    const after = last ? sql`where (${key}) > (${sql.join(last)})` : sql``;
    const { rows } = await sql<
      Record<string, unknown>
    >`select ${cols} from ${table} ${after} order by ${key} limit ${PAGE}`.execute(db);
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE) return;
    const tail = rows[rows.length - 1]!;
    last = info.primaryKey.map((c) => tail[c]);
  }
}

/** Writes a gzip'd JSON-lines snapshot of every table to `file` (via a temporary file, renamed at the end). */
export async function writeBackup(handle: DbHandle, file: string, options: BackupOptions = {}): Promise<BackupSummary> {
  const started = performance.now();
  await checkTableList(handle);
  const partial = `${file}.partial`;
  const gzip = createGzip();
  const out = createWriteStream(partial);
  gzip.pipe(out);
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
  };

  const rows: Record<string, number> = {};
  let migrations: string[] = [];
  try {
    let tx = handle.db.transaction();
    if (handle.dialect === 'postgres') tx = tx.setIsolationLevel('repeatable read').setAccessMode('read only');
    await tx.execute(async (trx) => {
      // The first read fixes the snapshot (SQLite WAL and PostgreSQL REPEATABLE READ alike).
      migrations = await appliedMigrations({ db: trx, dialect: handle.dialect, schema: handle.schema });
      if (migrations.length === 0) throw new Error(`${handle.url} is not an OpenPAPI database (no migrations applied)`);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: nowIso(),
        dialect: handle.dialect,
        migrations,
        tables: [...TABLES_IN_DEPENDENCY_ORDER],
      };
      await write(header);
      for (const table of TABLES_IN_DEPENDENCY_ORDER) {
        const info = await describeTable({ db: trx, dialect: handle.dialect, schema: handle.schema }, table);
        await write({ table, columns: info.columns });
        let n = 0;
        for await (const page of readRows(trx, info)) {
          for (const r of page) await write(info.columns.map((c) => encodeCell(r[c])));
          n += page.length;
        }
        await write({ end: table, rows: n });
        rows[table] = n;
        if (options.afterTable) await options.afterTable(table);
      }
      await write({ end: 'backup', rows });
    });
    gzip.end();
    await once(out, 'close');
    await rename(partial, file);
  } catch (err) {
    gzip.destroy();
    out.destroy();
    await rm(partial, { force: true });
    throw err;
  }
  const { size } = await stat(file);
  return { file, bytes: size, rows, migrations, ms: performance.now() - started };
}
