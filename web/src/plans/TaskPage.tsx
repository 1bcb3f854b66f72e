/**
 * One task (nhiệm vụ): what, who (chủ trì, phối hợp), when; progress updates with evidence files;
 * comments; for a cascaded task the state of every lower unit's child task (its progress is rolled up
 * from them), for a child task a link to the task it came from.
 */
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Slider,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { describeError } from '../api/errors';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageLoading } from '../components/PageLoading';
import { useFormat } from '../format';
import { useIsPhone } from '../hooks';
import {
  downloadUrl,
  post,
  postMultipart,
  type StoredFileMeta,
  type TaskDetail,
  type TaskStatus,
  useTask,
  useWrite,
} from './api';
import { Pre } from './GeneralTab';
import { PapiTags, ProgressBar, TaskStatusTag, taskUnitName } from './labels';
import { ChildStates } from './TasksTab';

const STATUSES: TaskStatus[] = ['not_started', 'in_progress', 'done', 'cancelled'];

const sizeText = (bytes: number, lang: string) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toLocaleString(lang, { maximumFractionDigits: 1 })} MB`
    : `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(lang)} KB`;

interface ProgressValues {
  progress: number;
  status: TaskStatus;
  note: string;
}

function ProgressCard({ task }: { task: TaskDetail }) {
  const { t } = useTranslation('plans');
  const { message } = App.useApp();
  const [form] = Form.useForm<ProgressValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const update = useWrite(async (v: ProgressValues) => {
    await post(`/api/tasks/${encodeURIComponent(task.id)}/progress`, {
      progress: v.progress,
      status: v.status,
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    });
    // Evidence goes up after the progress note, one file per request (each is checked and stored on its own).
    for (const f of files) {
      if (!f.originFileObj) continue;
      const form = new FormData();
      form.append('file', f.originFileObj, f.name);
      await postMultipart(`/api/tasks/${encodeURIComponent(task.id)}/evidence`, form);
    }
  });
  return (
    <Card title={t('ui.updateProgress')} className="plans-card" data-testid="progress-card">
      <Form<ProgressValues>
        form={form}
        layout="vertical"
        name="progress"
        data-testid="progress-form"
        initialValues={{ progress: task.progress, status: task.status, note: '' }}
        onValuesChange={(changed) => {
          // 100 % means done; anything above 0 means started: keep the two fields consistent.
          if (typeof changed.progress === 'number') {
            const status = form.getFieldValue('status') as TaskStatus;
            if (changed.progress >= 100 && status !== 'done') form.setFieldValue('status', 'done');
            else if (changed.progress > 0 && changed.progress < 100 && status !== 'in_progress')
              form.setFieldValue('status', 'in_progress');
          }
        }}
        onFinish={(v) =>
          update.mutate(v, {
            onSuccess: () => {
              void message.success(t('ui.progressSaved'));
              form.setFieldValue('note', '');
              setFiles([]);
            },
            onError: (err) => void message.error(describeError(err)),
          })
        }
      >
        <Form.Item label={t('ui.progressPercent')} required>
          <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
            <Form.Item name="progress" noStyle>
              <Slider min={0} max={100} step={5} style={{ flex: 1 }} aria-label={t('ui.progressPercent')} />
            </Form.Item>
            <Form.Item name="progress" noStyle>
              <InputNumber min={0} max={100} suffix="%" style={{ width: 96 }} data-testid="progress-input" />
            </Form.Item>
          </div>
        </Form.Item>
        <Form.Item name="status" label={t('ui.status')}>
          <Select
            data-testid="status-select"
            options={STATUSES.map((s) => ({ value: s, label: t(`ui.taskStatus.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('ui.progressNote')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="progress-note" />
        </Form.Item>
        <Form.Item label={t('ui.evidence')} extra={t('ui.evidenceHelp')}>
          <Upload
            multiple
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList)}
            accept="image/*,.pdf,.docx,.xlsx"
          >
            <Button icon={<UploadOutlined />} data-testid="evidence-pick">
              {t('ui.chooseFiles')}
            </Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="save-progress">
          {t('ui.saveProgress')}
        </Button>
      </Form>
    </Card>
  );
}

function EvidenceList({ task }: { task: TaskDetail }) {
  const { t } = useTranslation('plans');
  const fmt = useFormat();
  return (
    <Card title={t('ui.evidenceFiles', { count: task.evidence.length })} className="plans-card">
      <List<StoredFileMeta>
        data-testid="evidence-list"
        dataSource={task.evidence}
        locale={{ emptyText: t('ui.noEvidence') }}
        renderItem={(f) => (
          <List.Item>
            <a href={downloadUrl.evidence(task.id, f.id)} download={f.filename} className="plans-file">
              <PaperClipOutlined aria-hidden /> {f.filename}
            </a>
            <span className="plans-sub">
              {sizeText(f.size, fmt.lang)} · {fmt.dateTime(f.createdAt)}
            </span>
          </List.Item>
        )}
      />
    </Card>
  );
}

