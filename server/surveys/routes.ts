/**
 * HTTP API of the surveys module under /api/surveys: questionnaires (JSON, XLSForm upload, templates),
 * sampling frames and samples, campaign results, exports and ODK/Kobo imports. Subject `Survey`
 * (unit-scoped): reads in reach, writes in reach; a single entity outside reach reads as 404.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import type { FormNode, SurveyForm } from '../../core/surveys/form.js';
import { resultRows } from '../../core/surveys/results.js';
import { invitationBatches, SAMPLE_COLUMNS, sampleRows } from '../../core/surveys/sampling.js';
import { TEMPLATES, templateForm } from '../../core/surveys/templates.js';
import { checkUpload, FILE_LIMITS, type FileLimits, readMultipart } from '../files/index.js';
import { notFound } from '../http/errors.js';
import { authorizeUser, scopeToUnits } from '../policies/index.js';
import { actorOf } from '../policies/principal.js';
import { attachment, CSV_TYPE, toCsv, toXlsx, XLSX_TYPE } from './export.js';
import { importSubmissions } from './import.js';
import {
  addQuestionnaireVersion,
  archiveQuestionnaire,
  createQuestionnaire,
  findQuestionnaire,
  findVersionByNumber,
  listVersions,
} from './repository.js';
import { campaignAnalysisTable, campaignResults } from './results.js';
import {
  drawAndStoreSample,
  FRAME_KINDS,
  type FrameKind,
  findFrame,
  findSample,
  sampleMembers,
  sampleSummary,
  uploadFrame,
} from './sampling.js';
import type { QuestionnaireTable, QuestionnaireVersionTable, SamplingFrameTable, SurveySampleTable } from './tables.js';
import { readXlsForm } from './xlsx.js';

// ---------------------------------------------------------------------------------------------- schemas

const Text = z.object({ vi: z.string().max(2000).optional(), en: z.string().max(2000).optional() });
const Name = z.string().min(1).max(100);
const Expr = z.string().min(1).max(2000);
const Scale = z.discriminatedUnion('type', [
  z.object({ type: z.literal('binary'), yes: z.array(z.number()).min(1) }),
  z.object({ type: z.literal('likert'), points: z.number().int().min(2).max(11) }),
  z.object({ type: z.literal('continuous'), min: z.number(), max: z.number() }),
]);
const QuestionSchema = z.object({
  kind: z.literal('question'),
  name: Name,
  type: z.enum(['select_one', 'select_multiple', 'integer', 'decimal', 'text', 'date']),
  label: Text,
  hint: Text.optional(),
  required: z.boolean(),
  requiredMessage: Text.optional(),
  relevant: Expr.optional(),
  constraint: Expr.optional(),
  constraintMessage: Text.optional(),
  choices: Name.optional(),
  appearance: z.string().max(100).optional(),
  papi: z
    .object({
      indicator: z.string().min(3).max(20),
      scale: Scale.optional(),
      direction: z.enum(['higher-better', 'lower-better']).optional(),
    })
    .optional(),
});
const NoteSchema = z.object({
  kind: z.literal('note'),
  name: Name,
  label: Text,
  hint: Text.optional(),
  relevant: Expr.optional(),
});
const NodeSchema: z.ZodType<FormNode> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    QuestionSchema,
    NoteSchema,
    z.object({
      kind: z.literal('group'),
      name: Name,
      label: Text,
      relevant: Expr.optional(),
      children: z.array(NodeSchema).max(500),
    }),
  ]),
) as z.ZodType<FormNode>;
export const SurveyFormSchema: z.ZodType<SurveyForm> = z.object({
  formId: Name,
  version: z.string().min(1).max(50),
  title: Text,
  defaultLanguage: z.enum(['vi', 'en']),
  choiceLists: z.record(z.string(), z.array(z.object({ name: z.string().min(1).max(100), label: Text })).max(500)),
  children: z.array(NodeSchema).min(1).max(500),
}) as z.ZodType<SurveyForm>;

const Id = z.object({ id: z.string().min(1) });
const Format = z.enum(['csv', 'xlsx']).default('csv');
const Lang = z.enum(['vi', 'en']).default('vi');

// ---------------------------------------------------------------------------------------------- presenters

function presentQuestionnaire(q: QuestionnaireTable) {
  return {
    id: q.id,
    unitId: q.unit_id,
    formId: q.form_id,
    titleVi: q.title_vi,
    titleEn: q.title_en,
    currentVersion: q.current_version,
    archived: q.archived === 1,
    createdAt: q.created_at,
    updatedAt: q.updated_at,
  };
}

function presentVersion(v: QuestionnaireVersionTable, withForm = false) {
  return {
    id: v.id,
    version: v.version,
    source: v.source,
    fileName: v.file_name,
    createdAt: v.created_at,
    ...(withForm ? { form: JSON.parse(v.form_json) as SurveyForm } : {}),
  };
}

/** A sampling frame (khung mẫu) as listed: what it is, not its rows. */
function presentFrame(
  f: Pick<SamplingFrameTable, 'id' | 'unit_id' | 'kind' | 'name' | 'file_name' | 'row_count' | 'created_at'>,
) {
  return {
    id: f.id,
    unitId: f.unit_id,
    kind: f.kind,
    name: f.name,
    fileName: f.file_name,
    rows: f.row_count,
    createdAt: f.created_at,
  };
}

