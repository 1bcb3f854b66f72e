import { DownloadOutlined, FilterOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Pagination, Select, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat } from '../../format';
import { useIsPhone } from '../../hooks';
import {
  DIMENSIONS,
  exportUrl,
  INBOX_PAGE_SIZE,
  type InboxFilters,
  STATUSES,
  type Summary,
  TRACKS,
  useInbox,
} from '../api';
import { CommunePicker } from '../CommunePicker';
import { StatusTag } from '../StatusTag';

/** A labelled filter control (the label names the control for screen readers and the e2e tests). */
function Filter({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="fb-filter">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

/** The inbox (or, with `moderationQueue`, the items waiting for moderation before publication). */
export function Inbox({ moderationQueue = false }: { moderationQueue?: boolean }) {
  const { t } = useTranslation('feedback');
  const fmt = useFormat();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const filters: InboxFilters = {
    track: get('track'),
    status: get('status'),
    overdue: get('overdue'),
    dimension: get('dimension'),
    unitId: get('unit'),
    q: get('q'),
    moderation: moderationQueue ? 'pending' : undefined,
    page: Number(get('page') ?? 1) || 1,
  };
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries({ ...patch, page: patch.page })) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const [text, setText] = useState(filters.q ?? '');
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = [
    filters.track,
    filters.status,
    filters.overdue,
    filters.dimension,
    filters.unitId,
    filters.q,
  ].filter(Boolean).length;
  useEffect(() => setText(params.get('q') ?? ''), [params]);
  const inbox = useInbox(filters);
  const name = (u: { nameVi: string; nameEn: string }) => (fmt.lang === 'en' ? u.nameEn : u.nameVi);
  const { page: _page, ...exportFilters } = filters;

  return (
    <div>
      <Typography.Paragraph type="secondary">
        {moderationQueue ? t('ui.ws.moderationLead') : t('ui.ws.inboxLead')}
      </Typography.Paragraph>
      {phone && (
        <Button
          block
          icon={<FilterOutlined />}
          aria-expanded={filtersOpen}
          aria-controls="fb-filters"
          onClick={() => setFiltersOpen((o) => !o)}
          style={{ marginBottom: 12 }}
          data-testid="fb-filters-toggle"
        >
          {activeFilters > 0 ? t('ui.ws.filtersCount', { count: activeFilters }) : t('ui.ws.filters')}
        </Button>
      )}
      <div className="fb-filters-ws" id="fb-filters" data-testid="fb-filters" hidden={phone && !filtersOpen}>
        <Filter id="fb-f-track" label={t('ui.ws.track')}>
          <Select
            id="fb-f-track"
            allowClear
            placeholder={t('ui.ws.all')}
            value={filters.track}
            onChange={(v) => set({ track: v })}
            options={TRACKS.map((x) => ({ value: x, label: t(`ui.tracks.${x}.title`) }))}
          />
        </Filter>
        <Filter id="fb-f-status" label={t('ui.ws.status')}>
          <Select
            id="fb-f-status"
            allowClear
            placeholder={t('ui.ws.all')}
            value={filters.status}
            onChange={(v) => set({ status: v })}
            options={STATUSES.map((x) => ({ value: x, label: t(`ui.status.${x}`) }))}
          />
        </Filter>
        <Filter id="fb-f-dimension" label={t('ui.ws.dimension')}>
          <Select
            id="fb-f-dimension"
            allowClear
            placeholder={t('ui.ws.all')}
            value={filters.dimension}
            onChange={(v) => set({ dimension: v })}
            options={DIMENSIONS.map((d) => ({ value: d, label: `${d} · ${t(`ui.dimensions.${d}`)}` }))}
          />
        </Filter>
        <Filter id="fb-f-unit" label={t('ui.ws.unit')}>
          <CommunePicker
            id="fb-f-unit"
            allowClear
            value={filters.unitId}
            placeholder={t('ui.ws.allUnits')}
            onChange={(v) => set({ unit: v })}
          />
        </Filter>
        <Filter id="fb-f-q" label={t('ui.ws.search')}>
          <Input.Search
            id="fb-f-q"
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => set({ q: v.trim() })}
          />
        </Filter>
        <div className="fb-filter fb-filter-check">
          <Checkbox
            checked={filters.overdue === '1'}
            onChange={(e) => set({ overdue: e.target.checked ? '1' : undefined })}
            data-testid="fb-f-overdue"
          >
            {t('ui.ws.overdueOnly')}
          </Checkbox>
        </div>
        <div className="fb-filter fb-filter-check">
          <Button icon={<DownloadOutlined />} href={exportUrl(exportFilters)} download data-testid="fb-export">
            {t('ui.ws.export')}
          </Button>
        </div>
      </div>

      {inbox.isError ? (
        <ErrorNotice error={inbox.error} onRetry={() => inbox.refetch()} />
      ) : phone ? (
        <PhoneList
          items={inbox.data?.items ?? []}
          total={inbox.data?.total ?? 0}
          page={filters.page ?? 1}
          loading={inbox.isFetching}
          empty={moderationQueue ? t('ui.ws.moderationEmpty') : t('ui.ws.empty')}
          onPage={(p) => set({ page: p === 1 ? undefined : String(p) })}
        />
      ) : (
        <div className="table-scroll">
          <Table<Summary>
            data-testid="fb-inbox"
            rowKey="id"
            size={phone ? 'small' : 'middle'}
            loading={inbox.isFetching}
            dataSource={inbox.data?.items ?? []}
            locale={{ emptyText: moderationQueue ? t('ui.ws.moderationEmpty') : t('ui.ws.empty') }}
            pagination={{
              current: filters.page,
              pageSize: INBOX_PAGE_SIZE,
              total: inbox.data?.total ?? 0,
              hideOnSinglePage: true,
              showSizeChanger: false,
              onChange: (p) => set({ page: p === 1 ? undefined : String(p) }),
            }}
            footer={inbox.data ? () => t('ui.ws.count', { count: fmt.number(inbox.data.total) }) : undefined}
            columns={[
              {
                title: t('ui.ws.item'),
                key: 'title',
                render: (_, r) => (
                  <div className="fb-cell">
                    <Link to={`/workspace/feedback/items/${encodeURIComponent(r.id)}`} className="strong">
                      {r.title}
                    </Link>
                    <span className="muted fb-mono">{r.trackingCode}</span>
                    {phone && (
                      <span className="muted">
                        {name(r.commune)} · {fmt.date(r.receivedAt)}
                      </span>
                    )}
                  </div>
                ),
              },
              {
                title: t('ui.ws.track'),
                key: 'track',
                render: (_, r) => t(`ui.tracks.${r.track}.short`),
              },
              ...(phone
                ? []
                : [
                    {
                      title: t('ui.ws.category'),
                      key: 'category',
                      render: (_: unknown, r: Summary) => `${r.category.dimension} · ${name(r.category)}`,
                    },
                    { title: t('ui.ws.commune'), key: 'commune', render: (_: unknown, r: Summary) => name(r.commune) },
                    {
                      title: t('ui.ws.received'),
                      key: 'received',
                      render: (_: unknown, r: Summary) => fmt.date(r.receivedAt),
                    },
                  ]),
              {
                title: t('ui.ws.status'),
                key: 'status',
                render: (_, r) => (
                  <div className="fb-cell">
                    <StatusTag status={r.status} />
                    {r.moderation === 'pending' && <Tag className="fb-tag-warn">{t('ui.ws.moderationPending')}</Tag>}
                  </div>
                ),
              },
              {
                title: t('ui.ws.due'),
                key: 'due',
                render: (_, r) => {
                  const due = r.status === 'received' ? r.acceptDue : r.resolveDue;
                  if (!due) return '—';
                  return r.overdue ? (
                    <span className="fb-overdue">
                      <WarningOutlined aria-hidden /> {fmt.date(due)} · {t('ui.status.overdue')}
                    </span>
                  ) : (
                    fmt.date(due)
                  );
                },
              },
              ...(phone
                ? []
                : [
                    {
                      title: t('ui.ws.handler'),
                      key: 'handler',
                      render: (_: unknown, r: Summary) =>
                        r.handler ? (r.handler.displayName ?? r.handler.username) : t('ui.ws.unassigned'),
                    },
                  ]),
            ]}
          />
        </div>
      )}
    </div>
  );
}

