/**
 * Periodic report approval (phê duyệt báo cáo), bottom-up, DHIS2-style: approval locks the data.
 *
 *   draft ──submit──▶ submitted ──approve──▶ approved (final)
 *     ▲                  │
 *     └──── returned ◀───┘ return (with a reason: lý do trả lại), then edited and submitted again
 *
 * - edit / refresh / consolidate: only in draft or returned (a submitted report is locked);
 * - submit: by the report's own unit; the general assessment (summary) must not be empty;
 * - return / approve: by an officer of a unit ABOVE the report's unit (checked by the server);
 *   only a submitted report.
 *
 * Completeness (đầy đủ): the general assessment plus a narrative for each of the 8 dimensions, 9 parts;
 * `complete` when all 9 are filled.
 */
import { RuleViolation } from './errors.js';

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type ReportAction = 'edit' | 'submit' | 'return' | 'approve' | 'consolidate';

const FROM: Record<ReportAction, readonly ReportStatus[]> = {
  edit: ['draft', 'returned'],
  consolidate: ['draft', 'returned'],
  submit: ['draft', 'returned'],
  return: ['submitted'],
  approve: ['submitted'],
};

const TO: Partial<Record<ReportAction, ReportStatus>> = {
  submit: 'submitted',
  return: 'returned',
  approve: 'approved',
};

const REASON: Record<ReportAction, string> = {
  edit: 'The report is locked: it can be edited only while a draft or after it was returned for revision',
  consolidate: 'The report is locked: consolidate before submitting it',
  submit: 'Only a draft or a returned report can be submitted',
  return: 'Only a submitted report can be returned for revision',
  approve: 'Only a submitted report can be approved',
};

export function reportAllows(status: string, action: ReportAction): boolean {
  return (FROM[action] as readonly string[]).includes(status);
}

/** Throws RuleViolation (→ 409) unless allowed; returns the status after the action. */
export function reportTransition(
  status: string,
  action: ReportAction,
  opts: { reason?: string | null; summary?: string } = {},
): ReportStatus {
  if (!reportAllows(status, action)) {
    throw new RuleViolation('invalid_transition', `${REASON[action]} (the report is ${status})`);
  }
  if (action === 'return' && !opts.reason?.trim()) {
    throw new RuleViolation('reason_required', 'A reason is required to return a report for revision', ['reason']);
  }
  if (action === 'submit' && opts.summary !== undefined && !opts.summary.trim()) {
    throw new RuleViolation('summary_required', 'Write the general assessment before submitting the report', [
      'summary',
    ]);
  }
  return TO[action] ?? (status as ReportStatus);
}

export interface Completeness {
  filled: number;
  of: number;
  percent: number;
  complete: boolean;
}

export function completeness(report: { summary: string; sections: readonly { narrative: string }[] }): Completeness {
  const of = 9;
  const filled =
    (report.summary.trim() ? 1 : 0) + Math.min(8, report.sections.filter((s) => s.narrative.trim() !== '').length);
  return { filled, of, percent: Math.round((filled / of) * 100), complete: filled === of };
}

export interface MergeableReport {
  unitName: string;
  summary: string;
  proposals: string;
  sections: readonly { dimension: number; narrative: string }[];
}

/**
 * Consolidation (tổng hợp): the parent keeps its own text and gains, per part, one paragraph per child
 * unit ("<unit>: <child's text>"), children in the given order, empty child parts skipped.
 */
export function mergeReports(
  parent: { summary: string; proposals: string; sections: readonly { dimension: number; narrative: string }[] },
  children: readonly MergeableReport[],
): { summary: string; proposals: string; sections: { dimension: number; narrative: string }[] } {
  const join = (own: string, parts: string[]) => [own.trim(), ...parts].filter((p) => p !== '').join('\n');
  const para = (c: MergeableReport, text: string) => (text.trim() ? [`${c.unitName}: ${text.trim()}`] : []);
  const sections = [];
  for (let dimension = 1; dimension <= 8; dimension++) {
    const own = parent.sections.find((s) => s.dimension === dimension)?.narrative ?? '';
    sections.push({
      dimension,
      narrative: join(
        own,
        children.flatMap((c) => para(c, c.sections.find((s) => s.dimension === dimension)?.narrative ?? '')),
      ),
    });
  }
  return {
    summary: join(
      parent.summary,
      children.flatMap((c) => para(c, c.summary)),
    ),
    proposals: join(
      parent.proposals,
      children.flatMap((c) => para(c, c.proposals)),
    ),
    sections,
  };
}
