/**
 * Creating an account (tài khoản) with its initial roles. The password is hashed with argon2id here;
 * neither password nor hash reaches the audit log. Authorisation is the caller's job.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { InputError } from '../../core/errors.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import { assertPasswordStrength, hashPassword } from '../auth/password.js';
import { UsernameSchema } from '../auth/usernames.js';
import type { Database } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { inTransaction } from '../db/transaction.js';
import { conflict } from '../http/errors.js';
import { type AssignedRole, insertRole, type RoleInput } from './roleAssigner.js';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface CreateUserInput {
  username: string;
  password: string;
  /** Defaults to the username. */
  displayName?: string;
  locale?: Locale;
  roles?: RoleInput[];
}

export interface CreatedUser {
  id: string;
  username: string;
  displayName: string;
  locale: Locale;
  roles: AssignedRole[];
}

/** Normalised username or InputError (400) naming the field. */
export function parseUsername(username: string): string {
  const parsed = UsernameSchema.safeParse(username);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues[0]?.message ?? 'Invalid username',
      { path: ['username'] },
      'invalid_username',
    );
  }
  return parsed.data;
}

export function parseDisplayName(displayName: string): string {
  const name = displayName.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name.length < 1 || name.length > 120) {
    throw new InputError('Display name must have 1–120 characters', { path: ['displayName'] }, 'invalid_display_name');
  }
  return name;
}

export async function createUser(db: Kysely<Database>, actor: Actor, input: CreateUserInput): Promise<CreatedUser> {
  const username = parseUsername(input.username);
  const displayName = parseDisplayName(input.displayName ?? username);
  assertPasswordStrength(input.password);
  const locale = input.locale ?? 'vi';
  const passwordHash = await hashPassword(input.password); // outside the transaction: ~10 ms of CPU

  return inTransaction(db, async (tx) => {
    const taken = await tx.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
    if (taken) throw conflict(`Username ${username} is already taken`, ['username']);
    const id = randomUUID();
    const now = nowIso();
    await tx
      .insertInto('app_user')
      .values({
        id,
        username,
        display_name: displayName,
        password_hash: passwordHash,
        locale,
        disabled: 0,
        created_at: now,
        updated_at: now,
        last_login_at: null,
      })
      .execute();
    const firstUnit = input.roles?.find((r) => r.role !== 'system_admin')?.unitId ?? null;
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'user',
      entityId: id,
      unitId: firstUnit,
      after: { id, username, displayName, locale, disabled: false },
    });
    const roles: AssignedRole[] = [];
    for (const [i, role] of (input.roles ?? []).entries()) {
      try {
        roles.push(await insertRole(tx, actor, { id, username }, role));
      } catch (err) {
        if (err instanceof InputError) err.location.path = ['roles', i, ...(err.location.path ?? [])];
        throw err;
      }
    }
    return { id, username, displayName, locale, roles };
  });
}
