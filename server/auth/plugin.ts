/**
 * Wires accounts into the fastify app (called from buildApp before the routes): cookies, the CSRF
 * guard, the session → `request.principal` hook, the rate limiter (used by login), and a catalogue of
 * every registered route (`app.routeCatalogue`, used by the role × endpoint matrix test).
 * Registered directly on the root instance (not encapsulated) so its hooks cover every route.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '../policies/principal.js';
import { cookieOptions } from './cookies.js';
import { csrfGuard } from './csrf.js';
import { loadPrincipal } from './principal.js';
import { SESSION_COOKIE, SESSION_TTL_MS, validateSession } from './sessions.js';

export interface RouteEntry {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after registerAuth, as method + URL pattern (HEAD omitted). */
    routeCatalogue: RouteEntry[];
  }
}

export async function registerAuth(app: FastifyInstance): Promise<void> {
  const routes: RouteEntry[] = [];
  app.decorate('routeCatalogue', routes);
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      if (method !== 'HEAD') routes.push({ method, url: route.url });
    }
  });

  await app.register(fastifyCookie);
  // Only routes that ask for it (config.rateLimit) are limited: login.
  await app.register(fastifyRateLimit, { global: false });

  app.decorateRequest('principal', null);
  app.addHook('onRequest', csrfGuard);
  app.addHook('onRequest', async (request, reply) => attachPrincipal(app, request, reply));
}

async function attachPrincipal(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.url.startsWith('/api/')) return;
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const { db } = app.ctx.handle;
  const session = await validateSession(db, token);
  const principal = session ? await loadPrincipal(db, session.userId, session.id) : null;
  if (!session || !principal) {
    reply.clearCookie(SESSION_COOKIE, cookieOptions(request, app.ctx.config));
    return;
  }
  request.principal = principal;
  if (session.refreshed) {
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(request, app.ctx.config, SESSION_TTL_MS / 1000));
  }
}
