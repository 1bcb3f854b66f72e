/**
 * Changing an account: display name, language, disabled flag, and the password. Disabling an account
 * or changing its password ends its other sessions. The audit row never carries the password or hash.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import { assertPasswordStrength, hashPassword } from '../auth/password.js';
import { deleteUserSessions } from '../auth/sessions.js';
import type { AppUserTable, Database } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { conflict, notFound } from '../http/errors.js';
import { type Locale, parseDisplayName } from './userCreator.js';

export interface UserPatch {
  displayName?: string;
  locale?: Locale;
  disabled?: boolean;
}

const auditView = (u: Pick<AppUserTable, 'id' | 'username' | 'display_name' | 'locale' | 'disabled'>) => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  locale: u.locale,
  disabled: u.disabled === 1,
});

async function loadUser(tx: Tx, userId: string) {
  const user = await tx.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('User');
  return user;
}

async function firstRoleUnit(tx: Tx, userId: string): Promise<string | null> {
  const row = await tx
    .selectFrom('role_assignment')
    .select('unit_id')
    .where('user_id', '=', userId)
    .where('unit_id', 'is not', null)
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.unit_id ?? null;
}

/** Applies a patch; writes (and audits) only when something changes. Returns whether it did. */
export async function updateUser(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  patch: UserPatch,
): Promise<boolean> {
  const displayName = patch.displayName === undefined ? undefined : parseDisplayName(patch.displayName);
  return inTransaction(db, async (tx) => {
    const before = await loadUser(tx, userId);
    const next = {
      ...before,
      display_name: displayName ?? before.display_name,
      locale: patch.locale ?? before.locale,
      disabled: patch.disabled === undefined ? before.disabled : patch.disabled ? 1 : 0,
    };
    if (
      next.display_name === before.display_name &&
      next.locale === before.locale &&
      next.disabled === before.disabled
    ) {
      return false;
    }
    if (next.disabled === 1 && actor.kind === 'user' && actor.userId === userId) {
      throw conflict('You cannot disable your own account', ['disabled']);
    }
    await tx
      .updateTable('app_user')
      .set({ display_name: next.display_name, locale: next.locale, disabled: next.disabled, updated_at: nowIso() })
      .where('id', '=', userId)
      .execute();
    if (next.disabled === 1) await deleteUserSessions(tx, userId);
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'user',
      entityId: userId,
      unitId: await firstRoleUnit(tx, userId),
      before: auditView(before),
      after: auditView(next),
    });
    return true;
  });
}

/**
 * Sets a new password (argon2id) and ends the user's sessions except `keepSessionId` (the session of a
 * user changing their own password stays signed in). Audited as 'password_change' without secrets.
 */
export async function setUserPassword(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  newPassword: string,
  keepSessionId: string | null = null,
): Promise<void> {
  assertPasswordStrength(newPassword);
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(db, async (tx) => {
    const user = await loadUser(tx, userId);
    await tx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, updated_at: nowIso() })
      .where('id', '=', userId)
      .execute();
    const sessionsEnded = await deleteUserSessions(tx, userId, keepSessionId);
    await recordAudit(tx, actor, {
      action: 'password_change',
      entityType: 'user',
      entityId: userId,
      unitId: await firstRoleUnit(tx, userId),
      after: { id: user.id, username: user.username, passwordChanged: true, sessionsEnded },
    });
  });
}
