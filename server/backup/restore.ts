/**
 * `openpapi restore`: loads a backup archive (format.ts) into an EMPTY database of either dialect.
 * The target is migrated first; a database that already holds rows is refused. Every row goes in
 * within ONE transaction, tables parents-first, rows of self-referencing tables (unit.parent_id)
 * parents-first, in batches below both dialects' bound-parameter limits.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { sql } from 'kysely';
import { InputError } from '../../core/errors.js';
import type { DbHandle } from '../db/connection.js';
import { migrateToLatest, REFERENCE_TABLES, TABLES_IN_DEPENDENCY_ORDER } from '../db/migrate.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { BackupHeader, type Cell, decodeCell, TableEnd, TableStart, Trailer } from './format.js';
import { appliedMigrations, describeTable, type ForeignKey } from './introspect.js';

/** SQLite binds at most 32,766 variables per statement, PostgreSQL 65,535; stay well below both. */
const MAX_PARAMS = 30_000;
const MAX_BATCH_ROWS = 1000;

export interface RestoreSummary {
  file: string;
  sourceDialect: string;
  createdAt: string;
  rows: Record<string, number>;
  ms: number;
}

/**
 * Counts rows in every table we own; a restore target must have none, except the reference rows the
 * migrations insert (REFERENCE_TABLES), which the archive's rows replace.
 */
export async function nonEmptyTables(handle: Pick<DbHandle, 'db'>): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const t of TABLES_IN_DEPENDENCY_ORDER) {
    if ((REFERENCE_TABLES as readonly string[]).includes(t)) continue;
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(handle.db);
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) found[t] = n;
  }
  return found;
}

/** Orders rows so every row comes after the row its self-reference points to (parents first). */
export function parentsFirst(
  rows: unknown[][],
  columns: string[],
  selfRefs: Pick<ForeignKey, 'column' | 'refColumn'>[],
): unknown[][] {
  if (selfRefs.length === 0) return rows;
  const refs = selfRefs.map((f) => ({ col: columns.indexOf(f.column), key: columns.indexOf(f.refColumn) }));
  const done = new Set<string>();
  const present = new Set<string>();
  for (const r of rows) for (const f of refs) present.add(`${f.key}:${String(r[f.key])}`);
  const ordered: unknown[][] = [];
  let pending = rows;
  while (pending.length > 0) {
    const next: unknown[][] = [];
    for (const r of pending) {
      const ready = refs.every((f) => {
        const v = r[f.col];
        // Null, or a parent outside this table's rows (the database will judge), or one already placed.
        return v === null || !present.has(`${f.key}:${String(v)}`) || done.has(`${f.key}:${String(v)}`);
      });
      if (ready) {
        ordered.push(r);
        for (const f of refs) done.add(`${f.key}:${String(r[f.key])}`);
      } else next.push(r);
    }
    if (next.length === pending.length) throw new Error('cycle in self-referencing rows; cannot order parents first');
    pending = next;
  }
  return ordered;
}

async function insertBatch(tx: Tx, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  const values = sql.join(rows.map((r) => sql`(${sql.join(r)})`));
  await sql`insert into ${sql.table(table)} (${cols}) values ${values}`.execute(tx);
}

/**
 * Restores `file` into `handle`'s database. Throws InputError (nothing written) when the archive is not
 * a backup, was made by a newer schema, does not fit this schema, is truncated, or the target is not empty.
 */
