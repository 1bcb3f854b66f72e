/**
 * EVERY authorisation rule of OpenPAPI, in one readable function (README.md shows it as a table).
 * Rules are CASL (@casl/ability 7) rules with MongoDB-style conditions on the subject's `unitPath`:
 * a role reaches a subject when the subject's unit path starts with the path of the role's unit.
 *
 * Subjects are checked as plain objects tagged with their type, e.g.
 * `subject('Plan', { unitPath: '/vn2025:33/vn2025:12142/' })`; see request.ts for the helpers routes use.
 */
import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';
import type { Principal, Role } from './principal.js';

/** `manage` is CASL's wildcard: every action. */
export type Action = 'manage' | 'read' | 'create' | 'update' | 'delete';

/** Reference data anyone may read, signed in or not (official units, published PAPI scores, frameworks). */
export const PUBLIC_SUBJECTS = ['Unit', 'PublishedScore', 'Framework'] as const;

/**
 * Data owned by a unit, readable by every role in reach and writable by officers in reach.
 * A module whose records belong to a unit adds its subject name here (one word) and gets the standard
 * rules; `UnitData` is the generic name for anything else owned by a unit.
 */
export const UNIT_SCOPED_SUBJECTS = [
  'UnitData',
  'Plan', // kế hoạch
  'Task', // nhiệm vụ
  'Report', // báo cáo
  'Inspection', // kiểm tra
  'Feedback', // phản ánh, kiến nghị
  'Disclosure', // công khai
  'Survey', // khảo sát
  'IndexRun', // chỉ số (draft scores of a province's own run)
] as const;

export type PublicSubject = (typeof PUBLIC_SUBJECTS)[number];
export type UnitScopedSubject = (typeof UNIT_SCOPED_SUBJECTS)[number];
/** `Account` is the caller's own account (profile, language, password); `User` is anyone's, for administration. */
export type SubjectType =
  | PublicSubject
  | UnitScopedSubject
  | 'Account'
  | 'User'
  | 'RoleAssignment'
  | 'AuditLog'
  | 'all';

/** Attributes a checked subject carries. `unitPath` is the owning unit's path (see each subject below). */
export interface SubjectAttributes {
  /** Path of the unit the subject belongs to ('/vn2025:33/…/'); '' when it belongs to none. */
  unitPath: string;
  /** Unit: true for vn2008/vn2025 units (changed only by the import), false for local departments/offices. */
  official?: boolean;
  /** User: true when the user holds system_admin. */
  isSystemAdmin?: boolean;
  /** RoleAssignment: the role being granted or removed. */
  role?: string;
  [key: string]: unknown;
}

export type AppAbility = MongoAbility<[Action, SubjectType | SubjectAttributes]>;

/** Roles a province officer may grant (never system_admin). */
export const ROLES_GRANTABLE_BY_OFFICER: readonly Role[] = ['province_officer', 'commune_officer', 'viewer'];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Condition: the subject lies in the subtree of `unitPath`. */
export const withinUnit = (unitPath: string) => ({ unitPath: { $regex: `^${escapeRegExp(unitPath)}` } });

const scoped = [...UNIT_SCOPED_SUBJECTS];

/** What `principal` (null = anonymous) may do. Cheap; request.ts caches one per request. */
export function defineAbilityFor(principal: Principal | null): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);

  // Public reference data: everyone, including anonymous visitors.
  can('read', [...PUBLIC_SUBJECTS]);

  // Every signed-in user manages their own account (profile, language, password), whatever their roles.
  if (principal) can(['read', 'update'], 'Account');

  for (const grant of principal?.roles ?? []) {
    const within = withinUnit(grant.unitPath);
    switch (grant.role) {
      case 'system_admin':
        can('manage', 'all');
        break;
      case 'province_officer':
        can(['read', 'create', 'update', 'delete'], scoped, within);
        // Departments and offices (sở, phòng) under a unit in reach; renaming/closing local units in reach.
        can(['create', 'update'], 'Unit', within);
        // Users whose every role lies in reach (see userSubject), never system admins.
        can(['read', 'create', 'update'], 'User', { ...within, isSystemAdmin: false });
        can(['create', 'delete'], 'RoleAssignment', { ...within, role: { $in: [...ROLES_GRANTABLE_BY_OFFICER] } });
        break;
      case 'commune_officer':
        can(['read', 'create', 'update', 'delete'], scoped, within);
        can(['create', 'update'], 'Unit', within);
        break;
      case 'viewer':
        can('read', scoped, within);
        break;
    }
  }

  // Official units (vn2008/vn2025) change only through the units import, whoever asks.
  cannot('update', 'Unit', { official: true }).because('Official units change only through the units import');

  return build();
}

/**
 * The unit path a user "belongs to" for policy checks: the deepest unit containing every one of their
 * role units. A path prefix P contains all role units exactly when it is a prefix of this common path,
 * so `User` rules stay simple prefix conditions. A user without roles belongs nowhere (''); a
 * system_admin role (unit null) sits at the root ('/').
 */
export function commonUnitPath(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const first = split[0] ?? [];
  let depth = 0;
  while (depth < first.length && split.every((s) => s[depth] === first[depth])) depth++;
  return depth === 0 ? '/' : `/${first.slice(0, depth).join('/')}/`;
}
