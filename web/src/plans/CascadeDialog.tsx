/**
 * Cascade (giao nhiệm vụ cho cấp dưới): pick lower units of the plan's unit; each gets a child task in
 * its own plan of the year (a draft plan is created for a unit that has none).
 */
import { useQuery } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { todayInVietnam } from '../../../core/i18n/format';
import { foldVietnamese } from '../../../core/text/index';
import { apiGet } from '../api/client';
import { describeError } from '../api/errors';
import type { UnitDto, UnitList } from '../api/types';
import { unitName } from '../units';
import { type PlanDetail, post, type TaskDto, useTask, useWrite } from './api';

interface Values {
  unitIds: string[];
  dueDate: Dayjs | null;
  note: string;
}

export function CascadeDialog({ plan, task, onClose }: { plan: PlanDetail; task: TaskDto; onClose: () => void }) {
  const { t, i18n } = useTranslation('plans');
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'vi';
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const detail = useTask(task.id);
  const lower = useQuery({
    queryKey: ['units', 'children', plan.unitId, todayInVietnam()],
    queryFn: async () => {
      const res = await apiGet<UnitDto[] | UnitList>(`/api/units/${encodeURIComponent(plan.unitId)}/children`, {
        asOf: todayInVietnam(),
      });
      return Array.isArray(res) ? res : res.items;
    },
  });
  const already = new Set((detail.data?.children ?? []).map((c) => c.unitId));
  const cascade = useWrite((v: Values) =>
    post(`/api/tasks/${encodeURIComponent(task.id)}/cascade`, {
      unitIds: v.unitIds,
      ...(v.dueDate ? { dueDate: v.dueDate.format('YYYY-MM-DD') } : {}),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    }),
  );
  return (
    <Modal
      open
      title={t('ui.cascadeTitle')}
      okText={t('ui.cascade')}
      cancelText={t('ui.cancel')}
      confirmLoading={cascade.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'cascade-confirm' }}
    >
      <Typography.Paragraph>
        <strong>{task.title}</strong>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('ui.cascadeLead')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        name="cascade"
        data-testid="cascade-form"
        initialValues={{ unitIds: [], dueDate: task.dueDate ? dayjs(task.dueDate) : null, note: '' }}
        onFinish={(v) =>
          cascade.mutate(v, {
            onSuccess: () => {
              void message.success(t('ui.cascaded', { count: v.unitIds.length }));
              onClose();
            },
            onError: (err) => void message.error(describeError(err)),
          })
        }
      >
        <Form.Item
          name="unitIds"
          label={t('ui.lowerUnits')}
          rules={[{ required: true, type: 'array', min: 1, message: t('ui.pickUnits') }]}
        >
          <Select
            mode="multiple"
            data-testid="cascade-units"
            loading={lower.isPending}
            placeholder={t('ui.searchUnits')}
            showSearch={{
              filterOption: (input, option) =>
                foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input)),
            }}
            options={(lower.data ?? []).map((u) => ({
              value: u.id,
              label: unitName(u, lang),
              disabled: already.has(u.id),
            }))}
          />
        </Form.Item>
        <Form.Item name="dueDate" label={t('ui.dueDate')}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('ui.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
