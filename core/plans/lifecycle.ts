/**
 * Plan lifecycle (vòng đời kế hoạch): draft → issued → amended (any number of times) → closed.
 *
 * - draft (dự thảo): content freely edited; tasks added, edited, removed. Version 0.
 * - issued (ban hành): number, symbol, date and signer are fixed; version 1 is kept as a snapshot.
 *   Content changes only through an amendment; tasks can still be added (cascade from above) and
 *   progress reported.
 * - amended (điều chỉnh, bổ sung): an amendment applies changes with a reason, version + 1, snapshot kept.
 * - closed (kết thúc): read-only; no task changes, no progress.
 */
import { RuleViolation } from './errors.js';

export const PLAN_STATUSES = ['draft', 'issued', 'amended', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export type PlanAction = 'edit' | 'issue' | 'amend' | 'close' | 'addTask' | 'editTask' | 'deleteTask' | 'progress';

const ALLOWED: Record<PlanStatus, readonly PlanAction[]> = {
  draft: ['edit', 'issue', 'addTask', 'editTask', 'deleteTask', 'progress'],
  issued: ['amend', 'close', 'addTask', 'editTask', 'progress'],
  amended: ['amend', 'close', 'addTask', 'editTask', 'progress'],
  closed: [],
};

const NEXT: Partial<Record<PlanAction, PlanStatus>> = { issue: 'issued', amend: 'amended', close: 'closed' };

const REASON: Record<PlanAction, string> = {
  edit: 'Only a draft plan can be edited directly; amend an issued plan instead',
  issue: 'Only a draft plan can be issued',
  amend: 'Only an issued or amended plan can be amended',
  close: 'Only an issued or amended plan can be closed',
  addTask: 'Tasks cannot be added to a closed plan',
  editTask: 'Tasks of a closed plan cannot be changed',
  deleteTask: 'Tasks can be removed only from a draft plan',
  progress: 'Progress cannot be reported on a closed plan',
};

export function isPlanStatus(value: string): value is PlanStatus {
  return (PLAN_STATUSES as readonly string[]).includes(value);
}

export function planAllows(status: string, action: PlanAction): boolean {
  return isPlanStatus(status) && ALLOWED[status].includes(action);
}

/** Throws RuleViolation (→ 409) unless `action` is allowed; returns the status after it. */
export function planTransition(status: string, action: PlanAction): PlanStatus {
  if (!planAllows(status, action)) {
    throw new RuleViolation('invalid_transition', `${REASON[action]} (the plan is ${status})`);
  }
  return NEXT[action] ?? (status as PlanStatus);
}
