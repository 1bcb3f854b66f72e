import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Tx } from '../db/transaction.js';
import { isRole, type Principal, type RoleGrant } from '../policies/principal.js';

type Db = Kysely<Database> | Tx;

/** Roles of the given users with their units (path and names), in assignment order. */
export async function loadRoleGrants(db: Db, userIds: readonly string[]): Promise<Map<string, RoleGrant[]>> {
  const out = new Map<string, RoleGrant[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('role_assignment as ra')
    .leftJoin('unit as u', 'u.id', 'ra.unit_id')
    .select(['ra.id', 'ra.user_id', 'ra.role', 'ra.unit_id', 'u.path', 'u.name_vi', 'u.name_en'])
    .where('ra.user_id', 'in', [...userIds])
    .orderBy('ra.created_at')
    .orderBy('ra.id')
    .execute();
  for (const r of rows) {
    if (!isRole(r.role)) continue; // unknown roles grant nothing
    out.get(r.user_id)?.push({
      id: r.id,
      role: r.role,
      unitId: r.unit_id,
      unitPath: r.unit_id === null ? '/' : (r.path ?? ''),
      unitNameVi: r.name_vi ?? null,
      unitNameEn: r.name_en ?? null,
    });
  }
  return out;
}

/** The principal for an enabled user, or null. */
export async function loadPrincipal(db: Db, userId: string, sessionId: string | null): Promise<Principal | null> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'locale', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled) return null;
  const roles = (await loadRoleGrants(db, [user.id])).get(user.id) ?? [];
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    locale: user.locale,
    roles,
    sessionId,
  };
}