/** A drawn sample (mẫu) as listed: its design (villages × residents per village, seed), not its members. */
function presentSample(s: SurveySampleTable) {
  return {
    id: s.id,
    unitId: s.unit_id,
    name: s.name,
    seed: s.seed,
    villages: s.villages,
    residentsPerVillage: s.residents_per_village,
    createdAt: s.created_at,
  };
}

/** Upload limits of tabular files (CSV has no magic bytes, so the XLSX/CSV check is ours). */
const TABLE_LIMITS: FileLimits = { maxBytes: 20 * 1024 * 1024, mediaTypes: [], maxFiles: 1 };

/** The unit a multipart upload is for (its `unitId` field), which every upload must name. */
function requiredUnitId(fields: Record<string, string>): string {
  const unitId = fields.unitId ?? '';
  if (!unitId) throw new InputError('unitId is required', { path: ['unitId'] }, 'unit_required');
  return unitId;
}

async function oneFile(request: FastifyRequest, limits: FileLimits) {
  const body = await readMultipart(request, limits);
  const file = body.files[0];
  if (!file) throw new InputError('no file was sent (field "file")', { path: ['file'] }, 'file_missing');
  return { fields: body.fields, file };
}

function assertTableFile(file: { filename: string; content: Buffer }) {
  const c = file.content;
  if (c.length === 0)
    throw new InputError(`${file.filename}: the file is empty`, { file: file.filename }, 'file_empty');
  const zip = c[0] === 0x50 && c[1] === 0x4b;
  if (!zip && (c.includes(0) || !isUtf8(c)))
    throw new InputError(
      `${file.filename}: only CSV (UTF-8) or XLSX files are accepted`,
      { file: file.filename },
      'file_type',
    );
}

function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

async function sendTable(
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  filename: string,
  sheets: { name: string; header: string[]; rows: (string | number)[][] }[],
) {
  const first = sheets[0]!;
  if (format === 'csv')
    return reply
      .header('content-type', CSV_TYPE)
      .header('content-disposition', attachment(`${filename}.csv`))
      .send(toCsv(first.header, first.rows));
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', attachment(`${filename}.xlsx`))
    .send(await toXlsx(sheets));
}

// ---------------------------------------------------------------------------------------------- routes

