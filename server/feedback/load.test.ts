/**
 * The load property at CI scale on both dialects: 200 submissions fired concurrently over real TCP
 * (loopback) at a listening server whose per-client limit is 120: 120 stored exactly once, 80 clean 429s,
 * none lost. The 1,000-submission run with autocannon is `npm run bench -- feedback`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { insertFixtureUnits, UNITS } from '../auth/testing.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { checkLoad, prepareSubmissions } from './load.js';

const N = 200;
const LIMIT = 120;
const saved = { max: process.env.FEEDBACK_SUBMIT_MAX };

describe.each(DIALECTS)('concurrent public submissions on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let url: string;

  beforeAll(async () => {
    process.env.FEEDBACK_SUBMIT_MAX = String(LIMIT);
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    app = await buildApp({ handle: tdb, config: loadConfig({ LOG_LEVEL: 'silent' }) }, { logger: false });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    if (saved.max === undefined) delete process.env.FEEDBACK_SUBMIT_MAX;
    else process.env.FEEDBACK_SUBMIT_MAX = saved.max;
  });
  afterAll(async () => {
    await app.close();
    await tdb.destroy();
  });

  it(`stores each of ${N} concurrent submissions once or refuses it with a clean 429`, async () => {
    const csrf = await fetch(`${url}/api/auth/csrf`);
    const { token } = (await csrf.json()) as { token: string };
    const cookie = (csrf.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const bodies = await prepareSubmissions(tdb.db, N, 4, [UNITS.a1, UNITS.a2, UNITS.b1]);
    const responses = await Promise.all(
      bodies.map(async (b) => {
        const r = await fetch(`${url}/api/feedback`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie },
          body: JSON.stringify(b),
        });
        return { status: r.status, body: await r.text() };
      }),
    );
    const f = await checkLoad(tdb.db, bodies, responses);
    expect(f).toEqual({
      fired: N,
      accepted: LIMIT,
      rejected429: N - LIMIT,
      other: 0,
      unclean429: 0,
      rows: LIMIT,
      lost: 0,
      duplicates: 0,
      phantom: 0,
      codesMatched: LIMIT,
    });
  });
});