/** On a phone: one card per item (title, code, kind, status, place, deadline), no sideways scrolling. */
function PhoneList({
  items,
  total,
  page,
  loading,
  empty,
  onPage,
}: {
  items: Summary[];
  total: number;
  page: number;
  loading: boolean;
  empty: string;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation('feedback');
  const fmt = useFormat();
  const name = (u: { nameVi: string; nameEn: string }) => (fmt.lang === 'en' ? u.nameEn : u.nameVi);
  return (
    <Spin spinning={loading}>
      <ul className="fb-phone-list" data-testid="fb-inbox" aria-busy={loading}>
        {items.length === 0 && !loading && <li className="muted">{empty}</li>}
        {items.map((r) => {
          const due = r.status === 'received' ? r.acceptDue : r.resolveDue;
          return (
            <li key={r.id} className="fb-phone-item">
              <Link to={`/workspace/feedback/items/${encodeURIComponent(r.id)}`} className="strong">
                {r.title}
              </Link>
              <div className="fb-tags">
                <Tag>{t(`ui.tracks.${r.track}.short`)}</Tag>
                <StatusTag status={r.status} />
                {r.moderation === 'pending' && <Tag className="fb-tag-warn">{t('ui.ws.moderationPending')}</Tag>}
              </div>
              <span className="muted">
                <span className="fb-mono">{r.trackingCode}</span> · {name(r.commune)} · {fmt.date(r.receivedAt)}
              </span>
              {due && (
                <span className={r.overdue ? 'fb-overdue' : 'muted'}>
                  {r.overdue && <WarningOutlined aria-hidden />} {t('ui.ws.due')}: {fmt.date(due)}
                  {r.overdue ? ` · ${t('ui.status.overdue')}` : ''}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <p className="muted">{t('ui.ws.count', { count: fmt.number(total) })}</p>
      {total > INBOX_PAGE_SIZE && (
        <Pagination current={page} pageSize={INBOX_PAGE_SIZE} total={total} showSizeChanger={false} onChange={onPage} />
      )}
    </Spin>
  );
}