export const surveyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.handle;

  const questionnaireInReach = async (request: FastifyRequest, id: string, action: 'read' | 'update') => {
    await authorizeUser(request, action, 'Survey');
    const q = await findQuestionnaire(db, id);
    if (!q) throw notFound('Questionnaire');
    const principal = await authorizeUser(request, action, 'Survey', q.unit_id);
    return { q, principal };
  };

  const campaignInReach = async (request: FastifyRequest, id: string, action: 'read' | 'update') => {
    await authorizeUser(request, action, 'Survey');
    const c = await db
      .selectFrom('survey_campaign')
      .select(['id', 'unit_id', 'title'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!c) throw notFound('Campaign');
    const principal = await authorizeUser(request, action, 'Survey', c.unit_id);
    return { c, principal };
  };

  // ----------------------------------------------------------------------------- questionnaires
  app.get(
    '/surveys/questionnaires',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Questionnaires in your reach (optionally of one unit)',
        querystring: z.object({ unitId: z.string().optional(), archived: z.enum(['0', '1']).default('0') }),
      },
    },
    async (request) => {
      await authorizeUser(request, 'read', 'Survey');
      let qb = scopeToUnits(db.selectFrom('questionnaire').selectAll(), request.principal, 'questionnaire.unit_id', {
        subject: 'Survey',
      }).where('archived', '=', Number(request.query.archived));
      if (request.query.unitId) qb = qb.where('unit_id', '=', request.query.unitId);
      const rows = await qb.orderBy('updated_at', 'desc').execute();
      return { items: rows.map(presentQuestionnaire) };
    },
  );

  app.post(
    '/surveys/questionnaires',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Create a questionnaire from a form (version 1)',
        body: z.object({ unitId: z.string().min(1), form: SurveyFormSchema }),
      },
    },
    async (request, reply) => {
      const principal = await authorizeUser(request, 'create', 'Survey', request.body.unitId);
      const { questionnaire, version } = await createQuestionnaire(db, actorOf(principal), request.body.unitId, {
        form: request.body.form,
        source: 'json',
      });
      return reply.status(201).send({ ...presentQuestionnaire(questionnaire), version: presentVersion(version) });
    },
  );

  app.post(
    '/surveys/questionnaires/xlsform',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Create a questionnaire from an XLSForm (.xlsx; multipart fields unitId and file)',
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      await authorizeUser(request, 'create', 'Survey');
      const { fields, file } = await oneFile(request, FILE_LIMITS.spreadsheet);
      const unitId = requiredUnitId(fields);
      const principal = await authorizeUser(request, 'create', 'Survey', unitId);
      await checkUpload(file, FILE_LIMITS.spreadsheet);
      const form = await readXlsForm(file.content, file.filename);
      const { questionnaire, version } = await createQuestionnaire(db, actorOf(principal), unitId, {
        form,
        source: 'xlsform',
        fileName: file.filename,
      });
      return reply.status(201).send({ ...presentQuestionnaire(questionnaire), version: presentVersion(version, true) });
    },
  );

  app.get(
    '/surveys/questionnaires/:id',
    { schema: { tags: ['surveys'], summary: 'A questionnaire with its versions and current form', params: Id } },
    async (request) => {
      const { q } = await questionnaireInReach(request, request.params.id, 'read');
      const versions = await listVersions(db, q.id);
      const current = versions.find((v) => v.version === q.current_version)!;
      return {
        ...presentQuestionnaire(q),
        versions: versions.map((v) => presentVersion(v)),
        current: presentVersion(current, true),
      };
    },
  );

  app.put(
    '/surveys/questionnaires/:id',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Save a new version of a questionnaire (earlier versions stay for their campaigns)',
        params: Id,
        body: z.object({ form: SurveyFormSchema }),
      },
    },
    async (request) => {
      const { q, principal } = await questionnaireInReach(request, request.params.id, 'update');
      const { questionnaire, version } = await addQuestionnaireVersion(db, actorOf(principal), q.id, {
        form: request.body.form,
        source: 'json',
      });
      return { ...presentQuestionnaire(questionnaire), version: presentVersion(version) };
    },
  );

  app.post(
    '/surveys/questionnaires/:id/xlsform',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Save a new version from an XLSForm (.xlsx; multipart field file)',
        params: Id,
        consumes: ['multipart/form-data'],
      },
    },
    async (request) => {
      const { q, principal } = await questionnaireInReach(request, request.params.id, 'update');
      const { file } = await oneFile(request, FILE_LIMITS.spreadsheet);
      await checkUpload(file, FILE_LIMITS.spreadsheet);
      const form = await readXlsForm(file.content, file.filename);
      const { questionnaire, version } = await addQuestionnaireVersion(db, actorOf(principal), q.id, {
        form,
        source: 'xlsform',
        fileName: file.filename,
      });
      return { ...presentQuestionnaire(questionnaire), version: presentVersion(version, true) };
    },
  );

  app.delete(
    '/surveys/questionnaires/:id',
    { schema: { tags: ['surveys'], summary: 'Archive a questionnaire (its versions stay)', params: Id } },
    async (request, reply) => {
      const { q, principal } = await questionnaireInReach(request, request.params.id, 'update');
      await archiveQuestionnaire(db, actorOf(principal), q.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/surveys/questionnaires/:id/versions/:version',
    {
      schema: {
        tags: ['surveys'],
        summary: 'One version of a questionnaire with its form',
        params: z.object({ id: z.string().min(1), version: z.coerce.number().int().min(1) }),
      },
    },
    async (request) => {
      const { q } = await questionnaireInReach(request, request.params.id, 'read');
      const v = await findVersionByNumber(db, q.id, request.params.version);
      if (!v) throw notFound('Questionnaire version');
      return presentVersion(v, true);
    },
  );

  // ----------------------------------------------------------------------------- templates
  app.get(
    '/surveys/templates',
    { schema: { tags: ['surveys'], summary: 'Built-in questionnaires (PAPI pulse, administrative services)' } },
    async (request) => {
      await authorizeUser(request, 'read', 'Survey');
      return {
        items: TEMPLATES.map((t) => ({
          key: t.key,
          titleVi: t.form.title.vi ?? '',
          titleEn: t.form.title.en ?? '',
          questions: JSON.stringify(t.form).split('"kind":"question"').length - 1,
          form: t.form,
        })),
      };
    },
  );

  app.post(
    '/surveys/templates/:key/instantiate',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Create a questionnaire of your unit from a built-in template',
        params: z.object({ key: z.string().min(1) }),
        body: z.object({ unitId: z.string().min(1) }),
      },
    },
    async (request, reply) => {
      const principal = await authorizeUser(request, 'create', 'Survey', request.body.unitId);
      const form = templateForm(request.params.key);
      if (!form) throw notFound('Template');
      const { questionnaire, version } = await createQuestionnaire(db, actorOf(principal), request.body.unitId, {
        form,
        source: `template:${request.params.key}`,
      });
      return reply.status(201).send({ ...presentQuestionnaire(questionnaire), version: presentVersion(version) });
    },
  );

  // ----------------------------------------------------------------------------- frames and samples
  app.post(
    '/surveys/frames',
    {
      schema: {
        tags: ['surveys'],
        summary:
          'Upload a sampling frame: villages (code, name, population, stratum) or residents (village, id) — CSV or XLSX',
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      await authorizeUser(request, 'create', 'Survey');
      const { fields, file } = await oneFile(request, TABLE_LIMITS);
      const unitId = requiredUnitId(fields);
      const kind = fields.kind as FrameKind;
      if (!FRAME_KINDS.includes(kind))
        throw new InputError('kind must be villages or residents', { path: ['kind'] }, 'bad_kind');
      const principal = await authorizeUser(request, 'create', 'Survey', unitId);
      assertTableFile(file);
      const frame = await uploadFrame(db, actorOf(principal), { unitId, kind, name: fields.name ?? '', file });
      return reply.status(201).send({
        id: frame.id,
        unitId: frame.unit_id,
        kind: frame.kind,
        name: frame.name,
        fileName: frame.file_name,
        rows: frame.row_count,
        createdAt: frame.created_at,
      });
    },
  );

  app.get(
    '/surveys/frames',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Sampling frames in your reach',
        querystring: z.object({ unitId: z.string().optional() }),
      },
    },
    async (request) => {
      await authorizeUser(request, 'read', 'Survey');
      let qb = scopeToUnits(
        db
          .selectFrom('sampling_frame')
          .select(['id', 'unit_id', 'kind', 'name', 'file_name', 'row_count', 'created_at']),
        request.principal,
        'sampling_frame.unit_id',
        { subject: 'Survey' },
      );
      if (request.query.unitId) qb = qb.where('unit_id', '=', request.query.unitId);
      const rows = await qb.orderBy('created_at', 'desc').execute();
      return {
        items: rows.map(presentFrame),
      };
    },
  );

  app.get(
    '/surveys/frames/:id',
    { schema: { tags: ['surveys'], summary: 'A sampling frame with its first 100 rows', params: Id } },
    async (request) => {
      await authorizeUser(request, 'read', 'Survey');
      const f = await findFrame(db, request.params.id);
      if (!f) throw notFound('Sampling frame');
      await authorizeUser(request, 'read', 'Survey', f.unit_id);
      const rows = JSON.parse(f.rows_json) as unknown[];
      return { ...presentFrame(f), preview: rows.slice(0, 100) };
    },
  );

  app.post(
    '/surveys/samples',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Draw a PPS sample of villages and an SRS of residents per village (seeded, reproducible)',
        body: z.object({
          unitId: z.string().min(1),
          name: z.string().max(200).default(''),
          villageFrameId: z.string().min(1),
          residentFrameId: z.string().min(1).nullable().optional(),
          villages: z.number().int().min(1).max(10000),
          residentsPerVillage: z.number().int().min(1).max(10000),
          seed: z
            .number()
            .int()
            .min(0)
            .max(2 ** 31 - 1),
        }),
      },
    },
    async (request, reply) => {
      const principal = await authorizeUser(request, 'create', 'Survey', request.body.unitId);
      const s = await drawAndStoreSample(db, actorOf(principal), request.body);
      return reply
        .status(201)
        .send({ id: s.id, name: s.name, unitId: s.unit_id, seed: s.seed, summary: sampleSummary(s) });
    },
  );

  app.get(
    '/surveys/samples',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Samples in your reach',
        querystring: z.object({ unitId: z.string().optional() }),
      },
    },
    async (request) => {
      await authorizeUser(request, 'read', 'Survey');
      let qb = scopeToUnits(db.selectFrom('survey_sample').selectAll(), request.principal, 'survey_sample.unit_id', {
        subject: 'Survey',
      });
      if (request.query.unitId) qb = qb.where('unit_id', '=', request.query.unitId);
      const rows = await qb.orderBy('created_at', 'desc').execute();
      return {
        items: rows.map(presentSample),
      };
    },
  );

  const sampleInReach = async (request: FastifyRequest, id: string) => {
    await authorizeUser(request, 'read', 'Survey');
    const s = await findSample(db, id);
    if (!s) throw notFound('Sample');
    await authorizeUser(request, 'read', 'Survey', s.unit_id);
    return s;
  };

  app.get(
    '/surveys/samples/:id',
    {
      schema: {
        tags: ['surveys'],
        summary: 'A sample: selected villages with probabilities, design columns of each member',
        params: Id,
      },
    },
    async (request) => {
      const s = await sampleInReach(request, request.params.id);
      const members = await sampleMembers(db, s.id);
      return {
        ...presentSample(s),
        summary: sampleSummary(s),
        members: members.length,
        // For fielding: POST /api/campaigns/:id/invitations { count, cluster, stratum, weight } per batch.
        invitationBatches: invitationBatches(members),
      };
    },
  );

  app.get(
    '/surveys/samples/:id/export',
    {
      schema: {
        tags: ['surveys'],
        summary: 'The sample with its design columns (stratum, psu, weight, fpc) as CSV or XLSX',
        params: Id,
        querystring: z.object({ format: Format }),
      },
    },
    async (request, reply) => {
      const s = await sampleInReach(request, request.params.id);
      const members = await sampleMembers(db, s.id);
      const rows = sampleRows(
        members.map((m) => ({
          seq: m.seq,
          stratum: m.stratum,
          psu: m.psu,
          villageCode: m.village_code,
          villageName: m.village_name,
          residentId: m.resident_id,
          villageProbability: m.village_probability,
          residentProbability: m.resident_probability,
          weight: m.weight,
          fpc: m.fpc,
          certainty: m.certainty === 1,
        })),
      );
      return sendTable(reply, request.query.format, `mau-${s.seed}`, [
        { name: 'sample', header: [...SAMPLE_COLUMNS], rows },
      ]);
    },
  );

  // ----------------------------------------------------------------------------- results, exports, imports
  const ResultsQuery = z.object({
    domain: z.string().max(100).optional(),
    replicates: z.coerce.number().int().min(50).max(2000).default(500),
  });

  app.get(
    '/surveys/campaigns/:id/results',
    {
      schema: {
        tags: ['surveys'],
        summary:
          'Weighted results of a campaign: estimates with 95% intervals, PAPI scales, official comparison, suppressed/flagged cells',
        params: Id,
        querystring: ResultsQuery,
      },
    },
    async (request) => {
      await campaignInReach(request, request.params.id, 'read');
      const { results, data } = await campaignResults(db, request.params.id, request.query);
      return { campaign: data.campaign, form: data.form, results };
    },
  );

  app.get(
    '/surveys/campaigns/:id/results/export',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Results of a campaign as CSV or XLSX',
        params: Id,
        querystring: ResultsQuery.extend({ format: Format, lang: Lang }),
      },
    },
    async (request, reply) => {
      await campaignInReach(request, request.params.id, 'read');
      const { results, data } = await campaignResults(db, request.params.id, request.query);
      const { header, rows } = resultRows(results, data.form, request.query.lang);
      return sendTable(reply, request.query.format, `ket-qua-${data.campaign.id.slice(0, 8)}`, [
        { name: 'results', header, rows },
      ]);
    },
  );

  app.get(
    '/surveys/campaigns/:id/responses/export',
    {
      schema: {
        tags: ['surveys'],
        summary:
          'Responses with design columns (id, stratum, psu, weight, domain, answers, recoded indicators) — what openpapi estimate reads',
        params: Id,
        querystring: z.object({ format: Format, domain: z.string().max(100).optional() }),
      },
    },
    async (request, reply) => {
      await campaignInReach(request, request.params.id, 'read');
      const { table, data } = await campaignAnalysisTable(db, request.params.id, request.query.domain);
      return sendTable(reply, request.query.format, `phieu-tra-loi-${data.campaign.id.slice(0, 8)}`, [
        { name: 'responses', header: table.header, rows: table.rows },
      ]);
    },
  );

  app.post(
    '/surveys/campaigns/:id/import',
    {
      schema: {
        tags: ['surveys'],
        summary:
          'Import submissions exported from ODK Central or KoboToolbox (CSV/XLSX, multipart field file), each exactly once',
        params: Id,
        consumes: ['multipart/form-data'],
      },
    },
    async (request) => {
      const { principal } = await campaignInReach(request, request.params.id, 'update');
      const { file } = await oneFile(request, TABLE_LIMITS);
      assertTableFile(file);
      return importSubmissions(db, actorOf(principal), request.params.id, file);
    },
  );
};
