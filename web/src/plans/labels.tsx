/** Small pieces every plans/reports page shares: status tags, PAPI tags, unit names, years. */
import { Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { todayInVietnam } from '../../../core/i18n/format';
import type { Lang } from '../../../core/i18n/index';
import type { Me } from '../api/types';
import type { PlanStatus, ReportStatus, TaskStatus, UnitRef } from './api';

const PLAN_COLOURS: Record<PlanStatus, string> = {
  draft: 'default',
  issued: 'green',
  amended: 'blue',
  closed: 'purple',
};
const TASK_COLOURS: Record<TaskStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  done: 'success',
  cancelled: 'error',
};
const REPORT_COLOURS: Record<ReportStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
};

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useTranslation('plans');
  return (
    <Tag color={PLAN_COLOURS[status]} data-testid="plan-status" data-status={status}>
      {t(`ui.planStatus.${status}`)}
    </Tag>
  );
}

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation('plans');
  return (
    <Tag color={TASK_COLOURS[status]} data-status={status}>
      {t(`ui.taskStatus.${status}`)}
    </Tag>
  );
}

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const { t } = useTranslation('plans');
  return (
    <Tag color={REPORT_COLOURS[status]} data-testid="report-status" data-status={status}>
      {t(`ui.reportStatus.${status}`)}
    </Tag>
  );
}

/** "D2 · 2.1 · d201": the PAPI dimension, sub-dimension and indicator a task targets. */
export function PapiTags({
  dimension,
  subdimension,
  indicator,
}: {
  dimension?: number | null;
  subdimension?: string | null;
  indicator?: string | null;
}) {
  const { t } = useTranslation('plans');
  if ((dimension ?? null) === null && !subdimension && !indicator) return <Tag>{t('ui.crossCutting')}</Tag>;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {dimension != null && (
        <Tag
          color="geekblue"
          title={t(`ui.dimensions.d${dimension}` as 'ui.dimensions.d1')}
          style={{ marginInlineEnd: 0 }}
        >
          {`D${dimension}`}
        </Tag>
      )}
      {subdimension && <Tag style={{ marginInlineEnd: 0 }}>{subdimension}</Tag>}
      {indicator && <Tag style={{ marginInlineEnd: 0 }}>{indicator}</Tag>}
    </span>
  );
}

export function ProgressBar({ percent, testId }: { percent: number; testId?: string }) {
  return (
    <Progress
      percent={Math.round(percent)}
      size="small"
      status={percent >= 100 ? 'success' : 'normal'}
      data-testid={testId}
      style={{ minWidth: 90, marginBottom: 0 }}
    />
  );
}

/** The name of the unit a task belongs to (tasks carry it flat). */
export function taskUnitName(task: { unitNameVi: string; unitNameEn: string }, lang: Lang): string {
  return (lang === 'en' ? task.unitNameEn : task.unitNameVi) || task.unitNameVi;
}

export function refName(unit: Pick<UnitRef, 'id' | 'nameVi' | 'nameEn'> | undefined | null, lang: Lang): string {
  if (!unit) return '';
  return (lang === 'en' ? unit.nameEn : unit.nameVi) || unit.nameVi || unit.id;
}

/** The current year in Vietnam and the two around it (plans are made for next year in December). */
export function yearChoices(): number[] {
  const y = Number(todayInVietnam().slice(0, 4));
  return [y + 1, y, y - 1, y - 2];
}

export const currentYear = (): number => Number(todayInVietnam().slice(0, 4));

/** Units the user holds a role in (province or commune officers; viewers only read). */
export function myUnits(me: Me): { id: string; nameVi: string; nameEn: string }[] {
  const out = new Map<string, { id: string; nameVi: string; nameEn: string }>();
  for (const r of me.roles) {
    if (r.unitId) out.set(r.unitId, { id: r.unitId, nameVi: r.unitNameVi ?? r.unitId, nameEn: r.unitNameEn ?? '' });
  }
  return [...out.values()];
}

/** Officers write; viewers read. The server decides for real (403); this only hides buttons. */
export function canWrite(me: Me): boolean {
  return me.roles.some(
    (r) => r.role === 'province_officer' || r.role === 'commune_officer' || r.role === 'system_admin',
  );
}

export function isProvinceOfficer(me: Me): boolean {
  return me.roles.some((r) => r.role === 'province_officer' || r.role === 'system_admin');
}
