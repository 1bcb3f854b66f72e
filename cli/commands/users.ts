/**
 * `openpapi users …`: accounts from the command line, on the database of `openpapi serve`
 * ($DATABASE_URL, or the embedded SQLite file under $OPENPAPI_DATA_DIR).
 *
 *   users create-admin --username U [--password-stdin | --password-env VAR] [--display-name N]
 *                      (no password option on a terminal: asks twice, without echo)
 *   users list
 *   users set-password --username U [--password-stdin | --password-env VAR]
 *   users assign-role --username U --role R [--unit vn2025:33]
 *
 * Writes go through server/commands and are audited as actor `system:cli`.
 */
import type { Command } from 'commander';
import { InputError } from '../../core/errors.js';
import { systemActor } from '../../server/audit/actor.js';
import { MIN_PASSWORD_LENGTH } from '../../server/auth/password.js';
import { loadRoleGrants } from '../../server/auth/principal.js';
import { normalizeUsername } from '../../server/auth/usernames.js';
import { assignRole } from '../../server/commands/roleAssigner.js';
import { createUser } from '../../server/commands/userCreator.js';
import { setUserPassword } from '../../server/commands/userUpdater.js';
import { loadConfig } from '../../server/config.js';
import { type DbHandle, openDatabase } from '../../server/db/connection.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { HttpError } from '../../server/http/errors.js';
import { ROLES } from '../../server/policies/principal.js';

type Input = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

export interface UsersCommandDeps {
  /** Opens and migrates the database (default: from the environment, as `serve` does). */
  open?: () => Promise<DbHandle>;
  stdin?: Input;
  /** Where prompts and results go (default: process.stdout). */
  write?: (text: string) => void;
  env?: NodeJS.ProcessEnv;
}

interface PasswordOptions {
  passwordStdin?: boolean;
  passwordEnv?: string;
}

const actor = systemActor('cli');

async function readAll(input: Input): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads one line from a terminal without echoing it. */
function promptHidden(input: Input, write: (text: string) => void, question: string): Promise<string> {
  write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    input.setRawMode?.(true);
    input.resume();
    const onData = (data: Buffer | string) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(value));
        if (ch === '\u0003') return finish(() => reject(new InputError('cancelled')));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const finish = (done: () => void) => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      write('\n');
      done();
    };
    input.on('data', onData);
  });
}

async function readPassword(opts: PasswordOptions, deps: Required<UsersCommandDeps>): Promise<string> {
  if (opts.passwordStdin && opts.passwordEnv) {
    throw new InputError('use either --password-stdin or --password-env, not both');
  }
  if (opts.passwordEnv) {
    const value = deps.env[opts.passwordEnv];
    if (value === undefined) throw new InputError(`environment variable ${opts.passwordEnv} is not set`);
    return value;
  }
  if (opts.passwordStdin) return (await readAll(deps.stdin)).replace(/\r?\n$/, '');
  if (!deps.stdin.isTTY) {
    throw new InputError('no password given: use --password-stdin or --password-env VAR (or run on a terminal)');
  }
  const first = await promptHidden(deps.stdin, deps.write, 'Password: ');
  if (first.length < MIN_PASSWORD_LENGTH) {
    throw new InputError(`password must have at least ${MIN_PASSWORD_LENGTH} characters`, {}, 'weak_password');
  }
  const second = await promptHidden(deps.stdin, deps.write, 'Password again: ');
  if (first !== second) throw new InputError('the two passwords differ');
  return first;
}

