/** Content of the plan per PAPI dimension D1–D8 (nội dung theo từng lĩnh vực). */
import { App, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/errors';
import { DIMENSIONS, type PlanDetail, patch, useWrite } from './api';
import { Pre } from './GeneralTab';

type Values = Record<`d${number}`, string>;

export function ContentTab({ plan, editable }: { plan: PlanDetail; editable: boolean }) {
  const { t } = useTranslation('plans');
  const { message } = App.useApp();
  const contentOf = (d: number) => plan.sections.find((s) => s.dimension === d)?.content ?? '';
  const save = useWrite((v: Values) =>
    patch(`/api/plans/${encodeURIComponent(plan.id)}`, {
      sections: DIMENSIONS.map((d) => ({ dimension: d, content: v[`d${d}`] ?? '' })),
    }),
  );
  const dimName = (d: number) => `D${d}. ${t(`ui.dimensions.d${d}` as 'ui.dimensions.d1')}`;

  if (!editable) {
    return (
      <div data-testid="plan-content" className="plans-sections">
        {DIMENSIONS.map((d) => (
          <section key={d} aria-labelledby={`dim-${d}`}>
            <Typography.Title level={2} className="plans-h2" id={`dim-${d}`}>
              {dimName(d)}
            </Typography.Title>
            <Pre text={contentOf(d)} />
          </section>
        ))}
      </div>
    );
  }
  return (
    <Form<Values>
      layout="vertical"
      style={{ maxWidth: 860 }}
      name="content"
      data-testid="plan-content-form"
      initialValues={Object.fromEntries(DIMENSIONS.map((d) => [`d${d}`, contentOf(d)]))}
      onFinish={(v) =>
        save.mutate(v, {
          onSuccess: () => void message.success(t('ui.saved')),
          onError: (err) => void message.error(describeError(err)),
        })
      }
    >
      {DIMENSIONS.map((d) => (
        <Form.Item key={d} name={`d${d}`} label={dimName(d)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-content">
        {t('ui.save')}
      </Button>
    </Form>
  );
}
