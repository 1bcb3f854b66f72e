/**
 * One plan (kế hoạch): header with status and actions (issue, amend, close, downloads, XLSX import),
 * then tabs — general information, content per PAPI dimension D1–D8, and the task appendix.
 */
import {
  CheckCircleOutlined,
  EditOutlined,
  FileExcelOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { describeError } from '../api/errors';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageLoading } from '../components/PageLoading';
import { useFormat } from '../format';
import { downloadUrl, post, usePlan, useWrite } from './api';
import { ContentTab } from './ContentTab';
import { GeneralTab } from './GeneralTab';
import { AmendDialog, IssueDialog } from './IssueDialogs';
import { PlanStatusTag, refName } from './labels';
import { planNumber } from './PlanList';
import { TasksTab } from './TasksTab';
import { ImportErrors, XlsxImport } from './XlsxImport';

export function PlanPage() {
  const { planId } = useParams();
  const { t } = useTranslation('plans');
  const fmt = useFormat();
  const { modal, message } = App.useApp();
  const plan = usePlan(planId);
  const [tab, setTab] = useState('general');
  const [issuing, setIssuing] = useState(false);
  const [amending, setAmending] = useState(false);
  const [importError, setImportError] = useState<unknown>();
  const close = useWrite((id: string) => post(`/api/plans/${encodeURIComponent(id)}/close`));

  if (plan.isPending) return <PageLoading />;
  if (plan.isError || !plan.data) {
    return (
      <div data-testid="plan-error">
        <Breadcrumb items={[{ title: <Link to="/workspace/plans">{t('ui.plansTitle')}</Link> }]} />
        <div style={{ marginTop: 16 }}>
          <ErrorNotice error={plan.error} />
        </div>
      </div>
    );
  }
  const p = plan.data;
  // The server says whether the caller may write to this plan (its unit, or a unit above it).
  const writable = p.canEdit;
  const editable = writable && p.status === 'draft';

  const confirmClose = () =>
    modal.confirm({
      title: t('ui.closeConfirmTitle'),
      content: t('ui.closeConfirmBody'),
      okText: t('ui.close'),
      cancelText: t('ui.cancel'),
      onOk: () =>
        close.mutateAsync(p.id).then(
          () => void message.success(t('ui.closed')),
          (err) => void message.error(describeError(err)),
        ),
    });

  return (
    <div data-testid="plan-page" data-plan-id={p.id}>
      <Breadcrumb
        items={[
          { title: <Link to="/workspace/plans">{t('ui.plansTitle')}</Link> },
          { title: refName(p.unit, fmt.lang) },
        ]}
      />
      <div className="plans-head">
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={1} className="plans-title" data-testid="plan-title">
            {p.title}
          </Typography.Title>
          <div className="plans-meta">
            <PlanStatusTag status={p.status} />
            <span>{refName(p.unit, fmt.lang)}</span>
            <span data-testid="plan-number">
              {t('ui.numberSymbol')}: {planNumber(p)}
            </span>
            {p.issuedDate && <span>{fmt.date(p.issuedDate)}</span>}
            {p.version > 0 && <span>{t('ui.versionN', { n: p.version })}</span>}
          </div>
        </div>
      </div>

      <Space wrap className="plans-actions">
        {writable && p.status === 'draft' && (
          <Button
            type="primary"
            icon={<CheckCircleOutlined />}
            onClick={() => setIssuing(true)}
            data-testid="issue-plan"
          >
            {t('ui.issue')}
          </Button>
        )}
        {writable && (p.status === 'issued' || p.status === 'amended') && (
          <Button icon={<EditOutlined />} onClick={() => setAmending(true)} data-testid="amend-plan">
            {t('ui.amend')}
          </Button>
        )}
        {writable && (p.status === 'issued' || p.status === 'amended') && (
          <Button icon={<StopOutlined />} onClick={confirmClose} data-testid="close-plan">
            {t('ui.close')}
          </Button>
        )}
        <Button icon={<FileWordOutlined />} href={downloadUrl.planDocx(p.id)} download data-testid="download-docx">
          {t('ui.downloadDocx')}
        </Button>
        <Button icon={<FilePdfOutlined />} href={downloadUrl.planPdf(p.id)} download data-testid="download-pdf">
          {t('ui.downloadPdf')}
        </Button>
        <Button icon={<FileExcelOutlined />} href={downloadUrl.planXlsx(p.id)} download data-testid="download-xlsx">
          {t('ui.downloadXlsx')}
        </Button>
        {editable && <XlsxImport planId={p.id} onRefused={setImportError} />}
      </Space>
      <ImportErrors error={importError} onClose={() => setImportError(undefined)} />

      {p.status === 'closed' && <Alert type="info" showIcon title={t('ui.closedNote')} style={{ marginBottom: 12 }} />}

      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'general', label: t('ui.tabGeneral'), children: <GeneralTab plan={p} editable={editable} /> },
          { key: 'content', label: t('ui.tabContent'), children: <ContentTab plan={p} editable={editable} /> },
          {
            key: 'tasks',
            label: t('ui.tabTasks', { count: p.tasks.length }),
            children: <TasksTab plan={p} />,
          },
        ]}
      />
      <IssueDialog plan={p} open={issuing} onClose={() => setIssuing(false)} />
      <AmendDialog plan={p} open={amending} onClose={() => setAmending(false)} />
    </div>
  );
}
