/**
 * CSRF protection for state-changing requests (double-submit with a signed token, as
 * @fastify/csrf-protection does with cookies; written out here so a failure answers our stable
 * `{ code: 'csrf_invalid' }` shape, which the plugin cannot).
 *
 * GET /api/auth/csrf sets an HttpOnly secret cookie (once per browser) and returns a token
 * `nonce.HMAC-SHA256(secret, nonce)`. Every POST/PUT/PATCH/DELETE under /api must send the token in
 * the `x-csrf-token` header. Another site can neither read the secret cookie nor our response, so it
 * cannot forge the header. Login is protected too (no login CSRF).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config.js';
import { HttpError } from '../http/errors.js';
import { cookieOptions } from './cookies.js';

export const CSRF_COOKIE = 'openpapi_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const CSRF_COOKIE_MAX_AGE_S = 30 * 24 * 60 * 60;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const csrfInvalid = () =>
  new HttpError(403, 'csrf_invalid', 'Missing or invalid CSRF token: get one from GET /api/auth/csrf');

const sign = (secret: string, nonce: string): string => createHmac('sha256', secret).update(nonce).digest('base64url');

/** A fresh token for this browser, setting the secret cookie when it has none. */
export function issueCsrfToken(request: FastifyRequest, reply: FastifyReply, config: AppConfig): string {
  let secret = request.cookies[CSRF_COOKIE];
  if (!secret || secret.length < 32) {
    secret = randomBytes(32).toString('base64url');
    reply.setCookie(CSRF_COOKIE, secret, cookieOptions(request, config, CSRF_COOKIE_MAX_AGE_S));
  }
  const nonce = randomBytes(16).toString('base64url');
  return `${nonce}.${sign(secret, nonce)}`;
}

export function csrfTokenValid(secret: string | undefined, token: string | undefined): boolean {
  if (!secret || !token) return false;
  const [nonce, mac, extra] = token.split('.');
  if (!nonce || !mac || extra !== undefined) return false;
  const expected = Buffer.from(sign(secret, nonce));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: a cookie-less public API for other sites' clients (Open311), which sessions never authorise. */
    csrf?: boolean;
  }
}

/** onRequest hook: rejects state-changing /api requests without a valid token. */
export async function csrfGuard(request: FastifyRequest): Promise<void> {
  if (!STATE_CHANGING.has(request.method) || !request.url.startsWith('/api/')) return;
  if (request.routeOptions.config?.csrf === false) return;
  const header = request.headers[CSRF_HEADER];
  const token = Array.isArray(header) ? header[0] : header;
  if (!csrfTokenValid(request.cookies[CSRF_COOKIE], token)) throw csrfInvalid();
}