/** Runs `work` on an open database; HTTP-style errors become one-line CLI errors. */
async function withDatabase<T>(deps: Required<UsersCommandDeps>, work: (handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = await deps.open();
  try {
    return await work(handle);
  } catch (err) {
    if (err instanceof HttpError) throw new InputError(err.message, { path: err.path }, err.code);
    throw err;
  } finally {
    await handle.close();
  }
}

async function findUserId(handle: DbHandle, username: string): Promise<string> {
  const name = normalizeUsername(username);
  const row = await handle.db.selectFrom('app_user').select('id').where('username', '=', name).executeTakeFirst();
  if (!row) throw new InputError(`no user named ${name}`, {}, 'unknown_user');
  return row.id;
}

export function registerUsers(program: Command, options: UsersCommandDeps = {}): void {
  const env = options.env ?? process.env;
  const deps: Required<UsersCommandDeps> = {
    env,
    stdin: options.stdin ?? process.stdin,
    write: options.write ?? ((text) => process.stdout.write(text)),
    open:
      options.open ??
      (async () => {
        const handle = openDatabase(loadConfig(env).databaseUrl);
        await migrateToLatest(handle);
        return handle;
      }),
  };
  const say = (line: string) => deps.write(`${line}\n`);

  const users = program.command('users').description('Manage accounts: first admin, list, passwords, roles');

  users
    .command('create-admin')
    .description('Create a system administrator (the first account of a new installation)')
    .requiredOption('--username <username>', 'login name (letters, digits, . - _)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--password-env <VAR>', 'read the password from this environment variable')
    .option('--display-name <name>', 'name shown in the app (default: the username)')
    .action(async (opts: PasswordOptions & { username: string; displayName?: string }) => {
      await withDatabase(deps, async (handle) => {
        const username = normalizeUsername(opts.username);
        const exists = await handle.db
          .selectFrom('app_user')
          .select('id')
          .where('username', '=', username)
          .executeTakeFirst();
        if (exists) throw new InputError(`user ${username} already exists`, {}, 'conflict');
        const password = await readPassword(opts, deps);
        const user = await createUser(handle.db, actor, {
          username,
          password,
          displayName: opts.displayName,
          roles: [{ role: 'system_admin' }],
        });
        say(`Created system administrator ${user.username}.`);
      });
    });

  users
    .command('list')
    .description('List accounts with their roles')
    .action(async () => {
      await withDatabase(deps, async (handle) => {
        const rows = await handle.db
          .selectFrom('app_user')
          .select(['id', 'username', 'display_name', 'disabled', 'last_login_at'])
          .orderBy('username')
          .execute();
        const roles = await loadRoleGrants(
          handle.db,
          rows.map((r) => r.id),
        );
        const table = [['username', 'display name', 'status', 'roles', 'last login']];
        for (const r of rows) {
          const granted = (roles.get(r.id) ?? []).map((g) => (g.unitId ? `${g.role}@${g.unitId}` : g.role));
          table.push([
            r.username,
            r.display_name,
            r.disabled ? 'disabled' : 'active',
            granted.join(', ') || '-',
            r.last_login_at?.slice(0, 16).replace('T', ' ') ?? '-',
          ]);
        }
        const widths = table[0]?.map((_, i) => Math.max(...table.map((row) => [...(row[i] ?? '')].length))) ?? [];
        for (const row of table)
          say(
            row
              .map((cell, i) => cell.padEnd(widths[i] ?? 0))
              .join('  ')
              .trimEnd(),
          );
      });
    });

  users
    .command('set-password')
    .description("Set a user's password (ends all their sessions)")
    .requiredOption('--username <username>', 'login name')
    .option('--password-stdin', 'read the password from standard input')
    .option('--password-env <VAR>', 'read the password from this environment variable')
    .action(async (opts: PasswordOptions & { username: string }) => {
      await withDatabase(deps, async (handle) => {
        const id = await findUserId(handle, opts.username);
        await setUserPassword(handle.db, actor, id, await readPassword(opts, deps));
        say(`Password of ${normalizeUsername(opts.username)} changed; their sessions are signed out.`);
      });
    });

  users
    .command('assign-role')
    .description('Give a user a role on a unit (its reach is the unit subtree)')
    .requiredOption('--username <username>', 'login name')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--unit <id>', 'unit id, e.g. vn2025:33 (not for system_admin)')
    .action(async (opts: { username: string; role: string; unit?: string }) => {
      await withDatabase(deps, async (handle) => {
        const id = await findUserId(handle, opts.username);
        const role = await assignRole(handle.db, actor, id, { role: opts.role, unitId: opts.unit ?? null });
        say(`${normalizeUsername(opts.username)} is now ${role.role}${role.unitId ? ` on ${role.unitId}` : ''}.`);
      });
    });
}
