import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health.js';
import { unitRoutes } from './units.js';

/**
 * One module per domain area, all under /api. Add one line per module.
 */
export async function registerApiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(unitRoutes, { prefix: '/api' });
}
