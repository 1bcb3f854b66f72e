/**
 * Sessions, the Lucia pattern: the cookie holds a random 32-byte token; the database keeps only its
 * SHA-256 (session.id), so a leaked database grants no session. Sliding expiry: every use pushes the
 * expiry SESSION_TTL_MS ahead (written at most once a minute).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Tx } from '../db/transaction.js';

export const SESSION_COOKIE = 'openpapi_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Don't rewrite the expiry on every request: only when the last refresh is older than this. */
export const SESSION_REFRESH_AFTER_MS = 60 * 1000;

type Db = Kysely<Database> | Tx;

export const sessionIdOf = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface NewSession {
  /** Goes into the cookie, nowhere else. */
  token: string;
  id: string;
  expiresAt: Date;
}

export async function createSession(
  db: Db,
  userId: string,
  userAgent: string | null,
  now: Date = new Date(),
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const id = sessionIdOf(token);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db
    .insertInto('session')
    .values({
      id,
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      last_seen_at: now.toISOString(),
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, id, expiresAt };
}

export interface ValidSession {
  id: string;
  userId: string;
  expiresAt: Date;
  /** True when this validation pushed the expiry (the cookie should be re-sent). */
  refreshed: boolean;
}

/** The live session for a cookie token, or null (unknown, expired — then deleted — or user disabled). */
export async function validateSession(
  db: Kysely<Database>,
  token: string,
  now: Date = new Date(),
): Promise<ValidSession | null> {
  const id = sessionIdOf(token);
  const row = await db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select(['session.id', 'session.user_id', 'session.expires_at', 'session.last_seen_at', 'app_user.disabled'])
    .where('session.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  if (row.disabled || row.expires_at <= now.toISOString()) {
    await db.deleteFrom('session').where('id', '=', id).execute();
    return null;
  }
  if (now.getTime() - Date.parse(row.last_seen_at) < SESSION_REFRESH_AFTER_MS) {
    return { id, userId: row.user_id, expiresAt: new Date(row.expires_at), refreshed: false };
  }
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db
    .updateTable('session')
    .set({ expires_at: expiresAt.toISOString(), last_seen_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
  return { id, userId: row.user_id, expiresAt, refreshed: true };
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

/** Ends every session of a user (password change, account disabled), except `keepId`. Returns how many. */
export async function deleteUserSessions(db: Db, userId: string, keepId?: string | null): Promise<number> {
  let q = db.deleteFrom('session').where('user_id', '=', userId);
  if (keepId) q = q.where('id', '<>', keepId);
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Housekeeping: drops expired sessions. */
export async function deleteExpiredSessions(db: Db, now: Date = new Date()): Promise<number> {
  const res = await db.deleteFrom('session').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(res.numDeletedRows);
}
