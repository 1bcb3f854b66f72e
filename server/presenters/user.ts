/**
 * What the API shows for an account: never the password hash. `Me` is the signed-in user
 * (GET /api/auth/me); `UserDto` adds the administrative fields for /api/users.
 */
import { z } from 'zod';
import type { AppUserTable } from '../db/schema.js';
import type { Principal, RoleGrant } from '../policies/principal.js';

export const RoleDtoSchema = z
  .object({
    id: z.string(),
    role: z.enum(['system_admin', 'province_officer', 'commune_officer', 'viewer']),
    unitId: z.string().nullable().meta({ example: 'vn2025:33', description: 'null for system_admin' }),
    unitNameVi: z.string().nullable().meta({ example: 'Hưng Yên' }),
    unitNameEn: z.string().nullable().meta({ example: 'Hung Yen' }),
  })
  .meta({ id: 'Role' });
export type RoleDto = z.infer<typeof RoleDtoSchema>;

export const MeSchema = z
  .object({
    id: z.string(),
    username: z.string().meta({ example: 'tinh.hungyen' }),
    displayName: z.string(),
    locale: z.string().meta({ example: 'vi' }),
    roles: z.array(RoleDtoSchema),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export const UserDtoSchema = MeSchema.extend({
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastLoginAt: z.string().nullable(),
}).meta({ id: 'User' });
export type UserDto = z.infer<typeof UserDtoSchema>;

export const presentRole = (g: RoleGrant): RoleDto => ({
  id: g.id,
  role: g.role,
  unitId: g.unitId,
  unitNameVi: g.unitNameVi,
  unitNameEn: g.unitNameEn,
});

export const presentMe = (p: Principal): Me => ({
  id: p.userId,
  username: p.username,
  displayName: p.displayName,
  locale: p.locale,
  roles: p.roles.map(presentRole),
});

export const presentUser = (u: Omit<AppUserTable, 'password_hash'>, roles: readonly RoleGrant[]): UserDto => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  locale: u.locale,
  roles: roles.map(presentRole),
  disabled: u.disabled === 1,
  createdAt: u.created_at,
  updatedAt: u.updated_at,
  lastLoginAt: u.last_login_at,
});
