import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Table, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { todayInVietnam } from '../../../core/i18n/format';
import { apiGet } from '../api/client';
import { describeError } from '../api/errors';
import type { Me, UnitList } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { useFormat } from '../format';
import {
  type Campaign,
  type NewCampaign,
  type Questionnaire,
  useCampaigns,
  useCreateCampaign,
  useInstantiateTemplate,
  useQuestionnaires,
  useTemplates,
} from './api';
import { CampaignStatusTag, canWrite } from './labels';

/** The units a campaign or questionnaire can belong to: the caller's role units and the units right below. */
function useUnitChoices(me: Me) {
  const { lang } = useFormat();
  const roots = me.roles
    .filter((r) => r.unitId)
    .map((r) => ({ id: r.unitId as string, vi: r.unitNameVi, en: r.unitNameEn }));
  const children = useQuery({
    queryKey: ['surveys', 'unit-choices', roots.map((r) => r.id)],
    queryFn: async () => {
      const lists = await Promise.all(
        roots.map((r) =>
          apiGet<UnitList>(`/api/units/${encodeURIComponent(r.id)}/children`, { asOf: todayInVietnam() }),
        ),
      );
      return lists.flatMap((l) => l.items);
    },
    enabled: roots.length > 0,
  });
  return useMemo(
    () => [
      ...roots.map((r) => ({ value: r.id, label: (lang === 'en' ? r.en : r.vi) ?? r.id })),
      ...(children.data ?? []).map((u) => ({ value: u.id, label: `— ${lang === 'en' ? u.nameEn : u.nameVi}` })),
    ],
    [roots, children.data, lang],
  );
}

export function SurveysHome({ me }: { me: Me }) {
  const { t } = useTranslation('surveys');
  return (
    <div>
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 26 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('ui.lead')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'campaigns', label: t('ui.tabCampaigns'), children: <CampaignList me={me} /> },
          { key: 'questionnaires', label: t('ui.tabQuestionnaires'), children: <QuestionnaireList me={me} /> },
        ]}
      />
    </div>
  );
}

function CampaignList({ me }: { me: Me }) {
  const { t } = useTranslation('surveys');
  const fmt = useFormat();
  const campaigns = useCampaigns();
  const [creating, setCreating] = useState(false);
  if (campaigns.isError) return <ErrorNotice error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  return (
    <div>
      {canWrite(me) && (
        <div style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-campaign">
            {t('ui.newCampaign')}
          </Button>
        </div>
      )}
      <div className="table-scroll">
        <Table<Campaign>
          data-testid="campaign-list"
          rowKey="id"
          loading={campaigns.isLoading}
          dataSource={campaigns.data ?? []}
          pagination={false}
          locale={{ emptyText: t('ui.noCampaigns') }}
          columns={[
            {
              title: t('ui.campaign'),
              key: 'title',
              render: (_, c) => <Link to={`campaigns/${c.id}`}>{c.title}</Link>,
            },
            { title: t('ui.unit'), key: 'unit', render: (_, c) => (fmt.lang === 'en' ? c.unitNameEn : c.unitNameVi) },
            {
              title: t('ui.period'),
              key: 'period',
              render: (_, c) => `${fmt.date(c.periodStart)} – ${fmt.date(c.periodEnd)}`,
            },
            { title: t('ui.status'), key: 'status', render: (_, c) => <CampaignStatusTag status={c.status} /> },
            { title: t('ui.responses'), dataIndex: 'responses', align: 'right' },
            {
              title: t('ui.invitations'),
              key: 'inv',
              align: 'right',
              render: (_, c) => `${fmt.number(c.used)}/${fmt.number(c.invitations)}`,
            },
          ]}
        />
      </div>
      {creating && <NewCampaignDialog me={me} onClose={() => setCreating(false)} />}
    </div>
  );
}

function NewCampaignDialog({ me, onClose }: { me: Me; onClose: () => void }) {
  const { t } = useTranslation('surveys');
  const { message } = App.useApp();
  const fmt = useFormat();
  const [form] = Form.useForm<NewCampaign>();
  const units = useUnitChoices(me);
  const questionnaires = useQuestionnaires();
  const create = useCreateCampaign();
  const today = todayInVietnam();
  const required = [{ required: true, message: t('ui.required') }];
  return (
    <Modal
      open
      title={t('ui.newCampaign')}
      okText={t('ui.create')}
      cancelText={t('ui.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<NewCampaign>
        form={form}
        layout="vertical"
        initialValues={{ periodStart: today, periodEnd: today, unitId: units[0]?.value }}
        onFinish={(values) =>
          create.mutate(values, {
            onSuccess: () => {
              void message.success(t('ui.created'));
              onClose();
            },
          })
        }
      >
        <Form.Item name="title" label={t('ui.titleField')} rules={required}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="unitId" label={t('ui.unit')} rules={required}>
          <Select options={units} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="questionnaireId" label={t('ui.questionnaire')} rules={required}>
          <Select
            loading={questionnaires.isLoading}
            options={(questionnaires.data ?? []).map((q: Questionnaire) => ({
              value: q.id,
              label: `${fmt.lang === 'en' ? q.titleEn : q.titleVi} (${t('ui.version', { version: q.currentVersion })})`,
            }))}
          />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="periodStart" label={t('ui.periodStart')} rules={required} style={{ flex: 1, minWidth: 140 }}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="periodEnd" label={t('ui.periodEnd')} rules={required} style={{ flex: 1, minWidth: 140 }}>
            <Input type="date" />
          </Form.Item>
        </div>
        {create.isError && <Typography.Text type="danger">{describeError(create.error)}</Typography.Text>}
      </Form>
    </Modal>
  );
}

function QuestionnaireList({ me }: { me: Me }) {
  const { t } = useTranslation('surveys');
  const { message } = App.useApp();
  const fmt = useFormat();
  const questionnaires = useQuestionnaires();
  const templates = useTemplates();
  const instantiate = useInstantiateTemplate();
  const units = useUnitChoices(me);
  const unitId = units[0]?.value;
  if (questionnaires.isError)
    return <ErrorNotice error={questionnaires.error} onRetry={() => questionnaires.refetch()} />;
  return (
    <div>
      {canWrite(me) && unitId && (
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
          {(templates.data ?? []).map((tpl) => (
            <Button
              key={tpl.key}
              loading={instantiate.isPending && instantiate.variables?.key === tpl.key}
              onClick={() =>
                instantiate.mutate(
                  { key: tpl.key, unitId },
                  { onSuccess: () => void message.success(t('ui.templateCreated')) },
                )
              }
            >
              {t('ui.fromTemplate', { title: fmt.lang === 'en' ? tpl.titleEn : tpl.titleVi })}
            </Button>
          ))}
        </div>
      )}
      <div className="table-scroll">
        <Table<Questionnaire>
          rowKey="id"
          loading={questionnaires.isLoading}
          dataSource={questionnaires.data ?? []}
          pagination={false}
          locale={{ emptyText: t('ui.noQuestionnaires') }}
          columns={[
            {
              title: t('ui.questionnaire'),
              key: 'title',
              render: (_, q) => (fmt.lang === 'en' ? q.titleEn : q.titleVi),
            },
            { title: 'ID', dataIndex: 'formId' },
            { title: t('ui.version', { version: '' }).trim(), dataIndex: 'currentVersion', align: 'right' },
            { title: t('ui.updated'), key: 'upd', render: (_, q) => fmt.date(q.updatedAt) },
          ]}
        />
      </div>
    </div>
  );
}
