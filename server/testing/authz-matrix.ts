/**
 * The shared vocabulary of the authorisation matrix (server/authz-matrix.test.ts): callers, the
 * context every case gets, and shorthands. Each module lists its endpoints in its own
 * `<module>/authz.matrix.ts` (a `Record<'METHOD /api/path', Case[]>`), merged into the one MATRIX.
 */
import type { buildApp } from '../app.js';
import type { FixtureUser, TestClient } from '../auth/testing.js';
import type { TestDatabase } from '../db/testing.js';

export const CALLERS = ['anonymous', 'admin', 'provinceA', 'communeA1', 'viewerA'] as const;
export type Caller = (typeof CALLERS)[number];
/** Expected HTTP status, in CALLERS order:  [anonymous, admin, provinceA, communeA1, viewerA]. */
export type Expect = [number, number, number, number, number];

export interface Ctx {
  tdb: TestDatabase;
  app: Awaited<ReturnType<typeof buildApp>>;
  clients: Record<Caller, TestClient>;
  users: Record<FixtureUser, string> & { inA1: string; inA2: string; inB1: string };
  local: { inA1: string; inA2: string; inB1: string };
  /** A fresh user with a commune_officer role on `unitId` and a viewer role on it (to remove). */
  freshUser(unitId: string): Promise<{ id: string; viewerRoleId: string }>;
  seq(): number;
}

export interface Request {
  url: string;
  payload?: unknown;
  /** Send from another browser than the caller's (login/logout, which change the caller's session). */
  client?: TestClient;
}

export interface Case {
  target: string;
  request: (ctx: Ctx, caller: Caller) => Promise<Request> | Request;
  expect: Expect;
}

export const on = (target: string, request: Case['request'], expect: Expect): Case => ({ target, request, expect });
export const get = (url: string, expect: Expect): Case => on('-', () => ({ url }), expect);

/** Common rows of statuses. Modules add their own (e.g. unit-scoped reads inside A). */
export const PUBLIC: Expect = [200, 200, 200, 200, 200];
export const PUBLIC_REDIRECT: Expect = [302, 302, 302, 302, 302];
export const SIGNED_IN: Expect = [401, 200, 200, 200, 200];
export const ADMIN_ONLY: Expect = [401, 200, 403, 403, 403];

export const created = (e: Expect): Expect => e.map((s) => (s === 200 ? 201 : s)) as Expect;
export const noContent = (e: Expect): Expect => e.map((s) => (s === 200 ? 204 : s)) as Expect;
