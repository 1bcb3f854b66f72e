import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { systemActor } from '../audit/actor.js';
import { tableContents } from '../backup/contents.js';
import { importUnits, type UnitsImportResult } from '../commands/unitsImporter.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { inTransaction } from '../db/transaction.js';
import { insertUnit, listUnits } from './repository.js';
import { unitsSeedStep } from './seed.js';
import { columnIndex, copyUnitsDir, editCells, FAULT_CASES } from './testing/unit-files.js';

const actor = systemActor('units-import');

describe.each(DIALECTS)('units import on %s', (dialect) => {
  let tdb: TestDatabase;
  let first: UnitsImportResult;
  const dirs: string[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    first = await importUnits(tdb.db, actor);
    process.stdout.write(`units import on ${dialect}: ${first.units.created} units in ${first.ms.toFixed(0)} ms\n`);
  });
  afterAll(async () => {
    await tdb.destroy();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const tempCopy = () => {
    const d = copyUnitsDir();
    dirs.push(d);
    return d;
  };

  it('creates 63 + 34 provinces, 3,321 communes and 63 crosswalk rows, well under 5 s', () => {
    expect(first.units).toEqual({ created: 3418, updated: 0, unchanged: 0 });
    expect(first.crosswalk).toEqual({ created: 63, updated: 0, unchanged: 0 });
    expect(first.ms).toBeLessThan(5000);
  });

  it('as of 2025-06-30 the map has the 63 provinces and nothing else', async () => {
    const all = await listUnits(tdb.db, { asOf: '2025-06-30' });
    expect(all.total).toBe(63);
    expect(all.rows.every((u) => u.code_system === 'vn2008' && u.level === 1)).toBe(true);
    const provinces = await listUnits(tdb.db, { asOf: '2025-06-30', types: ['province'] });
    expect(provinces.total).toBe(63);
    // Long before the mergers too (valid_from is open).
    expect((await listUnits(tdb.db, { asOf: '2008-08-01' })).total).toBe(63);
  });

  it('as of 2025-07-01 the map has 34 provinces and 3,321 communes (2,611 xã, 697 phường, 13 đặc khu)', async () => {
    const asOf = '2025-07-01';
    expect((await listUnits(tdb.db, { asOf, types: ['province'] })).total).toBe(34);
    expect((await listUnits(tdb.db, { asOf, level: 1 })).total).toBe(34);
    expect((await listUnits(tdb.db, { asOf, types: ['commune'] })).total).toBe(3321);
    expect((await listUnits(tdb.db, { asOf, types: ['ward'] })).total).toBe(697);
    expect((await listUnits(tdb.db, { asOf, types: ['special_zone'] })).total).toBe(13);
    const xa = await tdb.db
      .selectFrom('unit')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('unit_type', '=', 'commune')
      .executeTakeFirstOrThrow();
    expect(Number(xa.n)).toBe(2611);
    expect((await listUnits(tdb.db, { asOf, types: ['centrally_run_city'] })).total).toBe(7);
    expect((await listUnits(tdb.db, { asOf })).total).toBe(34 + 3321);
  });

  it('builds the tree: every commune sits under its 2025 province with path and level', async () => {
    const rows = await tdb.db.selectFrom('unit').selectAll().execute();
    const byId = new Map(rows.map((u) => [u.id, u]));
    for (const u of rows) {
      if (u.parent_id === null) {
        expect(u.level).toBe(1);
        expect(u.path).toBe(`/${u.id}/`);
      } else {
        const p = byId.get(u.parent_id)!;
        expect(p.code_system).toBe('vn2025');
        expect(u.level).toBe(p.level + 1);
        expect(u.path).toBe(`${p.path}${u.id}/`);
      }
    }
    expect(byId.get('vn2025:12142')).toMatchObject({
      name_vi: 'Ân Thi',
      full_name_vi: 'Xã Ân Thi',
      unit_type: 'commune',
      parent_id: 'vn2025:33',
      path: '/vn2025:33/vn2025:12142/',
      level: 2,
      valid_from: '2025-07-01',
      valid_to: null,
      name_folded: 'an thi xa an thi an thi',
    });
    expect(byId.get('vn2008:15')).toMatchObject({ name_vi: 'Yên Bái', valid_from: null, valid_to: '2025-06-30' });
    expect(byId.get('vn2008:77')).toMatchObject({
      name_en: 'Ba Ria - Vung Tau',
      full_name_en: 'Ba Ria - Vung Tau Province',
    });
    expect(byId.get('vn2008:01')).toMatchObject({ name_en: 'Hanoi', full_name_en: 'Hanoi City' });
  });

  it('maps every old province to exactly one new one, and flags the reused codes', async () => {
    const rows = await tdb.db
      .selectFrom('unit_crosswalk as c')
      .innerJoin('unit as o', 'o.id', 'c.from_unit_id')
      .innerJoin('unit as n', 'n.id', 'c.to_unit_id')
      .select(['c.from_unit_id', 'c.to_unit_id', 'c.code_reused', 'c.kind', 'c.effective_date'])
      .select(['o.code as old_code', 'o.name_vi as old_name', 'n.code as new_code', 'n.name_vi as new_name'])
      .select(['o.code_system as old_system', 'n.code_system as new_system'])
      .execute();
    expect(rows).toHaveLength(63);
    expect(new Set(rows.map((r) => r.from_unit_id)).size).toBe(63);
    expect(new Set(rows.map((r) => r.to_unit_id)).size).toBe(34);
    expect(rows.every((r) => r.old_system === 'vn2008' && r.new_system === 'vn2025')).toBe(true);
    expect(rows.every((r) => r.kind === 'full' && r.effective_date === '2025-07-01')).toBe(true);
    // Each new province kept exactly one old code…
    const reused = rows.filter((r) => r.code_reused === 1);
    expect(reused).toHaveLength(34);
    expect(reused.every((r) => r.old_code === r.new_code)).toBe(true);
    // …and 7 codes now name a different province (SOURCE.md: Lào Cai = 15, formerly Yên Bái, …).
    const meaningChanged = reused.filter((r) => r.old_name !== r.new_name).map((r) => r.new_code);
    expect(meaningChanged.sort()).toEqual(['15', '24', '44', '52', '80', '82', '91']);
    expect(rows.find((r) => r.from_unit_id === 'vn2008:34')).toMatchObject({ to_unit_id: 'vn2025:33', code_reused: 0 });
  });

  it('searches without diacritics or case, best match first', async () => {
    const top = async (q: string, asOf = '2025-07-01') => (await listUnits(tdb.db, { asOf, q, limit: 3 })).rows[0];
    expect(await top('ha noi')).toMatchObject({ id: 'vn2025:01', name_vi: 'Hà Nội' });
    expect(await top('HA NOI', '2025-06-30')).toMatchObject({ id: 'vn2008:01' });
    expect(await top('da nang')).toMatchObject({ id: 'vn2025:48', name_vi: 'Đà Nẵng' });
    expect(await top('thua thien hue')).toMatchObject({ id: 'vn2025:46', name_vi: 'Huế' });
    expect(await top('thua thien hue', '2025-06-30')).toMatchObject({ id: 'vn2008:46' });
    expect(await top('hanoi')).toMatchObject({ id: 'vn2025:01' });
    expect(await top('an thi')).toMatchObject({ id: 'vn2025:12142', name_vi: 'Ân Thi' });
    // The CLI example: --as-of 2025-06-30 --type province --q "ha noi".
    const r = await listUnits(tdb.db, { asOf: '2025-06-30', types: ['province'], q: 'ha noi' });
    expect(r.rows.map((u) => u.id)).toEqual(['vn2008:01']);
    // Words match at word starts only: "an" does not find "Thanh".
    const an = await listUnits(tdb.db, { asOf: '2025-07-01', q: 'an' });
    expect(an.rows.every((u) => (' ' + u.name_folded).includes(' an'))).toBe(true);
    expect(an.rows.some((u) => u.id === 'vn2025:46')).toBe(false);
    // Every word must match; LIKE wildcards in the query are literal.
    expect((await listUnits(tdb.db, { asOf: '2025-07-01', q: 'ha noi zzz' })).total).toBe(0);
    expect((await listUnits(tdb.db, { asOf: '2025-07-01', q: '%' })).total).toBe(0);
    expect((await listUnits(tdb.db, { asOf: '2025-07-01', q: '_' })).total).toBe(0);
  });

  it('sorts in Vietnamese order: "Ân Thi" after the "An …" names and before "Ba …"', async () => {
    const { rows } = await listUnits(tdb.db, { asOf: '2025-07-01', types: ['commune'] });
    expect(rows).toHaveLength(3321);
    const names = rows.map((u) => u.name_vi);
    const anThi = names.indexOf('Ân Thi');
    const lastAn = names.findLastIndex((n) => /^An( |$|h)/.test(n));
    const firstBa = names.findIndex((n) => n.startsWith('Ba'));
    const firstB = names.findIndex((n) => n.startsWith('B')); // "B'Lao" sorts before "Ba Bể"
    expect(lastAn).toBeGreaterThanOrEqual(0);
    expect(anThi).toBeGreaterThan(lastAn);
    expect(anThi).toBeLessThan(firstBa);
    // Everything starting with Ă or Â comes after every plain "A…" name.
    const firstBreve = names.findIndex((n) => /^[ĂÂ]/.test(n));
    expect(firstBreve).toBeGreaterThan(lastAn);
    expect(names.slice(firstBreve, firstB).every((n) => /^[ĂÂẮẰẲẴẶẤẦẨẪẬ]/.test(n))).toBe(true);
    // And the whole list agrees with Intl.Collator('vi') on name_vi.
    const c = new Intl.Collator('vi');
    for (let i = 1; i < names.length; i++) expect(c.compare(names[i - 1]!, names[i]!)).toBeLessThanOrEqual(0);
  });

  it('lists provinces before communes when both are asked, and pages with limit/offset', async () => {
    const page1 = await listUnits(tdb.db, { asOf: '2025-07-01', types: ['province', 'commune'], limit: 40 });
    expect(page1.total).toBe(3355);
    expect(page1.rows.slice(0, 34).every((u) => u.level === 1)).toBe(true);
    expect(page1.rows[34]!.level).toBe(2);
    expect(page1.rows[0]!.name_vi).toBe('An Giang');
    const page2 = await listUnits(tdb.db, {
      asOf: '2025-07-01',
      types: ['province', 'commune'],
      limit: 40,
      offset: 30,
    });
    expect(page2.rows.slice(0, 10).map((u) => u.id)).toEqual(page1.rows.slice(30, 40).map((u) => u.id));
  });

  it('filters by as-of date: Yên Bái until 2025-06-30, Lào Cai (same code 15) from 2025-07-01', async () => {
    const code15 = async (asOf: string) =>
      (await listUnits(tdb.db, { asOf, types: ['province'] })).rows.filter((u) => u.code === '15').map((u) => u.id);
    expect(await code15('2025-06-30')).toEqual(['vn2008:15']);
    expect(await code15('2025-07-01')).toEqual(['vn2025:15']);
    expect(await code15('2030-01-01')).toEqual(['vn2025:15']);
  });

  it('writes one audit row per created unit and crosswalk row, by system:units-import', async () => {
    const audits = await tdb.db.selectFrom('audit_log').selectAll().execute();
    const units = audits.filter((a) => a.entity_type === 'unit');
    expect(units).toHaveLength(3418);
    expect(new Set(units.map((a) => a.entity_id)).size).toBe(3418);
    expect(audits.filter((a) => a.entity_type === 'unit_crosswalk')).toHaveLength(63);
    expect(audits.every((a) => a.actor_name === 'system:units-import' && a.actor_id === null)).toBe(true);
    expect(audits.every((a) => a.action === 'create' && a.before_json === null)).toBe(true);
    const anThi = units.find((a) => a.entity_id === 'vn2025:12142')!;
    expect(anThi.unit_id).toBe('vn2025:12142');
    expect(JSON.parse(anThi.after_json!)).toMatchObject({ nameVi: 'Ân Thi', parentId: 'vn2025:33' });
  });

  it('is idempotent: a second run changes no row and writes no audit row', async () => {
    const before = await tableContents(tdb);
    const again = await importUnits(tdb.db, actor);
    expect(again.units).toEqual({ created: 0, updated: 0, unchanged: 3418 });
    expect(again.crosswalk).toEqual({ created: 0, updated: 0, unchanged: 63 });
    expect(await tableContents(tdb)).toEqual(before);
  });

  it('rejects each malformed file with file, row and column, leaving every row as it was', async () => {
    const before = await tableContents(tdb);
    for (const fault of FAULT_CASES) {
      const dir = tempCopy();
      fault.plant(dir);
      const err = await importUnits(tdb.db, actor, { dir }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, fault.name).toBeInstanceOf(InputError);
      const loc = (err as InputError).location;
      expect(loc.file?.endsWith(fault.expect.file), fault.name).toBe(true);
      expect(loc.row, fault.name).toBe(fault.expect.row);
      if (fault.expect.column) expect(loc.column, fault.name).toBe(fault.expect.column);
    }
    expect(await tableContents(tdb)).toEqual(before);
  });

  it('updates a renamed unit with an audit entry (before/after), and only that unit', async () => {
    const dir = tempCopy();
    const code = columnIndex(dir, 'communes', 'code');
    const name = columnIndex(dir, 'communes', 'name');
    editCells(dir, 'communes', (rows) => {
      const r = rows.find((cells) => cells[code] === '12142')!;
      r[name] = 'Ân Thi Mới';
    });
    const auditsBefore = await tdb.db.selectFrom('audit_log').select('id').execute();
    const r = await importUnits(tdb.db, actor, { dir });
    expect(r.units).toEqual({ created: 0, updated: 1, unchanged: 3417 });
    const row = await tdb.db.selectFrom('unit').selectAll().where('id', '=', 'vn2025:12142').executeTakeFirstOrThrow();
    expect(row.name_vi).toBe('Ân Thi Mới');
    expect(row.name_folded).toBe('an thi moi xa an thi an thi');
    expect(row.updated_at > row.created_at).toBe(true);
    const known = new Set(auditsBefore.map((a) => a.id));
    const fresh = (await tdb.db.selectFrom('audit_log').selectAll().execute()).filter((a) => !known.has(a.id));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({ action: 'update', entity_type: 'unit', entity_id: 'vn2025:12142' });
    expect(JSON.parse(fresh[0]!.before_json!).nameVi).toBe('Ân Thi');
    expect(JSON.parse(fresh[0]!.after_json!).nameVi).toBe('Ân Thi Mới');
    // The shipped files put it back.
    expect((await importUnits(tdb.db, actor)).units.updated).toBe(1);
  });

  it('updates a changed crosswalk row with an audit entry', async () => {
    const dir = tempCopy();
    const old = columnIndex(dir, 'crosswalk', 'old_code');
    const kind = columnIndex(dir, 'crosswalk', 'merge_type');
    editCells(dir, 'crosswalk', (rows) => {
      rows.find((cells) => cells[old] === '34')![kind] = 'partial';
    });
    const r = await importUnits(tdb.db, actor, { dir });
    expect(r.crosswalk).toEqual({ created: 0, updated: 1, unchanged: 62 });
    expect(r.units.updated).toBe(0);
    const audit = await tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'unit_crosswalk')
      .where('action', '=', 'update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_id: 'vn2008:34->vn2025:33@2025-07-01', unit_id: 'vn2025:33' });
    expect(JSON.parse(audit[0]!.before_json!).kind).toBe('full');
    expect(JSON.parse(audit[0]!.after_json!).kind).toBe('partial');
    expect((await importUnits(tdb.db, actor)).crosswalk.updated).toBe(1);
  });

  it('moves a commune to another province with its subtree when the file says so', async () => {
    const office = await inTransaction(tdb.db, (tx) =>
      insertUnit(tx, systemActor('test'), {
        nameVi: 'Văn phòng',
        nameEn: 'Office',
        unitType: 'office',
        parentId: 'vn2025:12142',
      }),
    );
    expect(office.path).toBe(`/vn2025:33/vn2025:12142/${office.id}/`);
    const dir = tempCopy();
    const code = columnIndex(dir, 'communes', 'code');
    const province = columnIndex(dir, 'communes', 'province_code');
    editCells(dir, 'communes', (rows) => {
      rows.find((cells) => cells[code] === '12142')![province] = '01';
    });
    expect((await importUnits(tdb.db, actor, { dir })).units.updated).toBe(1);
    const moved = await tdb.db.selectFrom('unit').selectAll().where('id', '=', office.id).executeTakeFirstOrThrow();
    expect(moved).toMatchObject({ path: `/vn2025:01/vn2025:12142/${office.id}/`, level: 3 });
    const audits = await tdb.db.selectFrom('audit_log').selectAll().where('entity_id', '=', office.id).execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'update']);
    await importUnits(tdb.db, actor);
    const back = await tdb.db.selectFrom('unit').select('path').where('id', '=', office.id).executeTakeFirstOrThrow();
    expect(back.path).toBe(`/vn2025:33/vn2025:12142/${office.id}/`);
  });

  it('the demo seed step imports the units and is a no-op the second time', async () => {
    const lines: string[] = [];
    await unitsSeedStep.run(tdb, (l) => lines.push(l));
    expect(lines.join('\n')).toMatch(/units 0 created, 0 updated/);
  });
});
