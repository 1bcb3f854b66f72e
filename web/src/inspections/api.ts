/** Types of the inspections API. */
import type { FileDto } from '../disclosures/api';

export interface InspectionPlan {
  id: string;
  unitId: string;
  unitNameVi: string;
  unitNameEn: string;
  year: number;
  kind: 'scheduled' | 'surprise';
  title: string;
  scope: string;
  status: string;
  allowedEvents: string[];
  inspections: number;
}

export interface RemediationAction {
  id: string;
  unitId: string;
  unitNameVi: string;
  unitNameEn: string;
  description: string;
  deadline: string;
  status: 'open' | 'done';
  completedOn: string | null;
  completionNote: string | null;
  overdue: boolean;
  allowedEvents: string[];
  files: FileDto[];
}

export interface Finding {
  id: string;
  unitId: string;
  unitNameVi: string;
  unitNameEn: string;
  description: string;
  dimension: string;
  subdimension: string | null;
  indicator: string | null;
  taskId: string | null;
  taskTitle: string | null;
  status: 'open' | 'remediated' | 'closed';
  closedOn: string | null;
  closingNote: string | null;
  timeliness: 'on_time' | 'late' | 'overdue' | 'pending';
  allowedEvents: string[];
  actions: RemediationAction[];
  files: FileDto[];
}

export interface Inspection {
  id: string;
  planId: string | null;
  unitId: string;
  unitNameVi: string;
  unitNameEn: string;
  inspectingUnitId: string;
  inspectingUnitNameVi: string;
  inspectingUnitNameEn: string;
  kind: 'scheduled' | 'surprise';
  scheduledOn: string;
  conductedOn: string | null;
  team: string[];
  scope: string;
  status: string;
  conclusion: string | null;
  reinspectionOf: string | null;
  allowedEvents: string[];
  findingsTotal: number;
  findingsOpen: number;
}

export interface InspectionDetail extends Inspection {
  findings: Finding[];
  files: FileDto[];
}

export interface BoardRow {
  dimension: string;
  unitId: string;
  findings: number;
  closed: number;
  on_time: number;
  late: number;
  overdue: number;
  pending: number;
  onTimeRate: number | null;
}

export interface RemediationBoard {
  today: string;
  rows: BoardRow[];
  byDimension: BoardRow[];
  byUnit: BoardRow[];
  total: BoardRow;
  units: { id: string; nameVi: string; nameEn: string }[];
}

export interface FrameworkDto {
  id: string;
  dimensions: {
    code: string;
    number: number;
    nameVi: string;
    nameEn: string;
    subdimensions: { code: string; nameVi: string; nameEn: string }[];
  }[];
  indicators: { subdimension: string; code: string; nameVi: string; nameEn: string }[];
}

export const STATE_COLOR: Record<string, string> = {
  draft: 'default',
  approved: 'blue',
  completed: 'green',
  cancelled: 'default',
  planned: 'default',
  in_progress: 'blue',
  concluded: 'gold',
  closed: 'green',
  open: 'red',
  remediated: 'gold',
  done: 'green',
};

export const TIMELINESS_COLOR: Record<string, string> = {
  on_time: 'green',
  late: 'orange',
  overdue: 'red',
  pending: 'blue',
};
