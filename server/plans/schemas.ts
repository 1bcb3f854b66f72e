/**
 * The plans API's shapes (zod 4, with OpenAPI examples): request bodies and the DTOs routes return.
 * TypeScript types are inferred from them, so the web app and the document exporters share one truth.
 */
import { z } from 'zod';
import { PLAN_STATUSES } from '../../core/plans/lifecycle.js';
import { REPORT_STATUSES } from '../../core/plans/reports.js';
import { TASK_STATUSES } from '../../core/plans/tasks.js';

export const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const Dimension = z.number().int().min(1).max(8);
export const PeriodId = z
  .string()
  .regex(/^\d{4}(Q[1-4]|S1|N9)?$/, 'expected a period id such as 2025Q1, 2025S1, 2025N9 or 2025')
  .meta({ example: '2025Q1' });
const Text = (max: number) => z.string().max(max);

export const GROUPS = ['best', 'high-average', 'low-average', 'poorest'] as const;

// ---------- inputs ----------

export const CooperatingInput = z.object({
  unitId: z.string().min(1).nullable().optional().meta({ example: 'vn2025:12142' }),
  name: Text(300).optional().meta({ example: 'Ủy ban MTTQ Việt Nam xã' }),
});

export const TargetInput = z.object({
  dimension: Dimension.nullable().meta({ description: 'null = the total index' }),
  kind: z.enum(['rank', 'group', 'score']),
  comparator: z.enum(['rise', 'keep', 'at_least', 'top']),
  value: z.number().nullable().optional(),
  group: z.enum(GROUPS).nullable().optional(),
  note: Text(1000).nullable().optional().meta({ example: 'Tăng bậc xếp hạng so với năm 2024' }),
});
export type TargetInput = z.infer<typeof TargetInput>;

export const PlanContentInput = z.object({
  title: Text(500).min(1).meta({ example: 'Kế hoạch cải thiện, nâng cao Chỉ số PAPI xã Ân Thi năm 2026' }),
  issuingBody: Text(300).min(1).meta({ example: 'ỦY BAN NHÂN DÂN XÃ ÂN THI' }),
  place: Text(100).nullable(),
  parentPlanId: z.string().nullable(),
  basis: z.array(Text(2000)).max(50),
  purpose: Text(20000),
  requirements: Text(20000),
  communication: Text(20000),
  inspection: Text(20000),
  organisation: Text(20000),
  recipients: z.array(Text(300)).max(100),
  sections: z.array(z.object({ dimension: Dimension, content: Text(50000) })).max(8),
  targets: z.array(TargetInput).max(50),
  signerName: Text(200).nullable(),
  signerTitle: Text(200).nullable(),
});
export type PlanContentInput = z.infer<typeof PlanContentInput>;

export const CreatePlanBody = PlanContentInput.partial().extend({
  unitId: z.string().min(1).meta({ example: 'vn2025:12142' }),
  year: z.number().int().min(2000).max(2100).meta({ example: 2026 }),
});

