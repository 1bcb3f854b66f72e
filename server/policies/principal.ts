/**
 * The signed-in caller as every authorisation decision sees it: who they are and which roles they hold
 * on which unit (đơn vị). A role's reach is the subtree of its unit (unit.path prefix).
 */
import type { Actor } from '../audit/actor.js';

export const ROLES = ['system_admin', 'province_officer', 'commune_officer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** One role assignment, with the unit it is bound to. */
export interface RoleGrant {
  /** role_assignment.id */
  id: string;
  role: Role;
  /** null only for system_admin (reach: everything). */
  unitId: string | null;
  /** Materialised path of the unit ('/vn2025:33/'); '/' for a grant without unit (the whole tree). */
  unitPath: string;
  unitNameVi: string | null;
  unitNameEn: string | null;
}

export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  locale: string;
  roles: RoleGrant[];
  /** SHA-256 id of the session the request came with (never the cookie token). */
  sessionId: string | null;
}

/** The audit actor for writes made on behalf of a principal. */
export const actorOf = (principal: Principal): Actor => ({
  kind: 'user',
  userId: principal.userId,
  username: principal.username,
});

export const isSystemAdmin = (principal: Principal | null): boolean =>
  principal?.roles.some((r) => r.role === 'system_admin') ?? false;

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, set from the session cookie by server/auth; null when anonymous. */
    principal: Principal | null;
  }
}
