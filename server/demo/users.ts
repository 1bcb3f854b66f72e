/**
 * Demo accounts, one per role, all with the password `openpapi-demo` (printed at first start).
 * Runs after the units step: roles are bound to Hưng Yên (vn2025:33) and two of its communes.
 */
import { systemActor } from '../audit/actor.js';
import { createUser } from '../commands/userCreator.js';
import type { DbHandle } from '../db/connection.js';
import type { Role } from '../policies/principal.js';
import type { SeedStep } from './seed.js';

export const DEMO_PASSWORD = 'openpapi-demo';

export const DEMO_USERS: { username: string; displayName: string; role: Role; unitId: string | null }[] = [
  { username: 'admin', displayName: 'Quản trị hệ thống', role: 'system_admin', unitId: null },
  { username: 'tinh.hungyen', displayName: 'Cán bộ tỉnh Hưng Yên', role: 'province_officer', unitId: 'vn2025:33' },
  { username: 'xa.anthi', displayName: 'Cán bộ xã Ân Thi', role: 'commune_officer', unitId: 'vn2025:12142' },
  { username: 'xa.phohien', displayName: 'Cán bộ phường Phố Hiến', role: 'commune_officer', unitId: 'vn2025:11953' },
  { username: 'viewer.hungyen', displayName: 'Người xem tỉnh Hưng Yên', role: 'viewer', unitId: 'vn2025:33' },
];

/** Creates the demo accounts that do not exist yet; skips (and says so) those whose unit is missing. */
export async function seedDemoUsers(handle: DbHandle, log: (line: string) => void): Promise<string[]> {
  const { db } = handle;
  const actor = systemActor('demo-seed');
  const created: string[] = [];
  for (const u of DEMO_USERS) {
    const exists = await db.selectFrom('app_user').select('id').where('username', '=', u.username).executeTakeFirst();
    if (exists) continue;
    if (u.unitId) {
      const unit = await db.selectFrom('unit').select('id').where('id', '=', u.unitId).executeTakeFirst();
      if (!unit) {
        log(`demo accounts: skipped ${u.username} (unit ${u.unitId} is not loaded)`);
        continue;
      }
    }
    await createUser(db, actor, {
      username: u.username,
      displayName: u.displayName,
      password: DEMO_PASSWORD,
      roles: [{ role: u.role, unitId: u.unitId }],
    });
    created.push(u.username);
  }
  if (created.length > 0) {
    log(`Demo accounts: ${created.map((n) => `${n} / ${DEMO_PASSWORD}`).join(', ')}`);
    log('Change these passwords, or start with --no-demo, before exposing this server to anyone.');
  }
  return created;
}

export const demoUsersStep: SeedStep = {
  name: 'demo accounts',
  run: (handle, log) => seedDemoUsers(handle, log).then(() => undefined),
};
