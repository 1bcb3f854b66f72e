/**
 * The one way the web app talks to the API: same-origin fetch with the session cookie, the CSRF
 * token on every write, JSON in and out, and the API error shape `{ code, message, path }` turned
 * into an `ApiError` (see errors.ts for the sentence shown to people).
 */

export interface ApiErrorBody {
  code: string;
  message: string;
  path?: (string | number)[];
  issues?: { path: (string | number)[]; message: string }[];
}

export class ApiError extends Error {
  constructor(
    /** HTTP status, 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: (string | number)[],
    readonly issues?: ApiErrorBody['issues'],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

let csrfToken: Promise<string> | undefined;

/** The CSRF token, fetched once and reused; forget it when the session changes (login, logout). */
export function forgetCsrfToken(): void {
  csrfToken = undefined;
}

function getCsrfToken(): Promise<string> {
  csrfToken ??= request<{ token: string }>('GET', '/api/auth/csrf').then((r) => r.token);
  csrfToken.catch(() => forgetCsrfToken());
  return csrfToken;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).code === 'string' &&
    typeof (value as ApiErrorBody).message === 'string'
  );
}

async function request<T>(method: string, path: string, body?: unknown, csrf?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrf) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
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
    if (isErrorBody(data)) throw new ApiError(res.status, data.code, data.message, data.path, data.issues);
    throw new ApiError(res.status, res.status >= 500 ? 'internal_error' : 'unknown', res.statusText || text);
  }
  return data as T;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One API call. Writes carry the CSRF token; a stale token is refreshed once and the call retried. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  if (!WRITES.has(method)) return request<T>(method, path, body);
  try {
    return await request<T>(method, path, body, await getCsrfToken());
  } catch (err) {
    if (err instanceof ApiError && err.code === 'csrf_invalid') {
      forgetCsrfToken();
      return request<T>(method, path, body, await getCsrfToken());
    }
    throw err;
  }
}

export const apiGet = <T>(path: string, query?: Query) => api<T>('GET', withQuery(path, query));
