import { useQuery } from '@tanstack/react-query';
import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../api/client';
import type { UserSummary } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { useFormat } from '../format';
import { roleUnitName } from './who';

/** GET /api/users may answer a list or a page; accept both. */
async function fetchUsers(): Promise<{ items: UserSummary[]; total: number }> {
  const res = await apiGet<UserSummary[] | { items: UserSummary[]; total?: number }>('/api/users', { limit: 500 });
  return Array.isArray(res)
    ? { items: res, total: res.length }
    : { items: res.items, total: res.total ?? res.items.length };
}

/** Officials' accounts and their roles (administrators only; managing them comes with the accounts module). */
export function UsersPage() {
  const { t } = useTranslation(['users', 'roles', 'workspace']);
  const fmt = useFormat();
  const users = useQuery({ queryKey: ['users'], queryFn: fetchUsers });
  return (
    <div>
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 26 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('lead')}</Typography.Paragraph>
      {users.isError ? (
        <ErrorNotice error={users.error} onRetry={() => users.refetch()} />
      ) : (
        <div className="table-scroll">
          <Table<UserSummary>
            data-testid="users-table"
            rowKey="id"
            loading={users.isPending}
            dataSource={users.data?.items ?? []}
            locale={{ emptyText: t('empty') }}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            footer={users.data ? () => t('count', { count: fmt.number(users.data.total) }) : undefined}
            columns={[
              { title: t('username'), dataIndex: 'username', key: 'username' },
              { title: t('displayName'), dataIndex: 'displayName', key: 'displayName' },
              {
                title: t('roles'),
                key: 'roles',
                render: (_, u) =>
                  (u.roles ?? []).map((r) => (
                    <Tag key={r.id} style={{ marginBottom: 4, whiteSpace: 'normal' }}>
                      {t(`roles:${r.role}`)} · {roleUnitName(r, fmt.lang, t('workspace:wholeCountry'))}
                    </Tag>
                  )),
              },
              {
                title: t('status'),
                key: 'status',
                render: (_, u) => (u.disabled || u.disabledAt ? t('disabled') : t('active')),
              },
            ]}
          />
        </div>
      )}
    </div>
  );
}
