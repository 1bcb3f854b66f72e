/**
 * The one error shape of the HTTP API: `{ code, message, path? }` with HTTP status.
 * `code` is stable (clients branch on it), `message` is for people, `path` names the bad field.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { InputError } from '../../core/errors.js';

export interface ApiErrorBody {
  code: string;
  message: string;
  path?: (string | number)[];
  /** All field problems when there are several (the first one is also in code/message/path). */
  issues?: { path: (string | number)[]; message: string }[];
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: (string | number)[],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'You do not have access to this resource') =>
  new HttpError(403, 'forbidden', message);
export const unauthorized = (message = 'Sign in required') => new HttpError(401, 'unauthorized', message);
export const conflict = (message: string, path?: (string | number)[]) => new HttpError(409, 'conflict', message, path);

function zodIssues(issues: readonly { path: PropertyKey[]; message: string }[], prefix: (string | number)[]) {
  return issues.map((i) => ({
    path: [...prefix, ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))],
    message: i.message,
  }));
}

export function errorHandler(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  let status = 500;
  let body: ApiErrorBody = { code: 'internal_error', message: 'Internal server error' };

  if (err instanceof HttpError) {
    status = err.status;
    body = { code: err.code, message: err.message, ...(err.path ? { path: err.path } : {}) };
  } else if (hasZodFastifySchemaValidationErrors(err)) {
    const part = (err as FastifyError).validationContext ?? 'body';
    const issues = err.validation.map((v) => ({
      path: [part, ...v.instancePath.split('/').filter(Boolean)],
      message: v.message ?? 'invalid value',
    }));
    status = 400;
    body = {
      code: 'validation_failed',
      message: issues[0]?.message ?? 'Invalid request',
      path: issues[0]?.path,
      issues,
    };
  } else if (err instanceof ZodError) {
    const issues = zodIssues(err.issues, ['body']);
    status = 400;
    body = { code: 'validation_failed', message: issues[0]?.message ?? 'Invalid input', path: issues[0]?.path, issues };
  } else if (err instanceof InputError) {
    status = 400;
    body = { code: err.code, message: err.toString(), ...(err.location.path ? { path: err.location.path } : {}) };
  } else if ('statusCode' in err && typeof err.statusCode === 'number' && err.statusCode < 500) {
    // Errors raised by fastify and its plugins (CSRF, rate limit, body too large, bad JSON…).
    status = err.statusCode;
    const code = 'code' in err && typeof err.code === 'string' ? err.code.toLowerCase() : 'bad_request';
    body = { code: status === 429 ? 'rate_limited' : code, message: err.message };
  }

  if (status >= 500) request.log.error({ err }, 'request failed');
  reply.status(status).send(body);
}
