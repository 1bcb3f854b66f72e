import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Form, Input, InputNumber, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { labelText, questionsOf } from '../../../core/surveys/form';
import type { EstimateCell, ScoreCell } from '../../../core/surveys/results';
import { describeError } from '../api/errors';
import type { Me } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageLoading } from '../components/PageLoading';
import { useFormat } from '../format';
import {
  type Campaign,
  type Invitation,
  type IssuedInvitation,
  openInvitationSheet,
  useCampaign,
  useInvitations,
  useIssueInvitations,
  useResults,
  useSetStatus,
} from './api';
import { CampaignStatusTag, canWrite } from './labels';

export function CampaignPage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const { t } = useTranslation('surveys');
  const fmt = useFormat();
  const campaign = useCampaign(id);
  const [tab, setTab] = useState('invitations');
  if (campaign.isError) return <ErrorNotice error={campaign.error} onRetry={() => campaign.refetch()} />;
  if (!campaign.data) return <PageLoading />;
  const c = campaign.data;
  return (
    <div>
      <Link to="/workspace/surveys">
        <ArrowLeftOutlined /> {t('ui.back')}
      </Link>
      <Typography.Title level={1} style={{ fontSize: 24, margin: '8px 0' }}>
        {c.title}
      </Typography.Title>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        items={[
          { key: 'u', label: t('ui.unit'), children: fmt.lang === 'en' ? c.unitNameEn : c.unitNameVi },
          { key: 'p', label: t('ui.period'), children: `${fmt.date(c.periodStart)} – ${fmt.date(c.periodEnd)}` },
          { key: 's', label: t('ui.status'), children: <CampaignStatusTag status={c.status} /> },
          {
            key: 'n',
            label: t('ui.responses'),
            children: t('ui.counts', { responses: c.responses, used: c.used, invitations: c.invitations }),
          },
        ]}
      />
      {canWrite(me) && <StatusButtons campaign={c} />}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'invitations',
            label: t('ui.tabInvitations'),
            children: <Invitations campaign={c} writable={canWrite(me)} />,
          },
          { key: 'results', label: t('ui.tabResults'), children: <Results campaign={c} active={tab === 'results'} /> },
        ]}
      />
    </div>
  );
}

function StatusButtons({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('surveys');
  const set = useSetStatus(campaign.id);
  const refetch = useCampaign(campaign.id).refetch;
  const go = (status: Campaign['status']) => set.mutate(status, { onSuccess: () => void refetch() });
  return (
    <Space style={{ margin: '8px 0' }} wrap>
      {campaign.status !== 'open' && (
        <Button type="primary" loading={set.isPending} onClick={() => go('open')}>
          {t('ui.open')}
        </Button>
      )}
      {campaign.status === 'open' && (
        <Button danger loading={set.isPending} onClick={() => go('closed')}>
          {t('ui.close')}
        </Button>
      )}
      {set.isError && <Typography.Text type="danger">{describeError(set.error)}</Typography.Text>}
    </Space>
  );
}

function Invitations({ campaign, writable }: { campaign: Campaign; writable: boolean }) {
  const { t } = useTranslation('surveys');
  const fmt = useFormat();
  const list = useInvitations(campaign.id);
  const issue = useIssueInvitations(campaign.id);
  const [issued, setIssued] = useState<IssuedInvitation[]>([]);
  return (
    <div>
      {writable && campaign.status !== 'closed' && (
        <section style={{ marginBottom: 16 }}>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('ui.issueTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('ui.issueLead')}</Typography.Paragraph>
          <Form<{ count: number; cluster?: string }>
            layout="vertical"
            initialValues={{ count: 10 }}
            onFinish={(v) =>
              issue.mutate(
                { count: v.count, ...(v.cluster?.trim() ? { cluster: v.cluster.trim() } : {}) },
                {
                  onSuccess: (items) => {
                    setIssued(items);
                    void list.refetch();
                  },
                },
              )
            }
            style={{ display: 'flex', flexWrap: 'wrap', columnGap: 12, alignItems: 'flex-end' }}
          >
            <Form.Item name="count" label={t('ui.count')} rules={[{ required: true, message: t('ui.required') }]}>
              <InputNumber min={1} max={500} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="cluster" label={t('ui.cluster')}>
              <Input maxLength={200} style={{ width: 'min(240px, 80vw)' }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={issue.isPending} data-testid="issue-invitations">
                {t('ui.issue')}
              </Button>
            </Form.Item>
          </Form>
          {issue.isError && <Typography.Text type="danger">{describeError(issue.error)}</Typography.Text>}
        </section>
      )}
      {issued.length > 0 && <IssuedList campaignId={campaign.id} issued={issued} />}
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('ui.invitationList')}
      </Typography.Title>
      {list.isError && <ErrorNotice error={list.error} onRetry={() => list.refetch()} />}
      <div className="table-scroll">
        <Table<Invitation>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('ui.serial'), dataIndex: 'serial', width: 70 },
            { title: t('ui.clusterColumn'), dataIndex: 'cluster', render: (v: string | null) => v ?? '—' },
            {
              title: t('ui.status'),
              key: 'used',
              render: (_, i) => (i.used ? <Tag color="green">{t('ui.used')}</Tag> : <Tag>{t('ui.unused')}</Tag>),
            },
            { title: t('ui.usedOn'), key: 'on', render: (_, i) => (i.usedOn ? fmt.date(i.usedOn) : '—') },
          ]}
        />
      </div>
    </div>
  );
}

