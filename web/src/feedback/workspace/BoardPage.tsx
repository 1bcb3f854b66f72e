/**
 * Board: feedback received in a period, answered on time, overdue, and citizens' satisfaction, per PAPI
 * dimension, per unit and per track (GET /api/feedback/board). Numbers are formatted only.
 */
import { Card, Table, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat } from '../../format';
import { type BoardRow, useBoard } from '../api';
import { CommunePicker } from '../CommunePicker';

export function BoardPage() {
  const { t } = useTranslation('feedback');
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const unitId = params.get('unit') ?? '';
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  const board = useBoard({ unitId: unitId || undefined, from: from || undefined, to: to || undefined });
  const fromId = useId();
  const toId = useId();
  const pct = (v: number | null) => (v === null ? '—' : fmt.number(v, { style: 'percent', maximumFractionDigits: 0 }));

  const table = (title: string, rows: BoardRow[], testId: string, label: (r: BoardRow) => string) => (
    <Card title={title} size="small">
      <div className="table-scroll">
        <Table<BoardRow>
          data-testid={testId}
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: t('ui.board.empty') }}
          columns={[
            { title: t('ui.board.group'), key: 'label', render: (_, r) => label(r) },
            {
              title: t('ui.board.received'),
              key: 'received',
              align: 'right',
              render: (_, r) => fmt.number(r.received),
            },
            {
              title: t('ui.board.answered'),
              key: 'answered',
              align: 'right',
              render: (_, r) => fmt.number(r.answered),
            },
            { title: t('ui.board.onTime'), key: 'onTime', align: 'right', render: (_, r) => pct(r.onTimeRate) },
            {
              title: t('ui.board.overdueOpen'),
              key: 'overdue',
              align: 'right',
              render: (_, r) =>
                r.overdueOpen > 0 ? <span className="fb-overdue">{fmt.number(r.overdueOpen)}</span> : '0',
            },
            { title: t('ui.board.resolved'), key: 'resolved', align: 'right', render: (_, r) => pct(r.resolvedRate) },
            {
              title: t('ui.board.satisfaction'),
              key: 'sat',
              align: 'right',
              render: (_, r) =>
                r.satisfaction === null
                  ? '—'
                  : `${fmt.number(r.satisfaction, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}/5 (${fmt.number(r.rated)})`,
            },
          ]}
        />
      </div>
    </Card>
  );

  return (
    <div>
      <Typography.Paragraph type="secondary">{t('ui.board.lead')}</Typography.Paragraph>
      <div className="fb-filters-ws">
        <div className="fb-filter">
          <label htmlFor={fromId}>{t('ui.board.from')}</label>
          <input
            id={fromId}
            type="date"
            className="fb-date"
            value={from}
            onChange={(e) => set('from', e.target.value)}
          />
        </div>
        <div className="fb-filter">
          <label htmlFor={toId}>{t('ui.board.to')}</label>
          <input id={toId} type="date" className="fb-date" value={to} onChange={(e) => set('to', e.target.value)} />
        </div>
        <div className="fb-filter">
          <label htmlFor="fb-board-unit">{t('ui.ws.unit')}</label>
          <CommunePicker
            id="fb-board-unit"
            allowClear
            value={unitId || undefined}
            placeholder={t('ui.ws.allUnits')}
            onChange={(v) => set('unit', v)}
          />
        </div>
      </div>
      {board.isError && <ErrorNotice error={board.error} onRetry={() => board.refetch()} />}
      {board.data && (
        <div className="fb-board">
          <div className="fb-kpis" data-testid="fb-kpis">
            <Kpi label={t('ui.board.received')} value={fmt.number(board.data.total.received)} />
            <Kpi label={t('ui.board.onTime')} value={pct(board.data.total.onTimeRate)} />
            <Kpi label={t('ui.board.overdueOpen')} value={fmt.number(board.data.total.overdueOpen)} />
            <Kpi
              label={t('ui.board.satisfaction')}
              value={
                board.data.total.satisfaction === null
                  ? '—'
                  : `${fmt.number(board.data.total.satisfaction, { maximumFractionDigits: 1 })}/5`
              }
            />
          </div>
          {table(t('ui.board.byDimension'), board.data.byDimension, 'fb-board-dimension', (r) =>
            r.key in DIM_KEYS ? `${r.key} · ${t(`ui.dimensions.${r.key as keyof typeof DIM_KEYS}`)}` : r.label,
          )}
          {table(t('ui.board.byUnit'), board.data.byUnit, 'fb-board-unit', (r) => r.label)}
          {table(t('ui.board.byTrack'), board.data.byTrack, 'fb-board-track', (r) =>
            r.key === 'feedback' || r.key === 'complaint' || r.key === 'denunciation'
              ? t(`ui.tracks.${r.key}.title`)
              : r.label,
          )}
        </div>
      )}
    </div>
  );
}

const DIM_KEYS = { D3: 1, D4: 1, D5: 1, D6: 1, D7: 1, D8: 1 } as const;

function Kpi({ label, value }: { label: string; value: string }) {
  return (
    <div className="fb-kpi">
      <span className="fb-kpi-value">{value}</span>
      <span className="fb-kpi-label">{label}</span>
    </div>
  );
}
