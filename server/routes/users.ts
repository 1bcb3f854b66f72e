/**
 * Account administration (quản lý tài khoản). Who may do what is in server/policies (README table):
 * system admins everything; province officers users whose roles all lie in their province, never
 * granting system_admin; commune officers and viewers nothing (403). Reads outside reach answer 404.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { findUserWithRoles, listUsers, userSubject } from '../auth/users.js';
import { assignRole, removeRole } from '../commands/roleAssigner.js';
import { createUser, LOCALES } from '../commands/userCreator.js';
import { setUserPassword, updateUser } from '../commands/userUpdater.js';
import { notFound } from '../http/errors.js';
import { actorOf, ROLES, type Role } from '../policies/principal.js';
import { authorizeUser, unitForPolicy } from '../policies/request.js';
import { presentUser, UserDtoSchema } from '../presenters/user.js';

const RoleBody = z.object({
  role: z.enum(ROLES),
  unitId: z.string().min(1).nullish().meta({ description: 'required except for system_admin', example: 'vn2025:33' }),
});
const UserParams = z.object({ id: z.string().min(1) });
const UserResponse = z.object({ user: UserDtoSchema });
const NoContent = z.null().meta({ description: 'No content' });

/** The unit path a role would reach ('/' for system_admin); 400 when its unit does not exist. */
async function rolePath(request: FastifyRequest, role: Role, unitId: string | null | undefined, at: string[]) {
  if (role === 'system_admin') return '/';
  if (!unitId) throw new InputError(`Role ${role} needs a unit`, { path: [...at, 'unitId'] }, 'unit_required');
  const unit = await unitForPolicy(request, unitId);
  if (!unit) throw new InputError(`Unit ${unitId} does not exist`, { path: [...at, 'unitId'] }, 'unknown_unit');
  return unit.path;
}

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.handle;

  async function present(id: string) {
    const found = await findUserWithRoles(db, id);
    if (!found) throw notFound('User');
    return { user: presentUser(found.user, found.roles) };
  }

  /** The target user and the principal allowed to `action` it (404 when missing or unreadable). */
  async function target(request: FastifyRequest, id: string, action: 'read' | 'update') {
    await authorizeUser(request, action, 'User'); // 401/403 before revealing anything
    const found = await findUserWithRoles(db, id);
    if (!found) throw notFound('User');
    const principal = await authorizeUser(request, action, 'User', userSubject(found.roles));
    return { found, principal };
  }

  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Accounts the caller may manage',
        querystring: z.object({
          q: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(UserDtoSchema), total: z.number().int() }) },
      },
    },
    async (request) => {
      const principal = await authorizeUser(request, 'read', 'User');
      const { items, total } = await listUsers(db, principal, request.query);
      return { items: items.map((i) => presentUser(i.user, i.roles)), total };
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create an account with its first role',
        body: z.object({
          username: z.string().min(1).max(64),
          displayName: z.string().min(1).max(120).optional(),
          password: z.string().max(1000),
          locale: z.enum(LOCALES).optional(),
          role: RoleBody,
        }),
        response: { 201: UserResponse },
      },
    },
    async (request, reply) => {
      await authorizeUser(request, 'create', 'User');
      const { role, ...account } = request.body;
      const unitPath = await rolePath(request, role.role, role.unitId, ['body', 'role']);
      await authorizeUser(request, 'create', 'User', { unitPath, isSystemAdmin: role.role === 'system_admin' });
      const principal = await authorizeUser(request, 'create', 'RoleAssignment', { unitPath, role: role.role });
      const created = await createUser(db, actorOf(principal), { ...account, roles: [role] });
      return reply.status(201).send(await present(created.id));
    },
  );

  app.get(
    '/users/:id',
    {
      schema: { tags: ['users'], summary: 'One account', params: UserParams, response: { 200: UserResponse } },
    },
    async (request) => {
      await target(request, request.params.id, 'read');
      return present(request.params.id);
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change display name, language, disabled flag or password (reset)',
        params: UserParams,
        body: z.object({
          displayName: z.string().min(1).max(120).optional(),
          locale: z.enum(LOCALES).optional(),
          disabled: z.boolean().optional(),
          password: z.string().max(1000).optional(),
        }),
        response: { 200: UserResponse },
      },
    },
    async (request) => {
      const { principal } = await target(request, request.params.id, 'update');
      const { password, ...patch } = request.body;
      const actor = actorOf(principal);
      await updateUser(db, actor, request.params.id, patch);
      if (password !== undefined) {
        const keep = principal.userId === request.params.id ? principal.sessionId : null;
        await setUserPassword(db, actor, request.params.id, password, keep);
      }
      return present(request.params.id);
    },
  );

  app.post(
    '/users/:id/roles',
    {
      schema: {
        tags: ['users'],
        summary: 'Give the account a role on a unit',
        params: UserParams,
        body: RoleBody,
        response: { 201: UserResponse },
      },
    },
    async (request, reply) => {
      await target(request, request.params.id, 'update');
      const { role, unitId } = request.body;
      const unitPath = await rolePath(request, role, unitId, ['body']);
      const principal = await authorizeUser(request, 'create', 'RoleAssignment', { unitPath, role });
      await assignRole(db, actorOf(principal), request.params.id, { role, unitId });
      return reply.status(201).send(await present(request.params.id));
    },
  );

  app.delete(
    '/users/:id/roles/:roleId',
    {
      schema: {
        tags: ['users'],
        summary: 'Take a role away',
        params: z.object({ id: z.string().min(1), roleId: z.string().min(1) }),
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { found } = await target(request, request.params.id, 'update');
      const grant = found.roles.find((r) => r.id === request.params.roleId);
      if (!grant) throw notFound('Role assignment');
      const principal = await authorizeUser(request, 'delete', 'RoleAssignment', {
        unitPath: grant.unitPath,
        role: grant.role,
      });
      await removeRole(db, actorOf(principal), request.params.id, grant.id);
      return reply.status(204).send(null);
    },
  );
};
