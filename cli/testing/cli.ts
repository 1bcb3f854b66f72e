/**
 * Running `openpapi` as a user runs it, for the CLI tests: a child process on cli/main.ts, and fresh
 * PostgreSQL databases (the CLI takes a plain URL, so a schema per test is not enough).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { TEST_PG_URL } from '../../server/db/testing.js';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

export interface CliResult {
  code: number | null;
  out: string;
  /** stderr without npm's own configuration warnings. */
  err: string;
}

export function runOpenpapi(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(tsx, [join(root, 'cli', 'main.ts'), ...args], { cwd: root, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    // A child that cannot start (EAGAIN on a loaded machine) is a failed run with its reason, not a crash.
    child.on('error', (e) => resolve({ code: null, out, err: `${err}spawn failed: ${e.message}\n` }));
    child.on('close', (code) => resolve({ code, out, err: err.replace(/npm warn[^\n]*\n/g, '') }));
  });
}

/** The same, synchronously, for commands that need no concurrent work. */
export function runOpenpapiSync(args: readonly string[]): CliResult {
  const r = spawnSync(tsx, [join(root, 'cli', 'main.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr.replace(/npm warn[^\n]*\n/g, '') };
}

/** A new empty PostgreSQL database next to the test database; `drop` removes it. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `openpapi_cli_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
