/**
 * Table types of the plans module: plans (kế hoạch), tasks (nhiệm vụ) and their cascade, periodic
 * reports (báo cáo) and approval. Merged into `Database` (server/db/schema.ts). See README.md.
 */

/** A unit's PAPI improvement plan for one year (one per unit and year). Current content; versions in plan_version. */
export interface PlanTable {
  id: string;
  unit_id: string;
  year: number;
  /** draft | issued | amended | closed (core/plans/lifecycle.ts) */
  status: string;
  /** 0 while a draft never issued; 1 at issue; +1 at each amendment. */
  version: number;
  /** Trích yếu, e.g. 'Kế hoạch Cải thiện, nâng cao Chỉ số PAPI xã Tiền Phong năm 2024'. */
  title: string;
  /** Số, e.g. '109' — set when issued. */
  number: string | null;
  /** Ký hiệu, e.g. 'KH-UBND'. */
  symbol: string | null;
  /** Ngày ban hành, YYYY-MM-DD. */
  issued_date: string | null;
  /** Địa danh for 'Tiền Phong, ngày … tháng … năm …'. */
  place: string | null;
  /** Cơ quan ban hành, e.g. 'ỦY BAN NHÂN DÂN XÃ TIỀN PHONG'. */
  issuing_body: string;
  /** Người ký. */
  signer_name: string | null;
  /** Chức vụ người ký, e.g. 'CHỦ TỊCH' / 'KT. CHỦ TỊCH PHÓ CHỦ TỊCH'. */
  signer_title: string | null;
  /** Căn cứ: the parent unit's plan of the same year. */
  parent_plan_id: string | null;
  /** Căn cứ: other documents, JSON string[] (one sentence each). */
  basis_json: string;
  /** Mục đích. */
  purpose: string;
  /** Yêu cầu. */
  requirements: string;
  /** Công tác tuyên truyền. */
  communication: string;
  /** Công tác kiểm tra. */
  inspection: string;
  /** Tổ chức thực hiện. */
  organisation: string;
  /** Nơi nhận, JSON string[]. */
  recipients_json: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  issued_at: string | null;
  closed_at: string | null;
}

/** A kept version of a plan: snapshot (JSON PlanSnapshot) taken when issued or amended. */
export interface PlanVersionTable {
  plan_id: string;
  version: number;
  /** Status the version was taken in: issued | amended. */
  status: string;
  /** Reason of the amendment (lý do điều chỉnh); null for the first issue. */
  reason: string | null;
  snapshot_json: string;
  created_by: string | null;
  created_at: string;
}

/** Content of the plan for one PAPI dimension (D1…D8). */
export interface PlanSectionTable {
  plan_id: string;
  /** 1…8 */
  dimension: number;
  content: string;
}

/** Chỉ tiêu: a target on rank, group or score, for the total index (dimension null) or one dimension. */
export interface PlanTargetTable {
  id: string;
  plan_id: string;
  position: number;
  dimension: number | null;
  /** rank | group | score */
  kind: string;
  /** rise (tăng hạng/điểm) | keep (giữ) | at_least (đạt tối thiểu) | top (nằm trong nhóm/top value) */
  comparator: string;
  /** rank (top N) or score threshold; null for rise/keep. */
  value: number | null;
  /** best | high-average | low-average | poorest (core/index Group), for kind = group. */
  group_name: string | null;
  /** Free wording as the plan phrases it. */
  note: string | null;
}

