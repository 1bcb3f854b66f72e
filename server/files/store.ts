/**
 * Storing and reading files. Writes run inside the caller's transaction, so a record and its files
 * commit or roll back together; each stored or deleted file is audited (without its bytes).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../audit/actor.js';
import { actorName } from '../audit/actor.js';
import { recordAudit, recordAudits } from '../audit/record.js';
import type { Database } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import type { Tx } from '../db/transaction.js';
import { checkUpload, cleanFilename, detectMediaType, type FileLimits, type UploadedFile } from './limits.js';

export interface StoredFileMeta {
  id: string;
  ownerType: string;
  ownerId: string;
  unitId: string | null;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: string;
  createdBy: string;
}

export interface StoreFileInput {
  ownerType: string;
  ownerId: string;
  unitId: string | null;
  file: UploadedFile;
  /** Checked (size, type from the bytes) before storing; without it the type is still detected. */
  limits?: FileLimits;
}

const META_COLUMNS = [
  'id',
  'owner_type',
  'owner_id',
  'unit_id',
  'filename',
  'media_type',
  'size',
  'sha256',
  'created_at',
  'created_by',
] as const;

type MetaRow = Pick<Database['stored_file'], (typeof META_COLUMNS)[number]>;

const toMeta = (r: MetaRow): StoredFileMeta => ({
  id: r.id,
  ownerType: r.owner_type,
  ownerId: r.owner_id,
  unitId: r.unit_id,
  filename: r.filename,
  mediaType: r.media_type,
  size: Number(r.size),
  sha256: r.sha256,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export async function storeFile(tx: Tx, actor: Actor, input: StoreFileInput): Promise<StoredFileMeta> {
  const { file } = input;
  const mediaType = input.limits ? await checkUpload(file, input.limits) : await detectMediaType(file.content);
  const row = {
    id: randomUUID(),
    owner_type: input.ownerType,
    owner_id: input.ownerId,
    unit_id: input.unitId,
    filename: cleanFilename(file.filename),
    media_type: mediaType,
    size: file.content.length,
    sha256: createHash('sha256').update(file.content).digest('hex'),
    content: file.content,
    created_at: nowIso(),
    created_by: actorName(actor),
  };
  await tx.insertInto('stored_file').values(row).execute();
  const { content: _bytes, ...meta } = row;
  await recordAudit(tx, actor, {
    action: 'create',
    entityType: 'stored_file',
    entityId: row.id,
    unitId: row.unit_id,
    after: meta,
  });
  return toMeta(meta);
}

export async function listFiles(
  db: Kysely<Database> | Tx,
  ownerType: string,
  ownerId: string,
): Promise<StoredFileMeta[]> {
  const rows = await db
    .selectFrom('stored_file')
    .select(META_COLUMNS)
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toMeta);
}

export async function readStoredFile(
  db: Kysely<Database> | Tx,
  id: string,
): Promise<{ meta: StoredFileMeta; content: Buffer } | undefined> {
  const row = await db
    .selectFrom('stored_file')
    .select([...META_COLUMNS, 'content'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { content, ...meta } = row;
  return { meta: toMeta(meta), content: Buffer.from(content) };
}

/** Deletes every file of an owner (e.g. when a draft record is deleted). */
export async function deleteFilesOf(tx: Tx, actor: Actor, ownerType: string, ownerId: string): Promise<number> {
  const files = await listFiles(tx, ownerType, ownerId);
  if (files.length === 0) return 0;
  await tx.deleteFrom('stored_file').where('owner_type', '=', ownerType).where('owner_id', '=', ownerId).execute();
  await recordAudits(
    tx,
    actor,
    files.map((f) => ({ action: 'delete', entityType: 'stored_file', entityId: f.id, unitId: f.unitId, before: f })),
  );
  return files.length;
}
