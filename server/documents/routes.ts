/**
 * Official documents over HTTP: a plan and a periodic report as DOCX (ND30 layout) or PDF (the same DOCX
 * through LibreOffice), and a plan's task list as XLSX, out and in. Reading needs read access to the
 * plan's or report's unit (outside reach → 404); importing tasks needs write access to the plan's unit.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OfficialDocument } from '../../core/documents/model.js';
import { planDocument } from '../../core/documents/plan.js';
import { reportDocument } from '../../core/documents/report.js';
import { isLang, type Lang } from '../../core/i18n/index.js';
import { applyProgress } from '../../core/plans/tasks.js';
import { foldVietnamese } from '../../core/text/fold.js';
import { recordAudits } from '../audit/record.js';
import { todayIso } from '../db/time.js';
import { inTransaction } from '../db/transaction.js';
import { contentDisposition, FILE_LIMITS, readMultipart } from '../files/index.js';
import { HttpError, notFound } from '../http/errors.js';
import { createTasks } from '../plans/commands.js';
import { findPlanRow, loadPlanDocumentData, loadReportDocumentData } from '../plans/repository.js';
import { actorOf, type Principal } from '../policies/principal.js';
import { authorize, authorizeUser } from '../policies/request.js';
import { renderDocx } from './docx.js';
import { docxToPdf } from './pdf.js';
import { taskSheetContext, taskSheetRows } from './taskSheetData.js';
import { readTaskWorkbook, TASK_XLSX_LIMITS, type TaskSheetRow, writeTaskWorkbook } from './tasksXlsx.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * PDFs by content: the same document model gives the same PDF, so repeated downloads of an issued plan
 * do not start LibreOffice again (a conversion takes seconds on a small server). Small LRU.
 */
const pdfCache = new Map<string, Buffer>();
const PDF_CACHE_SIZE = 24;

async function pdfOf(model: OfficialDocument): Promise<Buffer> {
  const key = createHash('sha256').update(JSON.stringify(model)).digest('hex');
  const hit = pdfCache.get(key);
  if (hit) {
    pdfCache.delete(key);
    pdfCache.set(key, hit);
    return hit;
  }
  const pdf = await docxToPdf(await renderDocx(model));
  pdfCache.set(key, pdf);
  while (pdfCache.size > PDF_CACHE_SIZE) pdfCache.delete(pdfCache.keys().next().value as string);
  return pdf;
}

function sendFile(reply: FastifyReply, body: Buffer, mediaType: string, filename: string) {
  return reply
    .header('content-type', mediaType)
    .header('content-length', body.length)
    .header('content-disposition', contentDisposition(filename, true))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, max-age=0')
    .send(body);
}

const langOf = (principal: Principal | null, asked?: Lang): Lang =>
  asked ?? (principal && isLang(principal.locale) ? principal.locale : 'vi');

