/**
 * Sampling frames (khung mẫu) and samples (mẫu) on the server: upload a village or resident list
 * (CSV/XLSX), draw a sample with core/surveys/sampling.ts, store it with its design columns. Each write is
 * one transaction with its audit row. Resident lists keep only village code + register id.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { InputError } from '../../core/errors.js';
import {
  checkResidentsAgainstVillages,
  drawSample,
  type ResidentFrameRow,
  residentFrameFromTable,
  type SampleSummary,
  type VillageFrameRow,
  villageFrameFromTable,
} from '../../core/surveys/sampling.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import type { Database } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { inTransaction } from '../db/transaction.js';
import type { SamplingFrameTable, SurveySampleMemberTable, SurveySampleTable } from './tables.js';
import { readTableFile } from './xlsx.js';

export const FRAME_KINDS = ['villages', 'residents'] as const;
export type FrameKind = (typeof FRAME_KINDS)[number];

const createdBy = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

export async function uploadFrame(
  db: Kysely<Database>,
  actor: Actor,
  input: { unitId: string; kind: FrameKind; name: string; file: { filename: string; content: Buffer } },
): Promise<SamplingFrameTable> {
  const sheet = await readTableFile(input.file.content, input.file.filename);
  const rows =
    input.kind === 'villages'
      ? villageFrameFromTable(sheet, input.file.filename)
      : residentFrameFromTable(sheet, input.file.filename);
  const frame: SamplingFrameTable = {
    id: randomUUID(),
    unit_id: input.unitId,
    kind: input.kind,
    name: input.name.trim() || input.file.filename,
    file_name: input.file.filename,
    row_count: rows.length,
    rows_json: JSON.stringify(rows),
    created_by: createdBy(actor),
    created_at: nowIso(),
  };
  await inTransaction(db, async (tx) => {
    await tx.insertInto('sampling_frame').values(frame).execute();
    await recordAudit(tx, actor, {
      action: 'sampling_frame.upload',
      entityType: 'sampling_frame',
      entityId: frame.id,
      unitId: frame.unit_id,
      after: { kind: frame.kind, name: frame.name, fileName: frame.file_name, rows: frame.row_count },
    });
  });
  return frame;
}

export async function findFrame(db: Kysely<Database>, id: string): Promise<SamplingFrameTable | undefined> {
  return db.selectFrom('sampling_frame').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface DrawInput {
  unitId: string;
  name: string;
  villageFrameId: string;
  residentFrameId?: string | null;
  villages: number;
  residentsPerVillage: number;
  seed: number;
}

export async function drawAndStoreSample(
  db: Kysely<Database>,
  actor: Actor,
  input: DrawInput,
): Promise<SurveySampleTable> {
  const vf = await findFrame(db, input.villageFrameId);
  if (vf?.kind !== 'villages' || vf.unit_id !== input.unitId)
    throw new InputError('village list not found in this unit', { path: ['villageFrameId'] }, 'unknown_frame');
  const villages = JSON.parse(vf.rows_json) as VillageFrameRow[];
  let residents: ResidentFrameRow[] | null = null;
  if (input.residentFrameId) {
    const rf = await findFrame(db, input.residentFrameId);
    if (rf?.kind !== 'residents' || rf.unit_id !== input.unitId)
      throw new InputError('resident list not found in this unit', { path: ['residentFrameId'] }, 'unknown_frame');
    residents = JSON.parse(rf.rows_json) as ResidentFrameRow[];
    checkResidentsAgainstVillages(villages, residents);
  }
  const { summary, members } = drawSample(villages, residents, input);
  const sample: SurveySampleTable = {
    id: randomUUID(),
    unit_id: input.unitId,
    name: input.name.trim() || `Mẫu ${input.seed}`,
    village_frame_id: vf.id,
    resident_frame_id: input.residentFrameId ?? null,
    seed: input.seed,
    villages: input.villages,
    residents_per_village: input.residentsPerVillage,
    summary_json: JSON.stringify(summary),
    created_by: createdBy(actor),
    created_at: nowIso(),
  };
  await inTransaction(db, async (tx) => {
    await tx.insertInto('survey_sample').values(sample).execute();
    for (let i = 0; i < members.length; i += 500) {
      await tx
        .insertInto('survey_sample_member')
        .values(
          members.slice(i, i + 500).map(
            (m): SurveySampleMemberTable => ({
              sample_id: sample.id,
              seq: m.seq,
              stratum: m.stratum,
              psu: m.psu,
              village_code: m.villageCode,
              village_name: m.villageName,
              resident_id: m.residentId,
              village_probability: m.villageProbability,
              resident_probability: m.residentProbability,
              weight: m.weight,
              fpc: m.fpc,
              certainty: m.certainty ? 1 : 0,
            }),
          ),
        )
        .execute();
    }
    await recordAudit(tx, actor, {
      action: 'survey_sample.draw',
      entityType: 'survey_sample',
      entityId: sample.id,
      unitId: sample.unit_id,
      after: {
        seed: sample.seed,
        villages: sample.villages,
        residentsPerVillage: sample.residents_per_village,
        members: members.length,
      },
    });
  });
  return sample;
}

export async function findSample(db: Kysely<Database>, id: string): Promise<SurveySampleTable | undefined> {
  return db.selectFrom('survey_sample').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function sampleMembers(db: Kysely<Database>, sampleId: string): Promise<SurveySampleMemberTable[]> {
  const rows = await db
    .selectFrom('survey_sample_member')
    .selectAll()
    .where('sample_id', '=', sampleId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    ...r,
    village_probability: Number(r.village_probability),
    resident_probability: Number(r.resident_probability),
    weight: Number(r.weight),
    fpc: r.fpc === null ? null : Number(r.fpc),
  }));
}

export const sampleSummary = (s: SurveySampleTable): SampleSummary => JSON.parse(s.summary_json) as SampleSummary;
