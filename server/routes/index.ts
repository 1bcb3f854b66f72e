import type { FastifyInstance } from 'fastify';
import { surveyPageRoutes } from '../campaigns/page.js';
import { campaignRoutes } from '../campaigns/routes.js';
import { disclosureRoutes } from '../disclosures/routes.js';
import { documentRoutes } from '../documents/routes.js';
import { open311Routes } from '../feedback/open311.js';
import { feedbackRoutes } from '../feedback/routes.js';
import { inspectionRoutes } from '../inspections/routes.js';
import { publicPlanRoutes } from '../plans/public.js';
import { planRoutes } from '../plans/routes.js';
import { reminderRoutes } from '../reminders/routes.js';
import { surveyRoutes } from '../surveys/routes.js';
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
  await app.register(feedbackRoutes, { prefix: '/api' });
  await app.register(open311Routes, { prefix: '/api' });
  await app.register(campaignRoutes, { prefix: '/api' });
  await app.register(surveyPageRoutes); // GET /s/:token, the citizen form's HTML (not under /api)
  await app.register(surveyRoutes, { prefix: '/api' });
  await app.register(disclosureRoutes, { prefix: '/api' });
  await app.register(inspectionRoutes, { prefix: '/api' });
  await app.register(planRoutes, { prefix: '/api' });
  await app.register(publicPlanRoutes, { prefix: '/api' });
  await app.register(reminderRoutes, { prefix: '/api' });
  await app.register(documentRoutes, { prefix: '/api' });
}
