/**
 * SQL scoping derived from the same CASL rules as every other decision: a list query returns only rows
 * whose unit lies in the caller's reach. Rules for unit-scoped subjects are unit-path prefixes, so the
 * reach is probed from the ability at each of the principal's grant units.
 */
import { subject as tag } from '@casl/ability';
import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { type Action, type AppAbility, defineAbilityFor, type SubjectAttributes, type SubjectType } from './ability.js';
import type { Principal } from './principal.js';

/** 'all', or the unit paths whose subtrees the caller reaches (possibly none). */
export type Reach = 'all' | string[];

const abilities = new WeakMap<Principal, AppAbility>();
const ANONYMOUS = defineAbilityFor(null);

/** The (cached) ability of a principal; anonymous callers share one. */
export function abilityFor(principal: Principal | null): AppAbility {
  if (!principal) return ANONYMOUS;
  let ability = abilities.get(principal);
  if (!ability) {
    ability = defineAbilityFor(principal);
    abilities.set(principal, ability);
  }
  return ability;
}

/**
 * Where `principal` may do `action` on `subjectType` (default: read unit-owned data). Exact for subjects
 * whose rules are unit-path prefixes (public and unit-scoped subjects); pass the other attributes a rule
 * tests in `attributes` (User: `{ isSystemAdmin: false }`).
 */
export function unitReach(
  principal: Principal | null,
  action: Action = 'read',
  subjectType: SubjectType = 'UnitData',
  /** Other attributes the probed subject has (e.g. `{ isSystemAdmin: false }` for User). */
  attributes: Omit<SubjectAttributes, 'unitPath'> = {},
): Reach {
  const ability = abilityFor(principal);
  const at = (unitPath: string) => tag(subjectType, { ...attributes, unitPath } as SubjectAttributes);
  if (ability.can(action, at('/'))) return 'all';
  const paths = [...new Set((principal?.roles ?? []).map((g) => g.unitPath))]
    .filter((p) => ability.can(action, at(p)))
    .sort();
  // Drop paths inside another reached path: '/A/' already covers '/A/a1/'.
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
}

/** True when a unit with this path is in reach. */
export function reachIncludes(reach: Reach, unitPath: string): boolean {
  return reach === 'all' || reach.some((p) => unitPath.startsWith(p));
}

/** LIKE pattern matching every path under `prefix` ('!' escapes LIKE's wildcards). */
const likePrefix = (prefix: string): string => `${prefix.replace(/[!%_]/g, '!$&')}%`;

/**
 * A where-expression: `column` (a unit id column, qualify it in joins: 'task.unit_id') names a unit in
 * `reach`. Use as `.where(unitIdInReach(reach, 'task.unit_id'))`.
 */
export function unitIdInReach(reach: Reach, column: string): Expression<SqlBool> {
  if (reach === 'all') return sql<SqlBool>`1 = 1`;
  if (reach.length === 0) return sql<SqlBool>`1 = 0`;
  const likes = reach.map((p) => sql`scope_u.path like ${likePrefix(p)} escape '!'`);
  return sql<SqlBool>`${sql.ref(column)} in (select scope_u.id from unit scope_u where ${sql.join(likes, sql` or `)})`;
}

/** A where-expression on a unit *path* column, for queries that already join `unit`. */
export function unitPathInReach(reach: Reach, column: string): Expression<SqlBool> {
  if (reach === 'all') return sql<SqlBool>`1 = 1`;
  if (reach.length === 0) return sql<SqlBool>`1 = 0`;
  const likes = reach.map((p) => sql`${sql.ref(column)} like ${likePrefix(p)} escape '!'`);
  return sql<SqlBool>`(${sql.join(likes, sql` or `)})`;
}

export interface ScopeOptions {
  /** Default 'read'. Use 'update'/'delete' to select rows the caller may change. */
  action?: Action;
  /** Default 'UnitData' (all unit-scoped subjects share their rules). */
  subject?: SubjectType;
}

/**
 * Restricts a select to rows whose unit (`column`, e.g. 'plan.unit_id') is in the principal's reach:
 * `scopeToUnits(db.selectFrom('plan').selectAll(), request.principal, 'plan.unit_id')`.
 * Anonymous callers and roles without reach get no rows; system admins get every row.
 */
export function scopeToUnits<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  principal: Principal | null,
  column: string,
  options: ScopeOptions = {},
): SelectQueryBuilder<DB, TB, O> {
  return qb.where(unitIdInReach(unitReach(principal, options.action ?? 'read', options.subject ?? 'UnitData'), column));
}
