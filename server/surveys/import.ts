/**
 * Importing ODK Central / KoboToolbox submissions into a campaign's responses, exactly once: each
 * submission's instance id is hashed (sha256) into survey_import_key in the same transaction as its
 * response, so a re-import of the same or an overlapping export adds only what is new. The response row
 * has no link to the key (no way back from an answer to the export row).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { readOdkExport } from '../../core/surveys/odk-import.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import type { Database } from '../db/schema.js';
import { nowIso, todayIso } from '../db/time.js';
import { inTransaction } from '../db/transaction.js';
import { notFound } from '../http/errors.js';
import { findQuestionnaireVersion } from './repository.js';
import { readTableFile } from './xlsx.js';

export interface ImportSummary {
  imported: number;
  alreadyImported: number;
  duplicateRows: number[];
  ignoredColumns: string[];
  keyColumn: string;
}

const keyHash = (campaignId: string, key: string) =>
  createHash('sha256').update(`${campaignId}\u0000${key}`).digest('hex');

export async function importSubmissions(
  db: Kysely<Database>,
  actor: Actor,
  campaignId: string,
  file: { filename: string; content: Buffer },
): Promise<ImportSummary> {
  const campaign = await db
    .selectFrom('survey_campaign')
    .select(['id', 'unit_id', 'questionnaire_version_id'])
    .where('id', '=', campaignId)
    .executeTakeFirst();
  if (!campaign) throw notFound('Campaign');
  const version = await findQuestionnaireVersion(db, campaign.questionnaire_version_id);
  if (!version) throw notFound('Questionnaire version');
  const sheet = await readTableFile(file.content, file.filename);
  const parsed = readOdkExport(version.form, sheet, file.filename);
  return inTransaction(db, async (tx) => {
    const hashes = parsed.submissions.map((s) => keyHash(campaignId, s.key));
    const existing = new Set<string>();
    for (let i = 0; i < hashes.length; i += 500) {
      const chunk = hashes.slice(i, i + 500);
      if (chunk.length === 0) continue;
      const rows = await tx
        .selectFrom('survey_import_key')
        .select('key_hash')
        .where('campaign_id', '=', campaignId)
        .where('key_hash', 'in', chunk)
        .execute();
      for (const r of rows) existing.add(r.key_hash);
    }
    const fresh = parsed.submissions.filter((_, i) => !existing.has(hashes[i]!));
    const now = nowIso();
    const today = todayIso();
    for (let i = 0; i < fresh.length; i += 200) {
      const batch = fresh.slice(i, i + 200);
      await tx
        .insertInto('survey_import_key')
        .values(batch.map((s) => ({ campaign_id: campaignId, key_hash: keyHash(campaignId, s.key), imported_at: now })))
        .execute();
      await tx
        .insertInto('survey_response')
        .values(
          batch.map((s) => ({
            id: randomUUID(),
            campaign_id: campaignId,
            questionnaire_version_id: campaign.questionnaire_version_id,
            answers_json: JSON.stringify(s.answers),
            cluster: s.cluster,
            stratum: s.stratum,
            weight: s.weight,
            source: 'import',
            received_on: s.submittedOn ?? today,
          })),
        )
        .execute();
    }
    const summary: ImportSummary = {
      imported: fresh.length,
      alreadyImported: parsed.submissions.length - fresh.length,
      duplicateRows: parsed.duplicateRows,
      ignoredColumns: parsed.ignoredColumns,
      keyColumn: parsed.keyColumn,
    };
    await recordAudit(tx, actor, {
      action: 'survey.import',
      entityType: 'survey_campaign',
      entityId: campaignId,
      unitId: campaign.unit_id,
      after: { file: file.filename, imported: summary.imported, alreadyImported: summary.alreadyImported },
    });
    return summary;
  });
}
