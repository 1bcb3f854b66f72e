/**
 * Units of government (đơn vị hành chính), public read API: list/search as of a date, one unit with
 * its ancestors, children, and the old → new crosswalk. No login needed; writes (departments, offices)
 * live with the accounts routes and reuse server/units/repository.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayIso } from '../db/time.js';
import { notFound } from '../http/errors.js';
import {
  CrosswalkDtoSchema,
  presentCrosswalk,
  presentUnit,
  UnitDetailDtoSchema,
  UnitDtoSchema,
} from '../presenters/unit.js';
import { countChildren, findAncestors, findUnit, listChildren, listCrosswalk, listUnits } from '../units/repository.js';
import { isUnitType, UNIT_TYPES, type UnitType } from '../units/types.js';

const IsoDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

const TypeList = z
  .string()
  .refine((s) => s.split(',').every((t) => isUnitType(t.trim())), {
    error: `each type must be one of ${UNIT_TYPES.join(', ')} (province and commune include their whole level)`,
  })
  .meta({
    description:
      'comma-separated unit types; `province` also matches centrally-run cities, `commune` also wards and special zones',
    example: 'province,commune',
  });

const ListQuery = z.object({
  q: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'words matched without diacritics or case', example: 'ha noi' }),
  asOf: IsoDate.optional().meta({ description: 'only units existing on this day (default: today)' }),
  type: TypeList.optional(),
  parentId: z.string().max(100).optional(),
  level: z.coerce.number().int().min(1).max(20).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const UnitList = z.object({ items: z.array(UnitDtoSchema), total: z.number().int(), asOf: z.string() });
const IdParams = z.object({ id: z.string().min(1).max(100).meta({ example: 'vn2025:33' }) });
const AsOfQuery = z.object({ asOf: IsoDate.optional() });

const parseTypes = (s: string | undefined): UnitType[] | undefined =>
  s === undefined ? undefined : s.split(',').map((t) => t.trim() as UnitType);

export const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.handle.db;

  app.get(
    '/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Search units of government as of a date (Vietnamese order, diacritics-insensitive)',
        querystring: ListQuery,
        response: { 200: UnitList },
      },
    },
    async (req) => {
      const asOf = req.query.asOf ?? todayIso();
      const { rows, total } = await listUnits(db(), {
        asOf,
        q: req.query.q,
        types: parseTypes(req.query.type),
        parentId: req.query.parentId,
        level: req.query.level,
        limit: req.query.limit,
        offset: req.query.offset,
      });
      return { items: rows.map(presentUnit), total, asOf };
    },
  );

  app.get(
    '/units/crosswalk',
    {
      schema: {
        tags: ['units'],
        summary: 'Old → new units after the 2025 mergers (sáp nhập); filter by from and/or to',
        querystring: z.object({ from: z.string().max(100).optional(), to: z.string().max(100).optional() }),
        response: { 200: z.object({ items: z.array(CrosswalkDtoSchema) }) },
      },
    },
    async (req) => {
      const rows = await listCrosswalk(db(), { from: req.query.from, to: req.query.to });
      return { items: rows.map(presentCrosswalk) };
    },
  );

  app.get(
    '/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: 'One unit with its ancestors (root first) and its number of children as of a date',
        params: IdParams,
        querystring: AsOfQuery,
        response: { 200: UnitDetailDtoSchema },
      },
    },
    async (req) => {
      const unit = await findUnit(db(), req.params.id);
      if (!unit) throw notFound(`Unit ${req.params.id}`);
      const asOf = req.query.asOf ?? todayIso();
      const [ancestors, childCount] = await Promise.all([
        findAncestors(db(), unit),
        countChildren(db(), unit.id, asOf),
      ]);
      return { ...presentUnit(unit), ancestors: ancestors.map(presentUnit), childCount };
    },
  );

  app.get(
    '/units/:id/children',
    {
      schema: {
        tags: ['units'],
        summary: 'Direct children of a unit existing on a date, in Vietnamese order',
        params: IdParams,
        querystring: AsOfQuery,
        response: { 200: UnitList },
      },
    },
    async (req) => {
      const unit = await findUnit(db(), req.params.id);
      if (!unit) throw notFound(`Unit ${req.params.id}`);
      const asOf = req.query.asOf ?? todayIso();
      const rows = await listChildren(db(), unit.id, asOf);
      return { items: rows.map(presentUnit), total: rows.length, asOf };
    },
  );
};
