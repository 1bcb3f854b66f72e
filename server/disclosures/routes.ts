/**
 * Public disclosure register (công khai) API: item types, postings with evidence and public copies, the
 * compliance board, and the portal's read-only view of what may be published.
 * Authorisation: subject `Disclosure`, owned by the posting's unit (server/policies/README.md); item types
 * are read by anyone and configured by system administrators only.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { complianceBoard, DISCLOSURE_PLACES } from '../../core/disclosures/index.js';
import { todayIso } from '../db/time.js';
import { FILE_LIMITS, readMultipart, readStoredFile, sendStoredFile, type UploadedFile } from '../files/index.js';
import { FileSchema, presentFile } from '../files/schemas.js';
import { notFound } from '../http/errors.js';
import { actorOf } from '../policies/principal.js';
import { type authorize, authorizeUser } from '../policies/request.js';
import { scopeToUnits } from '../policies/scope.js';
import {
  addDisclosureFiles,
  createDisclosure,
  createDisclosureType,
  deleteDisclosure,
  deleteDisclosureFile,
  updateDisclosure,
  updateDisclosureType,
} from './commands.js';
import {
  EVIDENCE_OWNER,
  filesOfPostings,
  findDisclosure,
  findType,
  listTypes,
  PUBLIC_COPY_OWNER,
  postingOf,
  presentDisclosure,
  presentType,
  ruleOf,
  selectDisclosures,
} from './repository.js';
import {
  ComplianceBoardSchema,
  DisclosureSchema,
  PapiLinkSchema,
  PublicDisclosureSchema,
  RuleSchema,
  TypeSchema,
} from './schemas.js';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const Year = z.coerce.number().int().min(2000).max(2100);

const editable = {
  title: z.string().min(1).max(300),
  period: z.string().min(4).max(20).meta({ example: '2026' }),
  places: z.array(z.enum(DISCLOSURE_PLACES)).min(1).max(DISCLOSURE_PLACES.length),
  placeNote: z.string().max(300).nullable().optional(),
  postedFrom: IsoDay,
  postedUntil: IsoDay.nullable().optional(),
  periodEnd: IsoDay.nullable().optional(),
  published: z.boolean().default(false),
  redacted: z.boolean().default(false),
  summary: z.string().max(4000).nullable().optional(),
};
/** Body of POST /disclosures (JSON, or the `data` field of a multipart form with files). */
export const CreateDisclosureBody = z.object({
  unitId: z.string().min(1).meta({ example: 'vn2025:12142' }),
  typeId: z.string().min(1).meta({ example: 'budget_estimate' }),
  ...editable,
});
const PatchDisclosureBody = z.object({
  title: editable.title.optional(),
  period: editable.period.optional(),
  places: editable.places.optional(),
  placeNote: editable.placeNote,
  postedFrom: IsoDay.optional(),
  postedUntil: editable.postedUntil,
  periodEnd: editable.periodEnd,
  published: z.boolean().optional(),
  redacted: z.boolean().optional(),
  summary: editable.summary,
});

/** What the portal shows: no evidence, no author, only the public copies. */

/** Files of a multipart form by field: `evidence` (photos, minutes) and `publicCopy`. */
function filesByField(files: UploadedFile[]) {
  return {
    evidence: files.filter((f) => f.field !== 'publicCopy'),
    publicCopy: files.filter((f) => f.field === 'publicCopy'),
  };
}

