/**
 * Import the task list from XLSX (the columns of the exported file). A refused file changes nothing;
 * every problem is listed with its sheet, row and column so the official can fix the spreadsheet.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Table, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { describeError } from '../api/errors';
import { postMultipart, UploadError, useWrite } from './api';

export interface ImportProblem {
  sheet: string;
  row: number | null;
  column: string;
  message: string;
}

const LOCATED =
  /^(?:(?<file>[^,]+?), )?sheet (?<sheet>.+?)(?:, row (?<row>\d+))?(?:, column (?<column>.+?))?: (?<message>.*)$/s;

/** The problems an import error names: a structured list when the server sends one, else the one located message. */
export function importProblems(err: unknown): ImportProblem[] {
  if (!(err instanceof ApiError)) return [];
  const body = err instanceof UploadError ? (err.body as Record<string, unknown> | undefined) : undefined;
  const list = body?.errors ?? body?.problems;
  if (Array.isArray(list)) {
    return list
      .filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null)
      .map((x) => ({
        sheet: String(x.sheet ?? ''),
        row: typeof x.row === 'number' ? x.row : null,
        column: String(x.column ?? ''),
        message: String(x.message ?? ''),
      }));
  }
  const m = LOCATED.exec(err.message);
  if (m?.groups) {
    return [
      {
        sheet: m.groups.sheet ?? '',
        row: m.groups.row ? Number(m.groups.row) : null,
        column: m.groups.column ?? '',
        message: m.groups.message ?? err.message,
      },
    ];
  }
  return [];
}

/** The import button; a refusal goes to `onRefused` (shown by ImportErrors below the toolbar). */
export function XlsxImport({ planId, onRefused }: { planId: string; onRefused: (err: unknown) => void }) {
  const { t } = useTranslation('plans');
  const { message } = App.useApp();
  const upload = useWrite((file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return postMultipart<{ imported?: number; created?: number; tasks?: unknown[] }>(
      `/api/plans/${encodeURIComponent(planId)}/tasks.xlsx`,
      form,
    );
  });
  return (
    <Upload
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      showUploadList={false}
      maxCount={1}
      beforeUpload={(file) => {
        onRefused(undefined);
        upload.mutate(file, {
          onSuccess: (res) => {
            const count = res?.imported ?? res?.created ?? res?.tasks?.length ?? 0;
            void message.success(t('ui.imported', { count }));
          },
          onError: (err) => onRefused(err),
        });
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="import-xlsx">
        {t('ui.importXlsx')}
      </Button>
    </Upload>
  );
}

export function ImportErrors({ error, onClose }: { error: unknown; onClose: () => void }) {
  const { t } = useTranslation('plans');
  if (error === undefined) return null;
  const problems = importProblems(error);
  return (
    <>
      {
        <div className="plans-import-errors" data-testid="import-errors">
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('ui.importRefused')}
            description={problems.length === 0 ? describeError(error) : t('ui.importNothingChanged')}
            closable={{ 'aria-label': t('ui.close'), onClose }}
          />
          {problems.length > 0 && (
            <div className="table-scroll">
              <Table<ImportProblem>
                size="small"
                rowKey={(p) => `${p.sheet}|${p.row}|${p.column}|${p.message}`}
                dataSource={problems}
                pagination={false}
                columns={[
                  { title: t('ui.sheet'), dataIndex: 'sheet', key: 'sheet' },
                  { title: t('ui.row'), key: 'row', render: (_, p) => p.row ?? '—' },
                  { title: t('ui.column'), dataIndex: 'column', key: 'column' },
                  { title: t('ui.problem'), dataIndex: 'message', key: 'message' },
                ]}
              />
            </div>
          )}
        </div>
      }
    </>
  );
}
