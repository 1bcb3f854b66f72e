/**
 * Workspace section `disclosures`: the register of what a commune made public (with evidence and the
 * public copy), the compliance board per commune and item for a year, and the items the law requires.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Drawer,
  Empty,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInVietnam } from '../../../core/i18n/format';
import { api, apiGet } from '../api/client';
import { ErrorNotice } from '../components/ErrorNotice';
import { useFormat } from '../format';
import { useIsPhone } from '../hooks';
import type { SectionPageProps } from '../workspace/sections';
import {
  type ComplianceBoard,
  type ComplianceStatus,
  type Disclosure,
  type DisclosureType,
  postForm,
  STATUS_COLOR,
  useTypesQuery,
} from './api';
import { type UnitChoice, useUnitChoices } from './units';
import './disclosures.css';

const PLACES = ['commune_office', 'village_hall', 'loudspeaker', 'website', 'meeting', 'other'] as const;

function years(): number[] {
  const y = Number(todayInVietnam().slice(0, 4));
  return [y + 1, y, y - 1, y - 2, y - 3];
}

export function StatusTag({ status }: { status: ComplianceStatus }) {
  const { t } = useTranslation('disclosures');
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={`status-${status}`} style={{ marginInlineEnd: 0 }}>
      {t(`status.${status}`)}
    </Tag>
  );
}

const typeName = (t: DisclosureType | undefined, lang: string) => (t ? (lang === 'en' ? t.nameEn : t.nameVi) : '');
const unitLabel = (u: UnitChoice, lang: string) => (lang === 'en' ? u.nameEn || u.nameVi : u.nameVi);

export default function DisclosuresSection({ me }: SectionPageProps) {
  const { t } = useTranslation('disclosures');
  const fmt = useFormat();
  const { units } = useUnitChoices(me);
  const [unitId, setUnitId] = useState<string | undefined>();
  const [year, setYear] = useState(Number(todayInVietnam().slice(0, 4)));
  useEffect(() => {
    if (!unitId && units[0]) setUnitId(units[0].id);
  }, [unitId, units]);
  const canWrite = me.roles.some((r) => r.role !== 'viewer');

  return (
    <div>
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 26 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('lead')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="disc-unit" style={{ fontWeight: 600 }}>
          {t('unit')}
        </label>
        <Select
          id="disc-unit"
          data-testid="disc-unit"
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 240 }}
          value={unitId}
          onChange={setUnitId}
          options={units.map((u) => ({ value: u.id, label: unitLabel(u, fmt.lang) }))}
        />
        <label htmlFor="disc-year" style={{ fontWeight: 600 }}>
          {t('year')}
        </label>
        <Select
          id="disc-year"
          value={year}
          onChange={setYear}
          options={years().map((y) => ({ value: y, label: String(y) }))}
        />
      </Space>
      {unitId && (
        <Tabs
          destroyOnHidden
          items={[
            {
              key: 'register',
              label: t('tabs.register'),
              children: <Register unitId={unitId} year={year} units={units} canWrite={canWrite} />,
            },
            { key: 'board', label: t('tabs.board'), children: <Board unitId={unitId} year={year} /> },
            { key: 'kinds', label: t('tabs.kinds'), children: <Kinds /> },
          ]}
        />
      )}
    </div>
  );
}

function Register({
  unitId,
  year,
  units,
  canWrite,
}: {
  unitId: string;
  year: number;
  units: UnitChoice[];
  canWrite: boolean;
}) {
  const { t } = useTranslation('disclosures');
  const fmt = useFormat();
  const qc = useQueryClient();
  const [typeId, setTypeId] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const types = useQuery(useTypesQuery());
  const typeById = useMemo(() => new Map((types.data?.items ?? []).map((x) => [x.id, x])), [types.data]);
  const list = useQuery({
    queryKey: ['disclosures', 'list', unitId, year, typeId],
    queryFn: () => apiGet<{ items: Disclosure[] }>('/api/disclosures', { unitId, year, typeId }),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['disclosures'] });
  const end = useMutation({
    mutationFn: (d: Disclosure) => api('PATCH', `/api/disclosures/${d.id}`, { postedUntil: todayInVietnam() }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (d: Disclosure) => api('DELETE', `/api/disclosures/${d.id}`),
    onSuccess: () => {
      setNotice(t('deleted'));
      return refresh();
    },
  });

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          aria-label={t('kind')}
          placeholder={t('allKinds')}
          style={{ minWidth: 260 }}
          value={typeId}
          onChange={setTypeId}
          options={(types.data?.items ?? []).map((x) => ({ value: x.id, label: typeName(x, fmt.lang) }))}
        />
        {canWrite && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="disc-add">
            {t('add')}
          </Button>
        )}
      </Space>
      {notice && (
        <Alert
          type="success"
          showIcon
          title={notice}
          closable={{ onClose: () => setNotice(null) }}
          style={{ marginBottom: 12 }}
        />
      )}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => list.refetch()} />}
      {(end.isError || remove.isError) && <ErrorNotice error={end.error ?? remove.error} />}
      <Typography.Text type="secondary">{t('count', { count: list.data?.items.length ?? 0 })}</Typography.Text>
      {list.data && list.data.items.length === 0 && <Empty description={t('empty')} />}
      <div className="disc-list" data-testid="disc-list">
        {list.data?.items.map((d) => (
          <Card key={d.id} size="small" className="disc-card" data-testid="disc-item">
            <div className="disc-card-head">
              <strong>{d.title}</strong>
              <StatusTag status={d.compliance.status} />
            </div>
            <div className="disc-meta">
              {typeName(typeById.get(d.typeId), fmt.lang)} · {fmt.lang === 'en' ? d.unitNameEn : d.unitNameVi} ·{' '}
              {t('period')} {d.period}
            </div>
            <div className="disc-meta">
              {d.postedUntil
                ? t('portal.postedFromTo', { from: fmt.date(d.postedFrom), to: fmt.date(d.postedUntil) })
                : t('portal.postedSince', { date: fmt.date(d.postedFrom) })}{' '}
              ·{' '}
              {t('postedDays', {
                days: fmt.number(d.compliance.postedDays),
                required: fmt.number(d.compliance.requiredDays),
              })}
            </div>
            <div className="disc-meta">
              {d.places.map((p) => t(`place.${p as (typeof PLACES)[number]}`)).join(', ')}
            </div>
            <Space wrap size={[6, 6]} style={{ marginTop: 6 }}>
              {d.published ? <Tag color="geekblue">{t('publicBadge')}</Tag> : <Tag>{t('internalBadge')}</Tag>}
              {[...d.evidence, ...d.publicCopies].map((f) => (
                <a key={f.id} href={`/api/disclosures/${d.id}/files/${f.id}`} target="_blank" rel="noreferrer">
                  {f.filename}
                </a>
              ))}
            </Space>
            {canWrite && (
              <Space wrap style={{ marginTop: 8 }}>
                {!d.postedUntil && (
                  <Button
                    size="small"
                    onClick={() => end.mutate(d)}
                    loading={end.isPending && end.variables?.id === d.id}
                  >
                    {t('endPosting')}
                  </Button>
                )}
                <Popconfirm
                  title={t('confirmDelete')}
                  onConfirm={() => remove.mutate(d)}
                  okText={t('delete')}
                  cancelText={t('cancel')}
                >
                  <Button size="small" danger>
                    {t('delete')}
                  </Button>
                </Popconfirm>
              </Space>
            )}
          </Card>
        ))}
      </div>
      <DisclosureForm
        open={open}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          setNotice(t('saved'));
          void refresh();
        }}
        unitId={unitId}
        year={year}
        units={units}
        types={(types.data?.items ?? []).filter((x) => x.active)}
      />
    </div>
  );
}

interface FormValues {
  unitId: string;
  typeId: string;
  title: string;
  period: string;
  places: string[];
  placeNote?: string;
  postedFrom: string;
  postedUntil?: string;
  periodEnd?: string;
  summary?: string;
  published: boolean;
  redacted: boolean;
}

function DisclosureForm(props: {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
  unitId: string;
  year: number;
  units: UnitChoice[];
  types: DisclosureType[];
}) {
  const { t } = useTranslation('disclosures');
  const fmt = useFormat();
  const phone = useIsPhone();
  const [form] = Form.useForm<FormValues>();
  const [evidence, setEvidence] = useState<File[]>([]);
  const [publicCopy, setPublicCopy] = useState<File[]>([]);
  const typeId = Form.useWatch('typeId', form);
  const published = Form.useWatch('published', form);
  const places = Form.useWatch('places', form) ?? [];
  const type = props.types.find((x) => x.id === typeId);
  useEffect(() => {
    if (props.open) {
      form.resetFields();
      setEvidence([]);
      setPublicCopy([]);
    }
  }, [props.open, form]);
  useEffect(() => {
    // Lists that name people are not published unless the officer says otherwise.
    if (type) form.setFieldValue('published', !type.personalData);
  }, [type, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const data = new FormData();
      data.set(
        'data',
        JSON.stringify({
          ...v,
          placeNote: v.placeNote || null,
          postedUntil: v.postedUntil || null,
          periodEnd: v.periodEnd || null,
          summary: v.summary || null,
          redacted: !!v.redacted,
        }),
      );
      for (const f of evidence) data.append('evidence', f, f.name);
      for (const f of publicCopy) data.append('publicCopy', f, f.name);
      return postForm<Disclosure>('/api/disclosures', data);
    },
    onSuccess: props.onSaved,
  });

  return (
    <Drawer open={props.open} onClose={props.onClose} title={t('add')} size={phone ? '100%' : 560} destroyOnHidden>
      <Form<FormValues>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{
          unitId: props.unitId,
          period: String(props.year),
          places: ['commune_office'],
          postedFrom: todayInVietnam(),
          published: true,
          redacted: false,
        }}
        onFinish={(v) => save.mutate(v)}
        data-testid="disc-form"
      >
        <Form.Item name="unitId" label={t('unit')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={props.units.map((u) => ({ value: u.id, label: unitLabel(u, fmt.lang) }))}
          />
        </Form.Item>
        <Form.Item name="typeId" label={t('kind')} rules={[{ required: true }]}>
          <Select
            data-testid="disc-type"
            options={props.types.map((x) => ({ value: x.id, label: typeName(x, fmt.lang) }))}
          />
        </Form.Item>
        {type && (
          <Alert
            type={type.personalData ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            title={type.rule.kind === 'days' ? t('rule.days', { days: type.rule.days }) : t('rule.throughout')}
            description={`${t('legalBasis')}: ${fmt.lang === 'en' ? type.legalBasisEn : type.legalBasisVi}${type.personalData ? `. ${t('personalDataWarning')}` : ''}`}
          />
        )}
        <Form.Item name="title" label={t('titleField')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="disc-title" maxLength={300} />
        </Form.Item>
        <Form.Item name="period" label={t('period')} extra={t('periodHint')} rules={[{ required: true }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="places" label={t('places')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group className="disc-places" options={PLACES.map((p) => ({ value: p, label: t(`place.${p}`) }))} />
        </Form.Item>
        {places.includes('other') && (
          <Form.Item name="placeNote" label={t('placeNote')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={300} />
          </Form.Item>
        )}
        <Form.Item name="postedFrom" label={t('postedFrom')} rules={[{ required: true }]}>
          <Input type="date" data-testid="disc-from" />
        </Form.Item>
        <Form.Item name="postedUntil" label={t('postedUntil')} extra={t('postedUntilHint')}>
          <Input type="date" data-testid="disc-until" />
        </Form.Item>
        {type?.rule.kind === 'throughout' && (
          <Form.Item name="periodEnd" label={t('periodEnd')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
        )}
        <Form.Item name="summary" label={t('summary')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item label={t('evidence')} extra={t('evidenceHint')}>
          <input
            type="file"
            multiple
            accept="image/*,.pdf,.docx,.xlsx"
            aria-label={t('evidence')}
            data-testid="disc-evidence"
            onChange={(e) => setEvidence([...(e.target.files ?? [])])}
          />
        </Form.Item>
        <Form.Item name="published" valuePropName="checked">
          <Checkbox data-testid="disc-published">{t('published')}</Checkbox>
        </Form.Item>
        {published && (
          <Form.Item label={t('publicCopy')} extra={t('publicCopyHint')}>
            <input
              type="file"
              accept="image/*,.pdf,.docx,.xlsx"
              aria-label={t('publicCopy')}
              onChange={(e) => setPublicCopy([...(e.target.files ?? [])])}
            />
          </Form.Item>
        )}
        {published && type?.personalData && (
          <Form.Item
            name="redacted"
            valuePropName="checked"
            rules={[
              { validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('personalDataWarning')))) },
            ]}
          >
            <Checkbox>{t('redacted')}</Checkbox>
          </Form.Item>
        )}
        {save.isError && <ErrorNotice error={save.error} />}
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="disc-save">
            {t('save')}
          </Button>
          <Button onClick={props.onClose}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}

function Board({ unitId, year }: { unitId: string; year: number }) {
  const { t } = useTranslation('disclosures');
  const fmt = useFormat();
  const board = useQuery({
    queryKey: ['disclosures', 'board', unitId, year],
    queryFn: () => apiGet<ComplianceBoard>('/api/disclosures/compliance', { unitId, year }),
  });
  if (board.isError) return <ErrorNotice error={board.error} onRetry={() => board.refetch()} />;
  const b = board.data;
  const cell = new Map((b?.cells ?? []).map((c) => [`${c.unitId}|${c.typeId}`, c.status]));
  return (
    <div>
      {b && (
        <Typography.Paragraph type="secondary">
          {t('boardLead', { year: b.year, date: fmt.date(b.today) })}
        </Typography.Paragraph>
      )}
      {b && b.units.length === 1 ? (
        <Table
          data-testid="disc-board"
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={b.types}
          columns={[
            { title: t('kind'), key: 'kind', render: (_, ty) => typeName(ty, fmt.lang) },
            {
              title: fmt.lang === 'en' ? b.units[0]?.nameEn : b.units[0]?.nameVi,
              key: 'status',
              render: (_, ty) => {
                const s = cell.get(`${b.units[0]?.id}|${ty.id}`);
                return s ? <StatusTag status={s} /> : null;
              },
            },
          ]}
        />
      ) : (
        <Table
          data-testid="disc-board"
          size="small"
          loading={board.isPending}
          rowKey="id"
          pagination={false}
          scroll={{ x: 160 + 150 * (b?.types.length ?? 0) }}
          dataSource={b?.units ?? []}
          columns={[
            {
              title: t('unit'),
              key: 'unit',
              fixed: 'left',
              width: 160,
              render: (_, u) => (fmt.lang === 'en' ? u.nameEn : u.nameVi),
            },
            ...(b?.types ?? []).map((ty) => ({
              title: typeName(ty, fmt.lang),
              key: ty.id,
              width: 150,
              render: (_: unknown, u: { id: string }) => {
                const s = cell.get(`${u.id}|${ty.id}`);
                return s ? <StatusTag status={s} /> : null;
              },
            })),
          ]}
          summary={() =>
            b && b.units.length > 1 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <strong>{t('boardTotals')}</strong>
                </Table.Summary.Cell>
                {b.types.map((ty, i) => (
                  <Table.Summary.Cell index={i + 1} key={ty.id}>
                    {t('status.complete')}: {fmt.number(b.totals[ty.id]?.complete ?? 0)}/{fmt.number(b.units.length)}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
    </div>
  );
}

function Kinds() {
  const { t } = useTranslation('disclosures');
  const fmt = useFormat();
  const types = useQuery(useTypesQuery());
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('configurable')}</Typography.Paragraph>
      <div className="disc-list">
        {types.data?.items.map((ty) => (
          <Card key={ty.id} size="small" className="disc-card">
            <strong>{typeName(ty, fmt.lang)}</strong>
            <div className="disc-meta">
              {ty.rule.kind === 'days' ? t('rule.days', { days: ty.rule.days }) : t('rule.throughout')}
            </div>
            <div className="disc-meta">
              {t('legalBasis')}: {fmt.lang === 'en' ? ty.legalBasisEn : ty.legalBasisVi}
            </div>
            <div className="disc-meta">
              {t('papi')}: {ty.papi.map((p) => `${p.subdimension} (${p.indicators.join(', ')})`).join('; ')}
            </div>
            {ty.personalData && <Tag color="orange">{t('personalData')}</Tag>}
          </Card>
        ))}
      </div>
    </div>
  );
}