function IssuedList({ campaignId, issued }: { campaignId: string; issued: IssuedInvitation[] }) {
  const { t } = useTranslation('surveys');
  const { message } = App.useApp();
  const fmt = useFormat();
  const [printing, setPrinting] = useState(false);
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('ui.issued', { count: issued.length })}
      description={
        <div data-testid="issued-invitations">
          <Button
            icon={<PrinterOutlined />}
            loading={printing}
            style={{ margin: '8px 0' }}
            onClick={async () => {
              setPrinting(true);
              try {
                await openInvitationSheet(
                  campaignId,
                  issued.map((i) => i.token),
                  fmt.lang,
                );
              } catch (err) {
                void message.error(describeError(err));
              } finally {
                setPrinting(false);
              }
            }}
          >
            {t('ui.printSheet')}
          </Button>
          <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 12 }}>
            {issued.map((i) => (
              <li key={i.id} style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
                <img
                  src={`/api/s/${encodeURIComponent(i.token)}/qr.svg`}
                  alt={`QR ${i.serial}`}
                  width={96}
                  height={96}
                  style={{ background: '#fff' }}
                />
                <div style={{ minWidth: 0, flex: 1 }}>
                  <div>
                    <strong>
                      {t('ui.serial')} {i.serial}
                    </strong>
                  </div>
                  <Typography.Text
                    copyable={{ text: i.url, tooltips: [t('ui.copyLink'), t('ui.copied')] }}
                    style={{ wordBreak: 'break-all' }}
                  >
                    {i.url}
                  </Typography.Text>
                  <div>
                    <a href={`/api/s/${encodeURIComponent(i.token)}/qr.svg?download=1`} download>
                      <DownloadOutlined /> {t('ui.downloadQr')}
                    </a>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </div>
      }
    />
  );
}

