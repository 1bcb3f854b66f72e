import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Secure flag: forced on/off by OPENPAPI_SECURE_COOKIES=1/0; 'auto' sets it on HTTPS requests (also
 * behind a proxy sending X-Forwarded-Proto) and whenever the server listens beyond loopback, and leaves
 * it off only for plain HTTP on loopback, where browsers would drop a Secure cookie.
 */
export function secureCookie(request: FastifyRequest, config: AppConfig): boolean {
  if (config.secureCookies !== 'auto') return config.secureCookies;
  return request.protocol === 'https' || !LOOPBACK_HOSTS.has(config.host);
}

/** HttpOnly, SameSite=Lax, path '/', Secure per secureCookie(). */
export function cookieOptions(
  request: FastifyRequest,
  config: AppConfig,
  maxAgeSeconds?: number,
): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookie(request, config),
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}
