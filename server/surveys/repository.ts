/**
 * Questionnaires (phiếu khảo sát) and their immutable versions: reads, and the write commands
 * (validate with core/surveys checkForm → one transaction → audit).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { InputError } from '../../core/errors.js';
import { checkForm, type SurveyForm } from '../../core/surveys/form.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import type { Database } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { conflict } from '../http/errors.js';
import type { QuestionnaireTable, QuestionnaireVersionTable } from './tables.js';

export interface QuestionnaireVersionRef {
  versionId: string;
  questionnaireId: string;
  version: number;
  unitId: string;
  form: SurveyForm;
}

/** One version of a questionnaire with its form (what a campaign fields). */
export async function findQuestionnaireVersion(
  db: Kysely<Database>,
  versionId: string,
): Promise<QuestionnaireVersionRef | undefined> {
  const row = await db
    .selectFrom('questionnaire_version as v')
    .innerJoin('questionnaire as q', 'q.id', 'v.questionnaire_id')
    .select(['v.id', 'v.questionnaire_id', 'v.version', 'v.form_json', 'q.unit_id'])
    .where('v.id', '=', versionId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    versionId: row.id,
    questionnaireId: row.questionnaire_id,
    version: row.version,
    unitId: row.unit_id,
    form: JSON.parse(row.form_json) as SurveyForm,
  };
}

export async function findQuestionnaire(db: Kysely<Database>, id: string): Promise<QuestionnaireTable | undefined> {
  return db.selectFrom('questionnaire').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listVersions(
  db: Kysely<Database>,
  questionnaireId: string,
): Promise<QuestionnaireVersionTable[]> {
  return db
    .selectFrom('questionnaire_version')
    .selectAll()
    .where('questionnaire_id', '=', questionnaireId)
    .orderBy('version', 'asc')
    .execute();
}

export async function findVersionByNumber(
  db: Kysely<Database>,
  questionnaireId: string,
  version: number,
): Promise<QuestionnaireVersionTable | undefined> {
  return db
    .selectFrom('questionnaire_version')
    .selectAll()
    .where('questionnaire_id', '=', questionnaireId)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** Throws InputError listing every structural problem of the form (path inside `form`). */
export function assertValidForm(form: SurveyForm): void {
  const problems = checkForm(form);
  const first = problems[0];
  if (first) {
    throw new InputError(problems.map((p) => p.message).join('; '), { path: ['form', ...first.path] }, 'invalid_form');
  }
}

export interface NewVersionInput {
  form: SurveyForm;
  /** json | xlsform | template:<key> */
  source: string;
  fileName?: string | null;
}

async function insertVersion(tx: Tx, questionnaireId: string, version: number, input: NewVersionInput, actor: Actor) {
  const row: QuestionnaireVersionTable = {
    id: randomUUID(),
    questionnaire_id: questionnaireId,
    version,
    form_json: JSON.stringify(input.form),
    source: input.source,
    file_name: input.fileName ?? null,
    created_by: actor.kind === 'user' ? actor.userId : null,
    created_at: nowIso(),
  };
  await tx.insertInto('questionnaire_version').values(row).execute();
  return row;
}

const titles = (form: SurveyForm) => ({
  title_vi: (form.title.vi ?? form.title.en ?? form.formId).slice(0, 300),
  title_en: (form.title.en ?? form.title.vi ?? form.formId).slice(0, 300),
});

/** A new questionnaire at version 1. */
export async function createQuestionnaire(
  db: Kysely<Database>,
  actor: Actor,
  unitId: string,
  input: NewVersionInput,
): Promise<{ questionnaire: QuestionnaireTable; version: QuestionnaireVersionTable }> {
  assertValidForm(input.form);
  return inTransaction(db, async (tx) => {
    const now = nowIso();
    const q: QuestionnaireTable = {
      id: randomUUID(),
      unit_id: unitId,
      form_id: input.form.formId,
      ...titles(input.form),
      current_version: 1,
      archived: 0,
      created_by: actor.kind === 'user' ? actor.userId : null,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('questionnaire').values(q).execute();
    const version = await insertVersion(tx, q.id, 1, input, actor);
    await recordAudit(tx, actor, {
      action: 'questionnaire.create',
      entityType: 'questionnaire',
      entityId: q.id,
      unitId,
      after: { formId: q.form_id, title: q.title_vi, version: 1, source: input.source, fileName: input.fileName },
    });
    return { questionnaire: q, version };
  });
}

/** A new version (n + 1); earlier versions stay untouched because campaigns refer to them. */
export async function addQuestionnaireVersion(
  db: Kysely<Database>,
  actor: Actor,
  questionnaireId: string,
  input: NewVersionInput,
): Promise<{ questionnaire: QuestionnaireTable; version: QuestionnaireVersionTable }> {
  assertValidForm(input.form);
  return inTransaction(db, async (tx) => {
    const q = await tx.selectFrom('questionnaire').selectAll().where('id', '=', questionnaireId).executeTakeFirst();
    if (!q) throw new InputError('Questionnaire not found', { path: ['id'] }, 'not_found');
    if (q.archived) throw conflict('The questionnaire is archived');
    const next = q.current_version + 1;
    const version = await insertVersion(tx, q.id, next, input, actor);
    const updated = {
      ...q,
      ...titles(input.form),
      form_id: input.form.formId,
      current_version: next,
      updated_at: nowIso(),
    };
    await tx
      .updateTable('questionnaire')
      .set({
        title_vi: updated.title_vi,
        title_en: updated.title_en,
        form_id: updated.form_id,
        current_version: next,
        updated_at: updated.updated_at,
      })
      .where('id', '=', q.id)
      .where('current_version', '=', q.current_version)
      .execute();
    await recordAudit(tx, actor, {
      action: 'questionnaire.version',
      entityType: 'questionnaire',
      entityId: q.id,
      unitId: q.unit_id,
      before: { version: q.current_version },
      after: { version: next, source: input.source, fileName: input.fileName },
    });
    return { questionnaire: updated, version };
  });
}

export async function archiveQuestionnaire(db: Kysely<Database>, actor: Actor, questionnaireId: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const q = await tx.selectFrom('questionnaire').selectAll().where('id', '=', questionnaireId).executeTakeFirst();
    if (!q || q.archived) return;
    await tx.updateTable('questionnaire').set({ archived: 1, updated_at: nowIso() }).where('id', '=', q.id).execute();
    await recordAudit(tx, actor, {
      action: 'questionnaire.archive',
      entityType: 'questionnaire',
      entityId: q.id,
      unitId: q.unit_id,
    });
  });
}
