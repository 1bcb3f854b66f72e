/**
 * Test fixtures for anything that needs signed-in callers (other modules' tests may use them too):
 * a small unit tree, one user per role, and an HTTP client with a cookie jar and the CSRF header.
 *
 *   province A = vn2025:33 Hưng Yên     communes a1 = vn2025:12142 Ân Thi, a2 = vn2025:11953 Phố Hiến
 *   province B = vn2025:01 Hà Nội       commune  b1 = vn2025:00004 Ba Đình
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { systemActor } from '../audit/actor.js';
import { createUser } from '../commands/userCreator.js';
import type { Database, UnitTable } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import type { Role } from '../policies/principal.js';
import { CSRF_HEADER } from './csrf.js';

export const UNITS = {
  A: 'vn2025:33',
  a1: 'vn2025:12142',
  a2: 'vn2025:11953',
  B: 'vn2025:01',
  b1: 'vn2025:00004',
} as const;

const FIXTURE_ROWS: [id: string, parent: string | null, nameVi: string, nameEn: string, type: string][] = [
  [UNITS.A, null, 'Hưng Yên', 'Hung Yen', 'province'],
  [UNITS.a1, UNITS.A, 'Ân Thi', 'An Thi', 'commune'],
  [UNITS.a2, UNITS.A, 'Phố Hiến', 'Pho Hien', 'ward'],
  [UNITS.B, null, 'Hà Nội', 'Ha Noi', 'centrally_run_city'],
  [UNITS.b1, UNITS.B, 'Ba Đình', 'Ba Dinh', 'ward'],
];

/** Inserts the fixture units that are missing (a fresh test database has none). */
export async function insertFixtureUnits(db: Kysely<Database>): Promise<void> {
  const now = nowIso();
  for (const [id, parent, nameVi, nameEn, type] of FIXTURE_ROWS) {
    const exists = await db.selectFrom('unit').select('id').where('id', '=', id).executeTakeFirst();
    if (exists) continue;
    const row: UnitTable = {
      id,
      code_system: 'vn2025',
      code: id.slice('vn2025:'.length),
      name_vi: nameVi,
      name_en: nameEn,
      full_name_vi: nameVi,
      full_name_en: nameEn,
      name_folded: nameEn.toLowerCase(),
      unit_type: type,
      level: parent ? 2 : 1,
      parent_id: parent,
      path: parent ? `/${parent}/${id}/` : `/${id}/`,
      valid_from: '2025-07-01',
      valid_to: null,
      created_at: now,
      updated_at: now,
    };
    await db.insertInto('unit').values(row).execute();
  }
}

export const FIXTURE_PASSWORD = 'correct-horse-battery';

/** The roles of the matrix: who, which role, on which unit. */
export const FIXTURE_USERS = {
  admin: { username: 'fx.admin', role: 'system_admin', unitId: null },
  provinceA: { username: 'fx.province.a', role: 'province_officer', unitId: UNITS.A },
  communeA1: { username: 'fx.commune.a1', role: 'commune_officer', unitId: UNITS.a1 },
  viewerA: { username: 'fx.viewer.a', role: 'viewer', unitId: UNITS.A },
} as const satisfies Record<string, { username: string; role: Role; unitId: string | null }>;
export type FixtureUser = keyof typeof FIXTURE_USERS;

/** Creates the fixture users (password FIXTURE_PASSWORD); returns their ids. */
export async function createFixtureUsers(db: Kysely<Database>): Promise<Record<FixtureUser, string>> {
  const ids = {} as Record<FixtureUser, string>;
  for (const [key, u] of Object.entries(FIXTURE_USERS) as [FixtureUser, (typeof FIXTURE_USERS)[FixtureUser]][]) {
    const created = await createUser(db, systemActor('test-fixtures'), {
      username: u.username,
      password: FIXTURE_PASSWORD,
      roles: [{ role: u.role, unitId: u.unitId }],
    });
    ids[key] = created.id;
  }
  return ids;
}

/** A browser stand-in: keeps cookies between requests and sends the CSRF header on writes. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | null = null;

  constructor(readonly app: FastifyInstance) {}

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const cleared =
        c.value === '' || c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now());
      if (cleared) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async inject(options: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse> {
    const { csrf = true, ...opts } = options;
    const method = (opts.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined) };
    if (this.cookies.size > 0 && !headers.cookie) headers.cookie = this.cookieHeader();
    if (csrf && method !== 'GET' && method !== 'HEAD' && this.csrfToken) headers[CSRF_HEADER] = this.csrfToken;
    const res = await this.app.inject({ ...opts, headers });
    this.remember(res);
    return res;
  }

  /** Fetches a CSRF token (and its secret cookie). */
  async fetchCsrf(): Promise<string> {
    const res = await this.inject({ method: 'GET', url: '/api/auth/csrf' });
    this.csrfToken = (res.json() as { token: string }).token;
    return this.csrfToken;
  }

  /** Signs in; throws when the login does not answer 200. */
  async login(username: string, password = FIXTURE_PASSWORD): Promise<this> {
    if (!this.csrfToken) await this.fetchCsrf();
    const res = await this.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return this;
  }
}
