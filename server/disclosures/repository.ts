/**
 * Reading the disclosure register: item types, records with their unit and files, and the DTOs the API
 * returns (presenters live here too: the module is small).
 */
import type { Kysely } from 'kysely';
import { type PapiLink, type PostingRule, recordCompliance } from '../../core/disclosures/index.js';
import type { Database } from '../db/schema.js';
import { todayIso } from '../db/time.js';
import type { Tx } from '../db/transaction.js';
import { listFiles } from '../files/index.js';
import { presentFile } from '../files/schemas.js';
import type { DisclosureDto, DisclosureTypeDto, FileDto } from './schemas.js';
import type { DisclosureTable, DisclosureTypeTable } from './tables.js';

export type { DisclosureDto, DisclosureTypeDto, FileDto };

type Db = Kysely<Database> | Tx;

/** Owner types in stored_file: the evidence (photos of the notice board, minutes) and the public copy. */
export const EVIDENCE_OWNER = 'disclosure';
export const PUBLIC_COPY_OWNER = 'disclosure_public';

export const ruleOf = (t: Pick<DisclosureTypeTable, 'rule_kind' | 'min_days'>): PostingRule =>
  t.rule_kind === 'throughout' ? { kind: 'throughout' } : { kind: 'days', days: Number(t.min_days ?? 0) };

export const presentType = (t: DisclosureTypeTable): DisclosureTypeDto => ({
  id: t.id,
  nameVi: t.name_vi,
  nameEn: t.name_en,
  legalBasisVi: t.legal_basis_vi,
  legalBasisEn: t.legal_basis_en,
  rule: ruleOf(t),
  personalData: Number(t.personal_data) === 1,
  required: Number(t.required) === 1,
  active: Number(t.active) === 1,
  papi: JSON.parse(t.papi_json) as PapiLink[],
  position: Number(t.position),
});

export async function listTypes(db: Db): Promise<DisclosureTypeTable[]> {
  return db.selectFrom('disclosure_type').selectAll().orderBy('position').orderBy('id').execute();
}

export async function findType(db: Db, id: string): Promise<DisclosureTypeTable | undefined> {
  return db.selectFrom('disclosure_type').selectAll().where('id', '=', id).executeTakeFirst();
}

export type DisclosureRow = DisclosureTable & { unit_path: string; unit_name_vi: string; unit_name_en: string };

/** Records joined with their unit (name and path for policies). */
export function selectDisclosures(db: Db) {
  return db
    .selectFrom('disclosure')
    .innerJoin('unit', 'unit.id', 'disclosure.unit_id')
    .selectAll('disclosure')
    .select(['unit.path as unit_path', 'unit.name_vi as unit_name_vi', 'unit.name_en as unit_name_en']);
}

export async function findDisclosure(db: Db, id: string): Promise<DisclosureRow | undefined> {
  return selectDisclosures(db).where('disclosure.id', '=', id).executeTakeFirst();
}

/** Files of many postings in one query (lists), keyed `ownerType:ownerId`. */
export async function filesOfPostings(db: Db, ids: string[]): Promise<Map<string, FileDto[]>> {
  const out = new Map<string, FileDto[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('stored_file')
      .select(['id', 'owner_type', 'owner_id', 'filename', 'media_type', 'size', 'created_at'])
      .where('owner_type', 'in', [EVIDENCE_OWNER, PUBLIC_COPY_OWNER])
      .where('owner_id', 'in', ids.slice(i, i + 500))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const key = `${r.owner_type}:${r.owner_id}`;
      const list = out.get(key) ?? [];
      list.push({
        id: r.id,
        filename: r.filename,
        mediaType: r.media_type,
        size: Number(r.size),
        createdAt: r.created_at,
      });
      out.set(key, list);
    }
  }
  return out;
}

export async function presentDisclosure(
  db: Db,
  row: DisclosureRow,
  type: Pick<DisclosureTypeTable, 'rule_kind' | 'min_days'>,
  /** Preloaded by filesOfPostings for lists; omitted for one posting. */
  files?: Map<string, FileDto[]>,
): Promise<DisclosureDto> {
  const [evidence, publicCopies] = files
    ? [files.get(`${EVIDENCE_OWNER}:${row.id}`) ?? [], files.get(`${PUBLIC_COPY_OWNER}:${row.id}`) ?? []]
    : (await Promise.all([listFiles(db, EVIDENCE_OWNER, row.id), listFiles(db, PUBLIC_COPY_OWNER, row.id)])).map((l) =>
        l.map(presentFile),
      );
  return {
    id: row.id,
    unitId: row.unit_id,
    unitNameVi: row.unit_name_vi,
    unitNameEn: row.unit_name_en,
    typeId: row.type_id,
    title: row.title,
    period: row.period,
    year: Number(row.year),
    places: JSON.parse(row.places_json) as string[],
    placeNote: row.place_note,
    postedFrom: row.posted_from,
    postedUntil: row.posted_until,
    periodEnd: row.period_end,
    published: Number(row.published) === 1,
    redacted: Number(row.redacted) === 1,
    summary: row.summary,
    compliance: recordCompliance(ruleOf(type), postingOf(row), todayIso()),
    evidence,
    publicCopies,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const postingOf = (row: DisclosureTable) => ({
  id: row.id,
  unitId: row.unit_id,
  typeId: row.type_id,
  year: Number(row.year),
  postedFrom: row.posted_from,
  postedUntil: row.posted_until,
  periodEnd: row.period_end,
});
