import { subject } from '@casl/ability';
import { describe, expect, it } from 'vitest';
import { commonUnitPath, defineAbilityFor, type SubjectAttributes, type SubjectType } from './ability.js';
import type { Principal, Role } from './principal.js';
import { reachIncludes, unitReach } from './scope.js';

const A = '/vn2025:33/';
const a1 = '/vn2025:33/vn2025:12142/';
const a2 = '/vn2025:33/vn2025:11953/';
const B = '/vn2025:01/';
const b1 = '/vn2025:01/vn2025:00004/';

function principal(...grants: [Role, string][]): Principal {
  return {
    userId: 'u1',
    username: 'u1',
    displayName: 'u1',
    locale: 'vi',
    sessionId: null,
    roles: grants.map(([role, unitPath], i) => ({
      id: `r${i}`,
      role,
      unitId: unitPath === '/' ? null : (unitPath.split('/').filter(Boolean).at(-1) ?? null),
      unitPath,
      unitNameVi: null,
      unitNameEn: null,
    })),
  };
}

const can = (
  p: Principal | null,
  action: 'read' | 'create' | 'update' | 'delete',
  type: SubjectType,
  attrs: SubjectAttributes,
) => defineAbilityFor(p).can(action, subject(type, { ...attrs }));

describe('policies', () => {
  const admin = principal(['system_admin', '/']);
  const provinceA = principal(['province_officer', A]);
  const communeA1 = principal(['commune_officer', a1]);
  const viewerA = principal(['viewer', A]);

  it('lets everyone, anonymous included, read units and published scores', () => {
    for (const p of [null, admin, provinceA, communeA1, viewerA]) {
      expect(can(p, 'read', 'Unit', { unitPath: b1 })).toBe(true);
      expect(can(p, 'read', 'PublishedScore', { unitPath: B })).toBe(true);
    }
  });

  it('scopes unit-owned data to the role unit subtree', () => {
    const plan = (unitPath: string) => ({ unitPath });
    expect(can(null, 'read', 'Plan', plan(a1))).toBe(false);
    expect(can(admin, 'delete', 'Plan', plan(b1))).toBe(true);
    expect([A, a1, a2].map((p) => can(provinceA, 'update', 'Plan', plan(p)))).toEqual([true, true, true]);
    expect([B, b1].map((p) => can(provinceA, 'read', 'Plan', plan(p)))).toEqual([false, false]);
    expect([A, a1, a2, b1].map((p) => can(communeA1, 'read', 'Plan', plan(p)))).toEqual([false, true, false, false]);
    expect([A, a1].map((p) => can(viewerA, 'read', 'Report', plan(p)))).toEqual([true, true]);
    expect([A, a1].map((p) => can(viewerA, 'create', 'Report', plan(p)))).toEqual([false, false]);
  });

  it('does not confuse a unit with another whose id starts the same', () => {
    // '/vn2025:3/' must not reach '/vn2025:33/': paths end with '/'.
    const p3 = principal(['province_officer', '/vn2025:3/']);
    expect(can(p3, 'read', 'Plan', { unitPath: A })).toBe(false);
    // Regex metacharacters in ids are literal.
    const dot = principal(['viewer', '/local:a.b/']);
    expect(can(dot, 'read', 'Plan', { unitPath: '/local:aXb/' })).toBe(false);
    expect(can(dot, 'read', 'Plan', { unitPath: '/local:a.b/x/' })).toBe(true);
  });

  it('never lets anyone, admins included, update an official unit; local units in reach only', () => {
    expect(can(admin, 'update', 'Unit', { unitPath: a1, official: true })).toBe(false);
    expect(can(admin, 'update', 'Unit', { unitPath: `${b1}local:x/`, official: false })).toBe(true);
    expect(can(communeA1, 'update', 'Unit', { unitPath: `${a1}local:x/`, official: false })).toBe(true);
    expect(can(communeA1, 'update', 'Unit', { unitPath: `${a2}local:x/`, official: false })).toBe(false);
    expect(can(communeA1, 'create', 'Unit', { unitPath: a1 })).toBe(true);
    expect(can(communeA1, 'create', 'Unit', { unitPath: A })).toBe(false);
    expect(can(viewerA, 'create', 'Unit', { unitPath: a1 })).toBe(false);
  });

  it('lets province officers manage users whose roles all lie in their province, never admins', () => {
    const inA = { unitPath: commonUnitPath([a1, a2]), isSystemAdmin: false };
    const spansAB = { unitPath: commonUnitPath([a1, b1]), isSystemAdmin: false };
    expect(can(provinceA, 'update', 'User', inA)).toBe(true);
    expect(can(provinceA, 'update', 'User', spansAB)).toBe(false);
    expect(can(provinceA, 'update', 'User', { unitPath: A, isSystemAdmin: true })).toBe(false);
    expect(can(provinceA, 'read', 'User', { unitPath: '', isSystemAdmin: false })).toBe(false); // no roles
    expect(can(communeA1, 'read', 'User', { unitPath: a1, isSystemAdmin: false })).toBe(false);
    expect(can(viewerA, 'read', 'User', { unitPath: a1, isSystemAdmin: false })).toBe(false);
    expect(can(provinceA, 'create', 'RoleAssignment', { unitPath: a1, role: 'commune_officer' })).toBe(true);
    expect(can(provinceA, 'create', 'RoleAssignment', { unitPath: A, role: 'province_officer' })).toBe(true);
    expect(can(provinceA, 'create', 'RoleAssignment', { unitPath: A, role: 'system_admin' })).toBe(false);
    expect(can(provinceA, 'create', 'RoleAssignment', { unitPath: b1, role: 'viewer' })).toBe(false);
    expect(can(admin, 'create', 'RoleAssignment', { unitPath: '/', role: 'system_admin' })).toBe(true);
  });

  it('keeps the audit log for system admins', () => {
    expect(defineAbilityFor(admin).can('read', 'AuditLog')).toBe(true);
    for (const p of [null, provinceA, communeA1, viewerA])
      expect(defineAbilityFor(p).can('read', 'AuditLog')).toBe(false);
  });

  it('lets every signed-in user, and only them, manage their own account', () => {
    expect(defineAbilityFor(null).can('update', 'Account')).toBe(false);
    expect(defineAbilityFor(principal()).can('update', 'Account')).toBe(true);
  });

  it('derives SQL reach from the same rules', () => {
    expect(unitReach(admin)).toBe('all');
    expect(unitReach(null)).toEqual([]);
    expect(unitReach(null, 'read', 'Unit')).toBe('all');
    expect(unitReach(provinceA)).toEqual([A]);
    expect(unitReach(viewerA, 'update')).toEqual([]);
    expect(unitReach(principal(['viewer', A], ['commune_officer', a1]), 'read')).toEqual([A]);
    expect(unitReach(principal(['viewer', A], ['commune_officer', a1]), 'update')).toEqual([a1]);
    expect(unitReach(principal(['commune_officer', a1], ['commune_officer', b1]))).toEqual([b1, a1].sort());
    expect(unitReach(provinceA, 'read', 'User', { isSystemAdmin: false })).toEqual([A]);
    expect(reachIncludes([A], a2)).toBe(true);
    expect(reachIncludes([a1], a2)).toBe(false);
  });

  it('computes the common unit of a user on path segments, not characters', () => {
    expect(commonUnitPath([])).toBe('');
    expect(commonUnitPath([a1])).toBe(a1);
    expect(commonUnitPath([a1, a2])).toBe(A);
    expect(commonUnitPath([a1, b1])).toBe('/');
    expect(commonUnitPath(['/vn2025:33/', '/vn2025:3/'])).toBe('/');
    expect(commonUnitPath([a1, '/'])).toBe('/');
  });
});