export const IssuePlanBody = z.object({
  number: Text(20).min(1).meta({ example: '109' }),
  symbol: Text(50).min(1).meta({ example: 'KH-UBND' }),
  issuedDate: IsoDay.meta({ example: '2026-01-15' }),
  signerName: Text(200).min(1).meta({ example: 'Nguyễn Văn An' }),
  signerTitle: Text(200).min(1).meta({ example: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' }),
});
export type IssuePlanBody = z.infer<typeof IssuePlanBody>;

export const AmendPlanBody = z.object({
  reason: Text(2000).min(1).meta({ example: 'Bổ sung nhiệm vụ theo chỉ đạo của UBND tỉnh' }),
  changes: PlanContentInput.partial(),
});

export const TaskInput = z.object({
  title: Text(1000).min(1).meta({ example: 'Công khai danh sách hộ nghèo, cận nghèo' }),
  description: Text(10000).optional(),
  dimension: Dimension.nullable().optional(),
  subdimension: z
    .string()
    .regex(/^[1-8]\.\d{1,2}$/, 'expected a sub-dimension code such as 2.2')
    .nullable()
    .optional()
    .meta({ example: '2.2' }),
  indicator: Text(100).nullable().optional(),
  leadUnitId: z.string().min(1).nullable().optional().meta({ description: 'a unit of the tree, when it is one' }),
  leadUnitName: Text(300).optional().meta({ example: 'Công chức Văn hóa - Xã hội' }),
  cooperating: z.array(CooperatingInput).max(30).optional(),
  startDate: IsoDay.nullable().optional(),
  dueDate: IsoDay.nullable().optional().meta({ example: '2026-06-30' }),
  expectedOutput: Text(2000).optional(),
});
export type TaskInput = z.infer<typeof TaskInput>;

export const ProgressBody = z.object({
  progress: z.number().int().min(0).max(100).optional().meta({ example: 60 }),
  status: z.enum(TASK_STATUSES).optional(),
  note: Text(5000).optional().meta({ example: 'Đã niêm yết danh sách tại nhà văn hóa 5/7 thôn' }),
});

export const CascadeBody = z.object({
  unitIds: z
    .array(z.string().min(1))
    .min(1)
    .max(500)
    .meta({ example: ['vn2025:12142', 'vn2025:11953'] }),
  dueDate: IsoDay.nullable().optional(),
  note: Text(2000).optional(),
});

export const CreateReportBody = z.object({
  unitId: z.string().min(1).meta({ example: 'vn2025:12142' }),
  period: PeriodId,
});

export const UpdateReportBody = z.object({
  summary: Text(50000).optional(),
  proposals: Text(50000).optional(),
  sections: z
    .array(z.object({ dimension: Dimension, narrative: Text(50000) }))
    .max(8)
    .optional(),
  tasks: z
    .array(
      z.object({
        taskId: z.string().min(1),
        note: Text(5000).optional(),
      }),
    )
    .max(2000)
    .optional(),
});

// ---------- DTOs ----------

export const UnitRef = z.object({
  id: z.string().meta({ example: 'vn2025:12142' }),
  nameVi: z.string().meta({ example: 'Ân Thi' }),
  nameEn: z.string(),
  unitType: z.string(),
  level: z.number().int(),
});
export type UnitRef = z.infer<typeof UnitRef>;

export const PlanRef = z.object({
  id: z.string(),
  unitId: z.string(),
  year: z.number().int(),
  status: z.enum(PLAN_STATUSES),
  title: z.string(),
  number: z.string().nullable(),
  symbol: z.string().nullable(),
  issuedDate: z.string().nullable(),
  issuingBody: z.string(),
});
export type PlanRef = z.infer<typeof PlanRef>;

export const PlanSummary = PlanRef.extend({
  unit: UnitRef,
  version: z.number().int(),
  taskCount: z.number().int(),
  doneCount: z.number().int(),
  overdueCount: z.number().int(),
  progress: z.number().int().meta({ description: 'mean progress of the plan’s tasks (cancelled left out)' }),
  updatedAt: z.string(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const Cooperating = z.object({ unitId: z.string().nullable(), name: z.string() });
export type Cooperating = z.infer<typeof Cooperating>;

export const Task = z.object({
  id: z.string(),
  planId: z.string(),
  unitId: z.string(),
  unitNameVi: z.string(),
  unitNameEn: z.string(),
  position: z.number().int(),
  title: z.string(),
  description: z.string(),
  dimension: z.number().int().nullable(),
  subdimension: z.string().nullable(),
  indicator: z.string().nullable(),
  leadUnitId: z.string().nullable(),
  leadUnitName: z.string(),
  cooperating: z.array(Cooperating),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  expectedOutput: z.string(),
  status: z.enum(TASK_STATUSES),
  progress: z.number().int(),
  overdue: z.boolean(),
  parentTaskId: z.string().nullable(),
  childCount: z.number().int().meta({ description: 'tasks cascaded from this one (its progress is rolled up)' }),
  libraryKey: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Task = z.infer<typeof Task>;

export const Target = z.object({
  id: z.string(),
  position: z.number().int(),
  dimension: z.number().int().nullable(),
  kind: z.string(),
  comparator: z.string(),
  value: z.number().nullable(),
  group: z.string().nullable(),
  note: z.string().nullable(),
});

export const PlanVersionRef = z.object({
  version: z.number().int(),
  status: z.string(),
  reason: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

/**
 * The text of a plan as ND30 lays it out (căn cứ, mục đích, yêu cầu, tuyên truyền, kiểm tra, tổ chức thực
 * hiện, nơi nhận, nội dung theo lĩnh vực): the same in a stored plan and in a drafted proposal.
 */
const planTextFields = {
  basis: z.array(z.string()),
  purpose: z.string(),
  requirements: z.string(),
  communication: z.string(),
  inspection: z.string(),
  organisation: z.string(),
  recipients: z.array(z.string()),
  sections: z.array(z.object({ dimension: z.number().int(), content: z.string() })),
};

export const PlanDetail = PlanSummary.extend({
  place: z.string().nullable(),
  signerName: z.string().nullable(),
  signerTitle: z.string().nullable(),
  parentPlan: PlanRef.extend({ unit: UnitRef }).nullable(),
  ...planTextFields,
  targets: z.array(Target),
  tasks: z.array(Task),
  versions: z.array(PlanVersionRef),
  createdAt: z.string(),
  issuedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  canEdit: z.boolean().meta({ description: 'the caller may write to this plan' }),
});
export type PlanDetail = z.infer<typeof PlanDetail>;

export const TaskComment = z.object({
  id: z.string(),
  authorName: z.string(),
  body: z.string(),
  progress: z.number().int().nullable(),
  status: z.string().nullable(),
  createdAt: z.string(),
});
export type TaskComment = z.infer<typeof TaskComment>;

export const EvidenceFile = z.object({
  id: z.string(),
  filename: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});

export const TaskDetail = Task.extend({
  plan: PlanRef,
  parent: Task.nullable().meta({ description: 'the higher unit’s task this one was cascaded from' }),
  children: z.array(Task).meta({ description: 'every lower unit’s task cascaded from this one, with its state' }),
  comments: z.array(TaskComment),
  evidence: z.array(EvidenceFile),
  canEdit: z.boolean(),
});
export type TaskDetail = z.infer<typeof TaskDetail>;

export const LibraryItem = z.object({
  key: z.string().meta({ example: 'd2-poor-households' }),
  dimension: z.number().int(),
  subdimension: z.string(),
  titleVi: z.string(),
  titleEn: z.string(),
  descriptionVi: z.string(),
  outputVi: z.string(),
  outputEn: z.string(),
  leadCommune: z.string(),
  leadProvince: z.string(),
  cooperating: z.array(z.string()),
  dueMonth: z.number().int(),
});

export const PlanProposal = z.object({
  unit: UnitRef,
  year: z.number().int(),
  diagnosisYear: z.number().int(),
  focus: z.array(z.string()).meta({ description: 'sub-dimensions addressed, weakest first' }),
  sentences: z.array(z.string()).meta({ description: 'the diagnosis in words (vi)' }),
  parentPlan: PlanRef.nullable(),
  draft: z.object({
    title: z.string(),
    issuingBody: z.string(),
    ...planTextFields,
    targets: z.array(
      z.object({
        dimension: z.number().int().nullable(),
        kind: z.string(),
        comparator: z.string(),
        value: z.number().nullable(),
        group: z.string().nullable(),
        note: z.string(),
      }),
    ),
    tasks: z.array(
      z.object({
        title: z.string(),
        description: z.string(),
        dimension: z.number().int(),
        subdimension: z.string(),
        leadUnitName: z.string(),
        cooperating: z.array(z.string()),
        startDate: z.string(),
        dueDate: z.string(),
        expectedOutput: z.string(),
        libraryKey: z.string(),
      }),
    ),
  }),
});
export type PlanProposal = z.infer<typeof PlanProposal>;

export const PeriodInfo = z.object({
  id: z.string().meta({ example: '2026Q1' }),
  kind: z.string(),
  year: z.number().int(),
  start: z.string().meta({ example: '2025-12-15' }),
  end: z.string().meta({ example: '2026-03-14' }),
  cumulative: z.boolean(),
  dueDate: z.string().meta({ example: '2026-03-19', description: 'submission deadline for the unit asked about' }),
});

export const ReportSummary = z.object({
  id: z.string(),
  unit: UnitRef,
  planId: z.string().nullable(),
  period: z.string(),
  year: z.number().int(),
  status: z.enum(REPORT_STATUSES),
  dueDate: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  consolidatedAt: z.string().nullable(),
  timeliness: z.enum(['on_time', 'late', 'missing', 'pending']),
  completeness: z.object({
    filled: z.number().int(),
    of: z.number().int(),
    percent: z.number().int(),
    complete: z.boolean(),
  }),
  updatedAt: z.string(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

export const ReportTaskLine = z.object({
  taskId: z.string(),
  unitId: z.string(),
  unitNameVi: z.string(),
  position: z.number().int(),
  title: z.string(),
  dimension: z.number().int().nullable(),
  status: z.string(),
  progress: z.number().int(),
  dueDate: z.string().nullable(),
  note: z.string(),
});

export const ReportDetail = ReportSummary.extend({
  summary: z.string(),
  proposals: z.string(),
  sections: z.array(z.object({ dimension: z.number().int(), narrative: z.string() })),
  tasks: z.array(ReportTaskLine),
  events: z.array(
    z.object({ at: z.string(), actorName: z.string(), action: z.string(), reason: z.string().nullable() }),
  ),
  sources: z.array(
    z.object({ reportId: z.string(), unitId: z.string(), unitNameVi: z.string(), mergedAt: z.string() }),
  ),
  plan: PlanRef.nullable(),
  canEdit: z.boolean().meta({ description: 'the caller’s unit owns it and it is not locked' }),
  canDecide: z.boolean().meta({ description: 'the caller is above the report’s unit and may return or approve it' }),
});
export type ReportDetail = z.infer<typeof ReportDetail>;

export const BoardRow = z.object({
  unit: UnitRef,
  reportId: z.string().nullable(),
  status: z.enum([...REPORT_STATUSES, 'none']),
  dueDate: z.string(),
  submittedAt: z.string().nullable(),
  timeliness: z.enum(['on_time', 'late', 'missing', 'pending']),
  completeness: z.number().int().meta({ description: 'percent of the 9 parts filled; 0 without a report' }),
});

export const ReportBoard = z.object({
  unit: UnitRef,
  period: PeriodInfo,
  today: z.string(),
  rows: z.array(BoardRow),
  totals: z.object({
    units: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    missing: z.number().int(),
    pending: z.number().int(),
    approved: z.number().int(),
  }),
});
export type ReportBoard = z.infer<typeof ReportBoard>;
