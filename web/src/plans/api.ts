/**
 * The plans module as the web app sees it: DTOs of /api/plans, /api/tasks and /api/reports (shapes
 * from server/plans/README.md; the live schema is at /api/docs) and the react-query hooks the pages use.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { periodsOfYear } from '../../../core/plans/periods';
import type {
  PlanDetail as PlanDetailDto,
  PlanProposal as PlanProposalDto,
  PlanSummary as PlanSummaryDto,
  ReportBoard as ReportBoardDto,
  ReportDetail as ReportDetailDto,
  ReportSummary as ReportSummaryDto,
  TaskDetail as TaskDetailDto,
  Task as TaskDto0,
  TaskInput as TaskInputDto,
  UnitRef as UnitRefDto,
} from '../../../server/plans/schemas';
import { ApiError, type ApiErrorBody, api, apiGet } from '../api/client';

// The DTOs are the server's zod schemas (server/plans/schemas.ts), inferred: one truth for both sides.
export type PlanSummary = PlanSummaryDto;
export type PlanDetail = PlanDetailDto;
export type TaskDto = TaskDto0;
export type TaskDetail = TaskDetailDto;
export type TaskInput = TaskInputDto;
export type PlanProposal = PlanProposalDto;
export type ReportSummary = ReportSummaryDto;
export type ReportDetail = ReportDetailDto;
export type Board = ReportBoardDto;
export type BoardRow = Board['rows'][number];
export type UnitRef = UnitRefDto;
export type PlanStatus = PlanSummary['status'];
export type TaskStatus = TaskDto['status'];
export type ReportStatus = ReportSummary['status'];
export type PlanTarget = PlanDetail['targets'][number];
export type ReportTaskLine = ReportDetail['tasks'][number];
export type StoredFileMeta = TaskDetail['evidence'][number];

export const DIMENSIONS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

/* ----- fetching ----- */

const enc = encodeURIComponent;

export const plansKeys = {
  all: ['plans'] as const,
  list: (q: object) => ['plans', 'list', q] as const,
  plan: (id: string) => ['plans', 'plan', id] as const,
  tasks: (planId: string) => ['plans', 'tasks', planId] as const,
  task: (id: string) => ['plans', 'task', id] as const,
  reports: ['reports'] as const,
  board: (q: object) => ['reports', 'board', q] as const,
  report: (id: string) => ['reports', 'report', id] as const,
};

export function usePlans(query: { year?: number; unitId?: string }) {
  return useQuery({
    queryKey: plansKeys.list(query),
    queryFn: () => apiGet<{ plans: PlanSummary[] }>('/api/plans', query),
  });
}

export function usePlan(id: string | undefined) {
  return useQuery({
    queryKey: plansKeys.plan(id ?? ''),
    queryFn: () => apiGet<PlanDetail>(`/api/plans/${enc(id ?? '')}`),
    enabled: !!id,
  });
}

export function useTask(id: string | undefined) {
  return useQuery({
    queryKey: plansKeys.task(id ?? ''),
    queryFn: () => apiGet<TaskDetail>(`/api/tasks/${enc(id ?? '')}`),
    enabled: !!id,
  });
}

export function useBoard(query: { period: string; unitId?: string }) {
  return useQuery({
    queryKey: plansKeys.board(query),
    queryFn: () => apiGet<Board>('/api/reports/board', query),
  });
}

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: plansKeys.report(id ?? ''),
    queryFn: () => apiGet<ReportDetail>(`/api/reports/${enc(id ?? '')}`),
    enabled: !!id,
  });
}

/** A write that refreshes everything of the module afterwards (plans, tasks and reports move together). */
export function useWrite<TVars, TResult = unknown>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: plansKeys.all }),
        queryClient.invalidateQueries({ queryKey: plansKeys.reports }),
      ]);
    },
  });
}

export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);

/** A refused upload, with the whole error body (an importer may list every problem it found). */
export class UploadError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    path: ApiErrorBody['path'],
    issues: ApiErrorBody['issues'],
    readonly body: unknown,
  ) {
    super(status, code, message, path, issues);
  }
}

/**
 * multipart/form-data POST (evidence files, XLSX import): the JSON client cannot send files. Same CSRF
 * token scheme as web/src/api/client.ts (a token from GET /api/auth/csrf in the x-csrf-token header).
 */
export async function postMultipart<T>(path: string, form: FormData): Promise<T> {
  const send = async () => {
    const { token } = await apiGet<{ token: string }>('/api/auth/csrf');
    return fetch(path, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-csrf-token': token },
    });
  };
  let res: Response;
  try {
    res = await send();
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'network error');
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const body = data as Partial<ApiErrorBody> | undefined;
    if (body && typeof body.code === 'string' && typeof body.message === 'string') {
      throw new UploadError(res.status, body.code, body.message, body.path, body.issues, data);
    }
    throw new ApiError(res.status, res.status >= 500 ? 'internal_error' : 'unknown', res.statusText || text);
  }
  return data as T;
}

/** Download links are plain same-origin GETs: the session cookie is enough. */
export const downloadUrl = {
  planDocx: (id: string) => `/api/plans/${enc(id)}/document.docx`,
  planPdf: (id: string) => `/api/plans/${enc(id)}/document.pdf`,
  planXlsx: (id: string) => `/api/plans/${enc(id)}/tasks.xlsx`,
  reportDocx: (id: string) => `/api/reports/${enc(id)}/document.docx`,
  reportPdf: (id: string) => `/api/reports/${enc(id)}/document.pdf`,
  evidence: (taskId: string, fileId: string) => `/api/tasks/${enc(taskId)}/evidence/${enc(fileId)}`,
};

/** Period ids of a year in the order their windows close (core/plans/periods.ts). */
export function periodsOf(year: number): string[] {
  return periodsOfYear(year).map((p) => p.id);
}
