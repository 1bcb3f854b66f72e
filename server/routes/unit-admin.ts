/**
 * Unit administration: departments and offices (sở, phòng) under a unit in the caller's reach, and
 * renaming/closing them. Official units (vn2008, vn2025) change only through the units import.
 * Reading units is public: server/routes/units.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createLocalUnit, LOCAL_UNIT_TYPES } from '../commands/unitCreator.js';
import { updateLocalUnit } from '../commands/unitUpdater.js';
import { notFound } from '../http/errors.js';
import { actorOf } from '../policies/principal.js';
import { authorizeUser, unitForPolicy } from '../policies/request.js';
import { presentUnit, UnitDtoSchema } from '../presenters/unit.js';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const unitAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.handle;

  app.post(
    '/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Create a department or office under a unit in your reach (id local:<uuid>)',
        body: z.object({
          parentId: z.string().min(1).meta({ example: 'vn2025:33' }),
          nameVi: z.string().min(1).max(200).meta({ example: 'Sở Nội vụ' }),
          nameEn: z.string().min(1).max(200).meta({ example: 'Department of Home Affairs' }),
          unitType: z.enum(LOCAL_UNIT_TYPES),
          code: z.string().min(1).max(50).optional().meta({ description: 'your own code; unique among local units' }),
        }),
        response: { 201: UnitDtoSchema },
      },
    },
    async (request, reply) => {
      // You create "in" the parent: the parent must be in your reach.
      const principal = await authorizeUser(request, 'create', 'Unit', request.body.parentId);
      const unit = await createLocalUnit(db, actorOf(principal), request.body);
      return reply.status(201).send(presentUnit(unit));
    },
  );

  app.patch(
    '/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: 'Rename or close (validTo) a department or office in your reach',
        params: z.object({ id: z.string().min(1) }),
        body: z.object({
          nameVi: z.string().min(1).max(200).optional(),
          nameEn: z.string().min(1).max(200).optional(),
          validTo: IsoDay.nullable().optional().meta({ description: 'last day it exists; null reopens it' }),
        }),
        response: { 200: UnitDtoSchema },
      },
    },
    async (request) => {
      await authorizeUser(request, 'update', 'Unit');
      const unit = await unitForPolicy(request, request.params.id);
      if (!unit) throw notFound('Unit');
      const principal = await authorizeUser(request, 'update', 'Unit', {
        unitPath: unit.path,
        official: unit.official,
      });
      return presentUnit(await updateLocalUnit(db, actorOf(principal), unit.id, request.body));
    },
  );
};
