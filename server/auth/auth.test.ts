import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { CSRF_COOKIE } from './csrf.js';
import { SESSION_COOKIE, SESSION_TTL_MS, sessionIdOf } from './sessions.js';
import { createFixtureUsers, FIXTURE_PASSWORD, FIXTURE_USERS, insertFixtureUnits, TestClient } from './testing.js';

type App = Awaited<ReturnType<typeof buildApp>>;

describe.each(DIALECTS)('accounts: login, sessions, CSRF on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: App;
  let ids: Awaited<ReturnType<typeof createFixtureUsers>>;
  const province = FIXTURE_USERS.provinceA.username;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    ids = await createFixtureUsers(tdb.db);
    app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await tdb.destroy();
  });

  const auditRows = (action: string) =>
    tdb.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('at').execute();

  it('stores argon2id hashes, never the password', async () => {
    const rows = await tdb.db.selectFrom('app_user').select(['username', 'password_hash']).execute();
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(r.password_hash).not.toContain(FIXTURE_PASSWORD);
    }
    // Same password, different salts.
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(4);
  });

  it('signs in, sets an HttpOnly SameSite=Lax session cookie holding a token whose hash is the session id', async () => {
    const client = new TestClient(app);
    await client.fetchCsrf();
    const res = await client.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: '  FX.Province.A ', password: FIXTURE_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: {
        id: ids.provinceA,
        username: province,
        displayName: province,
        locale: 'vi',
        roles: [
          {
            id: expect.any(String),
            role: 'province_officer',
            unitId: 'vn2025:33',
            unitNameVi: 'Hưng Yên',
            unitNameEn: 'Hung Yen',
          },
        ],
      },
    });
    const raw = [res.headers['set-cookie']].flat().find((c) => c?.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(raw).toMatch(/; HttpOnly/);
    expect(raw).toMatch(/; SameSite=Lax/);
    expect(raw).toMatch(/; Path=\//);
    expect(raw).toMatch(/; Max-Age=43200/);
    expect(raw).not.toMatch(/; Secure/); // plain HTTP on loopback (the default config)
    const token = client.cookies.get(SESSION_COOKIE) ?? '';
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const stored = await tdb.db.selectFrom('session').selectAll().where('user_id', '=', ids.provinceA).execute();
    expect(stored.map((s) => s.id)).toEqual([sessionIdOf(token)]);
    expect(JSON.stringify(stored)).not.toContain(token);

    const me = await client.inject({ method: 'GET', url: '/api/auth/me' });
    expect(me.json()).toMatchObject({ user: { username: province } });
  });

  it('answers a wrong password, an unknown user and a disabled account identically (401)', async () => {
    const attempt = async (username: string, password: string) => {
      const client = new TestClient(app);
      await client.fetchCsrf();
      return client.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    };
    const wrong = await attempt(FIXTURE_USERS.viewerA.username, 'not-the-password');
    const unknown = await attempt('nobody.here', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ code: 'invalid_credentials', message: 'Wrong username or password' });
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();

    await tdb.db.updateTable('app_user').set({ disabled: 1 }).where('id', '=', ids.viewerA).execute();
    const disabled = await attempt(FIXTURE_USERS.viewerA.username, FIXTURE_PASSWORD);
    await tdb.db.updateTable('app_user').set({ disabled: 0 }).where('id', '=', ids.viewerA).execute();
    expect(disabled.statusCode).toBe(401);
    expect(disabled.json()).toEqual(wrong.json());
  });

  it('refuses state-changing requests without a valid CSRF token (403 csrf_invalid), login included', async () => {
    const client = new TestClient(app);
    const payload = { username: province, password: FIXTURE_PASSWORD };
    // No token, no secret cookie.
    let res = await client.inject({ method: 'POST', url: '/api/auth/login', payload });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'csrf_invalid' });
    // Secret cookie but no header.
    await client.fetchCsrf();
    res = await client.inject({ method: 'POST', url: '/api/auth/login', payload, csrf: false });
    expect(res.json()).toMatchObject({ code: 'csrf_invalid' });
    // A forged or tampered token.
    const token = client.csrfToken ?? '';
    for (const bad of ['abc', `${token}x`, `${token.split('.')[0]}.${'A'.repeat(43)}`, `${token}.extra`]) {
      res = await client.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload,
        headers: { 'x-csrf-token': bad },
        csrf: false,
      });
      expect(res.statusCode, bad).toBe(403);
    }
    // A valid token of ANOTHER browser (its own secret cookie) does not work with this browser's cookie.
    const other = new TestClient(app);
    const otherToken = await other.fetchCsrf();
    res = await client.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload,
      headers: { 'x-csrf-token': otherToken },
      csrf: false,
    });
    expect(res.statusCode).toBe(403);
    // Signed-in callers too: PATCH /api/auth/me without the header.
    await client.login(province);
    res = await client.inject({ method: 'PATCH', url: '/api/auth/me', payload: { locale: 'en' }, csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'csrf_invalid' });
    // The secret cookie has the same flags as the session cookie.
    const secretCookie = [
      (await new TestClient(app).inject({ method: 'GET', url: '/api/auth/csrf' })).headers['set-cookie'],
    ]
      .flat()
      .find((c) => c?.startsWith(`${CSRF_COOKIE}=`));
    expect(secretCookie).toMatch(/HttpOnly/);
    expect(secretCookie).toMatch(/SameSite=Lax/);
    // Reads need no token.
    expect((await client.inject({ method: 'GET', url: '/api/auth/me', csrf: false })).statusCode).toBe(200);
  });

  it('expires sessions on the server: an expired session is deleted and the caller is anonymous', async () => {
    const client = await new TestClient(app).login(province);
    const id = sessionIdOf(client.cookies.get(SESSION_COOKIE) ?? '');
    await tdb.db
      .updateTable('session')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    const me = await client.inject({ method: 'GET', url: '/api/auth/me' });
    expect(me.json()).toEqual({ user: null });
    expect(await tdb.db.selectFrom('session').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false); // cleared
    const res = await client.inject({ method: 'GET', url: '/api/users' });
    expect(res.statusCode).toBe(401);
  });

  it('slides the expiry forward on use (at most once a minute)', async () => {
    const client = await new TestClient(app).login(province);
    const id = sessionIdOf(client.cookies.get(SESSION_COOKIE) ?? '');
    const soon = new Date(Date.now() + 60 * 60 * 1000).toISOString();
    const twoMinutesAgo = new Date(Date.now() - 2 * 60 * 1000).toISOString();
    await tdb.db
      .updateTable('session')
      .set({ expires_at: soon, last_seen_at: twoMinutesAgo })
      .where('id', '=', id)
      .execute();
    const before = Date.now();
    const res = await client.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.json()).toMatchObject({ user: { username: province } });
    expect([res.headers['set-cookie']].flat().some((c) => c?.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
    const row = await tdb.db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(Date.parse(row.expires_at)).toBeGreaterThanOrEqual(before + SESSION_TTL_MS - 1000);
    // A second request right after does not rewrite it.
    const again = await client.inject({ method: 'GET', url: '/api/auth/me' });
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('logout ends the session on the server: the old cookie no longer works', async () => {
    const client = await new TestClient(app).login(province);
    const token = client.cookies.get(SESSION_COOKIE) ?? '';
    const res = await client.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(204);
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(
      await tdb.db.selectFrom('session').select('id').where('id', '=', sessionIdOf(token)).executeTakeFirst(),
    ).toBeUndefined();
    // Replaying the stolen cookie after logout.
    const replay = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    expect(replay.json()).toEqual({ user: null });
    // Logging out without a session is harmless.
    expect((await client.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
  });

  it('records login and logout in the audit log without token or password', async () => {
    const client = await new TestClient(app).login(FIXTURE_USERS.communeA1.username);
    const token = client.cookies.get(SESSION_COOKIE) ?? '';
    await client.inject({ method: 'POST', url: '/api/auth/logout' });
    const logins = (await auditRows('login')).filter((r) => r.actor_id === ids.communeA1);
    const logouts = (await auditRows('logout')).filter((r) => r.actor_id === ids.communeA1);
    expect(logins).toHaveLength(1);
    expect(logouts).toHaveLength(1);
    expect(logins[0]).toMatchObject({
      entity_type: 'session',
      entity_id: sessionIdOf(token),
      actor_name: 'fx.commune.a1',
    });
    expect(JSON.parse(logins[0]?.after_json ?? '{}')).toMatchObject({
      userId: ids.communeA1,
      username: 'fx.commune.a1',
    });
    expect(logouts[0]).toMatchObject({ entity_type: 'session', entity_id: sessionIdOf(token) });
    const all = JSON.stringify(await tdb.db.selectFrom('audit_log').selectAll().execute());
    expect(all).not.toContain(token);
    expect(all).not.toContain(FIXTURE_PASSWORD);
    expect(all).not.toContain('$argon2');
  });

  it('rate-limits login per IP and username: the 11th attempt in a minute gets 429 rate_limited', async () => {
    const client = new TestClient(app);
    await client.fetchCsrf();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await client.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'Target.User', password: `guess-${i}` },
      });
      statuses.push(res.statusCode);
      if (i === 10) expect(res.json()).toMatchObject({ code: 'rate_limited', message: expect.any(String) });
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    // The same username in other case is the same key; another username from the same IP is not limited.
    const sameKey = await client.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'target.user', password: 'x' },
    });
    expect(sameKey.statusCode).toBe(429);
    const other = await client.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: province, password: FIXTURE_PASSWORD },
    });
    expect(other.statusCode).toBe(200);
  });

  it('lets a signed-in user change language and password; the password change signs out other sessions', async () => {
    const username = FIXTURE_USERS.viewerA.username;
    const laptop = await new TestClient(app).login(username);
    const phone = await new TestClient(app).login(username);
    let res = await laptop.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      payload: { locale: 'en', displayName: 'Nguyễn Văn A' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { locale: 'en', displayName: 'Nguyễn Văn A' } });

    res = await laptop.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'wrong-one!!', newPassword: 'a-new-secret-1' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'wrong_password' });
    res = await laptop.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: FIXTURE_PASSWORD, newPassword: 'short' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'weak_password' });
    res = await laptop.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: FIXTURE_PASSWORD, newPassword: 'a-new-secret-1' },
    });
    expect(res.statusCode).toBe(204);
    expect((await laptop.inject({ method: 'GET', url: '/api/auth/me' })).json()).toMatchObject({ user: { username } });
    expect((await phone.inject({ method: 'GET', url: '/api/auth/me' })).json()).toEqual({ user: null });
    await expect(new TestClient(app).login(username)).rejects.toThrow(/401/);
    await new TestClient(app).login(username, 'a-new-secret-1');

    const changes = (await auditRows('password_change')).filter((r) => r.entity_id === ids.viewerA);
    expect(changes).toHaveLength(1);
    expect(JSON.parse(changes[0]?.after_json ?? '{}')).toEqual({
      id: ids.viewerA,
      username,
      passwordChanged: true,
      sessionsEnded: 1,
    });
    expect(JSON.stringify(changes)).not.toContain('a-new-secret-1');
    const updates = (await auditRows('update')).filter((r) => r.entity_id === ids.viewerA);
    expect(JSON.parse(updates[0]?.before_json ?? '{}')).toMatchObject({ locale: 'vi', displayName: username });
    expect(JSON.parse(updates[0]?.after_json ?? '{}')).toMatchObject({ locale: 'en', displayName: 'Nguyễn Văn A' });
    // Restore for other tests.
    await tdb.db.deleteFrom('session').execute();
  });
});

