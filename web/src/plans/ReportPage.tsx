/**
 * One periodic report (báo cáo định kỳ): general assessment, a narrative per PAPI dimension, task
 * statuses pre-filled from the tasks, proposals; submit (locks it). For the unit above: return for
 * revision with a reason, or approve; on its own report, consolidate its lower units' approved reports.
 */
import {
  CheckOutlined,
  FileWordOutlined,
  MergeCellsOutlined,
  ReloadOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Form, Input, Modal, Space, Table, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { describeError } from '../api/errors';
import type { Me } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageLoading } from '../components/PageLoading';
import { useFormat } from '../format';
import { useIsPhone } from '../hooks';
import {
  DIMENSIONS,
  downloadUrl,
  patch,
  post,
  type ReportDetail,
  type ReportTaskLine,
  type TaskStatus,
  useReport,
  useWrite,
} from './api';
import { Pre } from './GeneralTab';
import { PapiTags, ProgressBar, ReportStatusTag, refName, TaskStatusTag } from './labels';
import { usePeriodLabel } from './ReportsBoard';

type Values = { summary: string; proposals: string; notes: Record<string, string> } & Record<`d${number}`, string>;

const enc = encodeURIComponent;

function toBody(v: Values, report: ReportDetail) {
  return {
    summary: v.summary ?? '',
    proposals: v.proposals ?? '',
    sections: DIMENSIONS.map((d) => ({ dimension: d, narrative: v[`d${d}`] ?? '' })),
    tasks: report.tasks
      .filter((line) => line.unitId === report.unit.id)
      .map((line) => ({ taskId: line.taskId, note: v.notes?.[line.taskId] ?? line.note })),
  };
}

function formValues(r: ReportDetail): Values {
  return {
    summary: r.summary,
    proposals: r.proposals,
    notes: Object.fromEntries(r.tasks.filter((l) => l.unitId === r.unit.id).map((l) => [l.taskId, l.note])),
    ...Object.fromEntries(DIMENSIONS.map((d) => [`d${d}`, r.sections.find((x) => x.dimension === d)?.narrative ?? ''])),
  } as Values;
}

