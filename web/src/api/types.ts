/**
 * What the API returns, as the foundation contracts describe it (see /api/docs for the live schema).
 */
import type { Lang } from '../../../core/i18n/index';

export type UnitType =
  | 'province'
  | 'centrally_run_city'
  | 'district'
  | 'commune'
  | 'ward'
  | 'special_zone'
  | 'department'
  | 'office';

export interface UnitDto {
  id: string;
  codeSystem: string;
  code: string;
  nameVi: string;
  nameEn: string;
  fullNameVi: string;
  fullNameEn: string;
  unitType: UnitType;
  level: number;
  parentId: string | null;
  path: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface UnitList {
  items: UnitDto[];
  total: number;
  asOf: string;
}

export type RoleName = 'system_admin' | 'province_officer' | 'commune_officer' | 'viewer';

export interface RoleAssignment {
  id: string;
  role: RoleName;
  unitId: string | null;
  unitNameVi: string | null;
  unitNameEn: string | null;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  locale: Lang;
  roles: RoleAssignment[];
}

/** A user as listed by GET /api/users (fields beyond Me are optional: the list may grow). */
export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  locale?: Lang;
  disabled?: boolean;
  disabledAt?: string | null;
  roles?: RoleAssignment[];
}

/** One row of the audit log: who (username or 'system:<name>'), when, what, before and after. */
export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}