describe('cookie Secure flag', () => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await createTestDatabase('sqlite');
    await insertFixtureUnits(tdb.db);
    await createFixtureUsers(tdb.db);
  });

  async function sessionCookie(env: Record<string, string>, headers: Record<string, string> = {}) {
    const app = await buildApp({ handle: tdb, config: loadConfig(env) }, { logger: false });
    try {
      const client = new TestClient(app);
      const csrf = await client.inject({ method: 'GET', url: '/api/auth/csrf', headers });
      client.csrfToken = (csrf.json() as { token: string }).token;
      const res = await client.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers,
        payload: { username: FIXTURE_USERS.admin.username, password: FIXTURE_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const all = [...[csrf.headers['set-cookie']].flat(), ...[res.headers['set-cookie']].flat()];
      return {
        session: all.find((c) => c?.startsWith(`${SESSION_COOKIE}=`)) ?? '',
        csrf: all.find((c) => c?.startsWith(`${CSRF_COOKIE}=`)) ?? '',
      };
    } finally {
      await app.close();
      await tdb.destroy();
    }
  }

  it('is set when configured (OPENPAPI_SECURE_COOKIES=1)', async () => {
    const c = await sessionCookie({ OPENPAPI_SECURE_COOKIES: '1' });
    expect(c.session).toMatch(/; Secure/);
    expect(c.csrf).toMatch(/; Secure/);
  });
  it('is set in auto mode behind an HTTPS proxy, and when listening beyond loopback', async () => {
    expect((await sessionCookie({}, { 'x-forwarded-proto': 'https' })).session).toMatch(/; Secure/);
  });
  it('is set in auto mode when listening on all interfaces', async () => {
    expect((await sessionCookie({ HOST: '0.0.0.0' })).session).toMatch(/; Secure/);
  });
  it('is off when disabled (OPENPAPI_SECURE_COOKIES=0)', async () => {
    expect((await sessionCookie({ OPENPAPI_SECURE_COOKIES: '0', HOST: '0.0.0.0' })).session).not.toMatch(/; Secure/);
  });
});
