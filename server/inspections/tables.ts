/**
 * Table types of the inspections module (Inspection plans, inspections, findings and remediation (kiểm tra)), merged into `Database` (server/db/schema.ts).
 * Statuses follow the state machines of core/inspections/states.ts.
 */

/** Kế hoạch kiểm tra of a unit over units in its reach. */
export interface InspectionPlanTable {
  id: string;
  /** The inspecting unit (đơn vị kiểm tra). */
  unit_id: string;
  year: number;
  /** 'scheduled' (định kỳ) | 'surprise' (đột xuất) */
  kind: string;
  title: string;
  scope: string;
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Cuộc kiểm tra of one unit. */
export interface InspectionTable {
  id: string;
  plan_id: string | null;
  /** The inspected unit (đơn vị được kiểm tra): visibility follows it. */
  unit_id: string;
  inspecting_unit_id: string;
  kind: string;
  scheduled_on: string;
  conducted_on: string | null;
  /** JSON string[]: members of the team (đoàn kiểm tra). */
  team_json: string;
  scope: string;
  status: string;
  conclusion: string | null;
  /** Tái kiểm tra: the inspection this one re-checks. */
  reinspection_of: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Tồn tại, hạn chế found by an inspection. */
export interface InspectionFindingTable {
  id: string;
  inspection_id: string;
  /** The unit it concerns (the inspected unit or a unit below it). */
  unit_id: string;
  description: string;
  /** 'd1' … 'd8' */
  dimension: string;
  subdimension: string | null;
  indicator: string | null;
  /** The plan task (nhiệm vụ) it concerns. */
  task_id: string | null;
  status: string;
  closed_on: string | null;
  closing_note: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Biện pháp khắc phục with its deadline and responsible unit. */
export interface RemediationActionTable {
  id: string;
  finding_id: string;
  /** Đơn vị chịu trách nhiệm. */
  unit_id: string;
  description: string;
  deadline: string;
  status: string;
  completed_on: string | null;
  completion_note: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export type InspectionTables = {
  inspection_plan: InspectionPlanTable;
  inspection: InspectionTable;
  inspection_finding: InspectionFindingTable;
  remediation_action: RemediationActionTable;
};

/** This module's tables, parents before children (backup/restore order; see server/db/migrate.ts). */
export const INSPECTION_TABLE_NAMES = [
  'inspection_plan',
  'inspection',
  'inspection_finding',
  'remediation_action',
] as const satisfies readonly (keyof InspectionTables)[];
