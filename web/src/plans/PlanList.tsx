import { BulbOutlined } from '@ant-design/icons';
import { Select, Table, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { LinkButton } from '../components/LinkButton';
import { useFormat } from '../format';
import { useIsPhone } from '../hooks';
import { type PlanSummary, usePlans } from './api';
import { canWrite, currentYear, PlanStatusTag, ProgressBar, refName, yearChoices } from './labels';

/** Number and symbol as the document writes them: "109/KH-UBND", or "—" for a draft. */
export const planNumber = (p: Pick<PlanSummary, 'number' | 'symbol'>): string =>
  p.number ? `${p.number}${p.symbol ? `/${p.symbol}` : ''}` : '—';

/** Plans of every unit in the caller's reach for a year: own unit first, then the units below. */
export function PlanList({ me }: { me: Me }) {
  const { t } = useTranslation('plans');
  const fmt = useFormat();
  const phone = useIsPhone();
  const [year, setYear] = useState(currentYear());
  const plans = usePlans({ year });

  return (
    <div>
      <Typography.Title level={1} className="plans-title">
        {t('ui.plansTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('ui.plansLead')}</Typography.Paragraph>
      <div className="plans-toolbar">
        <label htmlFor="plans-year" className="plans-label">
          {t('ui.year')}
        </label>
        <Select
          id="plans-year"
          data-testid="plans-year"
          value={year}
          onChange={setYear}
          options={yearChoices().map((y) => ({ value: y, label: String(y) }))}
          style={{ width: 110 }}
        />
        <span className="spacer" />
        {canWrite(me) && (
          <LinkButton
            to="/workspace/plans/new"
            type="primary"
            icon={<BulbOutlined />}
            data-testid="draft-from-diagnosis"
          >
            {t('ui.draftFromDiagnosis')}
          </LinkButton>
        )}
      </div>
      {plans.isError && <ErrorNotice error={plans.error} onRetry={() => plans.refetch()} />}
      {!plans.isError && (
        <div className="table-scroll">
          <Table<PlanSummary>
            data-testid="plan-list"
            rowKey="id"
            size="middle"
            loading={plans.isPending}
            dataSource={plans.data?.plans ?? []}
            locale={{ emptyText: t('ui.noPlans', { year }) }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            onRow={(p) => ({ 'data-plan-id': p.id }) as HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('ui.plan'),
                key: 'title',
                render: (_, p) => (
                  <div>
                    <Link to={`/workspace/plans/${p.id}`} className="plans-link">
                      {p.title}
                    </Link>
                    <div className="plans-sub">
                      {refName(p.unit, fmt.lang)}
                      {phone && ` · ${planNumber(p)}`}
                    </div>
                  </div>
                ),
              },
              ...(phone
                ? []
                : [
                    {
                      title: t('ui.numberSymbol'),
                      key: 'number',
                      render: (_: unknown, p: PlanSummary) => planNumber(p),
                    },
                    {
                      title: t('ui.issuedDate'),
                      key: 'date',
                      render: (_: unknown, p: PlanSummary) => (p.issuedDate ? fmt.date(p.issuedDate) : '—'),
                    },
                    {
                      title: t('ui.taskCount'),
                      key: 'tasks',
                      align: 'right' as const,
                      render: (_: unknown, p: PlanSummary) => fmt.number(p.taskCount),
                    },
                  ]),
              { title: t('ui.status'), key: 'status', render: (_, p) => <PlanStatusTag status={p.status} /> },
              ...(phone
                ? []
                : [
                    {
                      title: t('ui.progress'),
                      key: 'progress',
                      width: 160,
                      render: (_: unknown, p: PlanSummary) => <ProgressBar percent={p.progress} />,
                    },
                  ]),
            ]}
          />
        </div>
      )}
    </div>
  );
}
