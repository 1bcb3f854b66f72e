/**
 * Draft a plan from the diagnosis (lập dự thảo kế hoạch từ kết quả chẩn đoán): choose unit and year,
 * read the index engine's weaknesses and the library tasks proposed for them, edit or drop tasks,
 * then save the draft. Nothing is stored before the last step; the draft is edited further and issued
 * from the plan page.
 */
import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Select,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { apiGet } from '../api/client';
import { describeError } from '../api/errors';
import type { Me } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { useFormat } from '../format';
import { useIsPhone } from '../hooks';
import { type PlanDetail, type PlanProposal, patch, post, type TaskInput, usePlans, useWrite } from './api';
import { currentYear, myUnits, PapiTags, yearChoices } from './labels';
import { TaskFields } from './TaskForm';

interface DraftTask {
  key: string;
  include: boolean;
  libraryKey: string;
  task: TaskInput;
}

/** A proposed task in the request's shape (cooperating units as named, not yet linked to the tree). */
const toTaskInput = (x: PlanProposal['draft']['tasks'][number]): TaskInput => ({
  title: x.title,
  description: x.description,
  dimension: x.dimension,
  subdimension: x.subdimension,
  indicator: null,
  leadUnitName: x.leadUnitName,
  cooperating: x.cooperating.map((name) => ({ unitId: null, name })),
  startDate: x.startDate,
  dueDate: x.dueDate,
  expectedOutput: x.expectedOutput,
});

