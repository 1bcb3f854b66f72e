import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from './db/testing.js';

describe.each(DIALECTS)('HTTP foundation on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await tdb.destroy();
  });

  it('reports health with the dialect in use', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: { dialect, ok: true }, version: '0.1.0' });
  });

  it('answers unknown API paths with the stable error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found', message: expect.stringContaining('/api/no-such-thing') });
  });

  it('publishes an OpenAPI document listing the health endpoint', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/health');
  });
});
