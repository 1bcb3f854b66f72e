/**
 * Reading and writing units of government (đơn vị hành chính). Plain functions over a Kysely handle or a
 * transaction, so routes, commands (importer, department/office creation) and the CLI share them.
 * Every write function takes the actor and records its audit row in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { InputError } from '../../core/errors.js';
import { compareVi } from '../../core/text/collate.js';
import { foldedWords, foldVietnamese, normalizeVietnamese } from '../../core/text/fold.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import type { Database } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import type { Tx } from '../db/transaction.js';
import { presentUnit } from '../presenters/unit.js';
import {
  type CrosswalkRow,
  expandTypeFilter,
  isUnitType,
  TYPE_RANK,
  type UnitRow,
  type UnitType,
  unitId,
} from './types.js';

type Db = Kysely<Database>;

// ---- tree helpers (pure) ----------------------------------------------------------------------

/** Materialised path of a unit: its parent's path plus its own id, '/vn2025:01/vn2025:00004/'. */
export function computePath(parent: Pick<UnitRow, 'path'> | null, id: string): string {
  return `${parent ? parent.path : '/'}${id}/`;
}

/** Depth in the tree: 1 for a root (province), parent's level + 1 below it. */
export function computeLevel(parent: Pick<UnitRow, 'level'> | null): number {
  return parent ? parent.level + 1 : 1;
}

/** Ids on a path, root first, the unit itself last. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** True when `unit` is `ancestorId` or lies below it. */
export function isInSubtree(unit: Pick<UnitRow, 'path'>, ancestorId: string): boolean {
  return unit.path.includes(`/${ancestorId}/`);
}

