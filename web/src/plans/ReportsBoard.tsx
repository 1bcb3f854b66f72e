/**
 * The periods board: choose year, period and unit; see the unit's own report for the period (prepare
 * it pre-filled from the tasks, or open it) and, for a unit with lower units, each one's report with
 * its deadline, timeliness (on time / late / missing / not yet due) and completeness.
 */
import { FileAddOutlined, FileTextOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Input, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { parsePeriod } from '../../../core/plans/periods';
import { foldVietnamese } from '../../../core/text/index';
import { apiGet } from '../api/client';
import { describeError } from '../api/errors';
import type { Me } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { LinkButton } from '../components/LinkButton';
import { useFormat } from '../format';
import { useIsPhone } from '../hooks';
import { type BoardRow, periodsOf, post, type ReportDetail, type ReportSummary, useBoard, useWrite } from './api';
import { canWrite, currentYear, myUnits, ProgressBar, ReportStatusTag, refName, yearChoices } from './labels';

const STATUS_ORDER: BoardRow['status'][] = ['submitted', 'returned', 'draft', 'approved', 'none'];

const TIMELINESS_COLOURS: Record<string, string> = {
  on_time: 'success',
  late: 'warning',
  missing: 'error',
  pending: 'default',
};

/** "Quý I/2025", "6 tháng đầu năm 2025", "9 tháng năm 2025", "Năm 2025". */
export function usePeriodLabel(): (id: string) => string {
  const { t } = useTranslation('plans');
  return (id: string) => {
    try {
      const p = parsePeriod(id);
      return t(`ui.periods.${p.kind}`, { year: p.year });
    } catch {
      return id;
    }
  };
}

export function TimelinessTag({ value }: { value: string }) {
  const { t } = useTranslation('plans');
  return (
    <Tag color={TIMELINESS_COLOURS[value] ?? 'default'} data-timeliness={value}>
      {t(`ui.timeliness.${value}` as 'ui.timeliness.on_time')}
    </Tag>
  );
}

/** The first period whose deadline has not passed long ago: Q1 early in the year, and so on. */
function defaultPeriod(year: number): string {
  return periodsOf(year)[0] ?? String(year);
}

export function ReportsBoard({ me }: { me: Me }) {
  const { t } = useTranslation('plans');
  const fmt = useFormat();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const periodLabel = usePeriodLabel();
  const units = myUnits(me);
  const [year, setYear] = useState(currentYear());
  const [period, setPeriod] = useState(defaultPeriod(currentYear()));
  const [unitId, setUnitId] = useState(units[0]?.id);
  const board = useBoard({ period, unitId });
  const own = useQuery({
    queryKey: ['reports', 'own', unitId, period],
    queryFn: () => apiGet<{ reports: ReportSummary[] }>('/api/reports', { unitId, period }),
    enabled: !!unitId,
  });
  const mine = own.data?.reports.find((r) => r.unit.id === unitId);
  const [filter, setFilter] = useState('');
  // What needs the officer's decision first (submitted), then what is under way, approved, not started.
  const rows = useMemo(() => {
    const key = foldVietnamese(filter);
    return (board.data?.rows ?? [])
      .filter((r) => !key || foldVietnamese(`${r.unit.nameVi} ${r.unit.nameEn}`).includes(key))
      .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
  }, [board.data, filter]);
  const totals = board.data?.totals;
  const prepare = useWrite(() => post<ReportDetail>('/api/reports', { unitId, period }));

  return (
    <div>
      <Typography.Title level={1} className="plans-title">
        {t('ui.reportsTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('ui.reportsLead')}</Typography.Paragraph>
      <div className="plans-toolbar">
        <label htmlFor="reports-year" className="plans-label">
          {t('ui.year')}
        </label>
        <Select
          id="reports-year"
          data-testid="reports-year"
          value={year}
          onChange={(y) => {
            setYear(y);
            setPeriod(defaultPeriod(y));
          }}
          options={yearChoices().map((y) => ({ value: y, label: String(y) }))}
          style={{ width: 100 }}
        />
        <label htmlFor="reports-period" className="plans-label">
          {t('ui.period')}
        </label>
        <Select
          id="reports-period"
          data-testid="reports-period"
          value={period}
          onChange={setPeriod}
          options={periodsOf(year).map((id) => ({ value: id, label: periodLabel(id) }))}
          style={{ width: phone ? '100%' : 220 }}
        />
        {units.length > 1 && (
          <Select
            aria-label={t('ui.unit')}
            value={unitId}
            onChange={setUnitId}
            options={units.map((u) => ({ value: u.id, label: fmt.lang === 'en' && u.nameEn ? u.nameEn : u.nameVi }))}
            style={{ width: 240 }}
          />
        )}
      </div>

      <Card title={t('ui.ownReport')} className="plans-card" data-testid="own-report">
        {own.isError && <ErrorNotice error={own.error} onRetry={() => own.refetch()} />}
        {own.isPending && !own.isError && <Typography.Text type="secondary">{t('ui.loading')}</Typography.Text>}
        {own.data && mine && (
          <div className="plans-own">
            <ReportStatusTag status={mine.status} />
            <span>
              {t('ui.dueOn', { date: fmt.date(mine.dueDate) })}
              {mine.submittedAt && ` · ${t('ui.submittedOn', { date: fmt.dateTime(mine.submittedAt) })}`}
            </span>
            <LinkButton
              to={`/workspace/reports/${mine.id}`}
              type="primary"
              icon={<FileTextOutlined />}
              data-testid="open-own-report"
            >
              {t('ui.openReport')}
            </LinkButton>
          </div>
        )}
        {own.data && !mine && (
          <div className="plans-own">
            <span>{t('ui.noOwnReport', { period: periodLabel(period) })}</span>
            {canWrite(me) && (
              <Button
                type="primary"
                icon={<FileAddOutlined />}
                loading={prepare.isPending}
                data-testid="prepare-report"
                onClick={() =>
                  prepare.mutate(undefined, {
                    onSuccess: (r) => navigate(`/workspace/reports/${r.id}`),
                    onError: (err) => void message.error(describeError(err)),
                  })
                }
              >
                {t('ui.prepareReport')}
              </Button>
            )}
          </div>
        )}
      </Card>

      {board.isError && <ErrorNotice error={board.error} onRetry={() => board.refetch()} />}
      {!board.isError && (board.isPending || (board.data?.rows.length ?? 0) > 0) && (
        <Card
          title={t('ui.boardTitle', { period: periodLabel(period) })}
          className="plans-card"
          styles={{ body: { padding: phone ? 8 : 16 } }}
        >
          {board.data?.rows[0] && totals && (
            <Typography.Paragraph type="secondary" data-testid="board-totals">
              {t('ui.boardDue', { date: fmt.date(board.data.rows[0].dueDate) })}{' '}
              {t('ui.boardTotals', {
                units: fmt.number(totals.units),
                onTime: fmt.number(totals.onTime),
                late: fmt.number(totals.late),
                missing: fmt.number(totals.missing),
                approved: fmt.number(totals.approved),
              })}
            </Typography.Paragraph>
          )}
          <Input
            allowClear
            placeholder={t('ui.filterUnits')}
            aria-label={t('ui.filterUnits')}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            style={{ maxWidth: 320, marginBottom: 12 }}
            data-testid="board-filter"
          />
          <div className="table-scroll">
            <Table<BoardRow>
              data-testid="report-board"
              rowKey={(r) => r.unit.id}
              size="small"
              loading={board.isPending}
              dataSource={rows}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              onRow={(r) => ({ 'data-unit-id': r.unit.id }) as object}
              columns={[
                {
                  title: t('ui.unit'),
                  key: 'unit',
                  render: (_, r) =>
                    r.reportId ? (
                      <Link to={`/workspace/reports/${r.reportId}`} className="plans-link">
                        {refName(r.unit, fmt.lang)}
                      </Link>
                    ) : (
                      refName(r.unit, fmt.lang)
                    ),
                },
                {
                  title: t('ui.status'),
                  key: 'status',
                  render: (_, r) =>
                    r.status !== 'none' ? <ReportStatusTag status={r.status} /> : <Tag>{t('ui.notStarted')}</Tag>,
                },
                {
                  title: t('ui.timelinessCol'),
                  key: 'timely',
                  render: (_, r) => <TimelinessTag value={r.timeliness} />,
                },
                ...(phone
                  ? []
                  : [
                      {
                        title: t('ui.submittedAt'),
                        key: 'submitted',
                        render: (_: unknown, r: BoardRow) => (r.submittedAt ? fmt.dateTime(r.submittedAt) : '—'),
                      },
                    ]),
                {
                  title: t('ui.completeness'),
                  key: 'complete',
                  width: phone ? 110 : 170,
                  render: (_, r) => <ProgressBar percent={r.completeness} />,
                },
              ]}
            />
          </div>
        </Card>
      )}
    </div>
  );
}
