/**
 * One query layer (Kysely) over two dialects: SQLite (embedded default, one file, WAL) and
 * PostgreSQL (`DATABASE_URL=postgres://…`). Everything above this file is dialect-blind.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import pg from 'pg';
import { SchemaScopedPostgresDialect } from './introspector.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The URL it was opened with (for messages and backup metadata; no secrets are printed). */
  url: string;
  /** PostgreSQL schema holding our tables ('public' unless a test isolates itself). */
  schema?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: put every table in this schema (tests use one schema per test file). */
  schema?: string;
  /** PostgreSQL pool size. */
  maxConnections?: number;
}

/** `sqlite:path/to/file.sqlite`, `sqlite::memory:`, a bare file path, or `postgres://…`. */
export function openDatabase(url: string, options: OpenOptions = {}): DbHandle {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options);
  const file = url.replace(/^sqlite:/, '');
  return openSqlite(file, url);
}

function openSqlite(file: string, url: string): DbHandle {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', url, close: () => db.destroy() };
}

function openPostgres(url: string, options: OpenOptions): DbHandle {
  const schema = options.schema ?? 'public';
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    // Our identifiers are plain snake_case, so quoting is never needed in search_path.
    options: schema === 'public' ? undefined : `-c search_path=${schema}`,
  });
  // An idle connection that the server drops (a restart, an administrator's terminate) is removed
  // from the pool and replaced on the next query; without a listener, node-postgres would re-throw
  // the 'error' event and take the whole process down with it.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL dropped an idle connection: ${err.message}`));
  const db = new Kysely<Database>({ dialect: new SchemaScopedPostgresDialect({ pool }, schema) });
  return { db, dialect: 'postgres', url, schema, close: () => db.destroy() };
}
