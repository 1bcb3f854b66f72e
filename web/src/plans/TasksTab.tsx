/**
 * The plan's task appendix: PAPI tags, lead unit (chủ trì), cooperating units (phối hợp), deadline,
 * status, progress; a cascaded task opens to show each lower unit's child task and its state.
 */
import { ApartmentOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Table, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { useFormat } from '../format';
import { useIsPhone } from '../hooks';
import { type PlanDetail, type TaskDto, useTask } from './api';
import { CascadeDialog } from './CascadeDialog';
import { PapiTags, ProgressBar, TaskStatusTag, taskUnitName } from './labels';
import { TaskDialog } from './TaskForm';

/** How many lower units a task was cascaded to. */
export const childCountOf = (task: TaskDto): number => task.childCount;

/** States of the child tasks of one cascaded task, one row per lower unit. */
export function ChildStates({ taskId }: { taskId: string }) {
  const { t } = useTranslation('plans');
  const fmt = useFormat();
  const task = useTask(taskId);
  if (task.isError) return <ErrorNotice error={task.error} onRetry={() => task.refetch()} />;
  return (
    <Table<TaskDto>
      data-testid={`children-of-${taskId}`}
      rowKey="id"
      size="small"
      loading={task.isPending}
      pagination={false}
      dataSource={task.data?.children ?? []}
      locale={{ emptyText: t('ui.noChildren') }}
      onRow={(c) => ({ 'data-unit-id': c.unitId }) as object}
      columns={[
        {
          title: t('ui.childUnit'),
          key: 'unit',
          render: (_, c) => <Link to={`/workspace/plans/tasks/${c.id}`}>{taskUnitName(c, fmt.lang)}</Link>,
        },
        { title: t('ui.status'), key: 'status', render: (_, c) => <TaskStatusTag status={c.status} /> },
        {
          title: t('ui.progress'),
          key: 'progress',
          width: 160,
          render: (_, c) => <ProgressBar percent={c.progress} />,
        },
        {
          title: t('ui.dueDate'),
          key: 'due',
          render: (_, c) => (c.dueDate ? fmt.date(c.dueDate) : '—'),
        },
      ]}
    />
  );
}

export function TasksTab({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation('plans');
  const fmt = useFormat();
  const phone = useIsPhone();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<TaskDto | undefined>();
  const [cascading, setCascading] = useState<TaskDto | undefined>();
  // Tasks are added and edited in a draft and an issued plan alike (cascades arrive in issued plans too).
  const writable = plan.canEdit && plan.status !== 'closed';
  const editable = writable;
  // Cascading needs lower units: a commune (level 2) has none.
  const canCascade = writable && plan.unit.level <= 1 && (plan.status === 'issued' || plan.status === 'amended');

  return (
    <div>
      {editable && (
        <Button
          icon={<PlusOutlined />}
          onClick={() => setAdding(true)}
          style={{ marginBottom: 12 }}
          data-testid="add-task"
        >
          {t('ui.addTask')}
        </Button>
      )}
      <div className="table-scroll">
        <Table<TaskDto>
          data-testid="task-table"
          rowKey="id"
          size="small"
          dataSource={plan.tasks}
          pagination={false}
          locale={{ emptyText: t('ui.noTasks') }}
          onRow={(task) => ({ 'data-task-id': task.id, 'data-title': task.title }) as object}
          expandable={{
            rowExpandable: (task) => childCountOf(task) > 0,
            expandedRowRender: (task) => <ChildStates taskId={task.id} />,
            columnTitle: <span className="sr-only">{t('ui.childTasks')}</span>,
          }}
          columns={[
            { title: '#', dataIndex: 'position', key: 'position', width: 44 },
            {
              title: t('ui.task'),
              key: 'title',
              render: (_, task) => (
                <div style={{ minWidth: phone ? 160 : 220 }}>
                  <Link to={`/workspace/plans/tasks/${task.id}`} className="plans-link">
                    {task.title}
                  </Link>
                  <div style={{ marginTop: 4 }}>
                    <PapiTags dimension={task.dimension} subdimension={task.subdimension} indicator={task.indicator} />
                  </div>
                  {childCountOf(task) > 0 && (
                    <div className="plans-sub">{t('ui.cascadedTo', { count: childCountOf(task) })}</div>
                  )}
                </div>
              ),
            },
            ...(phone
              ? []
              : [
                  {
                    title: t('ui.leadUnit'),
                    key: 'lead',
                    render: (_: unknown, task: TaskDto) => task.leadUnitName || '—',
                  },
                  {
                    title: t('ui.cooperating'),
                    key: 'coop',
                    render: (_: unknown, task: TaskDto) => task.cooperating.map((c) => c.name).join('; ') || '—',
                  },
                ]),
            {
              title: t('ui.dueDate'),
              key: 'due',
              render: (_, task) => (task.dueDate ? fmt.date(task.dueDate) : '—'),
            },
            { title: t('ui.status'), key: 'status', render: (_, task) => <TaskStatusTag status={task.status} /> },
            {
              title: t('ui.progress'),
              key: 'progress',
              width: 150,
              render: (_, task) => <ProgressBar percent={task.progress} testId={`progress-${task.id}`} />,
            },
            ...(writable
              ? [
                  {
                    title: <span className="sr-only">{t('ui.actions')}</span>,
                    key: 'actions',
                    render: (_: unknown, task: TaskDto) => (
                      <div style={{ display: 'flex', gap: 4 }}>
                        {editable && (
                          <Tooltip title={t('ui.editTask')}>
                            <Button
                              type="text"
                              icon={<EditOutlined />}
                              aria-label={`${t('ui.editTask')}: ${task.title}`}
                              onClick={() => setEditing(task)}
                            />
                          </Tooltip>
                        )}
                        {canCascade && !task.parentTaskId && (
                          <Button
                            size="small"
                            icon={<ApartmentOutlined />}
                            onClick={() => setCascading(task)}
                            data-testid={`cascade-${task.id}`}
                          >
                            {t('ui.cascade')}
                          </Button>
                        )}
                      </div>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </div>
      <TaskDialog planId={plan.id} open={adding} onClose={() => setAdding(false)} />
      {editing && <TaskDialog planId={plan.id} task={editing} open onClose={() => setEditing(undefined)} />}
      {cascading && <CascadeDialog plan={plan} task={cascading} onClose={() => setCascading(undefined)} />}
    </div>
  );
}
