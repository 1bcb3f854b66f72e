/**
 * The demo feedback step on both dialects: it loads after units and users, is idempotent, feeds the board,
 * and its denunciations name xa.anthi as handling officer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { TestClient } from '../auth/testing.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { DEMO_PASSWORD, demoUsersStep } from '../demo/users.js';
import { unitsSeedStep } from '../units/seed.js';
import { feedbackSeedStep } from './seed.js';

describe.each(DIALECTS)('demo feedback on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await unitsSeedStep.run(tdb, () => undefined);
    await demoUsersStep.run(tdb, () => undefined);
  }, 120_000);
  afterAll(async () => tdb.destroy());

  it('loads once, with every track and status, and only the handler sees a denouncer', async () => {
    await feedbackSeedStep.run(tdb, () => undefined);
    await feedbackSeedStep.run(tdb, () => undefined);
    const rows = await tdb.db.selectFrom('feedback').select(['track', 'status', 'unit_id']).execute();
    expect(rows.length).toBe(24);
    expect(new Set(rows.map((r) => r.track))).toEqual(new Set(['feedback', 'complaint', 'denunciation']));
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['received', 'accepted', 'rejected', 'in_progress', 'answered', 'closed']),
    );
    const app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
    try {
      const anthi = await new TestClient(app).login('xa.anthi', DEMO_PASSWORD);
      const province = await new TestClient(app).login('tinh.hungyen', DEMO_PASSWORD);
      const board = (await province.inject({ url: '/api/feedback/board' })).json();
      expect(board.total.received).toBe(24);
      expect(board.total.answered).toBeGreaterThan(5);
      expect(board.total.onTimeRate).toBeGreaterThan(0);
      expect(board.total.onTimeRate).toBeLessThan(1);
      const den = (await province.inject({ url: '/api/feedback/items?track=denunciation' })).json();
      // The corruption denunciation went to the province (its handler: tinh.hungyen); the land one stayed
      // with Ân Thi (handler: xa.anthi). Each handler sees their denouncer, and only theirs.
      expect(den.items.map((i: { unit: { id: string } }) => i.unit.id).sort()).toEqual(['vn2025:12142', 'vn2025:33']);
      for (const item of den.items) {
        const [handler, other] = item.unit.id === 'vn2025:33' ? [province, anthi] : [anthi, province];
        const mine = (await handler.inject({ url: `/api/feedback/items/${item.id}` })).json();
        expect(mine.contact?.name).toMatch(/Người tố cáo/);
        const theirs = await other.inject({ url: `/api/feedback/items/${item.id}` });
        expect(theirs.body).not.toContain('Người tố cáo');
      }
      const answers = (await new TestClient(app).inject({ url: '/api/feedback/answers' })).json();
      expect(answers.total).toBeGreaterThanOrEqual(5);
    } finally {
      await app.close();
    }
  }, 120_000);
});