function EditDraftTask({
  draft,
  onSave,
  onClose,
}: {
  draft: DraftTask;
  onSave: (t: TaskInput) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('plans');
  const [form] = Form.useForm();
  const x = draft.task;
  return (
    <Modal
      open
      title={t('ui.editTask')}
      okText={t('ui.save')}
      cancelText={t('ui.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={760}
    >
      <Form
        form={form}
        name="draft-task"
        layout="vertical"
        initialValues={{
          title: x.title,
          description: x.description ?? '',
          dimension: x.dimension,
          subdimension: x.subdimension ?? '',
          indicator: x.indicator ?? '',
          leadUnitName: x.leadUnitName ?? '',
          cooperating: (x.cooperating ?? []).map((c) => c.name ?? ''),
          startDate: x.startDate ? dayjs(x.startDate) : null,
          dueDate: x.dueDate ? dayjs(x.dueDate) : null,
          expectedOutput: x.expectedOutput ?? '',
        }}
        onFinish={(v) => {
          onSave({
            ...x,
            title: v.title.trim(),
            description: v.description ?? '',
            dimension: v.dimension ?? null,
            subdimension: v.subdimension?.trim() || null,
            indicator: v.indicator?.trim() || null,
            leadUnitName: v.leadUnitName.trim(),
            cooperating: (v.cooperating as string[]).map(
              (name) => x.cooperating?.find((c) => c.name === name) ?? { unitId: null, name },
            ),
            startDate: v.startDate ? v.startDate.format('YYYY-MM-DD') : null,
            dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
            expectedOutput: v.expectedOutput ?? '',
          });
          onClose();
        }}
      >
        <TaskFields />
      </Form>
    </Modal>
  );
}

export function DraftWizard({ me }: { me: Me }) {
  const { t } = useTranslation('plans');
  const fmt = useFormat();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const units = myUnits(me);
  const [step, setStep] = useState(0);
  const [unitId, setUnitId] = useState(units[0]?.id);
  const [chosenYear, setYear] = useState<number | undefined>();
  // Plans the unit already has: one plan per unit and year, so the wizard offers the first free year.
  const existing = usePlans({ unitId });
  const own = (existing.data?.plans ?? []).filter((x) => x.unitId === unitId);
  const year = chosenYear ?? (own.some((x) => x.year === currentYear()) ? currentYear() + 1 : currentYear());
  const clash = own.find((x) => x.year === year);
  const [drafts, setDrafts] = useState<DraftTask[]>([]);
  const [title, setTitle] = useState('');
  const [editing, setEditing] = useState<DraftTask | undefined>();

  const proposal = useQuery({
    queryKey: ['plans', 'proposal', unitId, year],
    queryFn: () => apiGet<PlanProposal>('/api/plans/proposal', { unitId, year }),
    enabled: step > 0 && !!unitId,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const startReview = async () => {
    setStep(1);
    const res = await proposal.refetch();
    if (res.data) {
      setDrafts(
        res.data.draft.tasks.map((x, i) => ({
          key: `${x.libraryKey}-${i}`,
          include: true,
          libraryKey: x.libraryKey,
          task: toTaskInput(x),
        })),
      );
      setTitle(res.data.draft.title);
    }
  };

  // The server drafts the plan from the chosen library tasks; what the official changed in the wizard
  // (title, task wording, lead unit, deadlines) is then written onto the new draft as ordinary edits.
  const create = useWrite(async () => {
    const kept = drafts.filter((d) => d.include);
    let plan = await post<PlanDetail>('/api/plans/from-diagnosis', {
      unitId,
      year,
      libraryKeys: kept.map((d) => d.libraryKey),
    });
    const proposed = new Map((proposal.data?.draft.tasks ?? []).map((x) => [x.libraryKey, toTaskInput(x)]));
    for (const d of kept) {
      const created = plan.tasks.find((x) => x.libraryKey === d.libraryKey);
      const original = proposed.get(d.libraryKey);
      if (created && original && JSON.stringify(original) !== JSON.stringify(d.task)) {
        await patch(`/api/tasks/${encodeURIComponent(created.id)}`, d.task);
      }
    }
    if (title.trim() && title.trim() !== plan.title) {
      plan = await patch<PlanDetail>(`/api/plans/${encodeURIComponent(plan.id)}`, { title: title.trim() });
    }
    return plan;
  });

  const chosen = drafts.filter((d) => d.include).length;
  const p = proposal.data;

  return (
    <div data-testid="draft-wizard">
      <Breadcrumb
        items={[
          { title: <Link to="/workspace/plans">{t('ui.plansTitle')}</Link> },
          { title: t('ui.draftFromDiagnosis') },
        ]}
      />
      <Typography.Title level={1} className="plans-title" style={{ marginTop: 12 }}>
        {t('ui.draftFromDiagnosis')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('ui.draftLead')}</Typography.Paragraph>
      <Steps
        current={step}
        size="small"
        orientation={phone ? 'vertical' : 'horizontal'}
        style={{ marginBottom: 20 }}
        items={[{ title: t('ui.stepUnit') }, { title: t('ui.stepReview') }, { title: t('ui.stepSave') }]}
      />

      {step === 0 && (
        <Card className="plans-card" style={{ maxWidth: 620 }}>
          {units.length === 0 ? (
            <Alert type="warning" showIcon title={t('ui.noUnitRole')} />
          ) : (
            <Form layout="vertical" onFinish={() => void startReview()}>
              <Form.Item label={t('ui.unit')} required>
                <Select
                  data-testid="wizard-unit"
                  value={unitId}
                  onChange={setUnitId}
                  options={units.map((u) => ({
                    value: u.id,
                    label: fmt.lang === 'en' && u.nameEn ? u.nameEn : u.nameVi,
                  }))}
                />
              </Form.Item>
              <Form.Item label={t('ui.year')} required>
                <Select
                  data-testid="wizard-year"
                  value={year}
                  onChange={setYear}
                  options={yearChoices().map((y) => ({ value: y, label: String(y) }))}
                  style={{ width: 120 }}
                />
              </Form.Item>
              {clash && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  data-testid="wizard-clash"
                  title={t('ui.planExists', { year })}
                  description={
                    <Link to={`/workspace/plans/${clash.id}`} className="plans-link">
                      {t('ui.openPlan')}
                    </Link>
                  }
                />
              )}
              <Button type="primary" htmlType="submit" disabled={!!clash} data-testid="wizard-next">
                {t('ui.readDiagnosis')}
              </Button>
            </Form>
          )}
        </Card>
      )}

      {step === 1 && (
        <div>
          {proposal.isFetching && <Card loading className="plans-card" />}
          {proposal.isError && <ErrorNotice error={proposal.error} onRetry={() => void startReview()} />}
          {p && !proposal.isFetching && (
            <>
              <Card title={t('ui.diagnosisTitle')} className="plans-card" data-testid="wizard-diagnosis">
                <Typography.Paragraph type="secondary">
                  {t('ui.basedOn', {
                    year: p.diagnosisYear,
                    province: fmt.lang === 'en' ? p.unit.nameEn : p.unit.nameVi,
                  })}
                </Typography.Paragraph>
                {p.sentences.length === 0 && (
                  <Alert type="info" showIcon title={t('ui.noDiagnosis')} style={{ marginBottom: 12 }} />
                )}
                {p.sentences.length > 0 && (
                  <ul className="plans-ul">
                    {p.sentences.map((x) => (
                      <li key={x}>{x}</li>
                    ))}
                  </ul>
                )}
                {p.focus.length > 0 && (
                  <>
                    <Typography.Title level={2} className="plans-h2">
                      {t('ui.weaknesses')}
                    </Typography.Title>
                    <div data-testid="wizard-weaknesses" style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
                      {p.focus.map((code) => (
                        <Tag key={code} color="volcano" style={{ marginInlineEnd: 0 }}>
                          {code} · D{code.split('.')[0]}{' '}
                          {t(`ui.dimensions.d${code.split('.')[0]}` as 'ui.dimensions.d1')}
                        </Tag>
                      ))}
                    </div>
                  </>
                )}
              </Card>

              <Card
                title={t('ui.proposedTasks', { chosen, total: drafts.length })}
                className="plans-card"
                data-testid="wizard-tasks"
              >
                <Typography.Paragraph type="secondary">{t('ui.proposedLead')}</Typography.Paragraph>
                <div className="table-scroll">
                  <Table<DraftTask>
                    size="small"
                    rowKey="key"
                    pagination={false}
                    dataSource={drafts}
                    locale={{ emptyText: t('ui.noProposals') }}
                    columns={[
                      {
                        title: <span className="sr-only">{t('ui.include')}</span>,
                        key: 'include',
                        width: 44,
                        render: (_, d) => (
                          <Checkbox
                            checked={d.include}
                            aria-label={`${t('ui.include')}: ${d.task.title}`}
                            onChange={(e) =>
                              setDrafts((all) =>
                                all.map((x) => (x.key === d.key ? { ...x, include: e.target.checked } : x)),
                              )
                            }
                          />
                        ),
                      },
                      {
                        title: t('ui.task'),
                        key: 'title',
                        render: (_, d) => (
                          <div style={{ minWidth: 180, opacity: d.include ? 1 : 0.55 }}>
                            <div>{d.task.title}</div>
                            <div style={{ marginTop: 4 }}>
                              <PapiTags dimension={d.task.dimension} subdimension={d.task.subdimension} />
                            </div>
                          </div>
                        ),
                      },
                      ...(phone
                        ? []
                        : [
                            {
                              title: t('ui.leadUnit'),
                              key: 'lead',
                              render: (_: unknown, d: DraftTask) => d.task.leadUnitName || '—',
                            },
                            {
                              title: t('ui.dueDate'),
                              key: 'due',
                              render: (_: unknown, d: DraftTask) => (d.task.dueDate ? fmt.date(d.task.dueDate) : '—'),
                            },
                          ]),
                      {
                        title: <span className="sr-only">{t('ui.actions')}</span>,
                        key: 'edit',
                        width: 52,
                        render: (_, d) => (
                          <Button
                            type="text"
                            icon={<EditOutlined />}
                            aria-label={`${t('ui.editTask')}: ${d.task.title}`}
                            onClick={() => setEditing(d)}
                          />
                        ),
                      },
                    ]}
                  />
                </div>
              </Card>
              <div className="plans-wizard-nav">
                <Button onClick={() => setStep(0)}>{t('ui.back')}</Button>
                <Button type="primary" onClick={() => setStep(2)} data-testid="wizard-next">
                  {t('ui.next')}
                </Button>
              </div>
            </>
          )}
        </div>
      )}

      {step === 2 && (
        <Card className="plans-card" style={{ maxWidth: 760 }}>
          <Form
            layout="vertical"
            onFinish={() =>
              create.mutate(undefined, {
                onSuccess: (plan) => {
                  void message.success(t('ui.draftSaved'));
                  navigate(`/workspace/plans/${plan.id}`);
                },
                onError: (err) => void message.error(describeError(err)),
              })
            }
          >
            <Form.Item label={t('ui.planTitle')} required>
              <Input.TextArea
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                autoSize={{ minRows: 1, maxRows: 3 }}
                data-testid="wizard-title"
              />
            </Form.Item>
            <Typography.Paragraph>{t('ui.draftSummary', { count: chosen })}</Typography.Paragraph>
            <div className="plans-wizard-nav">
              <Button onClick={() => setStep(1)}>{t('ui.back')}</Button>
              <Button
                type="primary"
                htmlType="submit"
                loading={create.isPending}
                disabled={!title.trim()}
                data-testid="wizard-save"
              >
                {t('ui.saveDraft')}
              </Button>
            </div>
          </Form>
        </Card>
      )}
      {editing && (
        <EditDraftTask
          draft={editing}
          onClose={() => setEditing(undefined)}
          onSave={(task) => setDrafts((all) => all.map((x) => (x.key === editing.key ? { ...x, task } : x)))}
        />
      )}
    </div>
  );
}
