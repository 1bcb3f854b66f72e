/** Reading accounts for the users API, scoped by the same rules as single-user checks. */
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { commonUnitPath, type SubjectAttributes } from '../policies/ability.js';
import type { Principal, RoleGrant } from '../policies/principal.js';
import { unitPathInReach, unitReach } from '../policies/scope.js';
import { loadRoleGrants } from './principal.js';

const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'locale',
  'disabled',
  'created_at',
  'updated_at',
  'last_login_at',
] as const;

/**
 * The policy subject for a user: the deepest unit containing all their role units, and whether they are
 * a system admin (see commonUnitPath in policies/ability.ts).
 */
export function userSubject(roles: readonly RoleGrant[]): SubjectAttributes {
  return {
    unitPath: commonUnitPath(roles.map((r) => r.unitPath)),
    isSystemAdmin: roles.some((r) => r.role === 'system_admin'),
  };
}

export async function findUserWithRoles(db: Kysely<Database>, id: string) {
  const user = await db.selectFrom('app_user').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!user) return undefined;
  const roles = (await loadRoleGrants(db, [id])).get(id) ?? [];
  return { user, roles };
}

export interface UserListQuery {
  q?: string;
  limit: number;
  offset: number;
}

/**
 * Users the principal may read: all for system admins; for a province officer those with at least one
 * role and every role inside the officer's reach, none of them system_admin.
 */
export async function listUsers(db: Kysely<Database>, principal: Principal | null, query: UserListQuery) {
  const reach = unitReach(principal, 'read', 'User', { isSystemAdmin: false });
  let base = db.selectFrom('app_user');
  if (reach !== 'all') {
    base = base
      .where(({ exists, selectFrom }) =>
        exists(selectFrom('role_assignment as ra').select('ra.id').whereRef('ra.user_id', '=', 'app_user.id')),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('role_assignment as ra')
              .leftJoin('unit as u', 'u.id', 'ra.unit_id')
              .select('ra.id')
              .whereRef('ra.user_id', '=', 'app_user.id')
              .where((eb) =>
                eb.or([
                  eb('ra.role', '=', 'system_admin'),
                  eb('u.path', 'is', null),
                  eb.not(unitPathInReach(reach, 'u.path')),
                ]),
              ),
          ),
        ),
      );
  }
  if (query.q?.trim()) {
    const pattern = `%${query.q.trim().toLowerCase().replace(/[!%_]/g, '!$&')}%`;
    base = base.where(
      sql<SqlBool>`(lower(username) like ${pattern} escape '!' or lower(display_name) like ${pattern} escape '!')`,
    );
  }
  const total = await base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  const users = await base.select(USER_COLUMNS).orderBy('username').limit(query.limit).offset(query.offset).execute();
  const roles = await loadRoleGrants(
    db,
    users.map((u) => u.id),
  );
  return { total: Number(total.n), items: users.map((u) => ({ user: u, roles: roles.get(u.id) ?? [] })) };
}
