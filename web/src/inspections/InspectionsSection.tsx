/**
 * Workspace section `inspections`: inspections of units in reach (list and detail with findings and
 * remediation actions), inspection plans, and the board of findings remediated on time. Every button is
 * one transition of the state machine; the server answers 409 (shown) if it is not allowed.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { todayInVietnam } from '../../../core/i18n/format';
import { api, apiGet } from '../api/client';
import { ErrorNotice } from '../components/ErrorNotice';
import { postForm } from '../disclosures/api';
import { type UnitChoice, useUnitChoices } from '../disclosures/units';
import { useFormat } from '../format';
import { useIsPhone } from '../hooks';
import type { SectionPageProps } from '../workspace/sections';
import {
  type Finding,
  type FrameworkDto,
  type Inspection,
  type InspectionDetail,
  type InspectionPlan,
  type RemediationBoard,
  STATE_COLOR,
  TIMELINESS_COLOR,
} from './api';

const thisYear = () => Number(todayInVietnam().slice(0, 4));
type Ev = 'approve' | 'complete' | 'cancel' | 'start' | 'conclude' | 'close' | 'remediate' | 'reopen';
type St =
  | 'draft'
  | 'approved'
  | 'completed'
  | 'cancelled'
  | 'planned'
  | 'in_progress'
  | 'concluded'
  | 'closed'
  | 'open'
  | 'remediated'
  | 'done';

function StateTag({ state }: { state: string }) {
  const { t } = useTranslation('inspections');
  return (
    <Tag color={STATE_COLOR[state] ?? 'default'} data-testid={`state-${state}`}>
      {t(`state.${state as St}`)}
    </Tag>
  );
}

export default function InspectionsSection({ me }: SectionPageProps) {
  return (
    <Routes>
      <Route index element={<Overview me={me} />} />
      <Route path=":id" element={<Detail me={me} />} />
    </Routes>
  );
}

function Overview({ me }: SectionPageProps) {
  const { t } = useTranslation('inspections');
  const [year, setYear] = useState(thisYear());
  const { units } = useUnitChoices(me);
  const canWrite = me.roles.some((r) => r.role !== 'viewer');
  return (
    <div>
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 26 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('lead')}</Typography.Paragraph>
      <Space style={{ marginBottom: 8 }}>
        <label htmlFor="insp-year" style={{ fontWeight: 600 }}>
          {t('year')}
        </label>
        <Select
          id="insp-year"
          value={year}
          onChange={setYear}
          options={[thisYear() + 1, thisYear(), thisYear() - 1, thisYear() - 2].map((y) => ({
            value: y,
            label: String(y),
          }))}
        />
      </Space>
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'list',
            label: t('tabs.inspections'),
            children: <InspectionList year={year} units={units} canWrite={canWrite} />,
          },
          { key: 'plans', label: t('tabs.plans'), children: <Plans year={year} units={units} canWrite={canWrite} /> },
          { key: 'board', label: t('tabs.board'), children: <Board year={year} units={units} /> },
        ]}
      />
    </div>
  );
}

const unitLabel = (u: { nameVi: string; nameEn: string }, lang: string) =>
  lang === 'en' ? u.nameEn || u.nameVi : u.nameVi;

function InspectionList({ year, units, canWrite }: { year: number; units: UnitChoice[]; canWrite: boolean }) {
  const { t } = useTranslation('inspections');
  const fmt = useFormat();
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: ['inspections', 'list', year],
    queryFn: () => apiGet<{ items: Inspection[] }>('/api/inspections', { year }),
  });
  return (
    <div>
      {canWrite && (
        <Button type="primary" onClick={() => setOpen(true)} style={{ marginBottom: 12 }} data-testid="insp-add">
          {t('newInspection')}
        </Button>
      )}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => list.refetch()} />}
      {list.data?.items.length === 0 && <Empty description={t('empty')} />}
      <div className="disc-list">
        {list.data?.items.map((i) => (
          <Card key={i.id} size="small" data-testid="insp-item">
            <div className="disc-card-head">
              <Link to={`/workspace/inspections/${i.id}`} style={{ fontWeight: 600 }}>
                {unitLabel({ nameVi: i.unitNameVi, nameEn: i.unitNameEn }, fmt.lang)} · {fmt.date(i.scheduledOn)}
              </Link>
              <StateTag state={i.status} />
            </div>
            <div className="disc-meta">
              {t(`kinds.${i.kind}`)} · {t('inspectingUnit')}:{' '}
              {unitLabel({ nameVi: i.inspectingUnitNameVi, nameEn: i.inspectingUnitNameEn }, fmt.lang)}
            </div>
            <div className="disc-meta">{i.scope}</div>
            <div className="disc-meta">
              {t('findingsCount', { open: fmt.number(i.findingsOpen), total: fmt.number(i.findingsTotal) })}
            </div>
          </Card>
        ))}
      </div>
      <InspectionForm open={open} onClose={() => setOpen(false)} units={units} />
    </div>
  );
}

interface InspectionValues {
  unitId: string;
  inspectingUnitId: string;
  planId?: string;
  kind: 'scheduled' | 'surprise';
  scheduledOn: string;
  team: string;
  scope: string;
}

function InspectionForm({
  open,
  onClose,
  units,
  reinspectionOf,
}: {
  open: boolean;
  onClose: () => void;
  units: UnitChoice[];
  reinspectionOf?: Inspection;
}) {
  const { t } = useTranslation('inspections');
  const fmt = useFormat();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<InspectionValues>();
  const plans = useQuery({
    queryKey: ['inspections', 'plans', 'all'],
    queryFn: () => apiGet<{ items: InspectionPlan[] }>('/api/inspections/plans'),
    enabled: open,
  });
  const inspecting = Form.useWatch('inspectingUnitId', form);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const save = useMutation({
    mutationFn: (v: InspectionValues) =>
      api<InspectionDetail>('POST', '/api/inspections', {
        ...v,
        planId: v.planId || null,
        team: v.team
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        reinspectionOf: reinspectionOf?.id ?? null,
      }),
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: ['inspections'] });
      onClose();
      navigate(`/workspace/inspections/${d.id}`);
    },
  });
  const options = units.map((u) => ({ value: u.id, label: unitLabel(u, fmt.lang) }));
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={reinspectionOf ? t('reinspect') : t('newInspection')}
      size={phone ? '100%' : 520}
      destroyOnHidden
    >
      <Form<InspectionValues>
        form={form}
        layout="vertical"
        initialValues={{
          kind: reinspectionOf ? 'surprise' : 'scheduled',
          scheduledOn: todayInVietnam(),
          unitId: reinspectionOf?.unitId ?? units.find((u) => u.level === 2)?.id,
          inspectingUnitId: reinspectionOf?.inspectingUnitId ?? units[0]?.id,
          scope: reinspectionOf?.scope,
          team: reinspectionOf?.team.join('\n'),
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="inspectingUnitId" label={t('inspectingUnit')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} disabled={!!reinspectionOf} />
        </Form.Item>
        <Form.Item name="unitId" label={t('inspectedUnit')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={options}
            disabled={!!reinspectionOf}
            data-testid="insp-unit"
          />
        </Form.Item>
        <Form.Item name="planId" label={t('plan')}>
          <Select
            allowClear
            placeholder={t('noPlan')}
            options={(plans.data?.items ?? [])
              .filter((p) => p.unitId === inspecting && (p.status === 'draft' || p.status === 'approved'))
              .map((p) => ({ value: p.id, label: p.title }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
          <Select options={(['scheduled', 'surprise'] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="scheduledOn" label={t('scheduledOn')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="team" label={t('team')} extra={t('teamHint')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} data-testid="insp-team" />
        </Form.Item>
        <Form.Item name="scope" label={t('scope')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} data-testid="insp-scope" />
        </Form.Item>
        {save.isError && <ErrorNotice error={save.error} />}
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="insp-save">
            {t('save')}
          </Button>
          <Button onClick={onClose}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}

function Plans({ year, units, canWrite }: { year: number; units: UnitChoice[]; canWrite: boolean }) {
  const { t } = useTranslation('inspections');
  const fmt = useFormat();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ unitId: string; kind: 'scheduled' | 'surprise'; title: string; scope: string }>();
  const plans = useQuery({
    queryKey: ['inspections', 'plans', year],
    queryFn: () => apiGet<{ items: InspectionPlan[] }>('/api/inspections/plans', { year }),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['inspections'] });
  const create = useMutation({
    mutationFn: (v: { unitId: string; kind: string; title: string; scope: string }) =>
      api('POST', '/api/inspections/plans', { ...v, year }),
    onSuccess: () => {
      setOpen(false);
      form.resetFields();
      return refresh();
    },
  });
  const step = useMutation({
    mutationFn: ({ id, event }: { id: string; event: string }) =>
      api('POST', `/api/inspections/plans/${id}/transitions`, { event }),
    onSuccess: refresh,
  });
  return (
    <div>
      {canWrite && (
        <Button type="primary" onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>
          {t('newPlan')}
        </Button>
      )}
      {(plans.isError || step.isError) && <ErrorNotice error={plans.error ?? step.error} />}
      {plans.data?.items.length === 0 && <Empty description={t('emptyPlans')} />}
      <div className="disc-list">
        {plans.data?.items.map((p) => (
          <Card key={p.id} size="small">
            <div className="disc-card-head">
              <strong>{p.title}</strong>
              <StateTag state={p.status} />
            </div>
            <div className="disc-meta">
              {unitLabel({ nameVi: p.unitNameVi, nameEn: p.unitNameEn }, fmt.lang)} · {t(`kinds.${p.kind}`)} · {p.year}{' '}
              · {t('tabs.inspections')}: {fmt.number(p.inspections)}
            </div>
            {p.scope && <div className="disc-meta">{p.scope}</div>}
            {canWrite && (
              <Space wrap style={{ marginTop: 8 }}>
                {p.allowedEvents.map((e) => (
                  <Button key={e} size="small" onClick={() => step.mutate({ id: p.id, event: e })}>
                    {t(`event.${e as Ev}`)}
                  </Button>
                ))}
              </Space>
            )}
          </Card>
        ))}
      </div>
      <Modal
        open={open}
        title={t('newPlan')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('save')}
        cancelText={t('cancel')}
        confirmLoading={create.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ unitId: units[0]?.id, kind: 'scheduled' }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="unitId" label={t('inspectingUnit')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={units.map((u) => ({ value: u.id, label: unitLabel(u, fmt.lang) }))}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('kind')}>
            <Select options={(['scheduled', 'surprise'] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('planTitle')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="scope" label={t('scope')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          {create.isError && <ErrorNotice error={create.error} />}
        </Form>
      </Modal>
    </div>
  );
}

function Board({ year, units }: { year: number; units: UnitChoice[] }) {
  const { t } = useTranslation('inspections');
  const fmt = useFormat();
  const [unitId, setUnitId] = useState<string | undefined>(units[0]?.id);
  useEffect(() => {
    if (!unitId && units[0]) setUnitId(units[0].id);
  }, [unitId, units]);
  const board = useQuery({
    queryKey: ['inspections', 'board', unitId, year],
    queryFn: () => apiGet<RemediationBoard>('/api/inspections/board', { unitId, year }),
    enabled: !!unitId,
  });
  const fw = useFramework();
  const dimName = (code: string) => {
    const d = fw.data?.dimensions.find((x) => x.code === code);
    return d ? `${code.toUpperCase()} ${unitLabel(d, fmt.lang)}` : code.toUpperCase();
  };
  const uName = (id: string) => {
    const u = board.data?.units.find((x) => x.id === id);
    return u ? unitLabel(u, fmt.lang) : id;
  };
  const rate = (r: number | null) => (r === null ? '–' : fmt.number(r, { style: 'percent', maximumFractionDigits: 0 }));
  const cols = [
    { title: t('board.findings'), dataIndex: 'findings', key: 'findings' },
    { title: t('timeliness.on_time'), dataIndex: 'on_time', key: 'on_time' },
    { title: t('timeliness.late'), dataIndex: 'late', key: 'late' },
    { title: t('timeliness.overdue'), dataIndex: 'overdue', key: 'overdue' },
    { title: t('timeliness.pending'), dataIndex: 'pending', key: 'pending' },
    { title: t('board.closed'), dataIndex: 'closed', key: 'closed' },
    {
      title: t('board.rate'),
      key: 'rate',
      render: (_: unknown, r: { onTimeRate: number | null }) => <strong>{rate(r.onTimeRate)}</strong>,
    },
  ];
  return (
    <div>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          aria-label={t('unit')}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 240 }}
          value={unitId}
          onChange={setUnitId}
          options={units.map((u) => ({ value: u.id, label: unitLabel(u, fmt.lang) }))}
        />
      </Space>
      <Typography.Paragraph type="secondary">{t('board.lead', { year })}</Typography.Paragraph>
      {board.isError && <ErrorNotice error={board.error} onRetry={() => board.refetch()} />}
      {board.data && board.data.total.findings === 0 && <Empty description={t('board.empty')} />}
      {board.data && board.data.total.findings > 0 && (
        <Table
          data-testid="insp-board"
          size="small"
          rowKey={(r) => `${r.dimension}|${r.unitId}`}
          pagination={false}
          scroll={{ x: 960 }}
          dataSource={board.data.rows}
          columns={[
            { title: t('board.dimension'), key: 'dim', width: 250, render: (_, r) => dimName(r.dimension) },
            { title: t('unit'), key: 'unit', width: 130, render: (_, r) => uName(r.unitId) },
            ...cols,
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <strong>{t('board.total')}</strong>
              </Table.Summary.Cell>
              {(['findings', 'on_time', 'late', 'overdue', 'pending', 'closed'] as const).map((k, i) => (
                <Table.Summary.Cell index={i + 2} key={k}>
                  {fmt.number(board.data.total[k])}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={8}>
                <strong>{rate(board.data.total.onTimeRate)}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      )}
    </div>
  );
}

function useFramework() {
  return useQuery({
    queryKey: ['frameworks', 'papi-2021-2024'],
    queryFn: () => apiGet<FrameworkDto>('/api/frameworks/papi-2021-2024'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function Detail({ me }: SectionPageProps) {
  const { t } = useTranslation('inspections');
  const fmt = useFormat();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const { units } = useUnitChoices(me);
  const canWrite = me.roles.some((r) => r.role !== 'viewer');
  const isAdmin = me.roles.some((r) => r.role === 'system_admin');
  const [conclusionOpen, setConclusionOpen] = useState(false);
  const [conclusion, setConclusion] = useState('');
  const [findingOpen, setFindingOpen] = useState(false);
  const [reOpen, setReOpen] = useState(false);
  const key = ['inspections', 'detail', id];
  const detail = useQuery({ queryKey: key, queryFn: () => apiGet<InspectionDetail>(`/api/inspections/${id}`) });
  const put = (d: InspectionDetail) => {
    qc.setQueryData(key, d);
    void qc.invalidateQueries({ queryKey: ['inspections', 'list'] });
    void qc.invalidateQueries({ queryKey: ['inspections', 'board'] });
  };
  const step = useMutation({
    mutationFn: (body: { event: string; conclusion?: string }) =>
      api<InspectionDetail>('POST', `/api/inspections/${id}/transitions`, body),
    onSuccess: (d) => {
      setConclusionOpen(false);
      put(d);
    },
  });
  if (detail.isError) return <ErrorNotice error={detail.error} onRetry={() => detail.refetch()} />;
  const d = detail.data;
  if (!d) return null;
  // The inspecting unit conducts, records findings and closes them; the inspected unit remediates.
  const conducts = canWrite && (isAdmin || units.some((u) => u.id === d.inspectingUnitId));
  return (
    <div>
      <Link to="/workspace/inspections">← {t('back')}</Link>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 8 }}>
        {unitLabel({ nameVi: d.unitNameVi, nameEn: d.unitNameEn }, fmt.lang)} · {fmt.date(d.scheduledOn)}{' '}
        <StateTag state={d.status} />
      </Typography.Title>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'by',
            label: t('inspectingUnit'),
            children: unitLabel({ nameVi: d.inspectingUnitNameVi, nameEn: d.inspectingUnitNameEn }, fmt.lang),
          },
          { key: 'kind', label: t('kind'), children: t(`kinds.${d.kind}`) },
          { key: 'team', label: t('team'), children: d.team.join(', ') },
          { key: 'scope', label: t('scope'), children: d.scope },
          ...(d.conductedOn ? [{ key: 'on', label: t('conductedOn'), children: fmt.date(d.conductedOn) }] : []),
          ...(d.conclusion ? [{ key: 'c', label: t('conclusion'), children: d.conclusion }] : []),
        ]}
      />
      {conducts && (
        <Space wrap style={{ margin: '12px 0' }}>
          {d.allowedEvents.map((e) => (
            <Button
              key={e}
              type={e === 'cancel' ? 'default' : 'primary'}
              data-testid={`insp-${e}`}
              loading={step.isPending && step.variables?.event === e}
              onClick={() => (e === 'conclude' ? setConclusionOpen(true) : step.mutate({ event: e }))}
            >
              {t(`event.${e as Ev}`)}
            </Button>
          ))}
          {(d.status === 'in_progress' || d.status === 'concluded') && (
            <Button onClick={() => setFindingOpen(true)} data-testid="finding-add">
              {t('addFinding')}
            </Button>
          )}
          {(d.status === 'concluded' || d.status === 'closed') && (
            <Button onClick={() => setReOpen(true)}>{t('reinspect')}</Button>
          )}
        </Space>
      )}
      {step.isError && <ErrorNotice error={step.error} />}
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('findings')}
      </Typography.Title>
      {d.findings.length === 0 && <Empty description={t('noFindings')} />}
      <div style={{ display: 'grid', gap: 12 }}>
        {d.findings.map((f) => (
          <FindingCard
            key={f.id}
            finding={f}
            inspectionId={d.id}
            canWrite={canWrite}
            conducts={conducts}
            onChange={put}
          />
        ))}
      </div>
      <Modal
        open={conclusionOpen}
        title={t('event.conclude')}
        onCancel={() => setConclusionOpen(false)}
        onOk={() => step.mutate({ event: 'conclude', conclusion })}
        okButtonProps={{ disabled: !conclusion.trim(), id: 'conclusion-ok' }}
        okText={t('save')}
        cancelText={t('cancel')}
      >
        <Input.TextArea
          rows={4}
          aria-label={t('conclusion')}
          value={conclusion}
          onChange={(e) => setConclusion(e.target.value)}
          data-testid="conclusion"
        />
      </Modal>
      <FindingForm open={findingOpen} onClose={() => setFindingOpen(false)} inspectionId={d.id} onSaved={put} />
      <InspectionForm open={reOpen} onClose={() => setReOpen(false)} units={units} reinspectionOf={d} />
    </div>
  );
}

function FindingCard({
  finding: f,
  inspectionId,
  canWrite,
  conducts,
  onChange,
}: {
  finding: Finding;
  inspectionId: string;
  canWrite: boolean;
  conducts: boolean;
  onChange: (d: InspectionDetail) => void;
}) {
  const { t } = useTranslation('inspections');
  const fmt = useFormat();
  const [form] = Form.useForm<{ description: string; deadline: string }>();
  const [adding, setAdding] = useState(false);
  const step = useMutation({
    mutationFn: (event: string) =>
      api<InspectionDetail>('POST', `/api/inspections/findings/${f.id}/transitions`, { event }),
    onSuccess: onChange,
  });
  const addAction = useMutation({
    mutationFn: (v: { description: string; deadline: string }) =>
      api<InspectionDetail>('POST', `/api/inspections/findings/${f.id}/actions`, v),
    onSuccess: (d) => {
      setAdding(false);
      form.resetFields();
      onChange(d);
    },
  });
  const actionStep = useMutation({
    mutationFn: ({ id, event }: { id: string; event: string }) =>
      api<InspectionDetail>('POST', `/api/inspections/actions/${id}/transitions`, { event }),
    onSuccess: onChange,
  });
  const upload = useMutation({
    mutationFn: ({ actionId, file }: { actionId: string; file: File }) => {
      const form = new FormData();
      form.set('actionId', actionId);
      form.append('file', file, file.name);
      return postForm<InspectionDetail>(`/api/inspections/${inspectionId}/files`, form);
    },
    onSuccess: onChange,
  });
  const tags = [f.dimension.toUpperCase(), f.subdimension, f.indicator].filter(Boolean).join(' · ');
  return (
    <Card size="small" data-testid="finding">
      <div className="disc-card-head">
        <strong>{f.description}</strong>
        <Space size={4}>
          <StateTag state={f.status} />
          <Tag color={TIMELINESS_COLOR[f.timeliness]}>{t(`timeliness.${f.timeliness}`)}</Tag>
        </Space>
      </div>
      <div className="disc-meta">
        PAPI {tags} · {unitLabel({ nameVi: f.unitNameVi, nameEn: f.unitNameEn }, fmt.lang)}
        {f.taskTitle ? ` · ${t('task')}: ${f.taskTitle}` : ''}
      </div>
      {f.closingNote && <div className="disc-meta">{f.closingNote}</div>}
      <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
        {t('actions')}
      </Typography.Text>
      <ul style={{ paddingInlineStart: 18, margin: '4px 0' }}>
        {f.actions.map((a) => (
          <li key={a.id} data-testid="action" style={{ marginBottom: 6 }}>
            {a.description} — {t('deadline')} {fmt.date(a.deadline)} <StateTag state={a.status} />
            {a.overdue && <Tag color="red">{t('overdue')}</Tag>}
            {a.completedOn && <span className="disc-meta"> {t('completedOn', { date: fmt.date(a.completedOn) })}</span>}
            {a.files.map((file) => (
              <a
                key={file.id}
                href={`/api/inspections/${inspectionId}/files/${file.id}`}
                target="_blank"
                rel="noreferrer"
                style={{ marginInlineStart: 8 }}
              >
                {file.filename}
              </a>
            ))}
            {canWrite && f.status !== 'closed' && (
              <Space wrap size={4} style={{ marginInlineStart: 8 }}>
                {a.allowedEvents.map((e) => (
                  <Button
                    key={e}
                    size="small"
                    data-testid={`action-${e}`}
                    onClick={() => actionStep.mutate({ id: a.id, event: e })}
                  >
                    {t(`event.${e as Ev}`)}
                  </Button>
                ))}
                <label className="ant-btn ant-btn-sm" style={{ cursor: 'pointer' }}>
                  {t('attach')}
                  <input
                    type="file"
                    accept="image/*,.pdf,.docx,.xlsx"
                    style={{ position: 'absolute', width: 1, height: 1, opacity: 0 }}
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      if (file) upload.mutate({ actionId: a.id, file });
                    }}
                  />
                </label>
              </Space>
            )}
          </li>
        ))}
      </ul>
      {(step.error ?? addAction.error ?? actionStep.error ?? upload.error) && (
        <ErrorNotice error={step.error ?? addAction.error ?? actionStep.error ?? upload.error} />
      )}
      {canWrite && (
        <Space wrap style={{ marginTop: 4 }}>
          {f.status !== 'closed' && !adding && (
            <Button size="small" onClick={() => setAdding(true)} data-testid="action-add">
              {t('addAction')}
            </Button>
          )}
          {f.allowedEvents
            .filter((e) => e === 'remediate' || conducts)
            .map((e) => (
              <Button
                key={e}
                size="small"
                type="primary"
                ghost
                data-testid={`finding-${e}`}
                onClick={() => step.mutate(e)}
              >
                {t(`event.${e as Ev}`)}
              </Button>
            ))}
        </Space>
      )}
      {adding && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 8 }}
          onFinish={(v) => addAction.mutate(v)}
          initialValues={{ deadline: todayInVietnam() }}
        >
          <Form.Item name="description" label={t('actionDescription')} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="action-description" />
          </Form.Item>
          <Form.Item name="deadline" label={t('deadline')} rules={[{ required: true }]}>
            <Input type="date" data-testid="action-deadline" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={addAction.isPending} data-testid="action-save">
              {t('save')}
            </Button>
            <Button onClick={() => setAdding(false)}>{t('cancel')}</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}

function FindingForm({
  open,
  onClose,
  inspectionId,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  inspectionId: string;
  onSaved: (d: InspectionDetail) => void;
}) {
  const { t } = useTranslation('inspections');
  const fmt = useFormat();
  const phone = useIsPhone();
  const fw = useFramework();
  const [form] = Form.useForm<{
    description: string;
    dimension: string;
    subdimension?: string;
    indicator?: string;
    taskId?: string;
  }>();
  const dimension = Form.useWatch('dimension', form);
  const subdimension = Form.useWatch('subdimension', form);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const save = useMutation({
    mutationFn: (v: {
      description: string;
      dimension: string;
      subdimension?: string;
      indicator?: string;
      taskId?: string;
    }) =>
      api<InspectionDetail>('POST', `/api/inspections/${inspectionId}/findings`, {
        ...v,
        subdimension: v.subdimension || null,
        indicator: v.indicator || null,
        taskId: v.taskId?.trim() || null,
      }),
    onSuccess: (d) => {
      onSaved(d);
      onClose();
    },
  });
  const dim = fw.data?.dimensions.find((d) => d.code === dimension);
  const indicators = (fw.data?.indicators ?? []).filter((i) => i.subdimension === subdimension);
  return (
    <Drawer open={open} onClose={onClose} title={t('addFinding')} size={phone ? '100%' : 520} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="description" label={t('description')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} data-testid="finding-description" />
        </Form.Item>
        <Form.Item name="dimension" label={t('dimension')} rules={[{ required: true }]}>
          <Select
            data-testid="finding-dimension"
            onChange={() => form.setFieldsValue({ subdimension: undefined, indicator: undefined })}
            options={(fw.data?.dimensions ?? []).map((d) => ({
              value: d.code,
              label: `${d.code.toUpperCase()} ${unitLabel(d, fmt.lang)}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="subdimension" label={t('subdimension')}>
          <Select
            allowClear
            placeholder={t('none')}
            onChange={() => form.setFieldsValue({ indicator: undefined })}
            options={(dim?.subdimensions ?? []).map((s) => ({
              value: s.code,
              label: `${s.code} ${unitLabel(s, fmt.lang)}`,
            }))}
          />
        </Form.Item>
        {indicators.length > 0 && (
          <Form.Item name="indicator" label={t('indicator')}>
            <Select
              allowClear
              placeholder={t('none')}
              options={indicators.map((i) => ({ value: i.code, label: `${i.code} ${unitLabel(i, fmt.lang)}` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="taskId" label={t('taskId')}>
          <Input />
        </Form.Item>
        {save.isError && <ErrorNotice error={save.error} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="finding-save">
            {t('save')}
          </Button>
          <Button onClick={onClose}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
