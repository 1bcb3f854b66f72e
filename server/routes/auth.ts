/**
 * Signing in and out, the CSRF token, and the caller's own account. Contract: foundation-contracts.md
 * ("Accounts — HTTP"). Session cookie: server/auth/sessions.ts; CSRF: server/auth/csrf.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record.js';
import { cookieOptions } from '../auth/cookies.js';
import { issueCsrfToken } from '../auth/csrf.js';
import { burnVerification, verifyPassword } from '../auth/password.js';
import { loadPrincipal } from '../auth/principal.js';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_TTL_MS } from '../auth/sessions.js';
import { normalizeUsername } from '../auth/usernames.js';
import { LOCALES } from '../commands/userCreator.js';
import { setUserPassword, updateUser } from '../commands/userUpdater.js';
import { nowIso } from '../db/time.js';
import { inTransaction } from '../db/transaction.js';
import { HttpError } from '../http/errors.js';
import { actorOf } from '../policies/principal.js';
import { authorizeUser } from '../policies/request.js';
import { MeSchema, presentMe } from '../presenters/user.js';

/** Per client IP and username: 10 attempts a minute, then 429 `rate_limited`. */
export const LOGIN_RATE_LIMIT = { max: 10, timeWindowMs: 60_000 };

const invalidCredentials = () => new HttpError(401, 'invalid_credentials', 'Wrong username or password');
const NoContent = z.null().meta({ description: 'No content' });

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.handle;
  const { config } = app.ctx;

  app.get(
    '/auth/csrf',
    {
      schema: {
        tags: ['auth'],
        summary: 'A CSRF token to send as header x-csrf-token on every POST/PUT/PATCH/DELETE',
        response: { 200: z.object({ token: z.string() }) },
      },
    },
    async (request, reply) => ({ token: issueCsrfToken(request, reply, config) }),
  );

  app.post(
    '/auth/login',
    {
      config: {
        rateLimit: {
          max: LOGIN_RATE_LIMIT.max,
          timeWindow: LOGIN_RATE_LIMIT.timeWindowMs,
          hook: 'preHandler', // after body parsing, so the key can include the username
          keyGenerator: (request) => {
            const body = request.body as { username?: unknown } | undefined;
            const username = typeof body?.username === 'string' ? normalizeUsername(body.username) : '';
            return `login|${request.ip}|${username}`;
          },
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password; sets the session cookie',
        body: z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) }),
        response: { 200: z.object({ user: MeSchema }) },
      },
    },
    async (request, reply) => {
      const username = normalizeUsername(request.body.username);
      const user = await db
        .selectFrom('app_user')
        .select(['id', 'username', 'password_hash', 'disabled'])
        .where('username', '=', username)
        .executeTakeFirst();
      if (!user || user.disabled) {
        await burnVerification(request.body.password); // same time and answer as a wrong password
        throw invalidCredentials();
      }
      if (!(await verifyPassword(user.password_hash, request.body.password))) throw invalidCredentials();

      const userAgent = request.headers['user-agent'] ?? null;
      const previous = request.principal?.sessionId ?? null;
      const session = await inTransaction(db, async (tx) => {
        // Signing in again replaces the session the browser had (no session fixation).
        if (previous) await deleteSession(tx, previous);
        const created = await createSession(tx, user.id, userAgent);
        await tx.updateTable('app_user').set({ last_login_at: nowIso() }).where('id', '=', user.id).execute();
        await recordAudit(
          tx,
          { kind: 'user', userId: user.id, username: user.username },
          {
            action: 'login',
            entityType: 'session',
            entityId: created.id, // SHA-256 of the token, never the token
            after: { userId: user.id, username: user.username, expiresAt: created.expiresAt.toISOString(), userAgent },
          },
        );
        return created;
      });
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(request, config, SESSION_TTL_MS / 1000));
      const principal = await loadPrincipal(db, user.id, session.id);
      if (!principal) throw invalidCredentials();
      return { user: presentMe(principal) };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session on the server and clears the cookie',
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      if (principal?.sessionId) {
        const sessionId = principal.sessionId;
        await inTransaction(db, async (tx) => {
          await deleteSession(tx, sessionId);
          await recordAudit(tx, actorOf(principal), {
            action: 'logout',
            entityType: 'session',
            entityId: sessionId,
            before: { userId: principal.userId, username: principal.username },
          });
        });
      }
      reply.clearCookie(SESSION_COOKIE, cookieOptions(request, config));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user with roles, or null',
        response: { 200: z.object({ user: MeSchema.nullable() }) },
      },
    },
    async (request) => ({ user: request.principal ? presentMe(request.principal) : null }),
  );

  app.patch(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my language (and display name)',
        body: z.object({ locale: z.enum(LOCALES).optional(), displayName: z.string().min(1).max(120).optional() }),
        response: { 200: z.object({ user: MeSchema }) },
      },
    },
    async (request) => {
      const principal = await authorizeUser(request, 'update', 'Account');
      await updateUser(db, actorOf(principal), principal.userId, request.body);
      const fresh = await loadPrincipal(db, principal.userId, principal.sessionId);
      return { user: presentMe(fresh ?? principal) };
    },
  );

  app.post(
    '/auth/password',
    {
      config: {
        rateLimit: {
          max: LOGIN_RATE_LIMIT.max,
          timeWindow: LOGIN_RATE_LIMIT.timeWindowMs,
          keyGenerator: (request) => `password|${request.ip}|${request.principal?.userId ?? ''}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Change my password (other sessions of mine are signed out)',
        body: z.object({ currentPassword: z.string().min(1).max(1000), newPassword: z.string().max(1000) }),
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const principal = await authorizeUser(request, 'update', 'Account');
      const row = await db
        .selectFrom('app_user')
        .select('password_hash')
        .where('id', '=', principal.userId)
        .executeTakeFirstOrThrow();
      if (!(await verifyPassword(row.password_hash, request.body.currentPassword))) {
        throw new HttpError(400, 'wrong_password', 'The current password is wrong', ['body', 'currentPassword']);
      }
      await setUserPassword(db, actorOf(principal), principal.userId, request.body.newPassword, principal.sessionId);
      return reply.status(204).send(null);
    },
  );
};