function Results({ campaign, active }: { campaign: Campaign; active: boolean }) {
  const { t } = useTranslation('surveys');
  const fmt = useFormat();
  const results = useResults(campaign.id, active && campaign.responses > 0);
  if (campaign.responses === 0) return <Typography.Paragraph>{t('ui.results.none')}</Typography.Paragraph>;
  if (results.isError) return <ErrorNotice error={results.error} onRetry={() => results.refetch()} />;
  if (!results.data) return <PageLoading />;
  const r = results.data.results;
  const num = (v: number | null, digits = 2) => (v === null ? '—' : fmt.number(v, { maximumFractionDigits: digits }));
  const note = (status: EstimateCell['status']) =>
    status === 'suppressed'
      ? t('ui.results.suppressed', { min: r.thresholds.minRespondents })
      : status === 'flagged'
        ? t('ui.results.flagged', { cv: Math.round(r.thresholds.maxCv * 100) })
        : '';
  // Question and choice labels instead of column names ("satisfaction=3" → "Ông/bà hài lòng…: Hài lòng").
  const form = results.data.form;
  const questions = new Map(questionsOf(form).map((q) => [q.name, q]));
  const itemLabel = (e: EstimateCell): string => {
    const q = e.question ? questions.get(e.question) : undefined;
    if (!q) return e.indicator ?? e.variable;
    const text = labelText(q.label, fmt.lang);
    const choice = e.choice ? form.choiceLists[q.choices ?? '']?.find((c) => c.name === e.choice) : undefined;
    const withChoice = e.choice ? `${text}: ${choice ? labelText(choice.label, fmt.lang) : e.choice}` : text;
    return e.indicator ? `${e.indicator} · ${withChoice}` : withChoice;
  };
  const overall = r.papi?.byDomain.find((d) => d.domain === '') ?? r.papi?.byDomain[0];
  const scores: ScoreCell[] = overall ? [...overall.dimensions, overall.total] : [];
  const base = `/api/surveys/campaigns/${encodeURIComponent(campaign.id)}`;
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} href={`${base}/results/export?format=xlsx`}>
          {t('ui.results.exportResults')}
        </Button>
        <Button icon={<DownloadOutlined />} href={`${base}/responses/export?format=csv`}>
          {t('ui.results.exportResponses')}
        </Button>
      </Space>
      <Typography.Paragraph>
        {t('ui.results.respondents', { count: r.respondents })} ·{' '}
        {t('ui.results.design', {
          strata: r.design.strata,
          psus: r.design.psus,
          weighted: r.design.weighted ? t('ui.results.yes') : t('ui.results.no'),
        })}
      </Typography.Paragraph>
      {scores.length > 0 && (
        <>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('ui.results.papi')}
          </Typography.Title>
          <div className="table-scroll">
            <Table<ScoreCell>
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={scores}
              columns={[
                { title: t('ui.results.variable'), dataIndex: 'code' },
                { title: t('ui.results.estimate'), key: 'v', align: 'right', render: (_, s) => num(s.value) },
                {
                  title: t('ui.results.interval'),
                  key: 'ci',
                  render: (_, s) => (s.lo === null ? '—' : `${num(s.lo)} – ${num(s.hi)}`),
                },
                { title: t('ui.results.official'), key: 'o', align: 'right', render: (_, s) => num(s.official) },
                { title: t('ui.results.difference'), key: 'd', align: 'right', render: (_, s) => num(s.difference) },
                { title: t('ui.results.flag'), key: 'f', render: (_, s) => note(s.status) },
              ]}
            />
          </div>
        </>
      )}
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('ui.results.estimates')}
      </Typography.Title>
      <div className="table-scroll">
        <Table<EstimateCell>
          rowKey={(e) => `${e.domain}|${e.variable}`}
          size="small"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={r.estimates.filter((e) => e.domain === '')}
          columns={[
            { title: t('ui.results.variable'), key: 'variable', render: (_, e) => itemLabel(e) },
            { title: t('ui.results.estimate'), key: 'e', align: 'right', render: (_, e) => num(e.estimate, 3) },
            {
              title: t('ui.results.interval'),
              key: 'ci',
              render: (_, e) => (e.ciLow === null ? '—' : `${num(e.ciLow, 3)} – ${num(e.ciHigh, 3)}`),
            },
            { title: t('ui.results.n'), dataIndex: 'n', align: 'right' },
            { title: t('ui.results.flag'), key: 'f', render: (_, e) => note(e.status) },
          ]}
        />
      </div>
    </div>
  );
}
