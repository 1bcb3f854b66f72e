/** Add or edit one task (nhiệm vụ) of a plan: PAPI tags, lead and cooperating units, dates, output. */
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/errors';
import { DIMENSIONS, patch, post, type TaskDto, type TaskInput, useWrite } from './api';

interface Values {
  title: string;
  description: string;
  dimension: number | null;
  subdimension: string;
  indicator: string;
  leadUnitName: string;
  cooperating: string[];
  startDate: Dayjs | null;
  dueDate: Dayjs | null;
  expectedOutput: string;
}

const toInput = (v: Values, task?: TaskDto): TaskInput => ({
  title: v.title.trim(),
  description: v.description ?? '',
  dimension: v.dimension ?? null,
  subdimension: v.subdimension?.trim() || null,
  indicator: v.indicator?.trim() || null,
  leadUnitName: v.leadUnitName.trim(),
  // Keep the unit links of cooperating units that stay; new names are free text.
  cooperating: (v.cooperating ?? []).map(
    (name) => task?.cooperating.find((c) => c.name === name) ?? { unitId: null, name },
  ),
  startDate: v.startDate ? v.startDate.format('YYYY-MM-DD') : null,
  dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
  expectedOutput: v.expectedOutput ?? '',
});

export function TaskFields() {
  const { t } = useTranslation('plans');
  const required = [{ required: true, whitespace: true, message: t('ui.required') }];
  return (
    <>
      <Form.Item name="title" label={t('ui.taskTitle')} rules={required}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Form.Item name="description" label={t('ui.description')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <div className="plans-grid3">
        <Form.Item name="dimension" label={t('ui.dimension')}>
          <Select
            options={[
              { value: null, label: t('ui.crossCutting') },
              ...DIMENSIONS.map((d) => ({
                value: d,
                label: `D${d}. ${t(`ui.dimensions.d${d}` as 'ui.dimensions.d1')}`,
              })),
            ]}
          />
        </Form.Item>
        <Form.Item name="subdimension" label={t('ui.subdimension')}>
          <Input placeholder="2.1" />
        </Form.Item>
        <Form.Item name="indicator" label={t('ui.indicator')}>
          <Input />
        </Form.Item>
      </div>
      <Form.Item name="leadUnitName" label={t('ui.leadUnit')} rules={required}>
        <Input />
      </Form.Item>
      <Form.Item name="cooperating" label={t('ui.cooperating')} extra={t('ui.cooperatingHelp')}>
        <Select mode="tags" tokenSeparators={[';']} open={false} suffixIcon={null} />
      </Form.Item>
      <div className="plans-grid2">
        <Form.Item name="startDate" label={t('ui.startDate')}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="dueDate" label={t('ui.dueDate')}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <Form.Item name="expectedOutput" label={t('ui.expectedOutput')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
    </>
  );
}

/** Modal to add a task to `planId`, or edit `task` when given. */
export function TaskDialog({
  planId,
  task,
  open,
  onClose,
}: {
  planId: string;
  task?: TaskDto;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('plans');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useWrite((v: Values) =>
    task
      ? patch(`/api/tasks/${encodeURIComponent(task.id)}`, toInput(v, task))
      : post(`/api/plans/${encodeURIComponent(planId)}/tasks`, toInput(v)),
  );
  return (
    <Modal
      open={open}
      title={task ? t('ui.editTask') : t('ui.addTask')}
      okText={t('ui.save')}
      cancelText={t('ui.cancel')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={760}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name={task ? `task-${task.id}` : 'new-task'}
        data-testid="task-form"
        initialValues={{
          title: task?.title ?? '',
          description: task?.description ?? '',
          dimension: task?.dimension ?? null,
          subdimension: task?.subdimension ?? '',
          indicator: task?.indicator ?? '',
          leadUnitName: task?.leadUnitName ?? '',
          cooperating: task?.cooperating.map((c) => c.name) ?? [],
          startDate: task?.startDate ? dayjs(task.startDate) : null,
          dueDate: task?.dueDate ? dayjs(task.dueDate) : null,
          expectedOutput: task?.expectedOutput ?? '',
        }}
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: () => {
              void message.success(t('ui.saved'));
              onClose();
            },
            onError: (err) => void message.error(describeError(err)),
          })
        }
      >
        <TaskFields />
      </Form>
    </Modal>
  );
}
