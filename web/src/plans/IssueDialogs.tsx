/** Issue a draft (số, ký hiệu, ngày, người ký) and amend an issued plan (lý do điều chỉnh + changes). */
import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { todayInVietnam } from '../../../core/i18n/format';
import { describeError } from '../api/errors';
import { type PlanDetail, post, useWrite } from './api';

interface IssueValues {
  number: string;
  symbol: string;
  issuedDate: Dayjs;
  signerName: string;
  signerTitle: string;
}

export function IssueDialog({ plan, open, onClose }: { plan: PlanDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('plans');
  const { message } = App.useApp();
  const [form] = Form.useForm<IssueValues>();
  const issue = useWrite((v: IssueValues) =>
    post(`/api/plans/${encodeURIComponent(plan.id)}/issue`, {
      number: v.number.trim(),
      symbol: v.symbol.trim(),
      issuedDate: v.issuedDate.format('YYYY-MM-DD'),
      signerName: v.signerName.trim(),
      signerTitle: v.signerTitle.trim(),
    }),
  );
  const required = [{ required: true, whitespace: true, message: t('ui.required') }];
  return (
    <Modal
      open={open}
      title={t('ui.issueTitle')}
      okText={t('ui.issue')}
      cancelText={t('ui.cancel')}
      confirmLoading={issue.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'issue-confirm' }}
    >
      <Form<IssueValues>
        form={form}
        layout="vertical"
        name="issue"
        data-testid="issue-form"
        initialValues={{
          number: plan.number ?? '',
          symbol: plan.symbol ?? 'KH-UBND',
          issuedDate: dayjs(plan.issuedDate ?? todayInVietnam()),
          signerName: plan.signerName ?? '',
          signerTitle: plan.signerTitle ?? '',
        }}
        onFinish={(v) =>
          issue.mutate(v, {
            onSuccess: () => {
              void message.success(t('ui.issued'));
              onClose();
            },
            onError: (err) => void message.error(describeError(err)),
          })
        }
      >
        <div className="plans-grid2">
          <Form.Item name="number" label={t('ui.number')} rules={required}>
            <Input inputMode="numeric" />
          </Form.Item>
          <Form.Item name="symbol" label={t('ui.symbol')} rules={required}>
            <Input />
          </Form.Item>
        </div>
        <Form.Item name="issuedDate" label={t('ui.issuedDate')} rules={[{ required: true, message: t('ui.required') }]}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="signerTitle" label={t('ui.signerTitle')} rules={required}>
          <Input placeholder={t('ui.signerTitleExample')} />
        </Form.Item>
        <Form.Item name="signerName" label={t('ui.signerName')} rules={required}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface AmendValues {
  reason: string;
  title: string;
  purpose: string;
  organisation: string;
}

export function AmendDialog({ plan, open, onClose }: { plan: PlanDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('plans');
  const { message } = App.useApp();
  const [form] = Form.useForm<AmendValues>();
  const amend = useWrite((v: AmendValues) => {
    const changes: Record<string, string> = {};
    if (v.title !== plan.title) changes.title = v.title;
    if (v.purpose !== plan.purpose) changes.purpose = v.purpose;
    if (v.organisation !== plan.organisation) changes.organisation = v.organisation;
    return post(`/api/plans/${encodeURIComponent(plan.id)}/amend`, { reason: v.reason.trim(), changes });
  });
  return (
    <Modal
      open={open}
      title={t('ui.amendTitle')}
      okText={t('ui.amend')}
      cancelText={t('ui.cancel')}
      confirmLoading={amend.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={720}
    >
      <Form<AmendValues>
        form={form}
        name="amend"
        layout="vertical"
        initialValues={{ reason: '', title: plan.title, purpose: plan.purpose, organisation: plan.organisation }}
        onFinish={(v) =>
          amend.mutate(v, {
            onSuccess: () => {
              void message.success(t('ui.amended'));
              onClose();
            },
            onError: (err) => void message.error(describeError(err)),
          })
        }
      >
        <Form.Item
          name="reason"
          label={t('ui.amendReason')}
          rules={[{ required: true, whitespace: true, message: t('ui.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="title" label={t('ui.planTitle')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Form.Item name="purpose" label={t('ui.purpose')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="organisation" label={t('ui.organisation')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
