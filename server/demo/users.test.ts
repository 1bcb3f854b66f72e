import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { insertFixtureUnits, TestClient } from '../auth/testing.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { SEED_STEPS } from './seed.js';
import { DEMO_PASSWORD, DEMO_USERS, demoUsersStep, seedDemoUsers } from './users.js';

describe.each(DIALECTS)('demo accounts on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db); // Hưng Yên, Ân Thi, Phố Hiến are among the fixture units
  });
  afterAll(async () => tdb.destroy());

  it('runs after the units step', () => {
    const names = SEED_STEPS.map((s) => s.name);
    expect(names).toContain(demoUsersStep.name);
    const units = SEED_STEPS.findIndex((s) => /unit/i.test(s.name));
    if (units >= 0) expect(names.indexOf(demoUsersStep.name)).toBeGreaterThan(units);
  });

  it('creates one account per demo role, prints them, and signs them in with openpapi-demo', async () => {
    const lines: string[] = [];
    const created = await seedDemoUsers(tdb, (l) => lines.push(l));
    expect(created).toEqual(['admin', 'tinh.hungyen', 'xa.anthi', 'xa.phohien', 'viewer.hungyen']);
    expect(lines.join('\n')).toMatch(/^Demo accounts: admin \/ openpapi-demo, tinh\.hungyen/m);
    const app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
    try {
      for (const u of DEMO_USERS) {
        const client = await new TestClient(app).login(u.username, DEMO_PASSWORD);
        const me = (await client.inject({ method: 'GET', url: '/api/auth/me' })).json() as {
          user: { roles: { role: string; unitId: string | null }[] };
        };
        expect(me.user.roles).toMatchObject([{ role: u.role, unitId: u.unitId }]);
      }
    } finally {
      await app.close();
    }
    // Idempotent: a second run creates nothing and prints nothing.
    const again: string[] = [];
    expect(await seedDemoUsers(tdb, (l) => again.push(l))).toEqual([]);
    expect(again).toEqual([]);
  });
});