function Comments({ task, writable }: { task: TaskDetail; writable: boolean }) {
  const { t } = useTranslation('plans');
  const fmt = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string }>();
  const add = useWrite((body: string) => post(`/api/tasks/${encodeURIComponent(task.id)}/comments`, { body }));
  return (
    <Card title={t('ui.comments')} className="plans-card">
      <List
        data-testid="comment-list"
        dataSource={task.comments}
        locale={{ emptyText: t('ui.noComments') }}
        renderItem={(c) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <div className="plans-sub">
                <strong>{c.authorName}</strong> · {fmt.dateTime(c.createdAt)}
                {c.progress !== null && ` · ${t('ui.progressTo', { value: c.progress })}`}
                {c.status && ` · ${t(`ui.taskStatus.${c.status}` as 'ui.taskStatus.done')}`}
              </div>
              <div style={{ whiteSpace: 'pre-wrap' }}>{c.body}</div>
            </div>
          </List.Item>
        )}
      />
      {writable && (
        <Form
          form={form}
          name="comment"
          layout="vertical"
          style={{ marginTop: 12 }}
          onFinish={(v) =>
            add.mutate(v.body.trim(), {
              onSuccess: () => form.resetFields(),
              onError: (err) => void message.error(describeError(err)),
            })
          }
        >
          <Form.Item
            name="body"
            label={t('ui.addComment')}
            rules={[{ required: true, whitespace: true, message: t('ui.required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending}>
            {t('ui.send')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

export function TaskPage() {
  const { taskId } = useParams();
  const { t } = useTranslation('plans');
  const fmt = useFormat();
  const phone = useIsPhone();
  const task = useTask(taskId);
  if (task.isPending) return <PageLoading />;
  if (task.isError || !task.data) {
    return (
      <div data-testid="task-error">
        <Breadcrumb items={[{ title: <Link to="/workspace/plans">{t('ui.plansTitle')}</Link> }]} />
        <div style={{ marginTop: 16 }}>
          <ErrorNotice error={task.error} />
        </div>
      </div>
    );
  }
  const x = task.data;
  const cascaded = x.children.length > 0;
  const writable = x.canEdit && x.plan.status !== 'closed';

  return (
    <div data-testid="task-page" data-task-id={x.id}>
      <Breadcrumb
        items={[
          { title: <Link to="/workspace/plans">{t('ui.plansTitle')}</Link> },
          { title: <Link to={`/workspace/plans/${x.plan.id}`}>{x.plan.title}</Link> },
          { title: t('ui.taskN', { n: x.position }) },
        ]}
      />
      <Typography.Title level={1} className="plans-title" style={{ marginTop: 12 }} data-testid="task-title">
        {x.title}
      </Typography.Title>
      <div className="plans-meta">
        <PapiTags dimension={x.dimension} subdimension={x.subdimension} indicator={x.indicator} />
        <TaskStatusTag status={x.status} />
        <span style={{ minWidth: 160 }}>
          <ProgressBar percent={x.progress} testId="task-progress" />
        </span>
      </div>

      <div className="plans-task-grid">
        <div>
          <Descriptions
            bordered
            size="small"
            column={1}
            layout={phone ? 'vertical' : 'horizontal'}
            styles={{ label: phone ? { fontWeight: 600 } : { width: 170 } }}
            className="plans-card"
            items={[
              { key: 'unit', label: t('ui.unit'), children: taskUnitName(x, fmt.lang) },
              ...(x.parent
                ? [
                    {
                      key: 'parent',
                      label: t('ui.assignedBy'),
                      children: (
                        <Link to={`/workspace/plans/tasks/${x.parent.id}`}>
                          {taskUnitName(x.parent, fmt.lang)}: {x.parent.title}
                        </Link>
                      ),
                    },
                  ]
                : []),
              { key: 'lead', label: t('ui.leadUnit'), children: x.leadUnitName || '—' },
              {
                key: 'coop',
                label: t('ui.cooperating'),
                children: x.cooperating.map((c) => c.name).join('; ') || '—',
              },
              { key: 'start', label: t('ui.startDate'), children: x.startDate ? fmt.date(x.startDate) : '—' },
              { key: 'due', label: t('ui.dueDate'), children: x.dueDate ? fmt.date(x.dueDate) : '—' },
              { key: 'output', label: t('ui.expectedOutput'), children: <Pre text={x.expectedOutput} /> },
              { key: 'desc', label: t('ui.description'), children: <Pre text={x.description} /> },
            ]}
          />
          {cascaded && (
            <Card title={t('ui.childTasks')} className="plans-card">
              <Typography.Paragraph type="secondary">{t('ui.rollupRule')}</Typography.Paragraph>
              <div className="table-scroll">
                <ChildStates taskId={x.id} />
              </div>
            </Card>
          )}
          <Comments task={x} writable={writable} />
        </div>
        <div>
          {writable && !cascaded && <ProgressCard task={x} />}
          <EvidenceList task={x} />
        </div>
      </div>
    </div>
  );
}
