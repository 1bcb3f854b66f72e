/**
 * Task statuses (trạng thái nhiệm vụ) and the progress roll-up of cascaded tasks.
 *
 * Statuses: not_started (chưa thực hiện), in_progress (đang thực hiện), done (hoàn thành),
 * cancelled (dừng/hủy). "Overdue" (quá hạn) is not stored: it is derived from the deadline and today.
 *
 * A progress update keeps status and percentage consistent:
 * - progress 100 ⇒ done; status done ⇒ progress 100;
 * - progress > 0 on a not_started task ⇒ in_progress; a done task given progress < 100 ⇒ in_progress;
 * - cancelled keeps its progress.
 *
 * ROLL-UP RULE (documented, and the only one): a task that has been cascaded to lower units (it has
 * child tasks) takes its progress and status from its children only:
 * - progress = arithmetic mean of the children's progress, each child unit weighted equally, rounded to
 *   the nearest integer; cancelled children are left out;
 * - status = done when every counted child is done; in_progress when any counted child has started
 *   (progress > 0 or in_progress); otherwise not_started; cancelled when every child is cancelled;
 *   a parent shows 100 only when done (a mean that rounds to 100 with a child unfinished shows 99).
 * The parent's own progress cannot be set directly (it would be overwritten); it changes when a child
 * changes, and the roll-up is applied up the whole chain (commune → province) in the same transaction.
 */
import { RuleViolation } from './errors.js';

export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskState {
  status: TaskStatus;
  progress: number;
}

export function isTaskStatus(value: string): value is TaskStatus {
  return (TASK_STATUSES as readonly string[]).includes(value);
}

/** The state after a progress report; throws RuleViolation on a percentage outside 0…100. */
export function applyProgress(current: TaskState, update: { progress?: number; status?: TaskStatus }): TaskState {
  let progress = update.progress ?? current.progress;
  if (!Number.isInteger(progress) || progress < 0 || progress > 100) {
    throw new RuleViolation('invalid_progress', `Progress must be a whole number from 0 to 100, got ${progress}`, [
      'progress',
    ]);
  }
  let status: TaskStatus = update.status ?? current.status;
  if (update.status === 'done') progress = 100;
  else if (status !== 'cancelled') {
    if (progress === 100) status = 'done';
    else if (status === 'done') status = progress > 0 || update.progress !== undefined ? 'in_progress' : 'not_started';
    else if (progress > 0 && status === 'not_started') status = 'in_progress';
  }
  return { status, progress };
}

/** The rolled-up state of a cascaded task from its children (rule in the header); null without children. */
export function rollUp(children: readonly TaskState[]): TaskState | null {
  if (children.length === 0) return null;
  const counted = children.filter((c) => c.status !== 'cancelled');
  if (counted.length === 0) return { status: 'cancelled', progress: 0 };
  const progress = Math.round(counted.reduce((s, c) => s + c.progress, 0) / counted.length);
  const status: TaskStatus = counted.every((c) => c.status === 'done')
    ? 'done'
    : counted.some((c) => c.progress > 0 || c.status !== 'not_started')
      ? 'in_progress'
      : 'not_started';
  return { status, progress: status === 'done' ? 100 : Math.min(progress, 99) };
}

/** Quá hạn: past its deadline (Vietnam calendar date) and neither done nor cancelled. */
export function isOverdue(task: { status: string; dueDate: string | null }, today: string): boolean {
  return task.dueDate !== null && task.dueDate < today && task.status !== 'done' && task.status !== 'cancelled';
}
