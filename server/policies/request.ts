/**
 * The helpers route handlers call. Pattern (see README.md):
 *
 *   const principal = await authorize(request, 'update', 'Plan', plan.unit_id); // 401 / 403 / 404
 *   ...write with actorOf(principal)...
 *   scopeToUnits(db.selectFrom('plan').selectAll(), request.principal, 'plan.unit_id')  // lists
 */
import { subject as tag } from '@casl/ability';
import type { FastifyRequest } from 'fastify';
import { forbidden, notFound, unauthorized } from '../http/errors.js';
import type { Action, SubjectAttributes, SubjectType } from './ability.js';
import type { Principal } from './principal.js';
import { abilityFor } from './scope.js';

/** The caller or 401. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

/** The path and kind of a unit, or undefined. */
export async function unitForPolicy(
  request: FastifyRequest,
  unitId: string,
): Promise<{ id: string; path: string; official: boolean } | undefined> {
  const row = await request.server.ctx.handle.db
    .selectFrom('unit')
    .select(['id', 'path', 'code_system'])
    .where('id', '=', unitId)
    .executeTakeFirst();
  return row ? { id: row.id, path: row.path, official: row.code_system !== 'local' } : undefined;
}

/**
 * Allows the request to do `action` on `subjectType`, or throws:
 *  - 401 when anonymous and the action is not public;
 *  - 403 when the caller's roles never allow it, or it targets something outside their reach;
 *  - 404 when `target` is a unit id that does not exist, and for READS outside reach (the entity is
 *    hidden, as if it did not exist; lists are scoped the same way).
 * `target`: omitted (type-level check, e.g. before a scoped list), a unit id (the subject belongs to
 * that unit), or the subject's attributes (`{ unitPath, ... }`).
 * Returns the principal (null only for public actions by anonymous callers).
 */
export async function authorize(
  request: FastifyRequest,
  action: Action,
  subjectType: SubjectType,
  target?: string | SubjectAttributes,
): Promise<Principal | null> {
  const principal = request.principal;
  const ability = abilityFor(principal);
  if (!ability.can(action, subjectType)) throw principal ? forbidden() : unauthorized();
  if (target === undefined) return principal;

  let attributes: SubjectAttributes;
  if (typeof target === 'string') {
    const unit = await unitForPolicy(request, target);
    if (!unit) throw notFound('Unit');
    attributes = { unitPath: unit.path, unitId: unit.id };
  } else {
    attributes = target;
  }
  const instance = tag(subjectType, { ...attributes });
  if (!ability.can(action, instance)) {
    if (!principal) throw unauthorized();
    const reason = ability.relevantRuleFor(action, instance)?.reason;
    if (action === 'read') throw notFound(subjectType);
    throw reason ? forbidden(reason) : forbidden();
  }
  return principal;
}

/** authorize() for actions that always need a signed-in caller; returns the principal. */
export async function authorizeUser(
  request: FastifyRequest,
  action: Action,
  subjectType: SubjectType,
  target?: string | SubjectAttributes,
): Promise<Principal> {
  await authorize(request, action, subjectType, target);
  return requirePrincipal(request);
}

/** Non-throwing check for presenters and UI hints (`canEdit` flags). */
export function can(
  principal: Principal | null,
  action: Action,
  subjectType: SubjectType,
  attributes?: SubjectAttributes,
): boolean {
  const ability = abilityFor(principal);
  return attributes ? ability.can(action, tag(subjectType, { ...attributes })) : ability.can(action, subjectType);
}
