/**
 * PAPI frameworks (khung chỉ số) as data, public: which dimensions and sub-dimensions each era measured,
 * their Vietnamese and English names, scales, and what changed at each era break (comparability).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../http/errors.js';
import { referenceData } from '../scores/repository.js';

const Subdimension = z.object({
  code: z.string(),
  conceptId: z.string().meta({ description: 'stable id of the concept across eras' }),
  nameVi: z.string(),
  nameEn: z.string(),
  nameViStatus: z.string(),
  weight: z.number(),
  indicatorList: z.string().meta({ description: 'official | inferred-illustrative | unknown' }),
});
const Dimension = z.object({
  code: z.string(),
  number: z.number().int(),
  nameVi: z.string(),
  nameEn: z.string(),
  subdimensions: z.array(Subdimension),
});
const FrameworkSummary = z.object({
  id: z.string(),
  era: z.string(),
  years: z.object({ from: z.number().int(), to: z.number().int() }),
  nameVi: z.string(),
  nameEn: z.string(),
  totalRange: z.tuple([z.number(), z.number()]),
  comparability: z
    .object({ previous: z.string(), revisedDimensions: z.array(z.string()), notes: z.string() })
    .nullable()
    .meta({ description: 'dimensions revised at the start of this era (not comparable with the previous one)' }),
  dimensions: z.array(Dimension),
});
const FrameworkDetail = FrameworkSummary.extend({
  officialIndicatorList: z.object({ status: z.string(), note: z.string() }),
  sources: z.array(z.string()),
  indicators: z
    .array(
      z.object({
        subdimension: z.string(),
        code: z.string(),
        status: z.string(),
        nameVi: z.string(),
        nameEn: z.string(),
        direction: z.string(),
      }),
    )
    .meta({ description: 'indicators per sub-dimension (status inferred until the official list is transcribed)' }),
});

type Fw = Awaited<ReturnType<typeof referenceData>>['frameworks']['frameworks'][number];

const summary = (f: Fw): z.infer<typeof FrameworkSummary> => ({
  id: f.id,
  era: f.era,
  years: f.years,
  nameVi: f.nameVi,
  nameEn: f.nameEn,
  totalRange: f.aggregate.range,
  comparability: f.comparability ?? null,
  dimensions: f.dimensions.map((d) => ({
    code: d.code,
    number: d.number,
    nameVi: d.nameVi,
    nameEn: d.nameEn,
    subdimensions: d.subdimensions.map((s) => ({
      code: s.code,
      conceptId: s.conceptId,
      nameVi: s.nameVi,
      nameEn: s.nameEn,
      nameViStatus: s.nameViStatus,
      weight: s.weight,
      indicatorList: s.indicatorList,
    })),
  })),
});

export const frameworkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/frameworks',
    {
      schema: {
        tags: ['scores'],
        summary: 'PAPI frameworks by era: dimensions and sub-dimensions with names and comparability',
        response: { 200: z.object({ items: z.array(FrameworkSummary) }) },
      },
    },
    async () => ({ items: (await referenceData()).frameworks.frameworks.map(summary) }),
  );

  app.get(
    '/frameworks/:id',
    {
      schema: {
        tags: ['scores'],
        summary: 'One PAPI framework with its indicator list and sources',
        params: z.object({ id: z.string().max(40).meta({ example: 'papi-2021-2024' }) }),
        response: { 200: FrameworkDetail },
      },
    },
    async (req) => {
      const f = (await referenceData()).frameworks.frameworks.find((x) => x.id === req.params.id);
      if (!f) throw notFound(`Framework ${req.params.id}`);
      return {
        ...summary(f),
        officialIndicatorList: f.officialIndicatorList,
        sources: f.sources,
        indicators: f.dimensions.flatMap((d) =>
          d.subdimensions.flatMap((s) =>
            s.indicators.map((i) => ({
              subdimension: s.code,
              code: i.code,
              status: i.status,
              nameVi: i.nameVi,
              nameEn: i.nameEn,
              direction: i.direction,
            })),
          ),
        ),
      };
    },
  );
};