/** The stored search key: fold(name_vi + ' ' + full_name_vi + ' ' + name_en). */
export function foldUnitNames(n: { nameVi: string; fullNameVi: string; nameEn: string }): string {
  return foldVietnamese(`${n.nameVi} ${n.fullNameVi} ${n.nameEn}`);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `where` clause: the unit exists on `asOf` (YYYY-MM-DD; validity dates are inclusive). */
export function validOn(asOf: string) {
  return (eb: ExpressionBuilder<Database, 'unit'>) =>
    eb.and([
      eb.or([eb('unit.valid_from', 'is', null), eb('unit.valid_from', '<=', asOf)]),
      eb.or([eb('unit.valid_to', 'is', null), eb('unit.valid_to', '>=', asOf)]),
    ]);
}

/** `where` clause: the unit is the one with this path or below it (scope a query to a subtree). */
export function withinPath(path: string) {
  return (eb: ExpressionBuilder<Database, 'unit'>) => eb('unit.path', 'like', `${escapeLike(path)}%`);
}

// ---- reads ------------------------------------------------------------------------------------

export async function findUnit(db: Db, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Ancestors of a unit, root first, without the unit itself. */
export async function findAncestors(db: Db, unit: Pick<UnitRow, 'path' | 'id'>): Promise<UnitRow[]> {
  const ids = pathIds(unit.path).filter((id) => id !== unit.id);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('unit').selectAll().where('id', 'in', ids).execute();
  return rows.sort((a, b) => a.level - b.level);
}

/** Number of direct children, those valid on `asOf` when given. */
export async function countChildren(db: Db, id: string, asOf?: string): Promise<number> {
  let q = db
    .selectFrom('unit')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('parent_id', '=', id);
  if (asOf) q = q.where(validOn(asOf));
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface UnitListQuery {
  /** YYYY-MM-DD: only units that exist on that day. */
  asOf: string;
  /** Search words, diacritics- and case-insensitive; every word must begin a word of the names. */
  q?: string;
  /** Type filter; `province` and `commune` stand for their whole level (see TYPE_FILTER_GROUPS). */
  types?: UnitType[];
  parentId?: string;
  level?: number;
  /** Only this unit and its subtree (by materialised path), e.g. to scope to a caller's unit. */
  withinPath?: string;
  limit?: number;
  offset?: number;
}

/**
 * Units matching the query. Every folded word of `q` must begin a word of name_folded (so "ha noi"
 * finds "Hà Nội" and "an" does not find "Thanh"). Display order: with `q`, units whose name equals the
 * query come first, then names starting with it, then the rest; within that, province level before
 * districts before communes before offices; then Vietnamese order (Intl.Collator('vi')) of name_vi.
 */
export async function listUnits(db: Db, query: UnitListQuery): Promise<{ rows: UnitRow[]; total: number }> {
  let qb = db.selectFrom('unit').selectAll().where(validOn(query.asOf));
  if (query.types && query.types.length > 0) qb = qb.where('unit_type', 'in', expandTypeFilter(query.types));
  if (query.parentId !== undefined) qb = qb.where('parent_id', '=', query.parentId);
  if (query.level !== undefined) qb = qb.where('level', '=', query.level);
  if (query.withinPath !== undefined) qb = qb.where(withinPath(query.withinPath));
  const words = foldedWords(query.q ?? '');
  // Each word must begin a word of the folded names ("an" finds "An Thi", not "Thanh").
  for (const w of words) {
    qb = qb.where(sql<boolean>`(' ' || name_folded) like ${`% ${escapeLike(w)}%`} escape '\\'`);
  }
  const rows = await qb.execute();

  const folded = words.join(' ');
  const matchRank = (u: UnitRow) => {
    if (!folded) return 0;
    const name = foldVietnamese(u.name_vi);
    return name === folded ? 0 : name.startsWith(folded) ? 1 : 2;
  };
  const typeRank = (u: UnitRow) => (isUnitType(u.unit_type) ? TYPE_RANK[u.unit_type] : 9);
  const keyed = rows.map((u) => ({ u, t: typeRank(u), m: matchRank(u) }));
  keyed.sort((a, b) => a.m - b.m || a.t - b.t || compareVi(a.u.name_vi, b.u.name_vi) || (a.u.id < b.u.id ? -1 : 1));
  const offset = query.offset ?? 0;
  const end = query.limit === undefined ? undefined : offset + query.limit;
  return { rows: keyed.slice(offset, end).map((k) => k.u), total: rows.length };
}

/** Direct children valid on `asOf`, in display order. */
export async function listChildren(db: Db, id: string, asOf: string): Promise<UnitRow[]> {
  return (await listUnits(db, { asOf, parentId: id })).rows;
}

/** Crosswalk rows (old → new) from and/or to a unit; all rows when neither is given. */
export async function listCrosswalk(db: Db, filter: { from?: string; to?: string } = {}): Promise<CrosswalkRow[]> {
  let q = db.selectFrom('unit_crosswalk').selectAll();
  if (filter.from) q = q.where('from_unit_id', '=', filter.from);
  if (filter.to) q = q.where('to_unit_id', '=', filter.to);
  return q.orderBy('from_unit_id').orderBy('to_unit_id').orderBy('effective_date').execute();
}

// ---- writes -----------------------------------------------------------------------------------

/** SQLite allows 32,766 bound variables per statement, PostgreSQL 65,535: 500 rows × 16 columns is far below. */
const INSERT_BATCH = 500;

/** Batch insert of complete rows, parents before children (sorted by level). No audit: the caller records it. */
export async function insertUnitRows(tx: Tx, rows: readonly UnitRow[]): Promise<void> {
  const ordered = [...rows].sort((a, b) => a.level - b.level);
  for (let i = 0; i < ordered.length; i += INSERT_BATCH) {
    await tx
      .insertInto('unit')
      .values(ordered.slice(i, i + INSERT_BATCH))
      .execute();
  }
}

export interface NewUnit {
  /** 'local' (default) for departments and offices created by users; ids are then 'local:<uuid>'. */
  codeSystem?: string;
  /** Required for official code systems; for 'local' defaults to the generated uuid. */
  code?: string;
  nameVi: string;
  nameEn: string;
  fullNameVi?: string;
  fullNameEn?: string;
  unitType: UnitType;
  parentId: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

/** Creates one unit under its parent (path and level derived), with an audit row. */
export async function insertUnit(tx: Tx, actor: Actor, input: NewUnit): Promise<UnitRow> {
  const parent = input.parentId === null ? null : await findUnit(tx, input.parentId);
  if (input.parentId !== null && !parent) {
    throw new InputError(`parent unit ${input.parentId} does not exist`, { path: ['parentId'] }, 'unknown_parent');
  }
  const codeSystem = input.codeSystem ?? 'local';
  const uuid = randomUUID();
  const code = input.code ?? (codeSystem === 'local' ? uuid : undefined);
  if (!code) throw new InputError(`a code is required for code system ${codeSystem}`, { path: ['code'] });
  const id = codeSystem === 'local' ? `local:${uuid}` : unitId(codeSystem, code);
  const taken = await tx
    .selectFrom('unit')
    .select('id')
    .where('code_system', '=', codeSystem)
    .where('code', '=', code)
    .executeTakeFirst();
  if (taken) throw new InputError(`code ${code} is already used by ${taken.id}`, { path: ['code'] }, 'duplicate_code');

  const nameVi = normalizeVietnamese(input.nameVi.trim());
  const nameEn = input.nameEn.trim();
  const fullNameVi = normalizeVietnamese((input.fullNameVi ?? input.nameVi).trim());
  const fullNameEn = (input.fullNameEn ?? input.nameEn).trim();
  const now = nowIso();
  const row: UnitRow = {
    id,
    code_system: codeSystem,
    code,
    name_vi: nameVi,
    name_en: nameEn,
    full_name_vi: fullNameVi,
    full_name_en: fullNameEn,
    name_folded: foldUnitNames({ nameVi, fullNameVi, nameEn }),
    unit_type: input.unitType,
    level: computeLevel(parent ?? null),
    parent_id: parent?.id ?? null,
    path: computePath(parent ?? null, id),
    valid_from: input.validFrom ?? null,
    valid_to: input.validTo ?? null,
    created_at: now,
    updated_at: now,
  };
  await tx.insertInto('unit').values(row).execute();
  await recordAudit(tx, actor, {
    action: 'create',
    entityType: 'unit',
    entityId: id,
    unitId: id,
    after: presentUnit(row),
  });
  return row;
}

export interface UnitPatch {
  nameVi?: string;
  nameEn?: string;
  fullNameVi?: string;
  fullNameEn?: string;
  unitType?: UnitType;
  validFrom?: string | null;
  validTo?: string | null;
}

/**
 * Changes names, type or validity of a unit (not its place in the tree). Records before/after; a patch
 * that changes nothing writes nothing. Throws InputError('unknown_unit') when the id does not exist.
 */
export async function updateUnit(tx: Tx, actor: Actor, id: string, patch: UnitPatch): Promise<UnitRow> {
  const before = await findUnit(tx, id);
  if (!before) throw new InputError(`unit ${id} does not exist`, { path: ['id'] }, 'unknown_unit');
  const nameVi = patch.nameVi === undefined ? before.name_vi : normalizeVietnamese(patch.nameVi.trim());
  const nameEn = patch.nameEn === undefined ? before.name_en : patch.nameEn.trim();
  const fullNameVi =
    patch.fullNameVi === undefined ? before.full_name_vi : normalizeVietnamese(patch.fullNameVi.trim());
  const fullNameEn = patch.fullNameEn === undefined ? before.full_name_en : patch.fullNameEn.trim();
  const next: UnitRow = {
    ...before,
    name_vi: nameVi,
    name_en: nameEn,
    full_name_vi: fullNameVi,
    full_name_en: fullNameEn,
    name_folded: before.name_folded,
    unit_type: patch.unitType ?? before.unit_type,
    valid_from: patch.validFrom === undefined ? before.valid_from : patch.validFrom,
    valid_to: patch.validTo === undefined ? before.valid_to : patch.validTo,
  };
  const namesChanged = nameVi !== before.name_vi || nameEn !== before.name_en || fullNameVi !== before.full_name_vi;
  if (namesChanged) next.name_folded = foldUnitNames({ nameVi, fullNameVi, nameEn });
  return writeUnitChange(tx, actor, before, next);
}

const COMPARED: (keyof Omit<UnitRow, 'created_at' | 'updated_at'>)[] = [
  'code_system',
  'code',
  'name_vi',
  'name_en',
  'full_name_vi',
  'full_name_en',
  'name_folded',
  'unit_type',
  'level',
  'parent_id',
  'path',
  'valid_from',
  'valid_to',
];

/** True when two rows differ in anything but their timestamps. */
export function unitChanged(
  a: Omit<UnitRow, 'created_at' | 'updated_at'>,
  b: Omit<UnitRow, 'created_at' | 'updated_at'>,
) {
  return COMPARED.some((k) => a[k] !== b[k]);
}

/** Writes `next` over `before` when they differ, with an 'update' audit row (before/after). */
export async function writeUnitChange(tx: Tx, actor: Actor, before: UnitRow, next: UnitRow): Promise<UnitRow> {
  if (!unitChanged(before, next)) return before;
  const after: UnitRow = { ...next, id: before.id, created_at: before.created_at, updated_at: nowIso() };
  const { id: _id, created_at: _c, ...changes } = after;
  await tx.updateTable('unit').set(changes).where('id', '=', before.id).execute();
  await recordAudit(tx, actor, {
    action: 'update',
    entityType: 'unit',
    entityId: before.id,
    unitId: before.id,
    before: presentUnit(before),
    after: presentUnit(after),
  });
  if (after.path !== before.path) {
    // The unit moved: its descendants' paths and levels follow, each with its own audit row.
    const descendants = await tx
      .selectFrom('unit')
      .selectAll()
      .where(withinPath(before.path))
      .where('id', '!=', before.id)
      .execute();
    const shift = after.level - before.level;
    for (const d of descendants) {
      const moved: UnitRow = {
        ...d,
        path: after.path + d.path.slice(before.path.length),
        level: d.level + shift,
        updated_at: after.updated_at,
      };
      await tx
        .updateTable('unit')
        .set({ path: moved.path, level: moved.level, updated_at: moved.updated_at })
        .where('id', '=', d.id)
        .execute();
      await recordAudit(tx, actor, {
        action: 'update',
        entityType: 'unit',
        entityId: d.id,
        unitId: d.id,
        before: presentUnit(d),
        after: presentUnit(moved),
      });
    }
  }
  return after;
}
