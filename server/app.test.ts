import { existsSync, readFileSync, statSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
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

  it('compresses API answers for clients that accept it (brotli, else gzip), and not for those that do not', async () => {
    const url = '/api/docs/json';
    const plain = await app.inject({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    const gz = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
  });

  // The built web app (npm run build) ships .br/.gz beside each asset; the server picks one per request.
  it.runIf(existsSync('dist/web/index.html'))(
    'serves the built assets precompressed and cached as immutable',
    async () => {
      // The largest script index.html loads (names and sizes depend on the build's chunking; files
      // under 1 KB are not worth compressing and have no .br).
      const html = readFileSync('dist/web/index.html', 'utf8');
      const named = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
      const url = named.sort((a, b) => statSync(`dist/web${b}`).size - statSync(`dist/web${a}`).size)[0] ?? '';
      expect(url).toMatch(/^\/assets\/.+\.js$/);
      expect(existsSync(`dist/web${url}.br`)).toBe(true);
      const plain = await app.inject({ method: 'GET', url });
      expect(plain.statusCode).toBe(200);
      const br = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    },
  );

  it.runIf(existsSync('dist/web/.vite/manifest.json'))(
    'names the data and chunks of a shared portal link in Link headers, so they load beside the entry script',
    async () => {
      const res = await app.inject({ method: 'GET', url: '/portal/provinces/22?geography=34&year=2024' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      const links = String(res.headers.link ?? '').split(', ');
      expect(links[0]).toBe('</api/scores/provinces/22?geography=34>; rel=preload; as=fetch; crossorigin');
      const chunks = links.slice(1).map((l) => /^<\/(assets\/[^>]+\.js)>; rel=modulepreload$/.exec(l)?.[1]);
      expect(chunks.some((c) => c?.startsWith('assets/ProvinceProfile-'))).toBe(true);
      // Every named chunk exists and none is already a modulepreload of index.html.
      const html = readFileSync('dist/web/index.html', 'utf8');
      for (const c of chunks) {
        expect(c && existsSync(`dist/web/${c}`), String(c)).toBe(true);
        expect(html).not.toContain(`/${c}`);
      }
      // The preloaded data URL answers; other pages name no data.
      expect((await app.inject({ method: 'GET', url: '/api/scores/provinces/22?geography=34' })).statusCode).toBe(200);
      const rankings = String((await app.inject({ method: 'GET', url: '/portal/rankings' })).headers.link ?? '');
      expect(rankings).toMatch(/Rankings-[^>]+\.js>; rel=modulepreload/);
      expect(rankings).not.toContain('as=fetch');
      expect((await app.inject({ method: 'GET', url: '/' })).headers.link).toBeUndefined();
      // A code that does not decode names no data (the router answers 400 before the page is sent).
      const bad = await app.inject({ method: 'GET', url: '/portal/provinces/%E0%A4' });
      expect(String(bad.headers.link ?? '')).not.toContain('as=fetch');
    },
  );
});