function ReturnDialog({ report, onClose }: { report: ReportDetail; onClose: () => void }) {
  const { t } = useTranslation('plans');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const ret = useWrite((reason: string) => post(`/api/reports/${enc(report.id)}/return`, { reason }));
  return (
    <Modal
      open
      title={t('ui.returnTitle')}
      okText={t('ui.returnForRevision')}
      cancelText={t('ui.cancel')}
      confirmLoading={ret.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'return-confirm' }}
    >
      <Form
        form={form}
        name="return"
        layout="vertical"
        onFinish={(v) =>
          ret.mutate(v.reason.trim(), {
            onSuccess: () => {
              void message.success(t('ui.returned'));
              onClose();
            },
            onError: (err) => void message.error(describeError(err)),
          })
        }
      >
        <Form.Item
          name="reason"
          label={t('ui.returnReason')}
          rules={[{ required: true, whitespace: true, message: t('ui.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="return-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ReportPage({ me }: { me: Me }) {
  const { reportId } = useParams();
  const { t } = useTranslation('plans');
  const fmt = useFormat();
  const phone = useIsPhone();
  const { message, modal } = App.useApp();
  const periodLabel = usePeriodLabel();
  const report = useReport(reportId);
  const [form] = Form.useForm<Values>();
  const [returning, setReturning] = useState(false);
  const save = useWrite((v: Values) =>
    patch(`/api/reports/${enc(reportId ?? '')}`, toBody(v, report.data as ReportDetail)),
  );
  const action = useWrite((name: 'submit' | 'approve' | 'consolidate' | 'refresh') =>
    post(`/api/reports/${enc(reportId ?? '')}/${name}`),
  );

  // After consolidation or a refresh the server rewrites the text: show what it now holds. (A Form keeps
  // its store across re-mounts, so new initialValues alone would not reach the fields.)
  const data = report.data;
  useEffect(() => {
    if (data) form.setFieldsValue(formValues(data));
  }, [data, form]);

  if (report.isPending) return <PageLoading />;
  if (report.isError || !report.data) {
    return (
      <div data-testid="report-error">
        <Breadcrumb items={[{ title: <Link to="/workspace/reports">{t('ui.reportsTitle')}</Link> }]} />
        <div style={{ marginTop: 16 }}>
          <ErrorNotice error={report.error} />
        </div>
      </div>
    );
  }
  const r = report.data;
  // The server says who may do what: the unit's own officers edit and submit, the unit above decides.
  const ownUnit = me.roles.some((role) => role.unitId === r.unit.id);
  const editable = r.canEdit && (r.status === 'draft' || r.status === 'returned');
  const decides = r.canDecide && r.status === 'submitted';
  const narrative = (d: number) => r.sections.find((s) => s.dimension === d)?.narrative ?? '';
  const dimName = (d: number) => `D${d}. ${t(`ui.dimensions.d${d}` as 'ui.dimensions.d1')}`;

  const run = (name: 'submit' | 'approve' | 'consolidate' | 'refresh', done: string) =>
    action.mutate(name, {
      onSuccess: () => void message.success(done),
      onError: (err) => void message.error(describeError(err)),
    });

  const submit = async () => {
    try {
      const v = await form.validateFields();
      await save.mutateAsync(v);
      modal.confirm({
        title: t('ui.submitConfirmTitle'),
        content: t('ui.submitConfirmBody'),
        okText: t('ui.submit'),
        cancelText: t('ui.cancel'),
        okButtonProps: { 'data-testid': 'submit-confirm' },
        onOk: () =>
          action.mutateAsync('submit').then(
            () => void message.success(t('ui.submitted')),
            (err) => void message.error(describeError(err)),
          ),
      });
    } catch (err) {
      if (err && typeof err === 'object' && 'errorFields' in err) return; // the form shows what is missing
      void message.error(describeError(err));
    }
  };

  const ownLines = r.tasks.filter((line) => line.unitId === r.unit.id);
  const mergedLines = r.tasks.filter((line) => line.unitId !== r.unit.id);

  const lineColumns = (withNote: boolean) => [
    {
      title: t('ui.task'),
      key: 'title',
      render: (_: unknown, line: ReportTaskLine) => (
        <div style={{ minWidth: 160 }}>
          {line.unitId !== r.unit.id && <div className="plans-sub">{line.unitNameVi}</div>}
          <div>{line.title}</div>
          <PapiTags dimension={line.dimension} />
        </div>
      ),
    },
    {
      title: t('ui.status'),
      key: 'status',
      render: (_: unknown, line: ReportTaskLine) => <TaskStatusTag status={line.status as TaskStatus} />,
    },
    {
      title: t('ui.progress'),
      key: 'progress',
      width: 140,
      render: (_: unknown, line: ReportTaskLine) => <ProgressBar percent={line.progress} />,
    },
    ...(withNote
      ? [
          {
            title: t('ui.note'),
            key: 'note',
            render: (_: unknown, line: ReportTaskLine) =>
              editable ? (
                <Form.Item name={['notes', line.taskId]} noStyle>
                  <Input.TextArea
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    aria-label={`${t('ui.note')}: ${line.title}`}
                    style={{ minWidth: phone ? 160 : 220 }}
                  />
                </Form.Item>
              ) : (
                <Pre text={line.note} />
              ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="report-page" data-report-id={r.id}>
      <Breadcrumb
        items={[
          { title: <Link to="/workspace/reports">{t('ui.reportsTitle')}</Link> },
          { title: periodLabel(r.period) },
        ]}
      />
      <Typography.Title level={1} className="plans-title" style={{ marginTop: 12 }}>
        {t('ui.reportHeading', { unit: refName(r.unit, fmt.lang), period: periodLabel(r.period) })}
      </Typography.Title>
      <div className="plans-meta">
        <ReportStatusTag status={r.status} />
        <span>{t('ui.dueOn', { date: fmt.date(r.dueDate) })}</span>
        {r.submittedAt && <span>{t('ui.submittedOn', { date: fmt.dateTime(r.submittedAt) })}</span>}
        {r.consolidatedAt && <span>{t('ui.consolidatedOn', { date: fmt.dateTime(r.consolidatedAt) })}</span>}
      </div>

      <Space wrap className="plans-actions">
        {editable && (
          <Button
            icon={<ReloadOutlined />}
            onClick={() => run('refresh', t('ui.refreshed'))}
            loading={action.isPending && action.variables === 'refresh'}
          >
            {t('ui.refreshTasks')}
          </Button>
        )}
        {editable && (
          <Button
            type="primary"
            icon={<SendOutlined />}
            onClick={() => void submit()}
            loading={save.isPending || (action.isPending && action.variables === 'submit')}
            data-testid="submit-report"
          >
            {t('ui.submit')}
          </Button>
        )}
        {decides && (
          <Button
            type="primary"
            icon={<CheckOutlined />}
            onClick={() => run('approve', t('ui.approved'))}
            loading={action.isPending && action.variables === 'approve'}
            data-testid="approve-report"
          >
            {t('ui.approve')}
          </Button>
        )}
        {decides && (
          <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="return-report">
            {t('ui.returnForRevision')}
          </Button>
        )}
        {r.canEdit && r.unit.level <= 1 && r.status !== 'submitted' && r.status !== 'approved' && (
          <Button
            icon={<MergeCellsOutlined />}
            onClick={() => run('consolidate', t('ui.consolidated'))}
            loading={action.isPending && action.variables === 'consolidate'}
            data-testid="consolidate-report"
          >
            {t('ui.consolidate')}
          </Button>
        )}
        <Button
          icon={<FileWordOutlined />}
          href={downloadUrl.reportDocx(r.id)}
          download
          data-testid="download-report-docx"
        >
          {t('ui.downloadDocx')}
        </Button>
      </Space>

      {r.status === 'returned' && r.returnReason && (
        <Alert
          type="warning"
          showIcon
          title={t('ui.returnedBecause')}
          description={<Pre text={r.returnReason} />}
          style={{ marginBottom: 16 }}
          data-testid="return-reason-shown"
        />
      )}
      {r.status === 'submitted' && ownUnit && (
        <Alert type="info" showIcon title={t('ui.lockedNote')} style={{ marginBottom: 16 }} />
      )}

      <Form<Values>
        form={form}
        name="report"
        layout="vertical"
        initialValues={formValues(r)}
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: () => void message.success(t('ui.saved')),
            onError: (err) => void message.error(describeError(err)),
          })
        }
      >
        <Card title={t('ui.generalAssessment')} className="plans-card">
          {editable ? (
            <Form.Item
              name="summary"
              label={t('ui.summary')}
              rules={[{ required: true, whitespace: true, message: t('ui.summaryRequired') }]}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="report-summary" />
            </Form.Item>
          ) : (
            <Pre text={r.summary} />
          )}
        </Card>
        <Card title={t('ui.byDimension')} className="plans-card">
          {DIMENSIONS.map((d) =>
            editable ? (
              <Form.Item key={d} name={`d${d}`} label={dimName(d)}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid={`narrative-d${d}`} />
              </Form.Item>
            ) : (
              <section key={d} style={{ marginBottom: 12 }}>
                <Typography.Title level={3} className="plans-h3">
                  {dimName(d)}
                </Typography.Title>
                <Pre text={narrative(d)} />
              </section>
            ),
          )}
        </Card>
        <Card title={t('ui.taskStatuses', { count: ownLines.length })} className="plans-card">
          <div className="table-scroll">
            <Table<ReportTaskLine>
              data-testid="report-tasks"
              rowKey="taskId"
              size="small"
              pagination={false}
              dataSource={ownLines}
              locale={{ emptyText: t('ui.noTasks') }}
              columns={lineColumns(true)}
            />
          </div>
        </Card>
        {mergedLines.length > 0 && (
          <Card title={t('ui.mergedTasks', { count: mergedLines.length })} className="plans-card">
            <div className="table-scroll">
              <Table<ReportTaskLine>
                data-testid="merged-tasks"
                rowKey={(line) => `${line.unitId}-${line.taskId}`}
                size="small"
                pagination={false}
                dataSource={mergedLines}
                columns={lineColumns(false)}
              />
            </div>
          </Card>
        )}
        <Card title={t('ui.proposals')} className="plans-card">
          {editable ? (
            <Form.Item name="proposals" noStyle>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} aria-label={t('ui.proposals')} />
            </Form.Item>
          ) : (
            <Pre text={r.proposals} />
          )}
        </Card>
        {editable && (
          <Button htmlType="submit" loading={save.isPending} data-testid="save-report" style={{ marginBottom: 16 }}>
            {t('ui.saveDraft')}
          </Button>
        )}
      </Form>

      {(r.sources?.length ?? 0) > 0 && (
        <Card title={t('ui.sources')} className="plans-card" data-testid="report-sources">
          <ul className="plans-ul">
            {r.sources?.map((s) => (
              <li key={s.reportId}>
                <Link to={`/workspace/reports/${s.reportId}`}>{s.unitNameVi}</Link> · {fmt.dateTime(s.mergedAt)}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {r.events.length > 0 && (
        <Card title={t('ui.history')} className="plans-card">
          <Timeline
            data-testid="report-events"
            items={r.events.map((e) => ({
              key: `${e.at}-${e.action}`,
              content: (
                <div>
                  <strong>{t(`ui.events.${e.action}` as 'ui.events.submit')}</strong> · {e.actorName} ·{' '}
                  {fmt.dateTime(e.at)}
                  {e.reason && <div style={{ whiteSpace: 'pre-wrap' }}>{e.reason}</div>}
                </div>
              ),
            }))}
          />
        </Card>
      )}
      {returning && <ReturnDialog report={r} onClose={() => setReturning(false)} />}
    </div>
  );
}
