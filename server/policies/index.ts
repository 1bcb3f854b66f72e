export {
  type Action,
  type AppAbility,
  commonUnitPath,
  defineAbilityFor,
  PUBLIC_SUBJECTS,
  ROLES_GRANTABLE_BY_OFFICER,
  type SubjectAttributes,
  type SubjectType,
  UNIT_SCOPED_SUBJECTS,
  withinUnit,
} from './ability.js';
export { actorOf, isRole, isSystemAdmin, type Principal, ROLES, type Role, type RoleGrant } from './principal.js';
export { authorize, authorizeUser, can, requirePrincipal, unitForPolicy } from './request.js';
export {
  abilityFor,
  type Reach,
  reachIncludes,
  type ScopeOptions,
  scopeToUnits,
  unitIdInReach,
  unitPathInReach,
  unitReach,
} from './scope.js';
