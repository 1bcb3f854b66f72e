/**
 * Demo data, loaded once on the first start of an empty database (embedded default), so a fresh
 * clone opens on a working product. Each module contributes one step; steps are idempotent.
 */
import { campaignsSeedStep } from '../campaigns/seed.js';
import type { DbHandle } from '../db/connection.js';
import { nowIso } from '../db/time.js';
import { disclosuresSeedStep } from '../disclosures/seed.js';
import { feedbackSeedStep } from '../feedback/seed.js';
import { inspectionsSeedStep } from '../inspections/seed.js';
import { plansSeedStep } from '../plans/seed.js';
import { publishedScoresSeedStep } from '../scores/seed.js';
import { surveysSeedStep } from '../surveys/seed.js';
import { unitsSeedStep } from '../units/seed.js';
import { demoUsersStep } from './users.js';

export interface SeedStep {
  name: string;
  run(handle: DbHandle, log: (line: string) => void): Promise<void>;
}

/** Ordered: later steps may rely on earlier ones (units before users bound to units). */
export const SEED_STEPS: SeedStep[] = [
  unitsSeedStep,
  demoUsersStep,
  publishedScoresSeedStep,
  plansSeedStep,
  disclosuresSeedStep,
  inspectionsSeedStep,
  feedbackSeedStep,
  campaignsSeedStep,
  surveysSeedStep,
];

const MARK = 'demo_seeded_at';

export async function seedDemoIfEmpty(handle: DbHandle, log: (line: string) => void): Promise<boolean> {
  const done = await handle.db.selectFrom('app_meta').select('value').where('key', '=', MARK).executeTakeFirst();
  if (done) return false;
  for (const step of SEED_STEPS) {
    log(`demo data: ${step.name}…`);
    await step.run(handle, log);
  }
  await handle.db.insertInto('app_meta').values({ key: MARK, value: nowIso() }).execute();
  return true;
}
