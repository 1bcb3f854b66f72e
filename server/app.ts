/**
 * The HTTP application: fastify with zod validation (one schema library → request validation and the
 * OpenAPI document at /api/docs), the stable JSON error shape, the API routes under /api and the
 * built web app (dist/web) for everything else.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { constants as zlib } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { registerAuth } from './auth/plugin.js';
import type { AppConfig } from './config.js';
import type { DbHandle } from './db/connection.js';
import { errorHandler } from './http/errors.js';
import { portalPreloads } from './http/preload.js';
import { registerApiRoutes } from './routes/index.js';
import { VERSION } from './version.js';

export interface AppContext {
  handle: DbHandle;
  config: AppConfig;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

/**
 * The built web app: dist/web, found from dist/server/app.js (compiled) or server/app.ts (source).
 * Never the web/ source folder, which holds uncompiled files.
 */
function webRoot(): string | undefined {
  const compiled = fileURLToPath(import.meta.url).includes('/dist/server/');
  const dir = fileURLToPath(new URL(compiled ? '../web' : '../dist/web', import.meta.url));
  return existsSync(`${dir}/index.html`) ? dir : undefined;
}

export async function buildApp(ctx: AppContext, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: ctx.config.logLevel },
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('ctx', ctx);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(fastifyHelmet, {
    // The SPA and Swagger UI load only our own scripts and styles; antd injects inline styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
      },
    },
  });

  // Weak rural networks: API answers (JSON, CSV, GeoJSON) go out compressed when the client accepts it;
  // brotli at quality 4 costs little CPU per response. The built web files are compressed once at build time.
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });

  // Cookies, CSRF guard, session → request.principal, login rate limit, route catalogue (server/auth).
  // Before any route, so its hooks cover them all.
  await registerAuth(app);

  // multipart/form-data uploads (server/files readMultipart sets each route's own, tighter limits).
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 10, fields: 100 } });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'OpenPAPI API',
        description: 'Units of government, PAPI scores, plans, reports, inspections and citizen engagement.',
        version: VERSION,
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'openpapi_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await registerApiRoutes(app);

  const root = webRoot();
  if (root) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      maxAge: '1h',
      // index-*.js.br / .gz written by the build (web/vite.config.ts), chosen by Accept-Encoding.
      preCompressed: true,
      setHeaders: (reply, path) => {
        // Hashed file names never change content: cache them for a year.
        if (path.includes('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  const preloads = root ? portalPreloads(root) : () => [];
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the SPA get index.html; unknown API paths get the JSON error shape.
    if (root && request.method === 'GET' && !request.url.startsWith('/api/')) {
      const links = preloads(request.url);
      if (links.length > 0) reply.header('link', links.join(', '));
      return reply.type('text/html').sendFile('index.html', root, { maxAge: 0 });
    }
    return reply.status(404).send({ code: 'not_found', message: `No route ${request.method} ${request.url}` });
  });

  return app;
}
