import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { boundaryRoutes } from './boundaries.js';
import { frameworkRoutes } from './frameworks.js';
import { healthRoutes } from './health.js';
import { scoreRoutes } from './scores.js';
import { unitAdminRoutes } from './unit-admin.js';
import { unitRoutes } from './units.js';
import { userRoutes } from './users.js';

/**
 * One module per domain area, all under /api. Add one line per module.
 */
export async function registerApiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(unitRoutes, { prefix: '/api' });
  await app.register(authRoutes, { prefix: '/api' });
  await app.register(userRoutes, { prefix: '/api' });
  await app.register(auditRoutes, { prefix: '/api' });
  await app.register(unitAdminRoutes, { prefix: '/api' });
  await app.register(scoreRoutes, { prefix: '/api' });
  await app.register(frameworkRoutes, { prefix: '/api' });
  await app.register(boundaryRoutes, { prefix: '/api' });
}
