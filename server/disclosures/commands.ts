/**
 * Writes of the disclosure register, each in one transaction with its audit rows (and its files, which
 * live in the same database): record, change, delete a posting; attach or remove evidence and public
 * copies; configure item types.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DISCLOSURE_TYPE_CODE, type DisclosureInput, validateDisclosure } from '../../core/disclosures/index.js';
import { InputError } from '../../core/errors.js';
import type { Actor } from '../audit/actor.js';
import { actorName } from '../audit/actor.js';
import { insertAudited, recordAudit } from '../audit/record.js';
import type { Database } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { deleteFilesOf, FILE_LIMITS, type StoredFileMeta, storeFile, type UploadedFile } from '../files/index.js';
import { notFound } from '../http/errors.js';
import { EVIDENCE_OWNER, findType, PUBLIC_COPY_OWNER, ruleOf } from './repository.js';
import type { DisclosureTable, DisclosureTypeTable } from './tables.js';

export type FileKind = 'evidence' | 'public';
const ownerOf = (kind: FileKind) => (kind === 'public' ? PUBLIC_COPY_OWNER : EVIDENCE_OWNER);

export interface DisclosureFiles {
  evidence?: UploadedFile[];
  publicCopy?: UploadedFile[];
}

async function typeRules(tx: Tx, typeId: string): Promise<DisclosureTypeTable> {
  const type = await findType(tx, typeId);
  if (!type) throw new InputError(`Unknown kind of disclosure "${typeId}"`, { path: ['typeId'] }, 'unknown_type');
  return type;
}

async function storeAll(tx: Tx, actor: Actor, id: string, unitId: string, kind: FileKind, files: UploadedFile[]) {
  const stored: StoredFileMeta[] = [];
  for (const file of files) {
    stored.push(
      await storeFile(tx, actor, { ownerType: ownerOf(kind), ownerId: id, unitId, file, limits: FILE_LIMITS.evidence }),
    );
  }
  return stored;
}

export async function createDisclosure(
  db: Kysely<Database>,
  actor: Actor,
  unitId: string,
  input: DisclosureInput,
  files: DisclosureFiles = {},
): Promise<string> {
  return inTransaction(db, async (tx) => {
    const type = await typeRules(tx, input.typeId);
    const d = validateDisclosure(input, {
      rule: ruleOf(type),
      personalData: type.personal_data === 1,
      active: type.active === 1,
    });
    const now = nowIso();
    const row: DisclosureTable = {
      id: randomUUID(),
      unit_id: unitId,
      type_id: d.typeId,
      title: d.title,
      period: d.period,
      year: d.year,
      places_json: JSON.stringify(d.places),
      place_note: d.placeNote,
      posted_from: d.postedFrom,
      posted_until: d.postedUntil,
      period_end: d.periodEnd,
      published: d.published ? 1 : 0,
      redacted: d.redacted ? 1 : 0,
      summary: d.summary,
      created_by: actorName(actor),
      created_at: now,
      updated_at: now,
    };
    await insertAudited(tx, actor, 'disclosure', row, unitId);
    await storeAll(tx, actor, row.id, unitId, 'evidence', files.evidence ?? []);
    await storeAll(tx, actor, row.id, unitId, 'public', files.publicCopy ?? []);
    return row.id;
  });
}

export type DisclosurePatch = Partial<Omit<DisclosureInput, 'typeId'>>;

export async function updateDisclosure(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  patch: DisclosurePatch,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('disclosure').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('Disclosure');
    const type = await typeRules(tx, before.type_id);
    const merged: DisclosureInput = {
      typeId: before.type_id,
      title: patch.title ?? before.title,
      period: patch.period ?? before.period,
      places: patch.places ?? (JSON.parse(before.places_json) as string[]),
      placeNote: patch.placeNote !== undefined ? patch.placeNote : before.place_note,
      postedFrom: patch.postedFrom ?? before.posted_from,
      postedUntil: patch.postedUntil !== undefined ? patch.postedUntil : before.posted_until,
      periodEnd: patch.periodEnd !== undefined ? patch.periodEnd : before.period_end,
      published: patch.published ?? before.published === 1,
      redacted: patch.redacted ?? before.redacted === 1,
      summary: patch.summary !== undefined ? patch.summary : before.summary,
    };
    // A switched-off type still lets existing records be corrected.
    const d = validateDisclosure(merged, { rule: ruleOf(type), personalData: type.personal_data === 1, active: true });
    const changes = {
      title: d.title,
      period: d.period,
      year: d.year,
      places_json: JSON.stringify(d.places),
      place_note: d.placeNote,
      posted_from: d.postedFrom,
      posted_until: d.postedUntil,
      period_end: d.periodEnd,
      published: d.published ? 1 : 0,
      redacted: d.redacted ? 1 : 0,
      summary: d.summary,
      updated_at: nowIso(),
    };
    await tx.updateTable('disclosure').set(changes).where('id', '=', id).execute();
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'disclosure',
      entityId: id,
      unitId: before.unit_id,
      before,
      after: { ...before, ...changes },
    });
  });
}

export async function deleteDisclosure(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('disclosure').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('Disclosure');
    await deleteFilesOf(tx, actor, EVIDENCE_OWNER, id);
    await deleteFilesOf(tx, actor, PUBLIC_COPY_OWNER, id);
    await tx.deleteFrom('disclosure').where('id', '=', id).execute();
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: 'disclosure',
      entityId: id,
      unitId: before.unit_id,
      before,
    });
  });
}

export async function addDisclosureFiles(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  kind: FileKind,
  files: UploadedFile[],
): Promise<StoredFileMeta[]> {
  if (files.length === 0) throw new InputError('Choose at least one file', { path: ['files'] }, 'file_required');
  return inTransaction(db, async (tx) => {
    const row = await tx.selectFrom('disclosure').select(['id', 'unit_id']).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Disclosure');
    await tx.updateTable('disclosure').set({ updated_at: nowIso() }).where('id', '=', id).execute();
    return storeAll(tx, actor, id, row.unit_id, kind, files);
  });
}

export async function deleteDisclosureFile(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  fileId: string,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const file = await tx
      .selectFrom('stored_file')
      .select(['id', 'owner_type', 'owner_id', 'unit_id', 'filename', 'media_type', 'size', 'sha256'])
      .where('id', '=', fileId)
      .where('owner_id', '=', id)
      .where('owner_type', 'in', [EVIDENCE_OWNER, PUBLIC_COPY_OWNER])
      .executeTakeFirst();
    if (!file) throw notFound('File');
    await tx.deleteFrom('stored_file').where('id', '=', fileId).execute();
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: 'stored_file',
      entityId: fileId,
      unitId: file.unit_id,
      before: file,
    });
  });
}

export interface TypeInput {
  id?: string;
  nameVi?: string;
  nameEn?: string;
  legalBasisVi?: string;
  legalBasisEn?: string;
  rule?: { kind: 'days'; days: number } | { kind: 'throughout' };
  personalData?: boolean;
  required?: boolean;
  active?: boolean;
  papi?: { conceptId: string; subdimension: string; indicators: string[] }[];
}

export async function createDisclosureType(
  db: Kysely<Database>,
  actor: Actor,
  input: Required<Omit<TypeInput, 'active'>> & { active?: boolean },
): Promise<string> {
  if (!DISCLOSURE_TYPE_CODE.test(input.id)) {
    throw new InputError('Code: lower-case letters, digits and _ (2–40 characters)', { path: ['id'] }, 'invalid_code');
  }
  return inTransaction(db, async (tx) => {
    if (await findType(tx, input.id))
      throw new InputError(`Kind "${input.id}" already exists`, { path: ['id'] }, 'duplicate_code');
    const last = await tx
      .selectFrom('disclosure_type')
      .select((eb) => eb.fn.max('position').as('p'))
      .executeTakeFirst();
    const now = nowIso();
    const row: DisclosureTypeTable = {
      id: input.id,
      name_vi: input.nameVi.trim(),
      name_en: input.nameEn.trim(),
      legal_basis_vi: input.legalBasisVi.trim(),
      legal_basis_en: input.legalBasisEn.trim(),
      rule_kind: input.rule.kind,
      min_days: input.rule.kind === 'days' ? input.rule.days : null,
      personal_data: input.personalData ? 1 : 0,
      required: input.required ? 1 : 0,
      active: input.active === false ? 0 : 1,
      papi_json: JSON.stringify(input.papi),
      position: Number(last?.p ?? 0) + 1,
      created_at: now,
      updated_at: now,
    };
    await insertAudited(tx, actor, 'disclosure_type', row, null);
    return row.id;
  });
}

export async function updateDisclosureType(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  patch: TypeInput,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await findType(tx, id);
    if (!before) throw notFound('Disclosure type');
    const changes: Partial<DisclosureTypeTable> = { updated_at: nowIso() };
    if (patch.nameVi !== undefined) changes.name_vi = patch.nameVi.trim();
    if (patch.nameEn !== undefined) changes.name_en = patch.nameEn.trim();
    if (patch.legalBasisVi !== undefined) changes.legal_basis_vi = patch.legalBasisVi.trim();
    if (patch.legalBasisEn !== undefined) changes.legal_basis_en = patch.legalBasisEn.trim();
    if (patch.rule !== undefined) {
      changes.rule_kind = patch.rule.kind;
      changes.min_days = patch.rule.kind === 'days' ? patch.rule.days : null;
    }
    if (patch.personalData !== undefined) changes.personal_data = patch.personalData ? 1 : 0;
    if (patch.required !== undefined) changes.required = patch.required ? 1 : 0;
    if (patch.active !== undefined) changes.active = patch.active ? 1 : 0;
    if (patch.papi !== undefined) changes.papi_json = JSON.stringify(patch.papi);
    await tx.updateTable('disclosure_type').set(changes).where('id', '=', id).execute();
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'disclosure_type',
      entityId: id,
      before,
      after: { ...before, ...changes },
    });
  });
}
