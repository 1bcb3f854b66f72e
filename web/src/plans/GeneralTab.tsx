/**
 * General information of a plan: number and symbol, date, issuing body, signer, basis (căn cứ),
 * purpose and requirements, targets per dimension, communication, inspection, organisation,
 * recipients (nơi nhận). A draft is edited here; an issued plan changes only through "Amend".
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeError } from '../api/errors';
import { useFormat } from '../format';
import { useIsPhone } from '../hooks';
import { DIMENSIONS, type PlanDetail, type PlanTarget, patch, useWrite } from './api';
import { refName } from './labels';
import { planNumber } from './PlanList';

const lines = (s: string | undefined): string[] =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A target in words: "D2: rise in rank", "Total: stay in the best group". */
export function TargetText({
  target,
}: {
  target: Pick<PlanTarget, 'dimension' | 'kind' | 'comparator' | 'value' | 'group' | 'note'>;
}) {
  const { t } = useTranslation('plans');
  const scope = target.dimension === null ? t('ui.total') : `D${target.dimension}`;
  const group = target.group ? t(`ui.groups.${target.group}` as 'ui.groups.best') : '';
  const value = target.value ?? '';
  const text = t(`ui.targetText.${target.kind}_${target.comparator}` as 'ui.targetText.rank_rise', {
    value,
    group,
  });
  return (
    <span>
      <strong>{scope}</strong>: {text}
      {target.note ? ` — ${target.note}` : ''}
    </span>
  );
}

/** A target as the form holds it (the request body's shape, server/plans/schemas.ts TargetInput). */
interface TargetValues {
  dimension: number | null;
  kind: 'rank' | 'group' | 'score';
  comparator: 'rise' | 'keep' | 'at_least' | 'top';
  value: number | null;
  group: 'best' | 'high-average' | 'low-average' | 'poorest' | null;
  note: string | null;
}

interface GeneralValues {
  title: string;
  issuingBody: string;
  place: string;
  signerName: string;
  signerTitle: string;
  basis: string;
  purpose: string;
  requirements: string;
  communication: string;
  inspection: string;
  organisation: string;
  recipients: string;
  targets: TargetValues[];
}

