/**
 * `openpapi users …`: in-process on both dialects (the command with an injected database and stdin),
 * plus the real binary on SQLite (a child process, exit codes and one-line errors).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../server/auth/password.js';
import { insertFixtureUnits, UNITS } from '../server/auth/testing.js';
import { openDatabase } from '../server/db/connection.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../server/db/testing.js';
import { registerUsers } from './commands/users.js';

describe.each(DIALECTS)('openpapi users on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
  });
  afterAll(async () => tdb.destroy());

  async function run(args: string[], stdin = '', env: NodeJS.ProcessEnv = {}) {
    let out = '';
    const program = new Command('openpapi').exitOverride();
    registerUsers(program, {
      open: async () => ({ ...tdb, close: async () => undefined }),
      stdin: Readable.from([stdin]),
      write: (t) => {
        out += t;
      },
      env,
    });
    await program.parseAsync(['users', ...args], { from: 'user' });
    return out;
  }

  const userRow = (username: string) =>
    tdb.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();

  it('create-admin: reads the password from stdin, stores an argon2id hash, grants system_admin', async () => {
    const out = await run(
      ['create-admin', '--username', 'Root', '--password-stdin', '--display-name', 'Quản trị'],
      'a-long-secret-1\n',
    );
    expect(out).toBe('Created system administrator root.\n');
    const row = await userRow('root');
    expect(row?.display_name).toBe('Quản trị');
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row?.password_hash ?? '', 'a-long-secret-1')).toBe(true); // trailing newline dropped
    const roles = await tdb.db
      .selectFrom('role_assignment')
      .selectAll()
      .where('user_id', '=', row?.id ?? '')
      .execute();
    expect(roles.map((r) => [r.role, r.unit_id])).toEqual([['system_admin', null]]);
    const audit = await tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', row?.id ?? '')
      .execute();
    expect(audit).toMatchObject([{ actor_name: 'system:cli', action: 'create', entity_type: 'user' }]);
  });

  it('create-admin: refuses an existing username, weak passwords, and a missing password off a terminal', async () => {
    await expect(run(['create-admin', '--username', 'ROOT', '--password-stdin'], 'another-long-one')).rejects.toThrow(
      'user root already exists',
    );
    await expect(run(['create-admin', '--username', 'root2', '--password-stdin'], 'short\n')).rejects.toMatchObject({
      code: 'weak_password',
    });
    await expect(run(['create-admin', '--username', 'root2'])).rejects.toThrow(/--password-stdin or --password-env/);
    await expect(run(['create-admin', '--username', 'root2', '--password-env', 'NOPE'])).rejects.toThrow(
      /NOPE is not set/,
    );
    expect(await userRow('root2')).toBeUndefined();
  });

  it('create-admin on a terminal: asks twice without echo, refuses two different answers', async () => {
    const terminal = (answers: string[]) => {
      const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
      let out = '';
      const write = (t: string) => {
        out += t;
        // Type the next answer (with a typo fixed by backspace) when a prompt appears.
        if (t.startsWith('Password')) setImmediate(() => input.write(`${answers.shift()}x\u007f\r`));
      };
      return { input, write, out: () => out };
    };
    const run2 = async (answers: string[], username: string) => {
      const t = terminal(answers);
      const program = new Command('openpapi').exitOverride();
      registerUsers(program, {
        open: async () => ({ ...tdb, close: async () => undefined }),
        stdin: t.input,
        write: t.write,
        env: {},
      });
      await program.parseAsync(['users', 'create-admin', '--username', username], { from: 'user' });
      return t.out();
    };
    expect(await run2(['typed-on-a-tty', 'typed-on-a-tty'], 'tty.admin')).toBe(
      'Password: \nPassword again: \nCreated system administrator tty.admin.\n',
    );
    expect(await verifyPassword((await userRow('tty.admin'))?.password_hash ?? '', 'typed-on-a-tty')).toBe(true);
    await expect(run2(['typed-on-a-tty', 'typed-on-a-ttY'], 'tty.other')).rejects.toThrow('the two passwords differ');
    expect(await userRow('tty.other')).toBeUndefined();
  });

  it('create-admin --password-env, assign-role, set-password and list', async () => {
    await run(['create-admin', '--username', 'second', '--password-env', 'PW'], '', { PW: 'from-the-env-1' });
    expect(await verifyPassword((await userRow('second'))?.password_hash ?? '', 'from-the-env-1')).toBe(true);

    expect(await run(['assign-role', '--username', 'second', '--role', 'province_officer', '--unit', UNITS.A])).toBe(
      `second is now province_officer on ${UNITS.A}.\n`,
    );
    await expect(run(['assign-role', '--username', 'second', '--role', 'viewer'])).rejects.toMatchObject({
      code: 'unit_required',
    });
    await expect(
      run(['assign-role', '--username', 'second', '--role', 'viewer', '--unit', 'vn2025:nope']),
    ).rejects.toMatchObject({
      code: 'unknown_unit',
    });
    await expect(run(['assign-role', '--username', 'ghost', '--role', 'viewer', '--unit', UNITS.A])).rejects.toThrow(
      'no user named ghost',
    );
    await expect(
      run(['assign-role', '--username', 'second', '--role', 'province_officer', '--unit', UNITS.A]),
    ).rejects.toMatchObject({
      code: 'conflict',
    });

    await run(['set-password', '--username', 'second', '--password-stdin'], 'changed-secret-2\r\n');
    expect(await verifyPassword((await userRow('second'))?.password_hash ?? '', 'changed-secret-2')).toBe(true);

    const lines = (await run(['list'])).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^username\s+display name\s+status\s+roles\s+last login$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/))).toEqual([
      ['root', 'Quản trị', 'active', 'system_admin', '-'],
      ['second', 'second', 'active', `system_admin, province_officer@${UNITS.A}`, '-'],
      ['tty.admin', 'tty.admin', 'active', 'system_admin', '-'],
    ]);
    const changes = await tdb.db.selectFrom('audit_log').selectAll().where('action', '=', 'password_change').execute();
    expect(changes).toHaveLength(1);
    expect(JSON.stringify(changes)).not.toContain('changed-secret-2');
  });
});

describe('openpapi users (child process, SQLite)', () => {
  const root = join(import.meta.dirname, '..');
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const dir = mkdtempSync(join(tmpdir(), 'openpapi-users-'));
  const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, OPENPAPI_DATA_DIR: dir };
  const openpapi = (args: string[], input = '') => {
    const r = spawnSync(tsx, [join(root, 'cli', 'main.ts'), 'users', ...args], {
      cwd: root,
      env,
      input,
      encoding: 'utf8',
    });
    return { code: r.status, out: r.stdout, err: r.stderr.replace(/npm warn[^\n]*\n/g, '') };
  };

  it('creates the first admin and exits 2 with one line on refusal', async () => {
    const ok = openpapi(['create-admin', '--username', 'admin', '--password-stdin'], 'first-admin-pw\n');
    expect(ok).toMatchObject({ code: 0, out: 'Created system administrator admin.\n', err: '' });
    const dup = openpapi(['create-admin', '--username', 'admin', '--password-stdin'], 'first-admin-pw\n');
    expect(dup.code).toBe(2);
    expect(dup.err).toBe('openpapi: user admin already exists\n');
    const weak = openpapi(['create-admin', '--username', 'other', '--password-stdin'], 'short\n');
    expect(weak.code).toBe(2);
    expect(weak.err).toBe('openpapi: field password: Password must have at least 10 characters\n');
    const list = openpapi(['list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^admin\s+admin\s+active\s+system_admin\s+-$/m);
    const handle = openDatabase(env.DATABASE_URL);
    const n = await handle.db.selectFrom('app_user').select('username').execute();
    await handle.close();
    expect(n).toEqual([{ username: 'admin' }]);
  }, 60_000);
});