/** Nhiệm vụ. A task of a plan; parent_task_id set when cascaded from a higher unit's task. */
export interface PlanTaskTable {
  id: string;
  plan_id: string;
  /** The plan's unit (denormalised so visibility filters need no join). */
  unit_id: string;
  /** Ordinal in the plan's appendix (1-based). */
  position: number;
  title: string;
  description: string;
  /** PAPI dimension 1…8 (null = cross-cutting). */
  dimension: number | null;
  /** e.g. '2.1' */
  subdimension: string | null;
  /** e.g. 'd201' or free text */
  indicator: string | null;
  /** Đơn vị chủ trì, when it is a unit of the tree. */
  lead_unit_id: string | null;
  /** Đơn vị chủ trì as written ('Văn phòng HĐND và UBND xã'); unit name when lead_unit_id is set. */
  lead_unit_name: string;
  /** Đơn vị phối hợp, JSON {unitId: string|null, name: string}[]. */
  cooperating_json: string;
  start_date: string | null;
  /** Thời hạn hoàn thành, YYYY-MM-DD. */
  due_date: string | null;
  /** Sản phẩm / kết quả dự kiến. */
  expected_output: string;
  /** not_started | in_progress | done | cancelled (core/plans/tasks.ts) */
  status: string;
  /** 0…100; for a cascaded parent it is the rolled-up value (core/plans/rollup.ts). */
  progress: number;
  parent_task_id: string | null;
  /** Key of the library task it was drafted from (core/plans/library.ts). */
  library_key: string | null;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Comment or progress note on a task (progress/status filled when the note came with an update). */
export interface PlanTaskCommentTable {
  id: string;
  task_id: string;
  author_id: string | null;
  author_name: string;
  body: string;
  progress: number | null;
  status: string | null;
  created_at: string;
}

/** Báo cáo định kỳ: one per unit and period ('2025Q1', '2025S1', '2025N9', '2025'). */
export interface PlanReportTable {
  id: string;
  unit_id: string;
  /** The unit's plan of the reporting year, when it has one. */
  plan_id: string | null;
  /** Period id (core/plans/periods.ts). */
  period: string;
  year: number;
  /** draft | submitted | returned | approved (core/plans/reportApproval.ts) */
  status: string;
  /** General assessment (đánh giá chung). */
  summary: string;
  /** Kiến nghị, đề xuất. */
  proposals: string;
  /** Submission deadline of the period (hạn gửi). */
  due_date: string;
  submitted_at: string | null;
  submitted_by: string | null;
  decided_at: string | null;
  decided_by: string | null;
  /** Reason given when returned for revision (lý do trả lại). */
  return_reason: string | null;
  /** When the children's approved reports were last merged in. */
  consolidated_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Narrative of a report for one PAPI dimension. */
export interface PlanReportSectionTable {
  report_id: string;
  dimension: number;
  narrative: string;
}

/** Task status line in a report (pre-filled from the tasks; merged lines carry the child unit). */
export interface PlanReportTaskTable {
  report_id: string;
  task_id: string;
  /** Unit whose task it is (the child unit for lines merged by consolidation). */
  unit_id: string;
  position: number;
  title: string;
  dimension: number | null;
  status: string;
  progress: number;
  due_date: string | null;
  note: string;
}

/** Approval history: submit | return | approve | consolidate. */
export interface PlanReportEventTable {
  id: string;
  report_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  reason: string | null;
}

/** Which approved child reports were merged into a parent's report. */
export interface PlanReportSourceTable {
  report_id: string;
  child_report_id: string;
  merged_at: string;
}

export type PlanTables = {
  plan: PlanTable;
  plan_version: PlanVersionTable;
  plan_section: PlanSectionTable;
  plan_target: PlanTargetTable;
  plan_task: PlanTaskTable;
  plan_task_comment: PlanTaskCommentTable;
  plan_report: PlanReportTable;
  plan_report_section: PlanReportSectionTable;
  plan_report_task: PlanReportTaskTable;
  plan_report_event: PlanReportEventTable;
  plan_report_source: PlanReportSourceTable;
};

/** This module's tables, parents before children (backup/restore order; see server/db/migrate.ts). */
export const PLAN_TABLE_NAMES = [
  'plan',
  'plan_version',
  'plan_section',
  'plan_target',
  'plan_task',
  'plan_task_comment',
  'plan_report',
  'plan_report_section',
  'plan_report_task',
  'plan_report_event',
  'plan_report_source',
] as const satisfies readonly (keyof PlanTables)[];
