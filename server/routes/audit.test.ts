import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { recordAudit } from '../audit/record.js';
import { createFixtureUsers, FIXTURE_USERS, insertFixtureUnits, TestClient, UNITS } from '../auth/testing.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { inTransaction } from '../db/transaction.js';

type App = Awaited<ReturnType<typeof buildApp>>;
interface Entry {
  id: string;
  at: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}
interface Page {
  items: Entry[];
  nextCursor: string | null;
}

describe.each(DIALECTS)('audit log viewer on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: App;
  let admin: TestClient;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    await createFixtureUsers(tdb.db); // 4 users + 4 roles = 8 rows by system:test-fixtures
    // 25 known rows on fixed dates, to test filters and paging.
    await inTransaction(tdb.db, async (tx) => {
      for (let i = 0; i < 25; i++) {
        await recordAudit(
          tx,
          { kind: 'system', name: 'units-import' },
          {
            action: i % 5 === 0 ? 'delete' : 'update',
            entityType: 'unit',
            entityId: i < 3 ? UNITS.a1 : `local:${i}`,
            unitId: UNITS.A,
            before: { nameVi: `Tên cũ ${i}` },
            after: { nameVi: `Tên mới ${i}, "có dấu"` },
          },
        );
      }
    });
    // Spread them over 2025-07-01 … 2025-07-25.
    const rows = await tdb.db
      .selectFrom('audit_log')
      .select(['id', 'before_json'])
      .where('actor_name', '=', 'system:units-import')
      .execute();
    for (const r of rows) {
      const i = Number(/Tên cũ (\d+)/.exec(r.before_json ?? '')?.[1]);
      const day = String(i + 1).padStart(2, '0');
      await tdb.db
        .updateTable('audit_log')
        .set({ at: `2025-07-${day}T03:00:00.000Z` })
        .where('id', '=', r.id)
        .execute();
    }
    app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
    admin = await new TestClient(app).login(FIXTURE_USERS.admin.username); // + 1 login row
  });
  afterAll(async () => {
    await app.close();
    await tdb.destroy();
  });

  const get = async (query: string): Promise<Page> => {
    const res = await admin.inject({ method: 'GET', url: `/api/audit${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };

  it('pages through everything, newest first, with a cursor and no duplicates', async () => {
    const seen: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await get(`?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toHaveLength(25 + 8 + 1);
    expect(pages).toBe(5);
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    const ats = seen.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect(seen[0]).toMatchObject({ action: 'login', entityType: 'session', actorName: FIXTURE_USERS.admin.username });
    expect(seen.at(-1)?.at).toBe('2025-07-01T03:00:00.000Z');
  });

  it('filters by entity, actor, action and date range (inclusive days)', async () => {
    expect((await get(`?entityType=unit&entityId=${encodeURIComponent(UNITS.a1)}`)).items).toHaveLength(3);
    expect((await get('?actor=system:units-import&action=delete')).items.map((e) => e.entityId)).toEqual([
      'local:20',
      'local:15',
      'local:10',
      'local:5',
      UNITS.a1,
    ]);
    const range = await get('?actor=system:units-import&from=2025-07-10&to=2025-07-12');
    expect(range.items.map((e) => e.at.slice(0, 10))).toEqual(['2025-07-12', '2025-07-11', '2025-07-10']);
    const timed = await get('?from=2025-07-24T00:00:00Z&to=2025-07-25T03:00:00Z&actor=system:units-import');
    expect(timed.items.map((e) => e.at.slice(0, 10))).toEqual(['2025-07-24']); // 'to' time is exclusive
    expect((await get('?entityType=user')).items).toHaveLength(4);
    expect((await get('?actor=nobody')).items).toEqual([]);
    const one = (await get('?entityId=local:7')).items[0];
    expect(one?.before).toEqual({ nameVi: 'Tên cũ 7' });
  });

  it('rejects a forged cursor and bad dates with 400', async () => {
    expect((await admin.inject({ method: 'GET', url: '/api/audit?cursor=garbage' })).statusCode).toBe(400);
    expect((await admin.inject({ method: 'GET', url: '/api/audit?from=yesterday' })).statusCode).toBe(400);
  });

  it('exports CSV: UTF-8 BOM, the agreed columns, Vietnamese intact, same filters, oldest first', async () => {
    const res = await admin.inject({
      method: 'GET',
      url: '/api/audit/export.csv?actor=system:units-import&from=2025-07-01&to=2025-07-05',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="openpapi-audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes.toString('utf8').slice(1), { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0] ?? {})).toEqual([
      'at',
      'actor',
      'action',
      'entity_type',
      'entity_id',
      'unit_id',
      'before',
      'after',
    ]);
    expect(records).toHaveLength(5);
    expect(records[0]).toEqual({
      at: '2025-07-01T03:00:00.000Z',
      actor: 'system:units-import',
      action: 'delete',
      entity_type: 'unit',
      entity_id: UNITS.a1,
      unit_id: UNITS.A,
      before: '{"nameVi":"Tên cũ 0"}',
      after: '{"nameVi":"Tên mới 0, \\"có dấu\\""}',
    });
    expect(records.map((r) => r.at.slice(8, 10))).toEqual(['01', '02', '03', '04', '05']);
  });

  it('exports more rows than one batch', async () => {
    await inTransaction(tdb.db, async (tx) => {
      for (let i = 0; i < 1200; i++) {
        await recordAudit(
          tx,
          { kind: 'system', name: 'bulk' },
          { action: 'import', entityType: 'unit', entityId: `bulk:${i}` },
        );
      }
    });
    const res = await admin.inject({ method: 'GET', url: '/api/audit/export.csv?actor=system:bulk' });
    const records = parse(res.rawPayload.toString('utf8').slice(1), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(1200);
    expect(new Set(records.map((r) => r.entity_id)).size).toBe(1200);
  });

  it('is for system administrators only', async () => {
    const officer = await new TestClient(app).login(FIXTURE_USERS.provinceA.username);
    expect((await officer.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(403);
    expect((await officer.inject({ method: 'GET', url: '/api/audit/export.csv' })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/audit/export.csv' })).statusCode).toBe(401);
  });
});
