import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { systemActor } from '../audit/actor.js';
import { importUnits } from '../commands/unitsImporter.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import type { CrosswalkDto, UnitDetailDto, UnitDto } from '../presenters/unit.js';

interface UnitList {
  items: UnitDto[];
  total: number;
  asOf: string;
}

describe.each(DIALECTS)('units HTTP API on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await importUnits(tdb.db, systemActor('units-import'));
    app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await tdb.destroy();
  });

  const get = async <T>(url: string, status = 200): Promise<T> => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
    return res.json() as T;
  };

  it('GET /api/units searches as of a date, without login', async () => {
    const body = await get<UnitList>('/api/units?q=ha%20noi&asOf=2025-07-01');
    expect(body.asOf).toBe('2025-07-01');
    expect(body.items[0]).toEqual({
      id: 'vn2025:01',
      codeSystem: 'vn2025',
      code: '01',
      nameVi: 'Hà Nội',
      nameEn: 'Hanoi',
      fullNameVi: 'Thành phố Hà Nội',
      fullNameEn: 'Hanoi City',
      unitType: 'centrally_run_city',
      level: 1,
      parentId: null,
      path: '/vn2025:01/',
      validFrom: '2025-07-01',
      validTo: null,
    });
    const dn = await get<UnitList>('/api/units?q=da%20nang&asOf=2025-07-01&type=province');
    expect(dn.items.map((u) => u.id)).toEqual(['vn2025:48']);
  });

  it('GET /api/units filters by type, parent and level, pages, and counts the total', async () => {
    const provinces = await get<UnitList>('/api/units?asOf=2025-06-30&type=province&limit=100');
    expect(provinces.total).toBe(63);
    expect(provinces.items).toHaveLength(63);
    const communes = await get<UnitList>(
      '/api/units?asOf=2025-07-01&type=commune&parentId=vn2025:33&limit=10&offset=5',
    );
    expect(communes.items).toHaveLength(10);
    expect(communes.items.every((u) => u.parentId === 'vn2025:33')).toBe(true);
    const hungYen = await tdb.db
      .selectFrom('unit')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('parent_id', '=', 'vn2025:33')
      .executeTakeFirstOrThrow();
    expect(communes.total).toBe(Number(hungYen.n));
    const both = await get<UnitList>('/api/units?asOf=2025-07-01&type=province,commune&limit=35');
    expect(both.total).toBe(3355);
    expect(both.items.slice(0, 34).every((u) => u.level === 1)).toBe(true);
    expect(both.items[34]!.level).toBe(2);
    const level1 = await get<UnitList>('/api/units?asOf=2025-07-01&level=1&limit=50');
    expect(level1.total).toBe(34);
  });

  it('GET /api/units defaults asOf to today and limit to 50', async () => {
    const body = await get<UnitList>('/api/units');
    // Today in Vietnam (UTC+7 all year, no daylight saving), not the UTC date.
    expect(body.asOf).toBe(new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10));
    expect(body.items).toHaveLength(50);
    expect(body.total).toBe(34 + 3321);
  });

  it('GET /api/units rejects a bad date, type or limit with the error shape', async () => {
    const bad = await get<{ code: string; path: (string | number)[] }>('/api/units?asOf=2025-13-01', 400);
    expect(bad).toMatchObject({ code: 'validation_failed', path: ['querystring', 'asOf'] });
    expect(await get('/api/units?type=tinh', 400)).toMatchObject({ code: 'validation_failed' });
    expect(await get('/api/units?limit=0', 400)).toMatchObject({ code: 'validation_failed' });
  });

  it('GET /api/units/:id gives ancestors (root first) and the child count', async () => {
    const anThi = await get<UnitDetailDto>('/api/units/vn2025:12142');
    expect(anThi).toMatchObject({ id: 'vn2025:12142', nameVi: 'Ân Thi', unitType: 'commune', childCount: 0 });
    expect(anThi.ancestors.map((u) => u.id)).toEqual(['vn2025:33']);
    const encoded = await get<UnitDetailDto>('/api/units/vn2025%3A33?asOf=2025-07-01');
    expect(encoded.ancestors).toEqual([]);
    expect(encoded.childCount).toBeGreaterThan(50);
    // The day before the mergers Hưng Yên (2025) had no communes yet.
    expect((await get<UnitDetailDto>('/api/units/vn2025:33?asOf=2025-06-30')).childCount).toBe(0);
    expect(await get('/api/units/vn2025:99', 404)).toMatchObject({ code: 'not_found' });
  });

  it('GET /api/units/:id/children lists the communes of a province in Vietnamese order', async () => {
    const body = await get<UnitList>('/api/units/vn2025:33/children?asOf=2025-07-01');
    expect(body.total).toBe(body.items.length);
    expect(body.items.map((u) => u.id)).toContain('vn2025:12142');
    expect(body.items.map((u) => u.id)).toContain('vn2025:11953');
    const names = body.items.map((u) => u.nameVi);
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
    expect(await get('/api/units/nope/children', 404)).toMatchObject({ code: 'not_found' });
  });

  it('GET /api/units/crosswalk maps old to new provinces', async () => {
    const from = await get<{ items: CrosswalkDto[] }>('/api/units/crosswalk?from=vn2008:34');
    expect(from.items).toEqual([
      { fromUnitId: 'vn2008:34', toUnitId: 'vn2025:33', effectiveDate: '2025-07-01', kind: 'full', codeReused: false },
    ]);
    const to = await get<{ items: CrosswalkDto[] }>('/api/units/crosswalk?to=vn2025:33');
    expect(to.items.map((c) => [c.fromUnitId, c.codeReused])).toEqual([
      ['vn2008:33', true],
      ['vn2008:34', false],
    ]);
    expect((await get<{ items: CrosswalkDto[] }>('/api/units/crosswalk')).items).toHaveLength(63);
  });

  it('documents the unit endpoints in the OpenAPI document', async () => {
    const doc = await get<{ paths: Record<string, unknown> }>('/api/docs/json');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/units', '/api/units/crosswalk', '/api/units/{id}', '/api/units/{id}/children']),
    );
  });
});
