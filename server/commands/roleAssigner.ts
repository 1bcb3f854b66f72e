/**
 * Giving and taking roles (vai trò) bound to a unit. Authorisation is the caller's job (routes use
 * server/policies); these functions validate, write and record the audit row in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { InputError } from '../../core/errors.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import type { Database } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { conflict, notFound } from '../http/errors.js';
import { isRole, type Role } from '../policies/principal.js';

export interface RoleInput {
  role: string;
  /** Required except for system_admin (whose reach is everything; stored without unit). */
  unitId?: string | null;
}

export interface AssignedRole {
  id: string;
  userId: string;
  role: Role;
  unitId: string | null;
}

/** What the audit log shows for a role assignment. */
const auditView = (r: AssignedRole, username: string) => ({
  id: r.id,
  userId: r.userId,
  username,
  role: r.role,
  unitId: r.unitId,
});

/** Inserts a role inside an open transaction (used by userCreator too). */
export async function insertRole(
  tx: Tx,
  actor: Actor,
  user: { id: string; username: string },
  input: RoleInput,
): Promise<AssignedRole> {
  if (!isRole(input.role)) {
    throw new InputError(`Unknown role ${input.role}`, { path: ['role'] }, 'unknown_role');
  }
  const unitId = input.role === 'system_admin' ? null : (input.unitId ?? null);
  if (input.role !== 'system_admin') {
    if (!unitId) throw new InputError(`Role ${input.role} needs a unit`, { path: ['unitId'] }, 'unit_required');
    const unit = await tx.selectFrom('unit').select('id').where('id', '=', unitId).executeTakeFirst();
    if (!unit) throw new InputError(`Unit ${unitId} does not exist`, { path: ['unitId'] }, 'unknown_unit');
  }
  let dup = tx.selectFrom('role_assignment').select('id').where('user_id', '=', user.id).where('role', '=', input.role);
  dup = unitId === null ? dup.where('unit_id', 'is', null) : dup.where('unit_id', '=', unitId);
  if (await dup.executeTakeFirst()) {
    throw conflict(`${user.username} already has role ${input.role}${unitId ? ` on ${unitId}` : ''}`, ['role']);
  }
  const assigned: AssignedRole = { id: randomUUID(), userId: user.id, role: input.role, unitId };
  await tx
    .insertInto('role_assignment')
    .values({ id: assigned.id, user_id: user.id, role: assigned.role, unit_id: unitId, created_at: nowIso() })
    .execute();
  await recordAudit(tx, actor, {
    action: 'create',
    entityType: 'role_assignment',
    entityId: assigned.id,
    unitId,
    after: auditView(assigned, user.username),
  });
  return assigned;
}

async function findUser(tx: Tx, userId: string) {
  const user = await tx.selectFrom('app_user').select(['id', 'username']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('User');
  return user;
}

export async function assignRole(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  input: RoleInput,
): Promise<AssignedRole> {
  return inTransaction(db, async (tx) => insertRole(tx, actor, await findUser(tx, userId), input));
}

/** Removes one role. Refuses to remove the last system_admin role of an enabled account (409). */
export async function removeRole(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  roleId: string,
): Promise<AssignedRole> {
  return inTransaction(db, async (tx) => {
    const user = await findUser(tx, userId);
    const row = await tx
      .selectFrom('role_assignment')
      .selectAll()
      .where('id', '=', roleId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row || !isRole(row.role)) throw notFound('Role assignment');
    if (row.role === 'system_admin') {
      const admins = await tx
        .selectFrom('role_assignment as ra')
        .innerJoin('app_user as u', 'u.id', 'ra.user_id')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('ra.role', '=', 'system_admin')
        .where('u.disabled', '=', 0)
        .executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1) throw conflict('This is the last system administrator; assign another one first');
    }
    const removed: AssignedRole = { id: row.id, userId, role: row.role, unitId: row.unit_id };
    await tx.deleteFrom('role_assignment').where('id', '=', roleId).execute();
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: 'role_assignment',
      entityId: row.id,
      unitId: row.unit_id,
      before: auditView(removed, user.username),
    });
    return removed;
  });
}