export async function restoreBackup(handle: DbHandle, file: string): Promise<RestoreSummary> {
  const started = performance.now();
  await migrateToLatest(handle);
  const targetMigrations = new Set(await appliedMigrations(handle));
  const occupied = await nonEmptyTables(handle);
  if (Object.keys(occupied).length > 0) {
    const what = Object.entries(occupied)
      .map(([t, n]) => `${t} (${n} rows)`)
      .join(', ');
    throw new InputError(
      `the target database is not empty: ${what}. Restore only into an empty database (create a new one, or a new SQLite file)`,
      { file },
      'restore_target_not_empty',
    );
  }

  let lineNo = 0;
  const fail = (message: string): never => {
    throw new InputError(message, { file, row: lineNo }, 'invalid_backup');
  };
  const parseLine = (line: string): unknown => {
    try {
      return JSON.parse(line);
    } catch {
      return fail('not a JSON line; is this an OpenPAPI backup (gzip JSON lines)?');
    }
  };

  const rows: Record<string, number> = {};
  let header: BackupHeader | undefined;
  try {
    await inTransaction(handle.db, async (tx) => {
      let table: string | undefined;
      let columns: string[] = [];
      let selfRefs: ForeignKey[] = [];
      let buffered: unknown[][] = [];
      let count = 0;
      let batchRows = MAX_BATCH_ROWS;
      let trailer = false;
      const tablesSeen: string[] = [];

      const lines = createInterface({
        // pipeline(), unlike pipe(), hands a read or gunzip error on to the line reader. Created here,
        // right before iterating: lines emitted before `for await` starts would be lost.
        input: pipeline(createReadStream(file), createGunzip(), () => undefined),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      for await (const line of lines) {
        lineNo++;
        if (line === '') continue;
        const value = parseLine(line);
        if (!header) {
          const h = BackupHeader.safeParse(value);
          if (!h.success) fail('not an OpenPAPI backup archive (bad header), or a newer format version');
          header = h.data!;
          const unknown = header.migrations.filter((m) => !targetMigrations.has(m));
          if (unknown.length > 0) {
            fail(`made by a newer OpenPAPI: migration(s) ${unknown.join(', ')} unknown here; upgrade first`);
          }
          continue;
        }
        if (trailer) fail('data after the end of the backup');
        if (Array.isArray(value)) {
          if (!table) fail('a row outside any table');
          if (value.length !== columns.length)
            fail(`row has ${value.length} values, the table ${columns.length} columns`);
          buffered.push((value as Cell[]).map((v) => decodeCell(v, handle.dialect)));
          count++;
          if (selfRefs.length === 0 && buffered.length >= batchRows) {
            await insertBatch(tx, table!, columns, buffered);
            buffered = [];
          }
          continue;
        }
        const start = TableStart.safeParse(value);
        if (start.success) {
          if (table) fail(`table ${start.data.table} starts before ${table} ends`);
          table = start.data.table;
          if (!(TABLES_IN_DEPENDENCY_ORDER as readonly string[]).includes(table)) fail(`unknown table ${table}`);
          // Reference rows put there by the migrations give way to the archive's (possibly edited) rows.
          if ((REFERENCE_TABLES as readonly string[]).includes(table)) {
            await sql`delete from ${sql.table(table)}`.execute(tx);
          }
          const info = await describeTable({ db: tx, dialect: handle.dialect, schema: handle.schema }, table);
          const extra = start.data.columns.filter((c) => !info.columns.includes(c));
          if (extra.length > 0) fail(`table ${table}: column(s) ${extra.join(', ')} do not exist here`);
          columns = start.data.columns;
          selfRefs = info.foreignKeys.filter((f) => f.refTable === table);
          batchRows = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMS / columns.length)));
          count = 0;
          continue;
        }
        const trail = Trailer.safeParse(value);
        if (trail.success) {
          if (table) fail(`backup ends inside table ${table}`);
          for (const t of tablesSeen) {
            if (trail.data.rows[t] !== rows[t])
              fail(`table ${t}: trailer says ${trail.data.rows[t]} rows, found ${rows[t]}`);
          }
          trailer = true;
          continue;
        }
        const end = TableEnd.safeParse(value);
        if (end.success) {
          if (end.data.end !== table) fail(`end of ${end.data.end} while reading ${table ?? 'no table'}`);
          if (end.data.rows !== count) fail(`table ${table}: expected ${end.data.rows} rows, found ${count}`);
          const ordered = parentsFirst(buffered, columns, selfRefs);
          for (let i = 0; i < ordered.length; i += batchRows) {
            await insertBatch(tx, table!, columns, ordered.slice(i, i + batchRows));
          }
          buffered = [];
          rows[table!] = count;
          tablesSeen.push(table!);
          table = undefined;
          continue;
        }
        fail('unrecognised line');
      }
      if (!header) fail('empty archive');
      if (!trailer) fail('the archive is truncated (no end-of-backup line)');
    });
  } catch (err) {
    if (err instanceof Error && 'code' in err && (err.code === 'Z_DATA_ERROR' || err.code === 'Z_BUF_ERROR')) {
      throw new InputError(`not a gzip file or corrupted (${err.message})`, { file }, 'invalid_backup');
    }
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') {
      throw new InputError('file not found', { file }, 'file_not_found');
    }
    throw err;
  }
  return {
    file,
    sourceDialect: header!.dialect,
    createdAt: header!.createdAt,
    rows,
    ms: performance.now() - started,
  };
}