export function GeneralTab({ plan, editable }: { plan: PlanDetail; editable: boolean }) {
  const { t } = useTranslation('plans');
  const fmt = useFormat();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const [form] = Form.useForm<GeneralValues>();
  const save = useWrite((v: GeneralValues) =>
    patch(`/api/plans/${encodeURIComponent(plan.id)}`, {
      title: v.title,
      issuingBody: v.issuingBody,
      place: v.place || null,
      signerName: v.signerName || null,
      signerTitle: v.signerTitle || null,
      basis: lines(v.basis),
      purpose: v.purpose ?? '',
      requirements: v.requirements ?? '',
      communication: v.communication ?? '',
      inspection: v.inspection ?? '',
      organisation: v.organisation ?? '',
      recipients: lines(v.recipients),
      targets: (v.targets ?? []).map((x) => ({
        dimension: x.dimension ?? null,
        kind: x.kind,
        comparator: x.comparator,
        value: x.value ?? null,
        group: x.kind === 'group' ? (x.group ?? null) : null,
        note: x.note || null,
      })),
    }),
  );

  const parent = plan.parentPlan;
  const basisItems = [
    ...(parent
      ? [
          <li key="parent">
            <Link to={`/workspace/plans/${parent.id}`}>
              {t('ui.parentPlanRef', {
                number: planNumber(parent),
                date: parent.issuedDate ? fmt.date(parent.issuedDate) : '—',
              })}
            </Link>
          </li>,
        ]
      : []),
    ...plan.basis.map((b) => <li key={b}>{b}</li>),
  ];

  if (!editable) {
    return (
      <div data-testid="plan-general">
        <Descriptions
          bordered
          size="small"
          column={1}
          layout={phone ? 'vertical' : 'horizontal'}
          styles={{ label: phone ? { fontWeight: 600 } : { width: 200 } }}
          items={[
            { key: 'unit', label: t('ui.unit'), children: refName(plan.unit, fmt.lang) },
            { key: 'number', label: t('ui.numberSymbol'), children: planNumber(plan) },
            { key: 'date', label: t('ui.issuedDate'), children: plan.issuedDate ? fmt.date(plan.issuedDate) : '—' },
            { key: 'body', label: t('ui.issuingBody'), children: plan.issuingBody || '—' },
            {
              key: 'signer',
              label: t('ui.signer'),
              children: plan.signerName ? `${plan.signerTitle ?? ''} ${plan.signerName}`.trim() : '—',
            },
            {
              key: 'basis',
              label: t('ui.basis'),
              children: basisItems.length ? <ul className="plans-ul">{basisItems}</ul> : '—',
            },
            { key: 'purpose', label: t('ui.purpose'), children: <Pre text={plan.purpose} /> },
            { key: 'req', label: t('ui.requirements'), children: <Pre text={plan.requirements} /> },
            {
              key: 'targets',
              label: t('ui.targets'),
              children: plan.targets.length ? (
                <ul className="plans-ul" data-testid="plan-targets">
                  {plan.targets.map((x, i) => (
                    // Targets have no id of their own in the DTO; their order is their identity.
                    // biome-ignore lint/suspicious/noArrayIndexKey: positional list
                    <li key={i}>
                      <TargetText target={x} />
                    </li>
                  ))}
                </ul>
              ) : (
                '—'
              ),
            },
            { key: 'comm', label: t('ui.communication'), children: <Pre text={plan.communication} /> },
            { key: 'insp', label: t('ui.inspection'), children: <Pre text={plan.inspection} /> },
            { key: 'org', label: t('ui.organisation'), children: <Pre text={plan.organisation} /> },
            {
              key: 'recipients',
              label: t('ui.recipients'),
              children: plan.recipients.length ? (
                <ul className="plans-ul">
                  {plan.recipients.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              ) : (
                '—'
              ),
            },
          ]}
        />
      </div>
    );
  }

  return (
    <Form<GeneralValues>
      form={form}
      layout="vertical"
      name="general"
      data-testid="plan-general-form"
      style={{ maxWidth: 860 }}
      initialValues={{
        title: plan.title,
        issuingBody: plan.issuingBody,
        place: plan.place ?? '',
        signerName: plan.signerName ?? '',
        signerTitle: plan.signerTitle ?? '',
        basis: plan.basis.join('\n'),
        purpose: plan.purpose,
        requirements: plan.requirements,
        communication: plan.communication,
        inspection: plan.inspection,
        organisation: plan.organisation,
        recipients: plan.recipients.join('\n'),
        targets: plan.targets.map((x) => ({
          dimension: x.dimension,
          kind: x.kind as TargetValues['kind'],
          comparator: x.comparator as TargetValues['comparator'],
          value: x.value,
          group: x.group as TargetValues['group'],
          note: x.note,
        })),
      }}
      onFinish={(v) =>
        save.mutate(v, {
          onSuccess: () => void message.success(t('ui.saved')),
          onError: (err) => void message.error(describeError(err)),
        })
      }
    >
      <Form.Item name="title" label={t('ui.planTitle')} rules={[{ required: true, message: t('ui.required') }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
      </Form.Item>
      <div className="plans-grid2">
        <Form.Item
          name="issuingBody"
          label={t('ui.issuingBody')}
          rules={[{ required: true, message: t('ui.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="place" label={t('ui.place')}>
          <Input />
        </Form.Item>
        <Form.Item name="signerTitle" label={t('ui.signerTitle')}>
          <Input />
        </Form.Item>
        <Form.Item name="signerName" label={t('ui.signerName')}>
          <Input />
        </Form.Item>
      </div>
      {parent && (
        <Typography.Paragraph type="secondary">
          {t('ui.parentPlanRef', {
            number: planNumber(parent),
            date: parent.issuedDate ? fmt.date(parent.issuedDate) : '—',
          })}
        </Typography.Paragraph>
      )}
      <Form.Item name="basis" label={t('ui.basis')} extra={t('ui.onePerLine')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Form.Item name="purpose" label={t('ui.purpose')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
      </Form.Item>
      <Form.Item name="requirements" label={t('ui.requirements')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
      </Form.Item>

      <Typography.Title level={2} className="plans-h2">
        {t('ui.targets')}
      </Typography.Title>
      <Form.List name="targets">
        {(fields, { add, remove }) => (
          <div data-testid="targets-editor">
            {fields.map((field) => (
              <Space key={field.key} wrap align="start" className="plans-target-row">
                <Form.Item name={[field.name, 'dimension']} label={t('ui.scope')}>
                  <Select
                    style={{ width: 170 }}
                    options={[
                      { value: null, label: t('ui.total') },
                      ...DIMENSIONS.map((d) => ({ value: d, label: `D${d}` })),
                    ]}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'kind']}
                  label={t('ui.targetKind')}
                  rules={[{ required: true, message: t('ui.required') }]}
                >
                  <Select
                    style={{ width: 120 }}
                    options={(['rank', 'group', 'score'] as const).map((k) => ({
                      value: k,
                      label: t(`ui.kinds.${k}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'comparator']}
                  label={t('ui.comparator')}
                  rules={[{ required: true, message: t('ui.required') }]}
                >
                  <Select
                    style={{ width: 160 }}
                    options={(['rise', 'keep', 'at_least', 'top'] as const).map((k) => ({
                      value: k,
                      label: t(`ui.comparators.${k}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'value']} label={t('ui.value')}>
                  <InputNumber style={{ width: 100 }} min={0} />
                </Form.Item>
                <Form.Item name={[field.name, 'group']} label={t('ui.group')}>
                  <Select
                    allowClear
                    style={{ width: 170 }}
                    options={(['best', 'high-average', 'low-average', 'poorest'] as const).map((g) => ({
                      value: g,
                      label: t(`ui.groups.${g}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'note']} label={t('ui.note')}>
                  <Input style={{ width: 260 }} />
                </Form.Item>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label={t('ui.removeTarget')}
                  onClick={() => remove(field.name)}
                  style={{ marginTop: 30 }}
                />
              </Space>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                add({ dimension: null, kind: 'rank', comparator: 'rise', value: null, group: null, note: null })
              }
              style={{ marginBottom: 16 }}
            >
              {t('ui.addTarget')}
            </Button>
          </div>
        )}
      </Form.List>

      <Form.Item name="communication" label={t('ui.communication')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Form.Item name="inspection" label={t('ui.inspection')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Form.Item name="organisation" label={t('ui.organisation')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Form.Item name="recipients" label={t('ui.recipients')} extra={t('ui.onePerLine')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-general">
        {t('ui.save')}
      </Button>
    </Form>
  );
}

/** Multi-line text as written (paragraphs kept). */
export function Pre({ text }: { text: string | null | undefined }) {
  if (!text) return <>—</>;
  return <div style={{ whiteSpace: 'pre-wrap' }}>{text}</div>;
}
