/**
 * GET /s/:token — the citizen survey form's own HTML entry (dist/web/survey.html: React and the form
 * only, no antd), so a phone on a weak network loads a fraction of the officials' bundle. Without a
 * build (tests, `npm run dev`) the SPA's index.html answers instead, whose router has the same page.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../http/errors.js';
import { TOKEN_PATTERN } from './tokens.js';

/** dist/web, from the sources (tsx) or from the compiled server (dist/server/campaigns). */
export function webDir(): string {
  const compiled = fileURLToPath(import.meta.url).includes('/dist/server/');
  return fileURLToPath(new URL(compiled ? '../../web' : '../../dist/web', import.meta.url));
}

export const surveyPageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/s/:token',
    {
      schema: {
        hide: true,
        params: z.object({ token: z.string().regex(TOKEN_PATTERN) }),
      },
    },
    async (_request, reply) => {
      const dir = webDir();
      const file = [`${dir}/survey.html`, `${dir}/index.html`].find((f) => existsSync(f));
      if (!file) throw notFound('Web app (not built)');
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(await readFile(file, 'utf8'));
    },
  );
};
