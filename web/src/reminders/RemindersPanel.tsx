/**
 * The reminders panel of the workspace Overview: the signed-in official's tasks and periodic reports due
 * within 7 days or overdue (GET /api/reminders, already limited to their reach), most urgent first, each
 * linking to its page; and the address reminder e-mail goes to (PUT /api/reminders/email).
 */
import { BellOutlined, MailOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, App, Button, Card, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, apiGet } from '../api/client';
import { ErrorNotice } from '../components/ErrorNotice';
import { useFormat } from '../format';

export interface DueItem {
  kind: 'task' | 'report';
  id: string;
  title: string;
  unitId: string;
  unitName: string;
  dueDate: string;
  daysLeft: number;
  threshold: 'due_soon' | 'overdue';
  planId: string | null;
  period: string | null;
}

export interface Reminders {
  today: string;
  withinDays: number;
  items: DueItem[];
  email: string | null;
  mailEnabled: boolean;
}

const KEY = ['reminders'] as const;

function linkOf(item: DueItem): string {
  return item.kind === 'task' ? `/workspace/plans/tasks/${item.id}` : `/workspace/reports/${item.id}`;
}

/** The panel, with its own antd App context for its messages (the workspace shell has none). */
export function RemindersPanel() {
  return (
    <AntApp component={false}>
      <RemindersCard />
    </AntApp>
  );
}

function RemindersCard() {
  const { t } = useTranslation(['documents']);
  const fmt = useFormat();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reminders = useQuery({
    queryKey: [...KEY, fmt.lang],
    queryFn: () => apiGet<Reminders>('/api/reminders', { lang: fmt.lang }),
  });
  const saveEmail = useMutation({
    mutationFn: (email: string | null) => api<{ email: string | null }>('PUT', '/api/reminders/email', { email }),
    onSuccess: async () => {
      message.success(t('reminders.emailSaved'));
      await queryClient.invalidateQueries({ queryKey: KEY });
    },
  });

  const when = (i: DueItem) =>
    i.daysLeft < 0
      ? t('reminders.overdueBy', { days: -i.daysLeft })
      : i.daysLeft === 0
        ? t('reminders.dueToday')
        : t('reminders.dueIn', { days: i.daysLeft });

  return (
    <Card
      title={
        <Space>
          <BellOutlined aria-hidden />
          {t('reminders.title')}
        </Space>
      }
      style={{ marginBottom: 16 }}
      data-testid="reminders"
    >
      {reminders.isError ? (
        <ErrorNotice error={reminders.error} onRetry={() => reminders.refetch()} />
      ) : (
        <List<DueItem>
          loading={reminders.isPending}
          dataSource={reminders.data?.items ?? []}
          locale={{ emptyText: t('reminders.empty') }}
          renderItem={(item) => (
            <List.Item data-testid="reminder-item" style={{ flexWrap: 'wrap', gap: 8 }}>
              <div style={{ minWidth: 0, flex: '1 1 240px' }}>
                <Space size={4} wrap>
                  <Tag color={item.kind === 'task' ? 'blue' : 'purple'}>{t(`reminders.${item.kind}`)}</Tag>
                  <Link to={linkOf(item)} style={{ fontWeight: 500, overflowWrap: 'anywhere' }}>
                    {item.title}
                  </Link>
                </Space>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                  {item.unitName} · {t('reminders.deadline', { date: fmt.date(item.dueDate) })}
                </Typography.Text>
              </div>
              <Tag color={item.threshold === 'overdue' ? 'error' : item.daysLeft <= 2 ? 'warning' : 'gold'}>
                {when(item)}
              </Tag>
            </List.Item>
          )}
        />
      )}
      {reminders.data && (
        <Form
          layout="vertical"
          style={{ marginTop: 16, maxWidth: 480 }}
          key={reminders.data.email ?? ''}
          initialValues={{ email: reminders.data.email ?? '' }}
          onFinish={(v: { email: string }) => saveEmail.mutate(v.email.trim() === '' ? null : v.email.trim())}
        >
          <Form.Item label={t('reminders.emailLabel')} htmlFor="reminder-email" style={{ marginBottom: 0 }}>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="email" noStyle rules={[{ type: 'email', message: t('reminders.emailInvalid') }]}>
                <Input
                  id="reminder-email"
                  prefix={<MailOutlined aria-hidden />}
                  type="email"
                  autoComplete="email"
                  inputMode="email"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={saveEmail.isPending}>
                {t('reminders.emailSave')}
              </Button>
            </Space.Compact>
          </Form.Item>
          {saveEmail.isError && <ErrorNotice error={saveEmail.error} />}
        </Form>
      )}
    </Card>
  );
}