const Format = z.enum(['docx', 'pdf']);

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.handle;

  /** The plan's row after a read check on its unit (404 when missing or outside reach). */
  async function readablePlan(request: Parameters<typeof authorize>[0], planId: string) {
    const plan = await findPlanRow(db, planId);
    if (!plan) throw notFound('Plan');
    await authorize(request, 'read', 'Plan', plan.unit_id);
    return plan;
  }

  for (const format of Format.options) {
    app.get(
      `/plans/:planId/document.${format}`,
      {
        schema: {
          tags: ['documents'],
          summary: `The plan as ${format.toUpperCase()} in the official layout (Nghị định 30/2020/NĐ-CP), with its task appendix`,
          params: z.object({ planId: z.string().min(1) }),
        },
      },
      async (request, reply) => {
        await readablePlan(request, request.params.planId);
        const data = await loadPlanDocumentData(db, request.params.planId);
        if (!data) throw notFound('Plan');
        const model = planDocument(data);
        const body = format === 'pdf' ? await pdfOf(model) : await renderDocx(model);
        return sendFile(reply, body, format === 'pdf' ? 'application/pdf' : DOCX, `${model.meta.fileName}.${format}`);
      },
    );

    app.get(
      `/reports/:reportId/document.${format}`,
      {
        schema: {
          tags: ['documents'],
          summary: `The periodic report as ${format.toUpperCase()} in the official layout (Nghị định 30/2020/NĐ-CP)`,
          params: z.object({ reportId: z.string().min(1) }),
        },
      },
      async (request, reply) => {
        const row = await db
          .selectFrom('plan_report')
          .select(['unit_id'])
          .where('id', '=', request.params.reportId)
          .executeTakeFirst();
        if (!row) throw notFound('Report');
        await authorize(request, 'read', 'Report', row.unit_id);
        const data = await loadReportDocumentData(db, request.params.reportId);
        if (!data) throw notFound('Report');
        const model = reportDocument(data);
        const body = format === 'pdf' ? await pdfOf(model) : await renderDocx(model);
        return sendFile(reply, body, format === 'pdf' ? 'application/pdf' : DOCX, `${model.meta.fileName}.${format}`);
      },
    );
  }

  app.get(
    '/plans/:planId/tasks.xlsx',
    {
      schema: {
        tags: ['documents'],
        summary: 'The plan’s task list as XLSX (the columns officials use; drop-down lists; frozen header)',
        params: z.object({ planId: z.string().min(1) }),
        querystring: z.object({ lang: z.enum(['vi', 'en']).optional() }),
      },
    },
    async (request, reply) => {
      const plan = await readablePlan(request, request.params.planId);
      const lang = langOf(request.principal, request.query.lang);
      const ctx = await taskSheetContext(db, plan, lang, todayIso());
      const body = await writeTaskWorkbook(await taskSheetRows(db, plan.id), ctx);
      return sendFile(reply, body, XLSX, `nhiem-vu-ke-hoach-${plan.number ?? 'du-thao'}-${plan.year}.xlsx`);
    },
  );

  app.post(
    '/plans/:planId/tasks.xlsx',
    {
      schema: {
        tags: ['documents'],
        summary:
          'Add tasks to the plan from an XLSX task list (multipart, field "file"). Every row is checked first; ' +
          'any fault → 400 naming the sheet, row and column, and nothing is stored.',
        params: z.object({ planId: z.string().min(1) }),
        querystring: z.object({ lang: z.enum(['vi', 'en']).optional() }),
        response: {
          201: z.object({
            created: z.number().int(),
            taskIds: z.array(z.string()),
            skipped: z.number().int().meta({ description: 'rows whose task (same title) is already in the plan' }),
          }),
        },
      },
    },
    async (request, reply) => {
      const plan = await findPlanRow(db, request.params.planId);
      if (!plan) throw notFound('Plan');
      const principal = await authorizeUser(request, 'create', 'Task', plan.unit_id);
      const lang = langOf(principal, request.query.lang);
      const { files } = await readMultipart(request, {
        ...FILE_LIMITS.spreadsheet,
        maxBytes: TASK_XLSX_LIMITS.maxBytes,
      });
      const file = files.find((f) => f.field === 'file') ?? files[0];
      if (!file) throw new HttpError(400, 'file_required', 'Attach the XLSX task list in the form field "file"');
      const ctx = await taskSheetContext(db, plan, lang, todayIso());
      const rows = await readTaskWorkbook(file.content, file.filename, ctx);
      const actor = actorOf(principal);
      // An exported sheet with rows added at the bottom adds only the new rows: a row whose title is
      // already a task of the plan is skipped (the import adds tasks; it does not edit existing ones).
      const existing = new Set(
        (await db.selectFrom('plan_task').select('title').where('plan_id', '=', plan.id).execute()).map((t) =>
          foldVietnamese(t.title),
        ),
      );
      const fresh = rows.filter((r) => !existing.has(foldVietnamese(r.title)));
      const created =
        fresh.length === 0
          ? []
          : await inTransaction(db, async (tx) => {
              const tasks = await createTasks(tx, actor, plan.id, fresh.map(toTaskInput));
              await applyImportedProgress(tx, actor, tasks, fresh);
              return tasks;
            });
      return reply.status(201).send({
        created: created.length,
        taskIds: created.map((t) => t.id),
        skipped: rows.length - fresh.length,
      });
    },
  );
};

function toTaskInput(r: TaskSheetRow) {
  return {
    title: r.title,
    description: r.description,
    dimension: r.dimension,
    subdimension: r.subdimension,
    indicator: r.indicator,
    leadUnitId: r.leadUnit.unitId,
    leadUnitName: r.leadUnit.name,
    cooperating: r.cooperatingUnits.map((c) => ({ unitId: c.unitId, name: c.name })),
    startDate: r.startDate,
    dueDate: r.dueDate,
    expectedOutput: r.expectedOutput,
  };
}

/**
 * New tasks start not started at 0%; a tracker being moved onto the platform already has progress, so
 * the sheet's Tiến độ/Trạng thái are applied with the same rule as a progress report (core/plans/tasks).
 */
async function applyImportedProgress(
  tx: Parameters<typeof createTasks>[0],
  actor: Parameters<typeof createTasks>[1],
  tasks: Awaited<ReturnType<typeof createTasks>>,
  rows: readonly TaskSheetRow[],
) {
  const audits = [];
  for (const [i, task] of tasks.entries()) {
    const row = rows[i];
    if (!row || (row.progress === 0 && row.status === 'not_started')) continue;
    const next = applyProgress({ status: 'not_started', progress: 0 }, { progress: row.progress, status: row.status });
    const now = new Date().toISOString();
    await tx
      .updateTable('plan_task')
      .set({
        progress: next.progress,
        status: next.status,
        completed_at: next.status === 'done' ? now : null,
        updated_at: now,
      })
      .where('id', '=', task.id)
      .execute();
    audits.push({
      action: 'progress',
      entityType: 'plan_task',
      entityId: task.id,
      unitId: task.unit_id,
      before: { status: task.status, progress: task.progress },
      after: next,
    });
  }
  if (audits.length > 0) await recordAudits(tx, actor, audits);
}
