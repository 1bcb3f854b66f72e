import { DownloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, withQuery } from '../api/client';
import type { AuditEntry, AuditPage as AuditPageDto } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { useFormat } from '../format';
import { useDebounced } from '../hooks';

const PAGE = 50;

function json(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** The audit log (administrators only): newest first, filters, more on demand, CSV export. */
export function AuditPage() {
  const { t } = useTranslation('audit');
  const fmt = useFormat();
  const [action, setAction] = useState('');
  const [entityType, setEntityType] = useState('');
  const filters = { action: useDebounced(action.trim()), entityType: useDebounced(entityType.trim()) };

  const log = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) =>
      apiGet<AuditPageDto>('/api/audit', { ...filters, limit: PAGE, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div>
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 26 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('lead')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input
          allowClear
          placeholder={t('filterAction')}
          aria-label={t('filterAction')}
          value={action}
          onChange={(e) => setAction(e.target.value)}
          style={{ width: 220 }}
        />
        <Input
          allowClear
          placeholder={t('filterEntity')}
          aria-label={t('filterEntity')}
          value={entityType}
          onChange={(e) => setEntityType(e.target.value)}
          style={{ width: 220 }}
        />
        <Button icon={<DownloadOutlined />} href={withQuery('/api/audit/export.csv', filters)} data-testid="audit-csv">
          {t('exportCsv')}
        </Button>
      </Space>
      {log.isError ? (
        <ErrorNotice error={log.error} onRetry={() => log.refetch()} />
      ) : (
        <div className="table-scroll">
          <Table<AuditEntry>
            data-testid="audit-table"
            rowKey="id"
            size="small"
            loading={log.isPending}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('empty') }}
            expandable={{
              expandedRowRender: (e) => (
                <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))', gap: 12 }}>
                  <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{json(e.before)}</pre>
                  <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{json(e.after)}</pre>
                </div>
              ),
              rowExpandable: (e) => e.before !== undefined || e.after !== undefined,
            }}
            columns={[
              { title: t('when'), key: 'at', render: (_, e) => fmt.dateTime(e.at), width: 170 },
              {
                title: t('actor'),
                key: 'actor',
                render: (_, e) =>
                  e.actorName.startsWith('system:') ? `${t('system')} (${e.actorName.slice(7)})` : e.actorName,
              },
              { title: t('action'), dataIndex: 'action', key: 'action' },
              { title: t('entity'), key: 'entity', render: (_, e) => `${e.entityType} · ${e.entityId}` },
            ]}
          />
        </div>
      )}
      {log.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => log.fetchNextPage()} loading={log.isFetchingNextPage}>
          {t('loadMore')}
        </Button>
      )}
    </div>
  );
}