export const disclosureRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.handle;

  const typeOf = async (typeId: string) => {
    const t = await findType(db, typeId);
    if (!t) throw notFound('Disclosure type');
    return t;
  };
  /** The record, after checking the caller may `action` it (reads outside reach → 404, writes → 403). */
  const load = async (request: Parameters<typeof authorize>[0], id: string, action: 'read' | 'update' | 'delete') => {
    await authorizeUser(request, action, 'Disclosure');
    const row = await findDisclosure(db, id);
    if (!row) throw notFound('Disclosure');
    const principal = await authorizeUser(request, action, 'Disclosure', {
      unitPath: row.unit_path,
      unitId: row.unit_id,
    });
    return { row, principal };
  };

  // ---------------------------------------------------------------- item types (nội dung công khai)
  app.get(
    '/disclosures/types',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'Kinds of items communes must disclose, with legal basis, posting rule and PAPI links (public)',
        response: { 200: z.object({ items: z.array(TypeSchema) }) },
      },
    },
    async () => ({ items: (await listTypes(db)).map(presentType) }),
  );

  app.post(
    '/disclosures/types',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'Add a kind of disclosure (system administrators)',
        body: z.object({
          id: z.string().min(2).max(40).meta({ example: 'fees_schools' }),
          nameVi: z.string().min(1).max(200),
          nameEn: z.string().min(1).max(200),
          legalBasisVi: z.string().max(500).default(''),
          legalBasisEn: z.string().max(500).default(''),
          rule: RuleSchema,
          personalData: z.boolean().default(false),
          required: z.boolean().default(false),
          active: z.boolean().default(true),
          papi: z.array(PapiLinkSchema).default([]),
        }),
        response: { 201: TypeSchema },
      },
    },
    async (request, reply) => {
      const principal = await authorizeUser(request, 'create', 'Disclosure', { unitPath: '/' });
      const id = await createDisclosureType(db, actorOf(principal), request.body);
      return reply.status(201).send(presentType(await typeOf(id)));
    },
  );

  app.patch(
    '/disclosures/types/:id',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'Change a kind of disclosure: posting duration, legal basis, required, active (system administrators)',
        params: z.object({ id: z.string().min(1) }),
        body: z.object({
          nameVi: z.string().min(1).max(200).optional(),
          nameEn: z.string().min(1).max(200).optional(),
          legalBasisVi: z.string().max(500).optional(),
          legalBasisEn: z.string().max(500).optional(),
          rule: RuleSchema.optional(),
          personalData: z.boolean().optional(),
          required: z.boolean().optional(),
          active: z.boolean().optional(),
          papi: z.array(PapiLinkSchema).optional(),
        }),
        response: { 200: TypeSchema },
      },
    },
    async (request) => {
      const principal = await authorizeUser(request, 'update', 'Disclosure', { unitPath: '/' });
      await updateDisclosureType(db, actorOf(principal), request.params.id, request.body);
      return presentType(await typeOf(request.params.id));
    },
  );

  // ---------------------------------------------------------------- postings
  app.get(
    '/disclosures',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'Disclosure postings in your reach (optionally of one unit subtree, year and kind)',
        querystring: z.object({
          unitId: z.string().optional(),
          year: Year.optional(),
          typeId: z.string().optional(),
        }),
        response: { 200: z.object({ items: z.array(DisclosureSchema) }) },
      },
    },
    async (request) => {
      await authorizeUser(request, 'read', 'Disclosure');
      const { unitId, year, typeId } = request.query;
      let q = scopeToUnits(selectDisclosures(db), request.principal, 'disclosure.unit_id');
      if (unitId) {
        const unit = await db.selectFrom('unit').select('path').where('id', '=', unitId).executeTakeFirst();
        if (!unit) throw notFound('Unit');
        q = q.where('unit.path', 'like', `${unit.path}%`);
      }
      if (year) q = q.where('disclosure.year', '=', year);
      if (typeId) q = q.where('disclosure.type_id', '=', typeId);
      const rows = await q.orderBy('disclosure.posted_from', 'desc').orderBy('disclosure.id').limit(500).execute();
      const types = new Map((await listTypes(db)).map((t) => [t.id, t]));
      const files = await filesOfPostings(
        db,
        rows.map((r) => r.id),
      );
      const items = [];
      for (const row of rows) {
        const t = types.get(row.type_id);
        if (t) items.push(await presentDisclosure(db, row, t, files));
      }
      return { items };
    },
  );

  app.post(
    '/disclosures',
    {
      schema: {
        tags: ['disclosures'],
        summary:
          'Record a posting (JSON, or multipart/form-data: field `data` = the JSON, files `evidence` and `publicCopy`; photos, PDF, DOCX, XLSX up to 10 MB)',
        response: { 201: DisclosureSchema },
      },
    },
    async (request, reply) => {
      await authorizeUser(request, 'create', 'Disclosure');
      let raw: unknown = request.body;
      let files: UploadedFile[] = [];
      if (request.isMultipart()) {
        const form = await readMultipart(request, FILE_LIMITS.evidence);
        files = form.files;
        try {
          raw = JSON.parse(form.fields.data ?? '{}');
        } catch {
          raw = {};
        }
      }
      const body = CreateDisclosureBody.parse(raw);
      const principal = await authorizeUser(request, 'create', 'Disclosure', body.unitId);
      const id = await createDisclosure(db, actorOf(principal), body.unitId, body, filesByField(files));
      const row = await findDisclosure(db, id);
      if (!row) throw notFound('Disclosure');
      return reply.status(201).send(await presentDisclosure(db, row, await typeOf(row.type_id)));
    },
  );

  app.get(
    '/disclosures/compliance',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'Compliance board: each commune under the unit × each required kind, for a year',
        querystring: z.object({ unitId: z.string().min(1), year: Year }),
        response: {
          200: ComplianceBoardSchema,
        },
      },
    },
    async (request) => {
      const { unitId, year } = request.query;
      await authorizeUser(request, 'read', 'Disclosure', unitId);
      const unit = await db
        .selectFrom('unit')
        .select(['id', 'path', 'name_vi', 'name_en'])
        .where('id', '=', unitId)
        .executeTakeFirstOrThrow();
      // The communes directly under the unit that existed in the year; a commune's board is itself.
      const children = await db
        .selectFrom('unit')
        .select(['id', 'name_vi', 'name_en'])
        .where('parent_id', '=', unitId)
        .where('code_system', '!=', 'local')
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', `${year}-01-01`)]))
        .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', `${year}-12-31`)]))
        .execute();
      const collator = new Intl.Collator('vi');
      const units = (children.length > 0 ? children : [unit])
        .map((u) => ({ id: u.id, nameVi: u.name_vi, nameEn: u.name_en }))
        .sort((a, b) => collator.compare(a.nameVi, b.nameVi));
      const types = (await listTypes(db)).filter((t) => t.active === 1);
      const rows = await selectDisclosures(db)
        .where('unit.path', 'like', `${unit.path}%`)
        .where('disclosure.year', '=', year)
        .execute();
      // A posting by a unit below a commune (an office of it) counts for the commune.
      const unitIds = new Set(units.map((u) => u.id));
      const communeOf = (path: string) =>
        path
          .split('/')
          .filter(Boolean)
          .find((id) => unitIds.has(id));
      const records = rows.flatMap((r) => {
        const owner = communeOf(r.unit_path);
        return owner ? [{ ...postingOf(r), unitId: owner }] : [];
      });
      const board = complianceBoard(
        year,
        units.map((u) => u.id),
        types.map((t) => ({ id: t.id, rule: ruleOf(t), required: t.required === 1 })),
        records,
        todayIso(),
      );
      return { ...board, units, types: types.filter((t) => t.required === 1).map(presentType) };
    },
  );

  app.get(
    '/disclosures/:id',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'One posting with its compliance, evidence and public copies',
        params: z.object({ id: z.string() }),
        response: { 200: DisclosureSchema },
      },
    },
    async (request) => {
      const { row } = await load(request, request.params.id, 'read');
      return presentDisclosure(db, row, await typeOf(row.type_id));
    },
  );

  app.patch(
    '/disclosures/:id',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'Correct a posting: dates, places, publication (the kind and unit do not change)',
        params: z.object({ id: z.string() }),
        body: PatchDisclosureBody,
        response: { 200: DisclosureSchema },
      },
    },
    async (request) => {
      const { principal } = await load(request, request.params.id, 'update');
      await updateDisclosure(db, actorOf(principal), request.params.id, request.body);
      const row = await findDisclosure(db, request.params.id);
      if (!row) throw notFound('Disclosure');
      return presentDisclosure(db, row, await typeOf(row.type_id));
    },
  );

  app.delete(
    '/disclosures/:id',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'Delete a posting and its files',
        params: z.object({ id: z.string() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { principal } = await load(request, request.params.id, 'delete');
      await deleteDisclosure(db, actorOf(principal), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/disclosures/:id/files',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'Attach files (multipart/form-data): field `evidence` or `publicCopy`',
        params: z.object({ id: z.string() }),
        response: { 201: z.object({ items: z.array(FileSchema) }) },
      },
    },
    async (request, reply) => {
      const { principal } = await load(request, request.params.id, 'update');
      const form = await readMultipart(request, FILE_LIMITS.evidence);
      const { evidence, publicCopy } = filesByField(form.files);
      const stored = [
        ...(evidence.length
          ? await addDisclosureFiles(db, actorOf(principal), request.params.id, 'evidence', evidence)
          : []),
        ...(publicCopy.length
          ? await addDisclosureFiles(db, actorOf(principal), request.params.id, 'public', publicCopy)
          : []),
      ];
      if (stored.length === 0) await addDisclosureFiles(db, actorOf(principal), request.params.id, 'evidence', []);
      return reply.status(201).send({ items: stored.map(presentFile) });
    },
  );

  app.get(
    '/disclosures/:id/files/:fileId',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'Download a file of a posting in your reach',
        params: z.object({ id: z.string(), fileId: z.string() }),
      },
    },
    async (request, reply) => {
      await load(request, request.params.id, 'read');
      const file = await readStoredFile(db, request.params.fileId);
      if (
        !file ||
        file.meta.ownerId !== request.params.id ||
        ![EVIDENCE_OWNER, PUBLIC_COPY_OWNER].includes(file.meta.ownerType)
      ) {
        throw notFound('File');
      }
      return sendStoredFile(reply, file);
    },
  );

  app.delete(
    '/disclosures/:id/files/:fileId',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'Remove a file from a posting',
        params: z.object({ id: z.string(), fileId: z.string() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { principal } = await load(request, request.params.id, 'update');
      await deleteDisclosureFile(db, actorOf(principal), request.params.id, request.params.fileId);
      return reply.status(204).send(null);
    },
  );

  // ---------------------------------------------------------------- portal (public)
  app.get(
    '/public/disclosures',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'Published disclosures of a province or commune (public; no evidence, no personal data)',
        querystring: z.object({ unitId: z.string().optional(), year: Year.optional(), typeId: z.string().optional() }),
        response: { 200: z.object({ items: z.array(PublicDisclosureSchema) }) },
      },
    },
    async (request) => {
      const { unitId, year, typeId } = request.query;
      let q = selectDisclosures(db)
        .innerJoin('disclosure_type', 'disclosure_type.id', 'disclosure.type_id')
        .where('disclosure.published', '=', 1)
        // Belt and braces: a list naming people is public only as a redacted copy.
        .where((eb) => eb.or([eb('disclosure_type.personal_data', '=', 0), eb('disclosure.redacted', '=', 1)]));
      if (unitId) {
        const unit = await db.selectFrom('unit').select('path').where('id', '=', unitId).executeTakeFirst();
        if (!unit) throw notFound('Unit');
        q = q.where('unit.path', 'like', `${unit.path}%`);
      }
      if (year) q = q.where('disclosure.year', '=', year);
      if (typeId) q = q.where('disclosure.type_id', '=', typeId);
      const rows = await q.orderBy('disclosure.posted_from', 'desc').orderBy('disclosure.id').limit(300).execute();
      const provinceIds = [...new Set(rows.map((r) => r.unit_path.split('/').filter(Boolean)[0] ?? ''))];
      const provinces = provinceIds.length
        ? await db.selectFrom('unit').select(['id', 'name_vi', 'name_en']).where('id', 'in', provinceIds).execute()
        : [];
      const byId = new Map(provinces.map((p) => [p.id, p]));
      const types = new Map((await listTypes(db)).map((t) => [t.id, t]));
      const files = await filesOfPostings(
        db,
        rows.map((r) => r.id),
      );
      const items = [];
      for (const row of rows) {
        const t = types.get(row.type_id);
        if (!t) continue;
        const d = await presentDisclosure(db, row, t, files);
        const province = byId.get(row.unit_path.split('/').filter(Boolean)[0] ?? '');
        items.push({
          id: d.id,
          unitId: d.unitId,
          unitNameVi: d.unitNameVi,
          unitNameEn: d.unitNameEn,
          typeId: d.typeId,
          title: d.title,
          period: d.period,
          year: d.year,
          places: d.places,
          placeNote: d.placeNote,
          postedFrom: d.postedFrom,
          postedUntil: d.postedUntil,
          summary: d.summary,
          publicCopies: d.publicCopies,
          provinceNameVi: province && province.id !== d.unitId ? province.name_vi : null,
          provinceNameEn: province && province.id !== d.unitId ? province.name_en : null,
        });
      }
      return { items };
    },
  );

  app.get(
    '/public/disclosures/:id/files/:fileId',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'The public copy of a published disclosure (public)',
        params: z.object({ id: z.string(), fileId: z.string() }),
      },
    },
    async (request, reply) => {
      const row = await db
        .selectFrom('disclosure')
        .innerJoin('disclosure_type', 'disclosure_type.id', 'disclosure.type_id')
        .select(['disclosure.id', 'disclosure.published', 'disclosure.redacted', 'disclosure_type.personal_data'])
        .where('disclosure.id', '=', request.params.id)
        .executeTakeFirst();
      const visible = row && row.published === 1 && (row.personal_data === 0 || row.redacted === 1);
      const file = visible ? await readStoredFile(db, request.params.fileId) : undefined;
      if (!file || file.meta.ownerType !== PUBLIC_COPY_OWNER || file.meta.ownerId !== request.params.id) {
        throw notFound('File');
      }
      return sendStoredFile(reply, file);
    },
  );
};
